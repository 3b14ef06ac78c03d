"""The navigation each role sees."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from incubator.accounts.forms import LanguageForm

INTRODUCTIONS = ("partnerships.introduction_list", _l("Introductions"))
PARTNERSHIPS = ("partnerships.partnership_list", _l("Partnerships"))
NAVIGATION = {
    "founder": [
        ("startups.index", _l("My startups")),
        ("labs.index", _l("Labs")),
        INTRODUCTIONS,
        PARTNERSHIPS,
    ],
    "university": [
        ("labs.mine", _l("My labs")),
        ("capabilities.index", _l("Research capabilities")),
        INTRODUCTIONS,
        PARTNERSHIPS,
    ],
    "enterprise": [("challenges.index", _l("My challenges")), INTRODUCTIONS, PARTNERSHIPS],
    "mentor": [
        ("home.index", _l("My mentoring")),
        ("mentors.profile", _l("My mentor profile")),
        INTRODUCTIONS,
        PARTNERSHIPS,
    ],
    "staff": [
        ("home.index", _l("Overview")),
        ("review.applications", _l("Applications")),
        ("matching.runs", _l("Matching")),
        ("matching.suggestions", _l("Suggestions")),
        INTRODUCTIONS,
        PARTNERSHIPS,
        ("dashboard.index", _l("Ecosystem")),
        ("labs.index", _l("Labs")),
    ],
    "government": [("dashboard.index", _l("Ecosystem dashboard")), PARTNERSHIPS],
    "admin": [
        ("home.index", _l("Overview")),
        ("admin.users", _l("Users")),
        ("review.applications", _l("Applications")),
        ("matching.runs", _l("Matching")),
        ("dashboard.index", _l("Ecosystem")),
        ("labs.index", _l("Labs")),
    ],
}


def navigation_context() -> dict:
    """Template globals: the current user's menu, the language switch and the page language."""
    items = NAVIGATION.get(current_user.role, []) if current_user.is_authenticated else []
    locale = str(get_locale() or "vi")
    return {"nav_items": items, "language_form": LanguageForm(formdata=None), "current_locale": locale}
