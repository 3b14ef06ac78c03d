"""Every domain's models in one place, for Alembic and `flask shell`."""

from incubator.accounts.models import User
from incubator.audit.models import AuditEvent
from incubator.challenges.models import Capability, Challenge
from incubator.labs.models import Booking, Lab
from incubator.matching.models import MatchingRun, PendingMatch, RunModel, RunShard, Suggestion
from incubator.mentors.models import MentorProfile
from incubator.notifications.models import Notification
from incubator.organizations.models import Membership, Organization
from incubator.partnerships.models import Introduction, Partnership, PartnershipOutcome
from incubator.review.models import Application, ApplicationReview, Program
from incubator.startups.models import Startup

__all__ = [
    "Application",
    "ApplicationReview",
    "AuditEvent",
    "Booking",
    "Capability",
    "Challenge",
    "Introduction",
    "Lab",
    "MatchingRun",
    "Membership",
    "MentorProfile",
    "Notification",
    "Organization",
    "Partnership",
    "PartnershipOutcome",
    "PendingMatch",
    "Program",
    "RunModel",
    "RunShard",
    "Startup",
    "Suggestion",
    "User",
]
