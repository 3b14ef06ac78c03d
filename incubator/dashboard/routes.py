"""Ecosystem dashboard for government, staff and admins."""

from __future__ import annotations

from flask import Blueprint, render_template

from incubator.home.services import ecosystem_figures
from incubator.permissions import role_required

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


@bp.route("/")
@role_required("government", "staff", "admin")
def index():
    return render_template("dashboard/index.html", **ecosystem_figures())
