"""Contact cards: what each side of a mentorship shares, read by the other side only once it is accepted."""

from __future__ import annotations

from sqlalchemy import select

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.errors import N_
from incubator.extensions import db
from incubator.mentors.models import ContactCard, Mentorship

REACHABLE = ("active", "completed")  # accepted mentorships; a request or a refusal shows nothing
FIELDS = ("share_email", "phone", "zalo", "other")


def contact_card(user: User) -> ContactCard:
    """`user`'s card; a user who never chose gets the default, their account e-mail only (not saved)."""
    found = db.session.scalar(select(ContactCard).where(ContactCard.user_id == user.id))
    return found or ContactCard(user_id=user.id, share_email=True, phone="", zalo="", other="")


def save_contact_card(user: User, data: dict) -> ContactCard:
    """Save what `user` shares with the other side of their accepted mentorships; audited."""
    card = contact_card(user)
    for name in FIELDS:
        setattr(card, name, data[name] if name == "share_email" else (data[name] or "").strip())
    db.session.add(card)
    db.session.flush()
    record(user.id, "contact_card.saved", card)
    db.session.commit()
    return card


def other_side(viewer: User, mentorship: Mentorship) -> User | None:
    """The mentorship's other person for `viewer`, or None when `viewer` takes no part in it."""
    if viewer.id == mentorship.mentor_id:
        return mentorship.founder
    return mentorship.mentor if viewer.id == mentorship.founder_id else None


def shared_contact(viewer: User, mentorship: Mentorship) -> list[tuple[str, str]]:
    """The (label, value) pairs `viewer` may read about the other side: none before acceptance."""
    other = other_side(viewer, mentorship)
    if other is None or mentorship.status not in REACHABLE:
        return []
    card = contact_card(other)
    pairs = [(N_("E-mail"), other.email if card.share_email else ""), (N_("Phone"), card.phone),
             (N_("Zalo"), card.zalo), (N_("Other"), card.other)]  # fmt: skip
    return [(label, value) for label, value in pairs if value]
