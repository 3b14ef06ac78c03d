"""The navigation each role sees."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from incubator.accounts.forms import LanguageForm

INBOX = ("notifications.inbox", _l("Notifications"))  # shown with the unread count
NAVIGATION = {
    "founder": [
        ("startups.index", _l("My startups")),
        ("programs.index", _l("Programs")),
        ("labs.index", _l("Labs")),
        INBOX,
    ],
    "university": [("labs.mine", _l("My labs")), ("capabilities.index", _l("Research capabilities")), INBOX],
    "enterprise": [("challenges.index", _l("My challenges")), INBOX],
    "mentor": [("home.index", _l("My mentoring")), ("mentors.profile", _l("My mentor profile")), INBOX],
    "staff": [
        ("home.index", _l("Overview")),
        ("review.applications", _l("Applications")),
        ("review.my_assignments", _l("My reviews")),
        ("programs.manage", _l("Programs")),
        ("matching.runs", _l("Matching")),
        ("matching.suggestions", _l("Suggestions")),
        ("dashboard.index", _l("Ecosystem")),
        ("labs.index", _l("Labs")),
        INBOX,
    ],
    "government": [("dashboard.index", _l("Ecosystem dashboard")), INBOX],
    "admin": [
        ("home.index", _l("Overview")),
        ("admin.users", _l("Users")),
        ("review.applications", _l("Applications")),
        ("review.my_assignments", _l("My reviews")),
        ("programs.manage", _l("Programs")),
        ("matching.runs", _l("Matching")),
        ("dashboard.index", _l("Ecosystem")),
        ("labs.index", _l("Labs")),
        INBOX,
    ],
}


def navigation_context() -> dict:
    """Template globals: the current user's menu, the language switch and the page language."""
    items = NAVIGATION.get(current_user.role, []) if current_user.is_authenticated else []
    locale = str(get_locale() or "vi")
    return {"nav_items": items, "language_form": LanguageForm(formdata=None), "current_locale": locale}
