"""Landing page for visitors and the home page of each role."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from incubator.home import services
from incubator.home.navigation import navigation_context

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    """Public landing page, or the logged-in user's home (everyone)."""
    if not current_user.is_authenticated:
        return render_template("home/landing.html", figures=services.ecosystem_figures()["figures"])
    data = services.overview(current_user)
    return render_template(f"home/{current_user.role}.html", **data)


bp.app_context_processor(navigation_context)
