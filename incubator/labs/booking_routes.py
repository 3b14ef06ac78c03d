"""Booking pages: request a slot, see and answer a booking, cancel it, one's bookings, calendar feeds."""

from __future__ import annotations

from datetime import time
from functools import partial

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from incubator.extensions import db
from incubator.fields import query_date
from incubator.labs import bookings, feeds
from incubator.labs.booking_forms import BookingForm, ConfirmForm, DeclineForm
from incubator.labs.models import Booking, Lab
from incubator.labs.rules import REQUESTER_ROLES, BookingRefused
from incubator.labs.services import may_manage_lab
from incubator.labs.visibility import may_see_lab
from incubator.permissions import (
    STAFF_ROLES,
    get_allowed_or_404,
    get_visible_or_404,
    may_access,
    role_required,
    verified_required,
)
from incubator.startups.models import Startup

bp = Blueprint("bookings", __name__, url_prefix="/labs")
EVERYONE = (*REQUESTER_ROLES, *STAFF_ROLES)


def prefill() -> dict:
    """A free slot picked on the week calendar (?day=…&starts=…&ends=…) as the form's first values."""
    try:
        times = {name: time.fromisoformat(request.args.get(name, "")) for name in ("starts", "ends")}
    except ValueError:
        return {}
    day = query_date("day")
    return {"day": day, **times} if day else {}


@bp.route("/<int:lab_id>/book", methods=["GET", "POST"])
@role_required(*REQUESTER_ROLES)
@verified_required
def book(lab_id: int):
    lab = get_visible_or_404(Lab, lab_id, partial(may_see_lab, current_user))
    startups = list(db.session.scalars(select(Startup).where(Startup.owner_id == current_user.id)))
    form = BookingForm(lab, startups, data=prefill())
    status = 200
    if form.validate_on_submit():
        try:
            booking = bookings.request_booking(lab, current_user, form.slot())
        except BookingRefused as refused:
            flash(refused.translated(), "danger")
            status = 409
        else:
            flash(_("Booking confirmed.") if booking.status == "approved" else _("Request sent."), "success")
            return redirect(url_for("bookings.detail", booking_id=booking.id))
    allowed = bookings.may_request(lab, current_user)
    return render_template("labs/book.html", lab=lab, form=form, allowed=allowed), status


def visible_booking(booking_id: int) -> Booking:
    """The booking if the current user may see it; 404 otherwise (its existence stays private)."""
    booking = db.session.get(Booking, booking_id)
    if booking is None or not may_access(booking, partial(bookings.may_see_booking, current_user)):
        abort(404)
    return booking


@bp.route("/bookings/<int:booking_id>")
@role_required(*EVERYONE)
def detail(booking_id: int):
    booking = visible_booking(booking_id)
    manages = may_access(booking.lab, partial(may_manage_lab, current_user))
    return render_template(
        "labs/booking.html",
        booking=booking,
        manages=manages,
        confirm=ConfirmForm(),
        decline=DeclineForm(),
    )


def decide(booking_id: int, form: ConfirmForm, action: object, *args: object, done: str = "") -> Response:
    """Run a manager's decision on a booking of a lab they manage, confirming it with `done` (or flashing
    the refusal)."""
    booking = visible_booking(booking_id)
    get_allowed_or_404(Lab, booking.lab_id, partial(may_manage_lab, current_user))
    try:
        action(booking, current_user, *args)
    except BookingRefused as refused:
        flash(refused.translated(), "danger")
    else:
        flash(done, "success")
    return redirect(form.next_url.data or url_for("bookings.detail", booking_id=booking.id))


@bp.route("/bookings/<int:booking_id>/approve", methods=["POST"])
@role_required("university", *STAFF_ROLES)
@verified_required
def approve(booking_id: int):
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    done = _("Booking approved: the slot is reserved and the requester was notified.")
    return decide(booking_id, form, bookings.approve_booking, done=done)


@bp.route("/bookings/<int:booking_id>/decline", methods=["POST"])
@role_required("university", *STAFF_ROLES)
@verified_required
def decline(booking_id: int):
    form = DeclineForm()
    if not form.validate_on_submit():
        flash(_("Give a reason to decline."), "danger")
        return redirect(url_for("bookings.detail", booking_id=booking_id))
    done = _("Booking declined: the requester was notified with your reason.")
    return decide(booking_id, form, bookings.decline_booking, form.reason.data, done=done)


@bp.route("/bookings/<int:booking_id>/cancel", methods=["POST"])
@role_required(*REQUESTER_ROLES)
@verified_required
def cancel(booking_id: int):
    booking = visible_booking(booking_id)
    if booking.requester_id != current_user.id or not ConfirmForm().validate_on_submit():
        abort(404 if booking.requester_id != current_user.id else 400)
    try:
        bookings.cancel_booking(booking, current_user)
        flash(_("Booking cancelled."), "success")
    except BookingRefused as refused:
        flash(refused.translated(), "danger")
    return redirect(url_for("bookings.detail", booking_id=booking.id))


@bp.route("/bookings/mine")
@role_required(*REQUESTER_ROLES)
def mine():
    token = feeds.feed_token("user", current_user.id, current_user.id)
    return render_template(
        "labs/my_bookings.html",
        bookings=bookings.my_bookings(current_user),
        token=token,
        confirm=ConfirmForm(),
    )


@bp.route("/bookings/feed", methods=["POST"])
@role_required(*REQUESTER_ROLES)
@verified_required
def regenerate_my_feed():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    feeds.regenerate_feed("user", current_user.id, current_user.id)
    flash(_("New calendar address made: the old one no longer works."), "success")
    return redirect(url_for("bookings.mine"))


@bp.route("/feeds/<token>.ics")
def feed(token: str):
    found = feeds.feed_for_token(token) or abort(404)
    body = feeds.feed_body(found) or abort(404)
    return Response(body, mimetype="text/calendar", headers={"Cache-Control": "private, max-age=300"})
