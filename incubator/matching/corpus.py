"""Database profiles as matchcore documents, and the kinds of match the platform makes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from incubator.challenges.models import Capability, Challenge
from incubator.challenges.visibility import visible_capabilities, visible_challenges
from incubator.labs.models import Lab
from incubator.labs.visibility import visible_labs
from incubator.matchcore.documents import Document
from incubator.mentors.models import MentorProfile
from incubator.startups.models import Startup

# source kind → the target kinds it is matched with
MATCH_KINDS: dict[str, tuple[str, ...]] = {
    "challenge": ("capability", "lab", "mentor"),  # the university–enterprise partnership
    "startup": ("lab", "mentor", "challenge"),
}
SOURCE_KINDS = tuple(MATCH_KINDS)
PROFILE_MODELS = {
    "challenge": Challenge,
    "capability": Capability,
    "lab": Lab,
    "mentor": MentorProfile,
    "startup": Startup,
}
# The profiles of an organization staff have not verified yet are private: never matched, either way.
PUBLIC = {"challenge": visible_challenges, "capability": visible_capabilities, "lab": visible_labs}


def document_id(kind: str, object_id: int) -> str:
    """The document id of a profile row, e.g. "challenge:3"."""
    return f"{kind}:{object_id}"


def split_document_id(doc_id: str) -> tuple[str, int]:
    """("challenge", 3) from "challenge:3"."""
    kind, _, object_id = doc_id.partition(":")
    return kind, int(object_id)


def tags(*values: str) -> tuple[str, ...]:
    """Non-empty, comma-separated values as a tuple of tags."""
    return tuple(t.strip() for v in values for t in (v or "").split(",") if t.strip())


def challenge_document(row: Challenge) -> Document:
    text = "\n".join((row.title, row.description, row.sector))
    return Document(document_id("challenge", row.id), "challenge", text, tags(row.sector))


def capability_document(row: Capability) -> Document:
    text = "\n".join((row.title, row.description, row.keywords))
    return Document(document_id("capability", row.id), "capability", text, tags(row.keywords))


def lab_document(row: Lab) -> Document:
    text = "\n".join((row.name, row.description, row.equipment))
    return Document(document_id("lab", row.id), "lab", text, tags(row.kind))


def mentor_document(row: MentorProfile) -> Document:
    text = "\n".join((row.headline, row.expertise, row.sectors))
    return Document(document_id("mentor", row.id), "mentor", text, tags(row.sectors))


def startup_document(row: Startup) -> Document:
    text = "\n".join((row.name, row.description, row.needs, row.sector))
    return Document(document_id("startup", row.id), "startup", text, tags(row.sector, row.stage))


BUILDERS = {
    "challenge": challenge_document,
    "capability": capability_document,
    "lab": lab_document,
    "mentor": mentor_document,
    "startup": startup_document,
}


def is_available(kind: str, row: object) -> bool:
    """Hard availability filters: open challenges, bookable labs, mentors with capacity."""
    if kind == "challenge":
        return row.status == "open"
    if kind == "lab":
        return row.bookable
    if kind == "mentor":
        return row.available and row.capacity_per_month > 0
    return True


def to_documents(kind: str, rows: Iterable[object]) -> Iterator[Document]:
    """Documents for the available rows of one kind."""
    build = BUILDERS[kind]
    return (build(row) for row in rows if is_available(kind, row))


def public_rows(kind: str) -> Select:
    """The rows of one kind of profile that may be matched: those of verified organizations (PUBLIC)."""
    model = PROFILE_MODELS[kind]
    return select(model).where(PUBLIC[kind]()) if kind in PUBLIC else select(model)


def load_documents(session: Session) -> list[Document]:
    """Every available public profile as a document, in a stable order (kind, id)."""
    documents: list[Document] = []
    for kind, model in PROFILE_MODELS.items():
        rows = session.scalars(public_rows(kind).order_by(model.id))
        documents.extend(to_documents(kind, rows))
    return documents


def load_document(session: Session, doc_id: str) -> Document | None:
    """One profile as a document, or None when it is gone, unavailable or not public."""
    kind, object_id = split_document_id(doc_id)
    if kind not in PROFILE_MODELS:
        return None
    row = session.scalar(public_rows(kind).where(PROFILE_MODELS[kind].id == object_id))
    return next(to_documents(kind, [row]), None) if row is not None else None
