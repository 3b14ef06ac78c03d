"""Mentor services: a mentor's own profile (saved, then queued for matching) and the mentor directory."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from incubator.accounts.models import User
from incubator.audit.services import changed_fields, save_and_announce
from incubator.extensions import db
from incubator.mentors.models import MentorProfile, Mentorship
from incubator.pagination import paginate
from incubator.search import index as search_index
from incubator.search.query import Found, Search, found_through, parse

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


def active_counts(mentor_ids: list[int]) -> dict[int, int]:
    """Active mentorships of each of the mentors `mentor_ids` (user ids)."""
    query = select(Mentorship.mentor_id, func.count())
    query = query.where(Mentorship.status == "active", Mentorship.mentor_id.in_(mentor_ids))
    return dict(db.session.execute(query.group_by(Mentorship.mentor_id)).all())


def mentor_texts(ids: list[int] | None) -> Select:
    """A mentor's searchable text: name, headline, expertise and sectors (search entries "mentor")."""
    query = select(MentorProfile.id, User.full_name, MentorProfile.headline, MentorProfile.expertise,
                   MentorProfile.sectors).join(User, User.id == MentorProfile.user_id)  # fmt: skip
    return query if ids is None else query.where(MentorProfile.id.in_(ids))


def expertise_texts(ids: list[int] | None) -> Select:
    """A mentor's expertise alone (kind "mentor_expertise": the expertise filter)."""
    query = select(MentorProfile.id, MentorProfile.expertise)
    return query if ids is None else query.where(MentorProfile.id.in_(ids))


def sector_texts(ids: list[int] | None) -> Select:
    """A mentor's sectors alone (kind "mentor_sectors": the sector filter)."""
    query = select(MentorProfile.id, MentorProfile.sectors)
    return query if ids is None else query.where(MentorProfile.id.in_(ids))


search_index.register("mentor", MentorProfile, mentor_texts, follows=(User, MentorProfile.user_id))
search_index.register("mentor_expertise", MentorProfile, expertise_texts)
search_index.register("mentor_sectors", MentorProfile, sector_texts)


def mentor_directory(
    text: str = "",
    sector: str = "",
    language: str = "",
    has_capacity: bool = False,
    page: int = 1,
    expertise: str = "",
) -> Found:
    """One page of (profile, free places) with every word of `text`, `expertise` and `sector`, by name.

    Accents and case are ignored, and a glossary term meets its concept in the other language;
    `expertise` looks in the mentor's expertise only."""
    searches = {kind: parse(db.session, words) for kind, words in
                (("mentor", text), ("mentor_expertise", expertise), ("mentor_sectors", sector))}  # fmt: skip
    query = _directory_query(searches, language, has_capacity)
    found = paginate(query, page)
    counts = active_counts([profile.user_id for profile in found.items])
    found.items = [(profile, free_places(profile, counts)) for profile in found.items]
    bridges = found_through(db.session, searches, [profile.id for profile, _free in found.items])
    return Found(found, bridges)


def _directory_query(searches: dict[str, Search], language: str, has_capacity: bool) -> Select:
    """The profiles every search finds, who speak `language` and, with `has_capacity`, have room."""
    query = select(MentorProfile).join(User, User.id == MentorProfile.user_id)
    query = query.where(*(search.clause(kind, MentorProfile.id) for kind, search in searches.items()))
    if language:
        query = query.where(("," + MentorProfile.languages + ",").contains(f",{language},", autoescape=True))
    if has_capacity:
        active = select(func.count()).where(Mentorship.mentor_id == User.id, Mentorship.status == "active")
        query = query.where(MentorProfile.available, MentorProfile.max_mentees > active.scalar_subquery())
    return query.options(selectinload(MentorProfile.user)).order_by(User.full_name, MentorProfile.id)


def free_places(profile: MentorProfile, counts: dict[int, int]) -> int:
    """How many more startups `profile`'s mentor may take (none while unavailable)."""
    return max(profile.max_mentees - counts.get(profile.user_id, 0), 0) if profile.available else 0
