"""Mentor services: a mentor's own profile (saved, then queued for matching) and the mentor directory."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from incubator.accounts.models import User
from incubator.audit.services import changed_fields, save_and_announce
from incubator.extensions import db
from incubator.matchcore.normalize import fold
from incubator.mentors.models import MentorProfile, Mentorship
from incubator.pagination import Pagination, paginate_list

FIELDS = ("headline", "expertise", "sectors", "languages", "capacity_per_month", "max_mentees", "available")
LANGUAGES = ("vi", "en")


def profile_values(data: dict) -> dict:
    """The profile's columns from form data; languages stored as "vi,en" in a fixed order."""
    values = {name: data[name] for name in FIELDS}
    values["languages"] = ",".join(code for code in LANGUAGES if code in data["languages"])
    values["max_mentees"] = data.get("max_mentees") if data.get("max_mentees") is not None else 3
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


def active_counts() -> dict[int, int]:
    """Active mentorships per mentor user id."""
    query = select(Mentorship.mentor_id, func.count()).where(Mentorship.status == "active")
    return dict(db.session.execute(query.group_by(Mentorship.mentor_id)).all())


def has_words(text: str, words: list[str]) -> bool:
    """Whether every one of the folded `words` is in `text` (accents and case ignored)."""
    folded = fold(text)
    return all(word in folded for word in words)


def mentor_directory(
    text: str = "",
    sector: str = "",
    language: str = "",
    has_capacity: bool = False,
    page: int = 1,
    expertise: str = "",
) -> Pagination:
    """One page of (profile, free places) with every word of `text`, `expertise` and `sector`.

    Accents and case are ignored; `expertise` looks in the mentor's expertise only."""
    profiles = db.session.scalars(select(MentorProfile).options(selectinload(MentorProfile.user)))
    counts, words = active_counts(), fold(text).split()
    skills, sectors = fold(expertise).split(), fold(sector).split()
    found = []
    for profile in profiles:
        free = max(profile.max_mentees - counts.get(profile.user_id, 0), 0) if profile.available else 0
        everything = " ".join((profile.user.full_name, profile.headline, profile.expertise, profile.sectors))
        if not (has_words(everything, words) and has_words(profile.sectors, sectors)):
            continue
        if not has_words(profile.expertise, skills):
            continue
        if (language and language not in profile.languages.split(",")) or (has_capacity and free == 0):
            continue
        found.append((profile, free))
    found.sort(key=lambda pair: (pair[0].user.full_name, pair[0].id))
    return paginate_list(found, page)
