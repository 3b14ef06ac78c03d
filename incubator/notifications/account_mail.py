"""Account e-mails (verify the address, reset the password, already registered) in the user's language."""

from __future__ import annotations

from flask_babel import force_locale, gettext
from flask_mailman import EmailMultiAlternatives

from incubator.accounts.models import User
from incubator.accounts.recovery import FORGOT_PATH, link_for, site_url
from incubator.accounts.services import ALREADY_REGISTERED, RESET_PASSWORD, VERIFY_EMAIL
from incubator.errors import N_
from incubator.extensions import db
from incubator.notifications.mail import deliver, email_message

SUBJECTS = {
    VERIFY_EMAIL: N_("Verify your e-mail address"),
    RESET_PASSWORD: N_("Choose a new password"),
    ALREADY_REGISTERED: N_("Someone tried to register with your e-mail address"),
}
# Each e-mail's paragraphs after the greeting; LINK is the link made for it, FORGOT the reset form.
LINK, FORGOT = object(), object()
PARAGRAPHS = {
    VERIFY_EMAIL: (
        N_("Please confirm that this e-mail address is yours: open this link within 48 hours:"),
        LINK,
        N_(
            "Until then you can log in and read, but not publish or request anything. "
            "If you did not create an account, ignore this e-mail."
        ),
    ),
    RESET_PASSWORD: (
        N_(
            "Someone, hopefully you, asked to reset the password of your account. "
            "Open this link within one hour to choose a new password (it works once):"
        ),
        LINK,
        N_("If you did not ask for this, ignore this e-mail: your password stays as it is."),
    ),
    ALREADY_REGISTERED: (
        N_(
            "Someone, perhaps you, tried to create a new account with this e-mail address. "
            "You already have an account; log in here:"
        ),
        LINK,
        N_("Forgot your password? Choose a new one here:"),
        FORGOT,
        N_("If it was not you, ignore this e-mail: nothing has changed."),
    ),
}


def compose(user: User, kind: str) -> EmailMultiAlternatives:
    """E-mail `kind` for `user`, in their language, with a new link (text and HTML parts)."""
    links = {LINK: link_for(kind, user), FORGOT: site_url(FORGOT_PATH)}
    with force_locale(user.language):
        paragraphs = [(gettext("Hello %(name)s,", name=user.full_name), "")]
        for part in PARAGRAPHS[kind]:
            paragraphs.append((links[part], links[part]) if part in links else (gettext(part), ""))
        return email_message(gettext(SUBJECTS[kind]), paragraphs, user)


def send_account_email(user_id: int, kind: str) -> bool:
    """Send account e-mail `kind` to `user_id` (False: nothing to send); raise on a mail failure."""
    user = db.session.get(User, user_id)
    if user is None or not user.active or kind not in SUBJECTS:
        return False
    if kind == VERIFY_EMAIL and user.is_verified:  # verified since it was queued: no link needed
        return False
    deliver(compose(user, kind))
    return True
