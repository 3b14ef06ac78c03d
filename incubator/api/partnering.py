"""An organisation's introductions and partnerships as its token reads them, through the site's services
and rules (`partnerships.introductions`, `partnerships.services`, `partnerships.parties`): the token acts as
the admin who made it, for its organisation alone (never as platform staff, never for that admin's own
profiles elsewhere), so it sees what the site shows that admin about the organisation's side."""

from __future__ import annotations

from incubator.api.models import ApiToken
from incubator.extensions import db
from incubator.pagination import Pagination
from incubator.partnerships import introductions, services
from incubator.partnerships.models import SIDES, Introduction, Partnership
from incubator.partnerships.parties import Party, may_read_private, people, profiles, summary

NOT_FOUND = "No such record of this organisation."


def side_ref(kind: str, object_id: int, title: str) -> dict:
    return {"kind": kind, "id": object_id, "title": title}


def side_out(kind: str, object_id: int, side: Party | None, private: bool) -> dict:
    """One side in full; its contacts and a challenge's confidential details only when `private`."""
    if side is None:
        return {**side_ref(kind, object_id, ""), "removed": True, "organization": None, "summary": ""}
    found = {
        **side_ref(kind, object_id, side.title),
        "removed": False,
        "organization": side.organization,
        "summary": summary(side),
    }
    if private:
        found["contacts"] = [{"name": p.full_name, "email": p.email} for p in people(side.contact_ids)]
        if kind == "challenge":
            found["confidential_details"] = side.row.confidential_details
    return found


def introduction_summary(introduction: Introduction, titles: dict[str, str]) -> dict:
    """An introduction as its list shows it: status and the two profiles with each side's answer."""
    s = introduction.suggestion
    named = {"source": (s.source_type, s.source_id), "target": (s.target_type, s.target_id)}
    return {
        "id": introduction.id,
        "status": introduction.status,
        "created_at": introduction.created_at,
        "revealed_at": introduction.revealed_at,
        **{
            side: {**side_ref(*named[side], titles.get(side, "")), "response": introduction.response(side)}
            for side in SIDES
        },
    }


def introduction_page(token: ApiToken, page: int) -> Pagination:
    """One page of the introductions naming the organisation's profiles, newest first."""
    found = introductions.list_introductions(token.created_by, page, token.organization_id)
    titles = introductions.side_titles(found.items)
    found.items = [introduction_summary(i, titles[i.id]) for i in found.items]
    return found


def introduction_detail(token: ApiToken, introduction_id: int) -> dict | None:
    """Introduction #id in full, None unless it names one of the organisation's profiles (the site's
    rule): the staff note, each side's answer, and once both accepted, the contacts and confidential
    details if the site shows them to the organisation's admins."""
    user, organization_id = token.created_by, token.organization_id
    introduction = db.session.get(Introduction, introduction_id)
    both = introductions.sides(introduction) if introduction is not None else {}
    if introduction is None or not introductions.may_view(user, introduction, both, organization_id):
        return None
    private = introduction.revealed_at is not None and may_read_private(user, both, organization_id)
    partnership = services.of_introduction(introduction.id)
    s = introduction.suggestion
    named = {"source": (s.source_type, s.source_id), "target": (s.target_type, s.target_id)}
    return {
        **introduction_summary(introduction, {}),
        "message": introduction.message,
        "answering": introductions.sides_of(introduction, user, both, organization_id),
        "private_shown": private,
        "partnership_id": partnership.id if partnership else None,
        **{
            side: {
                **side_out(*named[side], both[side], private),
                "response": introduction.response(side),
                "reason": getattr(introduction, f"{side}_reason"),
                "answered_at": getattr(introduction, f"{side}_answered_at"),
            }
            for side in SIDES
        },
    }


def partnership_summary(partnership: Partnership, subject: str, titles: dict) -> dict:
    """A partnership as its list shows it."""
    named = {
        side: (getattr(partnership, f"{side}_type"), getattr(partnership, f"{side}_id")) for side in SIDES
    }
    return {
        "id": partnership.id,
        "title": partnership.title,
        "subject": subject,
        "status": partnership.status,
        "introduction_id": partnership.introduction_id,
        "started_on": partnership.started_on,
        "completed_on": partnership.completed_on,
        **{side: side_ref(*named[side], titles.get(named[side], "")) for side in SIDES},
    }


def partnership_page(token: ApiToken, page: int, status: str | None = None) -> Pagination:
    """One page of the organisation's partnerships, newest first, of `status` if given."""
    found = services.list_partnerships(token.created_by, page, token.organization_id, status)
    subjects = services.subjects(found.items)
    pairs = [(getattr(p, f"{side}_type"), getattr(p, f"{side}_id")) for p in found.items for side in SIDES]
    titles = {pair: Party(pair[0], row, None).title for pair, row in profiles(pairs).items()}
    found.items = [partnership_summary(p, subjects[p.id], titles) for p in found.items]
    return found


def partnership_detail(token: ApiToken, partnership_id: int) -> dict | None:
    """Partnership #id in full, None unless the organisation is one of its parties (the site's rule): both
    sides, its outcomes, and the contacts and confidential details if the site shows them to the
    organisation's admins."""
    user, organization_id = token.created_by, token.organization_id
    partnership = db.session.get(Partnership, partnership_id)
    parties = services.parties_of(partnership) if partnership is not None else {}
    if partnership is None or not services.may_view(user, partnership, parties, organization_id):
        return None
    private = may_read_private(user, parties, organization_id)
    titles = {(p.kind, p.row.id): p.title for p in parties.values() if p is not None}
    return {
        **partnership_summary(partnership, services.subjects([partnership])[partnership.id], titles),
        "private_shown": private,
        "outcomes": partnership.outcomes,
        **{
            side: side_out(
                getattr(partnership, f"{side}_type"),
                getattr(partnership, f"{side}_id"),
                parties[side],
                private,
            )
            for side in SIDES
        },  # fmt: skip
    }


def answer_introduction(token: ApiToken, introduction_id: int, response: str, reason: str) -> dict | None:
    """Answer introduction #id for the organisation's side (the site's service, as the token's admin for
    the organisation alone); None unless the organisation answers for a side. Raises `DomainError` when
    the service refuses (answered already, declined)."""
    found = db.session.get(Introduction, introduction_id)
    user, organization_id = token.created_by, token.organization_id
    if found is None or not introductions.may_view(user, found, None, organization_id):
        return None
    introductions.answer(found, user, response, reason, organization_id)
    return introduction_detail(token, introduction_id)


def add_outcome(token: ApiToken, partnership_id: int, data: dict) -> dict | None:
    """Record an outcome of partnership #id (the site's service, as the token's admin for the organisation
    alone); None unless the organisation may change it. Raises `DomainError` when the service refuses."""
    found = db.session.get(Partnership, partnership_id)
    user, organization_id = token.created_by, token.organization_id
    if found is None or not services.may_edit(user, found, None, organization_id):
        return None
    services.add_outcome(found, user, data["kind"], data["happened_on"], data["note"] or "", organization_id)
    return partnership_detail(token, partnership_id)
