"""Staff review pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from incubator.labels import register
from incubator.pagination import page_number
from incubator.permissions import role_required
from incubator.review import services

bp = Blueprint("review", __name__, url_prefix="/review")
APPLICATION_STATUS_LABELS = register(
    "application_status",
    {
        "submitted": _l("submitted"),
        "under_review": _l("under review"),
        "accepted": _l("accepted"),
        "waitlisted": _l("waitlisted"),
        "rejected": _l("rejected"),
    },
)


@bp.route("/applications")
@role_required("staff", "admin")
def applications():
    return render_template("review/applications.html", page=services.review_queue(page_number()))
