"""Staff pages for matching runs and suggestions, and the small JSON route the progress bar polls."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.errors import DomainError
from incubator.extensions import db
from incubator.matching import decisions, incremental, quality, services
from incubator.matching.forms import (
    RUN_STATUS_LABELS,
    ConfirmForm,
    DecisionForm,
    SuggestionFilterForm,
    run_error_text,
)
from incubator.permissions import role_required

bp = Blueprint("matching", __name__, url_prefix="/matching")
bp.add_app_template_filter(quality.strength, "strength")
bp.add_app_template_filter(run_error_text, "run_error")
STAFF = ("staff", "admin")


@bp.route("/")
@role_required(*STAFF)
def runs():
    waiting = incremental.pending_count()
    return render_template(
        "matching/runs.html", runs=services.list_runs(), form=ConfirmForm(), waiting=waiting
    )


@bp.route("/runs", methods=["POST"])
@role_required(*STAFF)
def start():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        run = services.start_run(current_user.id)
    except DomainError as error:
        flash(_(str(error)), "danger")
        return redirect(url_for("matching.runs"))
    return redirect(url_for("matching.run", run_id=run.id))


@bp.route("/runs/<int:run_id>")
@role_required(*STAFF)
def run(run_id: int):
    found = services.get_run(run_id) or abort(404)
    return render_template("matching/run.html", run=found, form=ConfirmForm())


@bp.route("/runs/<int:run_id>/status.json")
@role_required(*STAFF)
def run_status(run_id: int):
    found = services.get_run(run_id) or abort(404)
    shown = {"label": str(RUN_STATUS_LABELS[found.status]), "error": run_error_text(found.error)}
    return jsonify(services.run_status(found) | shown)


@bp.route("/runs/<int:run_id>/retry", methods=["POST"])
@role_required(*STAFF)
def retry(run_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.retry_run(run_id, current_user.id)
    except DomainError as error:
        flash(_(str(error)), "danger")
    return redirect(url_for("matching.run", run_id=run_id))


@bp.route("/suggestions")
@role_required(*STAFF)
def suggestions():
    filters = suggestion_filters()
    page = decisions.suggestions_page(**filters.data)
    titles = decisions.profile_titles(db.session, page.items)
    return render_template(
        "matching/suggestions.html", page=page, titles=titles, form=DecisionForm(), filters=filters
    )


@bp.route("/suggestions/<int:suggestion_id>/decision", methods=["POST"])
@role_required(*STAFF)
def decide(suggestion_id: int):
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        decisions.decide_suggestion(suggestion_id, form.decision.data, current_user.id)
    except DomainError as error:
        flash(_(str(error)), "warning")
    return redirect(url_for("matching.suggestions", **suggestion_filters().data))


def suggestion_filters() -> SuggestionFilterForm:
    """The validated list filters from the query string (defaults when invalid)."""
    filters = SuggestionFilterForm(request.args)
    if not filters.validate():
        filters = SuggestionFilterForm(formdata=None)
    filters.page.data = filters.page.data or 1
    return filters
