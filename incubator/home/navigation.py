"""The navigation each role sees."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from incubator.accounts.forms import LanguageForm

NAVIGATION = {
    "founder": [("home.index", _l("My startups"))],
    "university": [("home.index", _l("My labs"))],
    "enterprise": [("home.index", _l("My challenges"))],
    "mentor": [("home.index", _l("My mentoring"))],
    "staff": [
        ("home.index", _l("Overview")),
        ("review.applications", _l("Applications")),
        ("matching.runs", _l("Matching")),
        ("matching.suggestions", _l("Suggestions")),
        ("dashboard.index", _l("Ecosystem")),
    ],
    "government": [("dashboard.index", _l("Ecosystem dashboard"))],
    "admin": [
        ("home.index", _l("Overview")),
        ("admin.users", _l("Users")),
        ("review.applications", _l("Applications")),
        ("matching.runs", _l("Matching")),
        ("dashboard.index", _l("Ecosystem")),
    ],
}


def navigation_context() -> dict:
    """Template globals: the current user's menu, the language switch and the page language."""
    items = NAVIGATION.get(current_user.role, []) if current_user.is_authenticated else []
    locale = str(get_locale() or "vi")
    return {"nav_items": items, "language_form": LanguageForm(formdata=None), "current_locale": locale}
