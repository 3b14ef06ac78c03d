"""Staff review pages."""

from __future__ import annotations

from flask import Blueprint, render_template

from incubator.permissions import role_required
from incubator.review import services

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.route("/applications")
@role_required("staff", "admin")
def applications():
    return render_template("review/applications.html", applications=services.review_queue())
