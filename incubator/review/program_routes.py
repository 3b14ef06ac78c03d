"""Program pages: the public list of open programs, a program's page, staff create and edit."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from incubator.extensions import db
from incubator.localtime import today_local
from incubator.organizations.models import Organization
from incubator.permissions import STAFF_ROLES, role_required, verified_required
from incubator.review import programs
from incubator.review.errors import ReviewRefused
from incubator.review.forms import ProgramForm, choices, rubric_text
from incubator.review.models import Program

bp = Blueprint("programs", __name__, url_prefix="/programs")


def locale() -> str:
    """The page's language."""
    return str(get_locale() or "vi")


def description(program: Program) -> str:
    """The program's description in the page's language."""
    return programs.description(program, locale())


def questions(program: Program) -> list[str]:
    """The program's questions in the page's language."""
    return programs.questions(program, locale())


def criteria(program: Program) -> list[dict]:
    """The program's rubric criteria (label, guide) in the page's language."""
    return programs.criteria(program.rubric, locale())


@bp.app_context_processor
def program_helpers() -> dict:
    return {"program_description": description, "program_deadline": programs.deadline,
            "program_questions": questions, "program_criteria": criteria}  # fmt: skip


@bp.route("/")
def index():
    """Open programs with their deadline (everyone)."""
    return render_template("programs/index.html", programs=programs.open_programs())


@bp.route("/<int:program_id>")
def detail(program_id: int):
    """One program: description, window, seats, questions and rubric (everyone)."""
    program = db.get_or_404(Program, program_id)
    locked = programs.rubric_locked(program)
    return render_template("programs/detail.html", program=program, locked=locked, today=today_local())


@bp.route("/manage")
@role_required(*STAFF_ROLES)
def manage():
    return render_template("programs/manage.html", programs=programs.list_programs())


def program_form(program: Program | None = None) -> ProgramForm:
    """The program form with the organizations to choose from (and the rubric as text)."""
    form = ProgramForm(obj=program)
    if program is not None:
        form.previous_rubric = program.rubric
    if program is not None and not form.is_submitted():
        form.question_lines.data = "\n".join(q["vi"] for q in program.questions or [])
        form.question_lines_en.data = "\n".join(q["en"] for q in program.questions or [] if q["en"])
        form.rubric_lines.data = rubric_text(program.rubric or [])
        form.rubric_lines_en.data = rubric_text(program.rubric or [], "en")
    organizations = db.session.scalars(select(Organization).order_by(Organization.name))
    form.organization_id.choices = choices((o.id, o.name) for o in organizations)
    return form


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF_ROLES)
@verified_required
def new():
    form = program_form()
    if form.validate_on_submit():
        program = programs.create_program(form.program_data(), current_user.id)
        flash(_("Program saved."), "success")
        return redirect(url_for("programs.detail", program_id=program.id))
    return render_template("programs/form.html", form=form, program=None)


@bp.route("/<int:program_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF_ROLES)
@verified_required
def edit(program_id: int):
    program = db.get_or_404(Program, program_id)
    form = program_form(program)
    if form.validate_on_submit():
        try:
            programs.update_program(program, form.program_data(), current_user.id)
            flash(_("Program saved."), "success")
            return redirect(url_for("programs.detail", program_id=program.id))
        except ReviewRefused as error:
            flash(error.text(), "danger")
    return render_template("programs/form.html", form=form, program=program)
