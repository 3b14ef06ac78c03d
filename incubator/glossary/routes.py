"""The glossary page for staff: list the added pairs, add one, delete one; accept or reject the pairs
mined from the platform's bilingual text."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.errors import DomainError
from incubator.extensions import db
from incubator.glossary import candidates, services
from incubator.glossary.forms import AcceptForm, DeleteForm, TermForm
from incubator.glossary.models import GlossaryCandidate, GlossaryTerm
from incubator.pagination import page_number
from incubator.permissions import STAFF_ROLES, role_required, verified_required

bp = Blueprint("glossary", __name__, url_prefix="/admin/glossary")


@bp.route("/", methods=["GET", "POST"])
@role_required(*STAFF_ROLES)
@verified_required
def index():
    form = TermForm()
    if form.validate_on_submit():
        try:
            services.add_term(form.english.data, form.vietnamese.data, form.domain.data, current_user.id)
            flash(_("Pair added. It takes effect at the next matching run."), "success")
            return redirect(url_for("glossary.index"))
        except DomainError as error:
            flash(_(str(error)), "danger")
    page = services.terms_page(page_number())
    suggested = candidates.candidates_page(page_number("suggested"))
    accept = {candidate.id: accept_form(candidate, formdata=None) for candidate in suggested.items}
    return render_template(
        "glossary/index.html", form=form, page=page, delete=DeleteForm(), suggested=suggested, accept=accept
    )


def accept_form(candidate: GlossaryCandidate, **kwargs: object) -> AcceptForm:
    """The accept form of one suggested pair (its own prefix: the page holds one per pair)."""
    data = {"english": candidate.english, "vietnamese": candidate.vietnamese}
    return AcceptForm(prefix=f"candidate-{candidate.id}", data=data, **kwargs)


def candidate_or_404(candidate_id: int) -> GlossaryCandidate:
    """The candidate, or 404."""
    candidate = db.session.get(GlossaryCandidate, candidate_id)
    if candidate is None:
        abort(404)
    return candidate


@bp.route("/suggested/<int:candidate_id>/accept", methods=["POST"])
@role_required(*STAFF_ROLES)
@verified_required
def accept(candidate_id: int):
    form = accept_form(candidate_or_404(candidate_id))
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash(_("Check the terms of the suggested pair: both are needed, with a letter or digit."), "danger")
        return redirect(url_for("glossary.index"))
    try:
        candidates.accept_candidate(
            candidate_id, form.english.data, form.vietnamese.data, form.domain.data, current_user.id
        )
        flash(_("Pair accepted. It takes effect at the next matching run."), "success")
    except DomainError as error:
        flash(_(str(error)), "danger")
    return redirect(url_for("glossary.index"))


@bp.route("/suggested/<int:candidate_id>/reject", methods=["POST"])
@role_required(*STAFF_ROLES)
@verified_required
def reject(candidate_id: int):
    candidate_or_404(candidate_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        candidates.reject_candidate(candidate_id, current_user.id)
        flash(_("Pair rejected. It will not be suggested again."), "success")
    except DomainError as error:
        flash(_(str(error)), "danger")
    return redirect(url_for("glossary.index"))


@bp.route("/<int:term_id>/delete", methods=["POST"])
@role_required(*STAFF_ROLES)
@verified_required
def delete(term_id: int):
    term = db.session.get(GlossaryTerm, term_id)
    if term is None:
        abort(404)
    if not DeleteForm().validate_on_submit():
        abort(400)
    services.delete_term(term, current_user.id)
    flash(_("Pair deleted. The next matching run no longer links these terms."), "success")
    return redirect(url_for("glossary.index"))
