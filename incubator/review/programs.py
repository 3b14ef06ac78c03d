"""Program services: create and edit programs and their rubric; the programs open to founders."""

from __future__ import annotations

from sqlalchemy import exists, select

from incubator.audit.services import changed_fields, record
from incubator.errors import N_
from incubator.extensions import db
from incubator.localtime import end_of_local_day, today_local
from incubator.review.errors import RubricLocked
from incubator.review.models import Application, ApplicationReview, Program

FIELDS = ("name", "organization_id", "description", "description_en", "opens_on", "closes_on", "seats",
          "required_reviews", "questions")  # fmt: skip


def list_programs() -> list[Program]:
    """Every program, the latest window first."""
    return list(db.session.scalars(select(Program).order_by(Program.closes_on.desc(), Program.id)))


def open_programs() -> list[Program]:
    """Programs whose application window includes today (local time), closing soonest first."""
    today = today_local()
    query = select(Program).where(Program.opens_on <= today, Program.closes_on >= today)
    return list(db.session.scalars(query.order_by(Program.closes_on, Program.id)))


def deadline(program: Program):  # noqa: ANN201
    """The last instant applications are taken: the end of `closes_on` in Asia/Ho_Chi_Minh (naive UTC)."""
    return end_of_local_day(program.closes_on)


def description(program: Program, locale: str) -> str:
    """The program's description in `locale` (English when written, else the Vietnamese one)."""
    return program.description_en if locale == "en" and program.description_en else program.description


def in_language(value: dict, locale: str):  # noqa: ANN201  (str or list, as stored)
    """`value[locale]` when written, else the other language's ("en" for English, Vietnamese otherwise)."""
    first, second = ("en", "vi") if locale == "en" else ("vi", "en")
    return value.get(first) or value.get(second, "")


def questions(program: Program, locale: str) -> list[str]:
    """The program's questions in `locale` (each falling back to the other language)."""
    return [in_language(question, locale) for question in program.questions or []]


def criteria(rubric: list[dict], locale: str) -> list[dict]:
    """The rubric's criteria with `label` and five-part `guide` in `locale` (else the other language)."""
    return [
        {"key": c["key"], "weight": c.get("weight", 1), "label": in_language(c["label"], locale),
         "guide": [*in_language(c.get("guide") or {}, locale), *[""] * 5][:5]}
        for c in rubric or []
    ]  # fmt: skip


def create_program(data: dict, actor_id: int) -> Program:
    """Save a new program (rubric included) with an audit row."""
    program = Program(**{name: data[name] for name in FIELDS}, rubric=data["rubric"])
    db.session.add(program)
    db.session.flush()
    record(actor_id, "program.created", program, name=program.name)
    db.session.commit()
    return program


def update_program(program: Program, data: dict, actor_id: int) -> Program:
    """Save a program's edited fields; its rubric only while no review was submitted against it."""
    changed = changed_fields(program, data, FIELDS)
    if data["rubric"] != program.rubric:
        if rubric_locked(program):
            db.session.rollback()
            raise RubricLocked(N_("The rubric cannot change: a review was already submitted against it."))
        program.rubric = data["rubric"]
        changed.append("rubric")
    record(actor_id, "program.updated", program, fields=sorted(changed))
    db.session.commit()
    return program


def rubric_locked(program: Program) -> bool:
    """Whether a review of one of the program's applications was submitted."""
    submitted = (
        select(ApplicationReview.id)
        .join(Application, Application.id == ApplicationReview.application_id)
        .where(Application.program_id == program.id, ApplicationReview.submitted_at.is_not(None))
    )
    return bool(db.session.scalar(select(exists(submitted))))
