"""The inbox: a user's notifications, newest first, marked read one by one or all at once."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SubmitField

from incubator.accounts.models import ROLES
from incubator.forms import AppForm
from incubator.i18n import lazy_gettext as _l
from incubator.notifications import messages, services
from incubator.pagination import page_number
from incubator.permissions import role_required

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


class MarkReadForm(AppForm):
    """A button that only carries the CSRF token."""

    submit = SubmitField(_l("Mark as read"))


@bp.route("/")
@role_required(*ROLES)
def inbox():
    page = services.inbox(current_user.id, page_number())
    return render_template("notifications/inbox.html", page=page, form=MarkReadForm())


@bp.route("/<int:notification_id>/read", methods=["POST"])
@role_required(*ROLES)
def mark_read(notification_id: int):
    if MarkReadForm().validate_on_submit():
        services.mark_read(current_user.id, notification_id)
    return redirect(url_for("notifications.inbox"))


@bp.route("/read", methods=["POST"])
@role_required(*ROLES)
def mark_all_read():
    if MarkReadForm().validate_on_submit():
        services.mark_read(current_user.id)
    return redirect(url_for("notifications.inbox"))


@bp.app_template_filter("notification_text")
def notification_text(notification: object) -> str:
    """What a notification says in the reader's current language (escaped by the template)."""
    return messages.text_of(notification)


@bp.app_context_processor
def unread_badge() -> dict:
    """The unread count the navigation shows next to the inbox."""
    if not current_user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": services.current_unread_count(current_user.id)}
