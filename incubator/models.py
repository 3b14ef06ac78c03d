"""Every domain's models in one place, for Alembic and `flask shell`."""

from incubator.accounts.models import User
from incubator.api.models import ApiToken
from incubator.audit.models import AuditEvent
from incubator.challenges.models import Capability, Challenge
from incubator.glossary.models import GlossaryCandidate, GlossaryTerm
from incubator.idempotency.models import IdempotencyKey
from incubator.labs.models import Booking, CalendarFeed, ClosedDate, Lab, OpeningHours, Training
from incubator.matching.models import MatchingRun, PendingMatch, RunModel, RunShard, Suggestion
from incubator.mentors.models import ContactCard, MentorMeeting, MentorProfile, MentorSession, Mentorship
from incubator.notifications.models import Notification
from incubator.organizations.models import Membership, Organization
from incubator.outbox.models import OutboxMessage
from incubator.partnerships.models import Introduction, Partnership, PartnershipOutcome
from incubator.review.models import (
    Application,
    ApplicationReview,
    Program,
    ReviewConflict,
    ReviewerAssignment,
)
from incubator.search.models import SearchEntry
from incubator.startups.models import Startup

__all__ = [
    "ApiToken",
    "Application",
    "ApplicationReview",
    "AuditEvent",
    "Booking",
    "CalendarFeed",
    "Capability",
    "Challenge",
    "GlossaryCandidate",
    "GlossaryTerm",
    "IdempotencyKey",
    "ClosedDate",
    "Introduction",
    "Lab",
    "MatchingRun",
    "Membership",
    "ContactCard",
    "MentorMeeting",
    "MentorProfile",
    "MentorSession",
    "Mentorship",
    "Notification",
    "OpeningHours",
    "Organization",
    "OutboxMessage",
    "Partnership",
    "PartnershipOutcome",
    "PendingMatch",
    "Program",
    "ReviewConflict",
    "ReviewerAssignment",
    "RunModel",
    "RunShard",
    "SearchEntry",
    "Startup",
    "Suggestion",
    "Training",
    "User",
]
