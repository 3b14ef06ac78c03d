"""Mentor services: a mentor's own profile, created or edited, then queued for matching."""

from __future__ import annotations

from sqlalchemy import select

from incubator.accounts.models import User
from incubator.audit.services import changed_fields, save_and_announce
from incubator.extensions import db
from incubator.mentors.models import MentorProfile

FIELDS = ("headline", "expertise", "sectors", "languages", "capacity_per_month", "available")
LANGUAGES = ("vi", "en")


def profile_values(data: dict) -> dict:
    """The profile's columns from form data; languages stored as "vi,en" in a fixed order."""
    values = {name: data[name] for name in FIELDS}
    values["languages"] = ",".join(code for code in LANGUAGES if code in data["languages"])
    return values


def find_mentor_profile(user: User) -> MentorProfile | None:
    """`user`'s mentor profile, if any."""
    return db.session.scalar(select(MentorProfile).where(MentorProfile.user_id == user.id))


def create_mentor_profile(user: User, data: dict) -> tuple[MentorProfile, bool]:
    """Save `user`'s first mentor profile, then queue its match; also return whether it was queued."""
    profile = MentorProfile(user_id=user.id, **profile_values(data))
    return profile, save_and_announce("mentor", profile, user.id, "mentor_profile.created")


def update_mentor_profile(profile: MentorProfile, data: dict, actor_id: int) -> bool:
    """Save a mentor profile's edited fields, then queue its match; return whether it was queued."""
    changed = changed_fields(profile, profile_values(data), FIELDS)
    return save_and_announce("mentor", profile, actor_id, "mentor_profile.updated", fields=changed)
