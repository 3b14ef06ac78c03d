"""The navigation each role sees."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from incubator.accounts.forms import LanguageForm

NAVIGATION = {
    "founder": [
        ("startups.index", _l("My startups")),
        ("programs.index", _l("Programs")),
        ("labs.index", _l("Labs")),
        ("bookings.mine", _l("My bookings")),
        ("mentors.directory", _l("Mentors")),
        ("mentors.mentorships_page", _l("My mentorships")),
    ],
    "university": [("labs.mine", _l("My labs")), ("capabilities.index", _l("Research capabilities"))],
    "enterprise": [
        ("challenges.index", _l("My challenges")),
        ("labs.index", _l("Labs")),
        ("bookings.mine", _l("My bookings")),
    ],
    "mentor": [
        ("home.index", _l("My mentoring")),
        ("mentors.mentorships_page", _l("Mentorships")),
        ("mentors.profile", _l("My mentor profile")),
    ],
    # Staff and admins reach their overview through the brand link: the navbar must fit in Vietnamese.
    "staff": [
        ("review.applications", _l("Applications")),
        ("review.my_assignments", _l("My reviews")),
        ("programs.manage", _l("Programs")),
        ("matching.runs", _l("Matching")),
        ("matching.suggestions", _l("Suggestions")),
        ("dashboard.index", _l("Ecosystem")),
        ("labs.index", _l("Labs")),
    ],
    "government": [("dashboard.index", _l("Ecosystem dashboard"))],
    "admin": [
        ("admin.users", _l("Users")),
        ("review.applications", _l("Applications")),
        ("review.my_assignments", _l("My reviews")),
        ("programs.manage", _l("Programs")),
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
