"""Staff pages for matching runs and suggestions, and the small JSON route the progress bar polls."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.errors import DomainError
from incubator.extensions import db
from incubator.labels import translated_choices
from incubator.matching import decisions, incremental, quality, review, services, states
from incubator.matching.forms import (
    KIND_CHOICES,
    REASON_CHOICES,
    RUN_STATUS_LABELS,
    STATUS_CHOICES,
    BulkDecisionForm,
    ConfirmForm,
    DecisionForm,
    SuggestionFilterForm,
    run_error_text,
)
from incubator.matching.models import Suggestion
from incubator.permissions import role_required, verified_required
from incubator.templating import IdUrls

bp = Blueprint("matching", __name__, url_prefix="/matching")
bp.add_app_template_filter(quality.strength, "strength")
bp.add_app_template_filter(run_error_text, "run_error")
# Profile pages of other domains read their match state without importing matching.
bp.add_app_template_global(states.match_states, "match_states")
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
@verified_required
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
@verified_required
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
    organizations, sectors = review.filter_choices()
    filters = suggestion_filters(organizations)
    page = review.queue_page(**filters.data)
    return render_template(
        "matching/suggestions.html",
        page=page,
        bulk=bulk_form(),
        filters=filters,
        sectors=sectors,
        compare_url=IdUrls("matching.suggestion", "suggestion_id"),
        decide_url=IdUrls("matching.decide", "suggestion_id", **filters.data),  # back to the same list
    )


@bp.route("/suggestions/<int:suggestion_id>")
@role_required(*STAFF)
def suggestion(suggestion_id: int):
    found = db.session.get(Suggestion, suggestion_id) or abort(404)
    source, target = review.side_by_side(found)
    return render_template(
        "matching/suggestion.html", suggestion=found, source=source, target=target, form=DecisionForm()
    )


@bp.route("/suggestions/bulk", methods=["POST"])
@role_required(*STAFF)
@verified_required
def decide_bulk():
    form = BulkDecisionForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "warning")
        return redirect(url_for("matching.suggestions", **suggestion_filters().data))
    data = form.data
    done = review.decide_many(
        data["ids"], data["decision"], current_user.id, data["reason"], data["note"] or ""
    )
    flash(_("%(num)d suggestions decided.", num=done), "success")
    return redirect(url_for("matching.suggestions", **suggestion_filters().data))


@bp.route("/suggestions/<int:suggestion_id>/decision", methods=["POST"])
@role_required(*STAFF)
@verified_required
def decide(suggestion_id: int):
    form = DecisionForm()
    if not form.validate_on_submit():
        if "reason" not in form.errors:
            abort(400)
        flash(" ".join(str(e) for e in form.errors["reason"]), "warning")
        return redirect(url_for("matching.suggestion", suggestion_id=suggestion_id))
    try:
        data = form.data
        decided = decisions.decide_suggestion(
            suggestion_id, data["decision"], current_user.id, data["reason"], data["note"]
        )
    except DomainError as error:
        flash(_(str(error)), "warning")
    else:
        flash_decided(decided)
    return redirect(url_for("matching.suggestions", **suggestion_filters().data))


def flash_decided(decided: Suggestion) -> None:
    """Confirm a decision, saying whether an approval's introduction went out to both sides."""
    if decided.status == "rejected":
        flash(_("Suggestion rejected: this pair will not be suggested again."), "success")
    elif decided.announced:
        flash(_("Suggestion approved: the introduction went out to both sides."), "success")
    else:
        flash(_("Suggestion approved, but its introduction failed: please tell the technical team."),
              "warning")  # fmt: skip


def suggestion_filters(organizations: list[tuple[int, str]] | None = None) -> SuggestionFilterForm:
    """The validated list filters from the query string (defaults when invalid), offering `organizations`
    (every organization when not given)."""
    if organizations is None:
        organizations = review.organization_choices()
    organizations = [(0, _("All organizations")), *organizations]
    filters = with_choices(SuggestionFilterForm(request.args), organizations)
    if not filters.validate():
        filters = with_choices(SuggestionFilterForm(formdata=None), organizations)
    filters.page.data = filters.page.data or 1
    return filters


def with_choices(filters: SuggestionFilterForm, organizations: list) -> SuggestionFilterForm:
    """`filters` offering `organizations`, and the status and kind choices already translated."""
    filters.organization.choices = organizations
    filters.status.choices = translated_choices(STATUS_CHOICES)
    filters.kind.choices = translated_choices(KIND_CHOICES)
    return filters


def bulk_form() -> BulkDecisionForm:
    """The empty bulk decision form above the list (its reasons already translated), only rendered:
    the page writes its CSRF token, the POST checks it (`decide_bulk`)."""
    form = BulkDecisionForm(formdata=None, meta={"csrf": False})
    form.reason.choices = translated_choices(REASON_CHOICES)
    return form
