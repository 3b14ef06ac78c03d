"""The navigation each role sees."""

from __future__ import annotations

from flask_babel import get_locale
from flask_login import current_user

from incubator.accounts.forms import LANGUAGE_CHOICES, LanguageForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import translated_pairs

INTRODUCTIONS = ("partnerships.introduction_list", _l("Introductions"))
PARTNERSHIPS = ("partnerships.partnership_list", _l("Partnerships"))
MY_REVIEWS = ("review.my_assignments", _l("My reviews"))
LABS = ("labs.index", _l("Labs"))
MY_ORGANIZATION = ("organizations.start", _l("My organization"))
TO_VERIFY = ("organizations.verification_queue", _l("Organizations to verify"))
# The bar holds each role's main pages and must fit in Vietnamese at 1280 px; the records a user
# follows (bookings, mentorships, partnerships) sit in the account menu. Introductions are on the bar of
# every role that receives them (their page has a tab to the partnerships they became), not twice.
NAVIGATION = {
    "founder": [
        ("startups.index", _l("My startups")),
        ("programs.index", _l("Programs")),
        ("labs.index", _l("Labs")),
        ("mentors.directory", _l("Mentors")),
        INTRODUCTIONS,
    ],
    "university": [
        ("labs.mine", _l("My labs")),
        ("capabilities.index", _l("Research capabilities")),
        INTRODUCTIONS,
    ],
    "enterprise": [("challenges.index", _l("My challenges")), ("labs.index", _l("Labs")), INTRODUCTIONS],
    "mentor": [
        ("home.index", _l("My mentoring")),
        ("mentors.profile", _l("My mentor profile")),
        INTRODUCTIONS,
    ],
    # Staff and admins reach their overview through the brand link.
    "staff": [
        ("review.applications", _l("Applications")),
        ("programs.manage", _l("Programs")),
        ("matching.runs", _l("Matching")),
        ("matching.suggestions", _l("Suggestions")),
        ("dashboard.index", _l("Ecosystem")),
    ],
    "government": [("dashboard.index", _l("Ecosystem dashboard")), PARTNERSHIPS],
    "admin": [
        ("admin.users", _l("Users")),
        ("review.applications", _l("Applications")),
        ("programs.manage", _l("Programs")),
        ("matching.runs", _l("Matching")),
        ("dashboard.index", _l("Ecosystem")),
    ],
}
ACCOUNT_MENU = {
    "founder": [
        ("bookings.mine", _l("My bookings")),
        ("mentors.mentorships_page", _l("My mentorships")),
        PARTNERSHIPS,
        MY_ORGANIZATION,
    ],
    "university": [MY_ORGANIZATION, PARTNERSHIPS],
    "enterprise": [MY_ORGANIZATION, ("bookings.mine", _l("My bookings")), PARTNERSHIPS],
    "mentor": [("mentors.mentorships_page", _l("Mentorships")), PARTNERSHIPS, MY_ORGANIZATION],
    "staff": [MY_REVIEWS, TO_VERIFY, LABS, INTRODUCTIONS, PARTNERSHIPS],
    "admin": [MY_REVIEWS, TO_VERIFY, LABS, INTRODUCTIONS, PARTNERSHIPS],
}


# The language switch is LanguageForm's markup written out in base.html: building the form on every
# page cost more than the rest of the navigation; its CSRF field carries the session's usual token.
LANGUAGE_SWITCH = {
    "csrf_field": f"{LanguageForm.form_prefix}-csrf_token",
    "field": f"{LanguageForm.form_prefix}-language",
    "choices": LANGUAGE_CHOICES,
}


def navigation_context() -> dict:
    """Template globals: the current user's menu, the language switch and the page language."""
    role = current_user.role if current_user.is_authenticated else None
    locale = str(get_locale() or "vi")
    return {
        "nav_items": translated_pairs(NAVIGATION.get(role, ())),
        "account_items": translated_pairs(ACCOUNT_MENU.get(role, ())),
        "language_switch": LANGUAGE_SWITCH,
        "current_locale": locale,
    }
