"""Lab pages: search and details for every logged-in user; listing and editing for universities."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from incubator.feedback import flash_saved
from incubator.fields import query_date
from incubator.labs import calendar, feeds, services
from incubator.labs.booking_forms import ConfirmForm
from incubator.labs.bookings import may_request
from incubator.labs.forms import LabForm, LabSearchForm
from incubator.labs.models import Lab
from incubator.labs.visibility import may_see_lab
from incubator.localtime import today_local
from incubator.organizations.services import organization_for
from incubator.pagination import page_number
from incubator.permissions import (
    STAFF_ROLES,
    get_allowed_or_404,
    get_visible_or_404,
    may_access,
    role_required,
    verified_required,
)

bp = Blueprint("labs", __name__, url_prefix="/labs")


@bp.route("/")
@login_required
def index():
    form = LabSearchForm(request.args, services.lab_organizations(current_user))
    found = services.search_labs(current_user, **form.criteria(), page=page_number())
    return render_template("labs/index.html", form=form, page=found.page, bridges=found.bridges)


def chosen_week() -> date:
    """The Monday of the week asked for (?week=YYYY-MM-DD), else of this week."""
    return calendar.monday_of(query_date("week") or today_local())


@bp.route("/<int:lab_id>")
@login_required
def detail(lab_id: int):
    joined = [joinedload(Lab.manager), joinedload(Lab.organization)]  # both on the page: two queries less
    lab = get_visible_or_404(Lab, lab_id, partial(may_see_lab, current_user), options=joined)
    can_edit = may_access(lab, partial(services.may_manage_lab, current_user))
    monday = chosen_week()
    return render_template(
        "labs/detail.html",
        lab=lab,
        can_edit=can_edit,
        can_book=may_request(lab, current_user),
        monday=monday,
        today=today_local(),
        previous_week=monday - timedelta(weeks=1),
        next_week=monday + timedelta(weeks=1),
        week=calendar.week_calendar(lab, monday),
        token=feeds.feed_token("lab", lab.id, current_user.id),
        confirm=ConfirmForm(),
    )


@bp.route("/mine")
@role_required("university")
def mine():
    page = services.list_my_labs(current_user, page_number())
    return render_template("labs/mine.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@role_required("university")
@verified_required
def new():
    organization = organization_for(current_user, "university", "add_labs")
    form = LabForm()
    if organization and form.validate_on_submit():
        lab, queued = services.create_lab(current_user, organization, form.data)
        flash_saved(queued)
        flash(_("Now set its opening hours and booking rules: until then it cannot be booked."), "info")
        return redirect(url_for("lab_admin.rules", lab_id=lab.id))
    member_of = organization or organization_for(current_user, "university")
    return render_template(
        "labs/form.html", form=form, lab=None, organization=organization, member_of=member_of
    )


@bp.route("/<int:lab_id>/edit", methods=["GET", "POST"])
@role_required("university", *STAFF_ROLES)
@verified_required
def edit(lab_id: int):
    lab = get_allowed_or_404(Lab, lab_id, partial(services.may_manage_lab, current_user))
    form = LabForm(obj=lab)
    if form.validate_on_submit():
        flash_saved(services.update_lab(lab, form.data, current_user.id))
        return redirect(url_for("labs.detail", lab_id=lab.id))
    return render_template("labs/form.html", form=form, lab=lab, organization=lab.organization)
