"""Staff and reviewer pages: the queue, its CSV, an application's page, assignment, scores, decisions."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.errors import N_
from incubator.extensions import db
from incubator.labels import label
from incubator.pagination import page_number
from incubator.permissions import STAFF_ROLES, role_required, verified_required
from incubator.review import applications as application_services
from incubator.review import assignments, decisions, queue, reviews
from incubator.review.errors import ReviewRefused, SeatsFull
from incubator.review.forms import (
    APPLICATION_STATUS_LABELS,
    AssignForm,
    ConflictForm,
    DecisionForm,
    QueueFilterForm,
    choices,
    review_form,
)
from incubator.review.models import Application, Program
from incubator.review.program_routes import criteria, locale
from incubator.review.programs import list_programs

bp = Blueprint("review", __name__, url_prefix="/review")
CSV_HEADERS = (N_("Startup"), N_("Sector"), N_("Status"), N_("Submitted"), N_("Reviews"),
               N_("Weighted score"), N_("Spread"), N_("Normalised score"))  # fmt: skip


def refused(error: ReviewRefused, category: str = "danger") -> None:
    """Flash a refusal in the reader's language, its transaction (and any lock it took) ended."""
    db.session.rollback()
    flash(error.text(), category)


@bp.route("/applications")
@role_required(*STAFF_ROLES)
def applications():
    form = QueueFilterForm(request.args)
    programs = list_programs()
    form.program.choices = choices(((p.id, p.name) for p in programs), _("All programs"))
    form.status.choices = choices(APPLICATION_STATUS_LABELS.items(), _("All statuses"))
    form.sector.choices = choices(((s, s) for s in queue.sectors()), _("All sectors"))
    form.validate()
    found = queue.review_queue(form.filters(), current_user, page_number())
    return render_template(
        "review/applications.html",
        page=found.page,
        bridges=found.bridges,
        form=form,
        programs=programs,
    )


@bp.route("/programs/<int:program_id>/applications.csv")
@role_required(*STAFF_ROLES)
def program_csv(program_id: int):
    program = db.get_or_404(Program, program_id)
    body = queue.program_csv(program, [_(h) for h in CSV_HEADERS], current_user, locale())
    disposition = f'attachment; filename="program-{program.id}-applications.csv"'
    return Response(body, mimetype="text/csv; charset=utf-8", headers={"Content-Disposition": disposition})


@bp.route("/applications/<int:application_id>")
@role_required(*STAFF_ROLES)
def application(application_id: int):
    return application_page(db.get_or_404(Application, application_id))


def assign_form_for(pool: list) -> AssignForm:
    """The assignment form, its choices the reviewers of `pool`."""
    form = AssignForm()
    form.reviewers.choices = choices((r.id, r.full_name) for r in pool)
    return form


def application_page(app: Application, **kept: object) -> str:
    """The application's staff page; `kept` are refused forms, shown again with what was typed."""
    forms = {"assign_form": kept.get("assign_form") or assign_form_for(assignments.reviewers()),
             "decision_form": kept.get("decision_form") or DecisionForm()}  # fmt: skip
    return render_template(
        "review/application.html", application=app, **forms,
        assigned=assignments.assigned_reviewers(app), reviews=reviews.visible_reviews(app, current_user),
        hidden=reviews.peers_hidden(app, current_user), scores=reviews.visible_scores(app, current_user),
        history=application_services.history_with_actors(app), own=reviews.own_review(app, current_user.id),
    )  # fmt: skip


@bp.route("/applications/<int:application_id>/assign", methods=["POST"])
@role_required(*STAFF_ROLES)
@verified_required
def assign(application_id: int):
    app = db.get_or_404(Application, application_id)
    pool = assignments.reviewers()
    form = assign_form_for(pool)
    if form.validate_on_submit():
        chosen = [r for r in pool if r.id in (form.reviewers.data or [])]
        try:
            if form.automatic.data:
                count = assignments.assign_automatically(app, chosen or pool, current_user.id)
            else:
                count = assignments.assign_reviewers(app, chosen, current_user.id)
        except ReviewRefused as error:
            db.session.rollback()
            form.reviewers.errors = [error.text()]
        else:
            flash(_("%(num)d reviewer(s) assigned; the application is under review.", num=count), "success")
            return redirect(url_for("review.application", application_id=app.id))
    return application_page(app, assign_form=form), 400


@bp.route("/applications/<int:application_id>/decide", methods=["POST"])
@role_required(*STAFF_ROLES)
@verified_required
def decide(application_id: int):
    app = db.get_or_404(Application, application_id)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            decisions.decide(
                app, form.outcome.data, form.message.data, current_user.id, form.confirm_seats.data
            )
        except SeatsFull as error:
            refused(error, "warning")
        except ReviewRefused as error:
            refused(error)
        else:
            flash(_("Decision recorded (%(outcome)s); the founder was notified.",
                    outcome=label(app.status, "application_status")), "success")  # fmt: skip
            return redirect(url_for("review.application", application_id=app.id))
    else:
        flash(_("Choose a decision and write a message to the founder."), "danger")
    return application_page(app, decision_form=form), 400


def assigned_or_404(application_id: int) -> Application:
    """The application, when the current user is assigned to review it (else 404)."""
    app = db.get_or_404(Application, application_id)
    if assignments.assignment(app, current_user.id) is None:
        abort(404)
    return app


@bp.route("/assignments")
@role_required(*STAFF_ROLES)
def my_assignments():
    return render_template("review/assignments.html", rows=reviews.assigned_to(current_user))


@bp.route("/applications/<int:application_id>/score", methods=["GET", "POST"])
@role_required(*STAFF_ROLES)
@verified_required
def score(application_id: int):
    app = assigned_or_404(application_id)
    own = reviews.own_review(app, current_user.id)
    initial = {f"score_{k}": str(v) for k, v in (own.scores if own else {}).items()}
    form = review_form(criteria(app.program), obj=own, data=initial if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            review = reviews.save_review(app, current_user, form.review_data(app.program.rubric))
            flash(_("Review submitted.") if review.submitted_at else _("Draft saved."), "success")
            return redirect(url_for("review.score", application_id=app.id))
        except ReviewRefused as error:
            refused(error)
    return render_template(
        "review/score.html", application=app, form=form, own=own, conflict_form=ConflictForm(),
        reviews=reviews.visible_reviews(app, current_user), hidden=reviews.peers_hidden(app, current_user),
    )  # fmt: skip


@bp.route("/applications/<int:application_id>/conflict", methods=["POST"])
@role_required(*STAFF_ROLES)
@verified_required
def conflict(application_id: int):
    app = assigned_or_404(application_id)
    form = ConflictForm()
    if form.validate_on_submit():
        try:
            assignments.declare_conflict(app, current_user, form.reason.data)
            flash(_("Conflict of interest recorded; the application was freed for another reviewer."), "info")
            return redirect(url_for("review.my_assignments"))
        except ReviewRefused as error:
            refused(error)
    return redirect(url_for("review.score", application_id=app.id))
