"""Double opt-in introductions: from approved suggestions, answered by each side, revealed at two yeses."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.matching.models import Suggestion
from incubator.notifications.services import notify_translated
from incubator.pagination import Pagination, paginate
from incubator.partnerships.models import SIDES, Introduction
from incubator.partnerships.parties import Party, party, profile_clause, profiles, summary
from incubator.partnerships.services import propose_partnership
from incubator.permissions import STAFF_ROLES

REMIND_AFTER = timedelta(days=7)
ANSWER = "answer_introductions"  # besides each profile's owner (parties.Party.user_ids)
SUMMARY_LENGTH = 280


class IntroductionRefused(DomainError):
    """The introduction cannot take this answer."""


def sides(introduction: Introduction) -> dict[str, Party | None]:
    """The source and target parties of an introduction."""
    s = introduction.suggestion
    return {"source": party(s.source_type, s.source_id), "target": party(s.target_type, s.target_id)}


def sides_of(
    introduction: Introduction,
    user: User,
    both: dict[str, Party | None] | None = None,
    organization_id: int | None = None,
) -> list[str]:
    """The sides ("source", "target") `user` answers for: as the profile's owner or an organization admin
    (`both`: the introduction's `sides`, when the caller has them already; `organization_id`: acting for
    that organization alone, as an API token does: see `Party.allows`)."""
    both = sides(introduction) if both is None else both
    if organization_id is not None:
        return [name for name, p in both.items() if p is not None and p.allows(user, ANSWER, organization_id)]
    return [name for name, p in both.items() if p is not None and user.id in p.user_ids]


def may_view(
    user: User,
    introduction: Introduction,
    both: dict[str, Party | None] | None = None,
    organization_id: int | None = None,
) -> bool:
    """Staff and the people who answer for either side may see an introduction (`organization_id`: acting
    for it alone, never as staff)."""
    staff = organization_id is None and user.role in STAFF_ROLES
    return staff or bool(sides_of(introduction, user, both, organization_id))


def side_titles(listed: list[Introduction]) -> dict[int, dict[str, str]]:
    """Each introduction's source and target titles ("" for a removed profile): a query per kind of
    profile, however many are listed."""
    named = {
        (i.id, side): (getattr(i.suggestion, f"{side}_type"), getattr(i.suggestion, f"{side}_id"))
        for i in listed
        for side in SIDES
    }
    rows = profiles(named.values())
    titles: dict[int, dict[str, str]] = defaultdict(dict)
    for (introduction_id, side), (kind, object_id) in named.items():
        row = rows.get((kind, object_id))
        titles[introduction_id][side] = Party(kind, row, None).title if row is not None else ""
    return titles


def link(introduction: Introduction) -> str:
    """The introduction's page (a path: reminders are sent outside any request)."""
    return f"/introductions/{introduction.id}"


def create_introduction(suggestion_id: int, actor_id: int, note: str = "") -> Introduction | None:
    """Introduce the two sides of an approved suggestion (once) and notify both; None if not approved."""
    suggestion = db.session.get(Suggestion, suggestion_id)
    if suggestion is None or suggestion.status != "approved":
        return None
    existing = db.session.scalar(select(Introduction).where(Introduction.suggestion_id == suggestion_id))
    if existing is not None:
        return existing
    introduction = Introduction(suggestion_id=suggestion_id, introduced_by_id=actor_id, message=note)
    db.session.add(introduction)
    try:
        db.session.flush()
    except IntegrityError:  # introduced concurrently
        db.session.rollback()
        return db.session.scalar(select(Introduction).where(Introduction.suggestion_id == suggestion_id))
    record(actor_id, "introduction.created", introduction, suggestion_id=suggestion_id)
    notify_new(introduction)
    db.session.commit()
    return introduction


def introduce_missing() -> int:
    """Introduce the approved suggestions that have no introduction (a subscriber failed); return how many."""
    query = (
        select(Suggestion.id, Suggestion.decided_by_id, Suggestion.decision_note)
        .outerjoin(Introduction, Introduction.suggestion_id == Suggestion.id)
        .where(Suggestion.status == "approved", Introduction.id.is_(None))
    )
    missing = db.session.execute(query).all()
    for suggestion_id, actor_id, note in missing:
        create_introduction(suggestion_id, actor_id, note)
    return len(missing)


def notify_new(introduction: Introduction) -> None:
    """Tell those who answer for each side whom they are introduced to, with its public profile and the
    staff note."""
    both = sides(introduction)
    for name, side in both.items():
        other = both["target" if name == "source" else "source"]
        if side is None or other is None:
            continue
        for user in db.session.scalars(select(User).where(User.id.in_(side.user_ids))):
            notify_translated(
                user,
                "introduction.new",
                N_("Becamex staff introduce you to %(other)s: %(summary)s — Staff note: %(note)s"),
                link(introduction),
                other=other.name if other.name == other.title else f"{other.title} ({other.name})",
                summary=summary(other)[:SUMMARY_LENGTH],
                note=introduction.message or "—",
            )


def answer(
    introduction: Introduction,
    user: User,
    response: str,
    reason: str = "",
    organization_id: int | None = None,
) -> Introduction:
    """Record `user`'s answer for their side; at two yeses reveal the contacts and propose a partnership
    (`organization_id`: answering for that organization's side only, as an API token does)."""
    mine = sides_of(introduction, user, organization_id=organization_id)
    pending = [side for side in mine if introduction.response(side) == "pending"]
    if response not in ("accepted", "declined") or not mine:
        raise IntroductionRefused(N_("Unknown introduction or answer."))
    if introduction.status == "declined":
        raise IntroductionRefused(N_("This introduction was declined."))
    if not pending:
        raise IntroductionRefused(N_("You already answered this introduction."))
    side = pending[0]
    claimed = db.session.execute(
        update(Introduction)
        .where(Introduction.id == introduction.id, getattr(Introduction, f"{side}_response") == "pending")
        .values({f"{side}_response": response, f"{side}_reason": reason, f"{side}_answered_at": utcnow()})
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise IntroductionRefused(N_("You already answered this introduction."))
    db.session.refresh(introduction)  # the other side's answer, committed meanwhile, is read here
    record(user.id, f"introduction.{response}", introduction, side=side, reason=reason)
    if introduction.status == "accepted":
        reveal(introduction, user.id)
        propose_partnership(introduction, user.id)
    elif introduction.status == "declined":
        notify_declined(introduction, side)
    db.session.commit()
    return introduction


def reveal(introduction: Introduction, actor_id: int) -> None:
    """Both accepted: contacts and confidential details become visible to both sides (audited)."""
    introduction.revealed_at = utcnow()
    record(actor_id, "introduction.revealed", introduction, suggestion_id=introduction.suggestion_id)
    for side in sides(introduction).values():
        if side is None:
            continue
        for user in db.session.scalars(select(User).where(User.id.in_(side.user_ids))):
            message = N_("Both sides accepted the introduction: contact details are now shown.")
            notify_translated(user, "introduction.accepted", message, link(introduction))


def notify_declined(introduction: Introduction, declined_side: str) -> None:
    """Tell the other side and the staff member who introduced them that one side declined."""
    other = sides(introduction)["target" if declined_side == "source" else "source"]
    recipients = {introduction.introduced_by_id} | (other.user_ids if other else set())
    for user in db.session.scalars(select(User).where(User.id.in_(recipients))):
        notify_translated(
            user, "introduction.declined", N_("An introduction was declined."), link(introduction)
        )


def list_introductions(user: User, page: int = 1, organization_id: int | None = None) -> Pagination:
    """One page of the introductions `user` may see (staff: all), newest first (`organization_id`: those
    naming that organization's profiles, `user` acting for it alone, never as staff: see `Party.allows`)."""
    query = select(Introduction).join(Suggestion, Suggestion.id == Introduction.suggestion_id)
    query = query.options(contains_eager(Introduction.suggestion))
    if organization_id is not None or user.role not in STAFF_ROLES:
        query = query.where(
            or_(
                profile_clause(user, Suggestion.source_type, Suggestion.source_id, ANSWER, organization_id),
                profile_clause(user, Suggestion.target_type, Suggestion.target_id, ANSWER, organization_id),
            )
        )
    return paginate(query.order_by(Introduction.id.desc()), page)


def due_for_reminder(now: object | None = None) -> list[Introduction]:
    """Introductions unanswered for 7 days, not declined, and not reminded in the last 7 days."""
    limit = (now or utcnow()) - REMIND_AFTER
    query = select(Introduction).where(
        or_(Introduction.source_response == "pending", Introduction.target_response == "pending"),
        Introduction.source_response != "declined",
        Introduction.target_response != "declined",
        Introduction.created_at <= limit,
        or_(Introduction.last_reminded_at.is_(None), Introduction.last_reminded_at <= limit),
    )
    return list(db.session.scalars(query.order_by(Introduction.id)))


def remind_unanswered(now: object | None = None) -> int:
    """Remind the sides that have not answered (at most once a week each introduction); return how many."""
    now = now or utcnow()
    reminded = 0
    for introduction in due_for_reminder(now):
        limit = now - REMIND_AFTER
        claimed = db.session.execute(  # one reminder even if two beat processes run
            update(Introduction)
            .where(Introduction.id == introduction.id)
            .where(or_(Introduction.last_reminded_at.is_(None), Introduction.last_reminded_at <= limit))
            .values(last_reminded_at=now)
        )
        if claimed.rowcount == 1:
            remind(introduction)
            reminded += 1
        db.session.commit()
    return reminded


def remind(introduction: Introduction) -> None:
    """Notify the people of each side that still has to answer."""
    for name, side in sides(introduction).items():
        if side is None or introduction.response(name) != "pending":
            continue
        for user in db.session.scalars(select(User).where(User.id.in_(side.user_ids))):
            message = N_("An introduction is waiting for your answer.")
            notify_translated(user, "introduction.reminder", message, link(introduction))
