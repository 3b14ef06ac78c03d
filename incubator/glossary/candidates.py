"""Pairs mined from the platform's bilingual text: scan the records, then staff accept or reject each once.

`mine_candidates` reads every challenge, capability, lab, mentor, startup and programme text (never a
challenge's confidential details), keeps the pairs neither glossary holds, and stores them as pending
candidates; a decided candidate stays as it was decided, so a rejected pair never comes back. A pending
candidate no longer found (its text was edited, or its pair entered by hand) is dropped. One scan reads
every stored text and runs a regex pass over it: nothing at demo scale; measured about 35 s of one core
per 100k profiles of 1,500 characters, plus reading the rows (streamed a thousand at a time), so it runs
hourly from the beat rather than on every save. Past that scale, scan only the rows updated since the
last scan and keep the counts incrementally.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from incubator.audit.services import record
from incubator.challenges.models import Capability, Challenge
from incubator.database import upsert, utcnow
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.glossary import mining
from incubator.glossary.models import GlossaryCandidate, GlossaryTerm
from incubator.glossary.services import TermRefused, add_term, extra_pairs
from incubator.labs.models import Lab
from incubator.matchcore.glossary import shipped_pairs
from incubator.mentors.models import MentorProfile
from incubator.pagination import paginate
from incubator.review.models import Program
from incubator.startups.models import Startup

# (source kind, model, the text columns mined). Organisation names and their English twins are names,
# not terms; a challenge's confidential details are never read.
SOURCES = (
    ("challenge", Challenge, ("title", "description", "sector", "desired_outcome")),
    ("capability", Capability, ("title", "description", "keywords")),
    ("lab", Lab, ("name", "description", "equipment", "training_equipment")),
    ("mentor", MentorProfile, ("headline", "expertise", "sectors")),
    ("startup", Startup, ("description", "needs")),
    ("program", Program, ("name", "description", "description_en")),
)


# What a scan refreshes on a pending candidate found again.
_REFRESHED = (
    GlossaryCandidate.source_kind,
    GlossaryCandidate.source_id,
    GlossaryCandidate.snippet,
    GlossaryCandidate.seen_count,
)


class CandidateDecided(DomainError):
    """The suggested pair was accepted or rejected already (by someone else, or a second click)."""


def _texts(session: Session) -> Iterator[tuple[tuple[str, int], str]]:
    """Every mined record as ((kind, id), its text columns one per line)."""
    for kind, model, columns in SOURCES:
        query = select(model.id, *(getattr(model, name) for name in columns)).order_by(model.id)
        for row in session.execute(query.execution_options(yield_per=1000)):  # streamed, not all in memory
            yield (kind, row[0]), "\n".join(value or "" for value in row[1:])


def mine_candidates(session: Session) -> dict[str, int]:
    """Scan the records and store new pairs as pending candidates; return how many were added,
    refreshed (pending ones found again, in other places) and dropped (pending ones no longer found)."""
    known = (*shipped_pairs(), *extra_pairs(session))
    found = mining.mine(_texts(session), known)
    columns = (GlossaryCandidate.english, GlossaryCandidate.vietnamese)
    stored = {
        (english, vietnamese): row
        for english, vietnamese, *row in session.execute(
            select(*columns, GlossaryCandidate.id, GlossaryCandidate.status, *_REFRESHED)
        )
    }
    new, refreshed = [], 0
    pending = GlossaryCandidate.status == "pending"
    for pair in found:
        kind, source_id = pair.source
        values = {
            "source_kind": kind,
            "source_id": source_id,
            "snippet": pair.snippet,
            "seen_count": pair.seen,
        }
        candidate_id, status, *before = stored.pop((pair.english, pair.vietnamese), (None, None))
        if candidate_id is None:
            new.append(
                {"english": pair.english, "vietnamese": pair.vietnamese, "status": "pending", **values}
            )
        elif status == "pending" and tuple(before) != tuple(values[c.key] for c in _REFRESHED):
            refresh = update(GlossaryCandidate).where(GlossaryCandidate.id == candidate_id, pending)
            session.execute(refresh.values(**values))
            refreshed += 1
    added = 0
    if new:  # another scan may store the same pairs meanwhile: theirs stay
        now = utcnow()
        rows = [{**row, "created_at": now, "updated_at": now} for row in new]
        insert = upsert(session, GlossaryCandidate).values(rows).on_conflict_do_nothing()
        added = len(session.execute(insert.returning(GlossaryCandidate.id)).all())
    gone = [candidate_id for candidate_id, status, *_ in stored.values() if status == "pending"]
    dropped = 0
    if gone:
        dropped = session.execute(
            delete(GlossaryCandidate).where(GlossaryCandidate.id.in_(gone), pending)
        ).rowcount
    session.commit()
    return {"added": added, "refreshed": refreshed, "dropped": dropped}


def candidates_page(page: int) -> Pagination:
    """One page of the pending candidates, the most widely seen first."""
    query = (
        select(GlossaryCandidate)
        .where(GlossaryCandidate.status == "pending")
        .order_by(GlossaryCandidate.seen_count.desc(), GlossaryCandidate.id)
    )
    return paginate(query, page)


def _decide(candidate_id: int, status: str, actor_id: int | None) -> GlossaryCandidate:
    """Mark a pending candidate decided, once (a conditional update); CandidateDecided otherwise."""
    decided = db.session.execute(
        update(GlossaryCandidate)
        .where(GlossaryCandidate.id == candidate_id, GlossaryCandidate.status == "pending")
        .values(status=status, decided_by_id=actor_id, decided_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if decided.rowcount != 1:
        db.session.rollback()
        raise CandidateDecided(N_("This suggested pair was already accepted or rejected."))
    candidate = db.session.get(GlossaryCandidate, candidate_id, populate_existing=True)
    record(
        actor_id,
        f"glossary.candidate_{status}",
        candidate,
        english=candidate.english,
        vietnamese=candidate.vietnamese,
    )
    return candidate


def accept_candidate(
    candidate_id: int, english: str, vietnamese: str, domain: str, actor_id: int | None
) -> GlossaryTerm:
    """Accept a pending candidate as a glossary pair (its terms possibly edited), used from the next run."""
    _decide(candidate_id, "accepted", actor_id)
    try:
        return add_term(english, vietnamese, domain, actor_id)  # commits the decision with the pair
    except TermRefused:
        db.session.rollback()  # the candidate stays pending
        raise


def reject_candidate(candidate_id: int, actor_id: int | None) -> None:
    """Reject a pending candidate: it is never suggested again."""
    _decide(candidate_id, "rejected", actor_id)
    db.session.commit()
