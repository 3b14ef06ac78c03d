"""The glossary page for staff: list the added pairs, add one, delete one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.errors import DomainError
from incubator.extensions import db
from incubator.glossary import services
from incubator.glossary.forms import DeleteForm, TermForm
from incubator.glossary.models import GlossaryTerm
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
    return render_template("glossary/index.html", form=form, page=page, delete=DeleteForm())


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
