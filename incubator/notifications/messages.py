"""A notification's text kept as its untranslated message id and parameters, rendered in the language of
whoever reads it (the inbox in the reader's current language, the e-mail in the recipient's at sending).

Parameters are stored as JSON: user text (names, reasons) as it was typed, and what is itself translated
at reading as a tagged value: a code's label (a status, a role), a moment (shown in the reader's date
format) or a message id of its own (a weekday's name). The text stored beside them, written in the
recipient's language when the notification was made, is what shows for an old row without a message id
and whenever the message id or its parameters no longer render (a message renamed since).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from functools import cache

from babel import support

from incubator.i18n import OWN_FORM_MESSAGES as TRANSLATIONS
from incubator.i18n import catalog
from incubator.labels import label
from incubator.notifications.models import Notification
from incubator.templating import local_datetime

log = logging.getLogger(__name__)

NOTE = "_note"  # user text following the sentence after a blank line (a decision's message to the founder)
LABEL, CODE, MOMENT, MSGID = "label", "code", "moment", "msgid"
TRANSLATED_LANGUAGE = "vi"  # the site's messages are written in English and translated to Vietnamese


def label_param(code: object, group: str) -> dict:
    """A parameter shown as the reader's-language label of `code` in `group` (see incubator.labels)."""
    return {LABEL: group, CODE: str(code)}


def msgid_param(msgid: str) -> dict:
    """A parameter shown as `msgid` translated in the reader's language (mark it with N_)."""
    return {MSGID: msgid}


def encode(params: Mapping[str, object], followed_by: str = "") -> dict:
    """`params` as stored: a datetime becomes a moment, tagged values and plain values stay as they are."""
    stored: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, datetime):
            stored[name] = {MOMENT: value.isoformat()}
        elif isinstance(value, (dict, int, float)) and not isinstance(value, bool):
            stored[name] = value
        else:
            stored[name] = "" if value is None else str(value)
    if followed_by:
        stored[NOTE] = followed_by
    return stored


def param_text(value: object) -> object:
    """One stored parameter in the current locale (a plain value as it is)."""
    if not isinstance(value, dict):
        return value
    if LABEL in value:
        return label(value[CODE], value[LABEL])
    if MOMENT in value:
        return local_datetime(datetime.fromisoformat(value[MOMENT]))
    if MSGID in value:
        return catalog().ugettext(value[MSGID])
    raise ValueError(f"unknown parameter {value!r}")


@cache
def current_message_ids(language: str = TRANSLATED_LANGUAGE) -> frozenset[str]:
    """The message ids `language`'s compiled catalogue translates, read once (it never changes while the
    process runs); none without a compiled catalogue."""
    found = support.Translations.load(str(TRANSLATIONS), [language], "messages")
    return frozenset(key for key in getattr(found, "_catalog", {}) if isinstance(key, str) and key)


def is_known(message_id: str) -> bool:
    """Whether `message_id` is still a message of the site, whatever the reader's language: the
    Vietnamese catalogue translates every message, so one it lacks was renamed or removed since."""
    return message_id in current_message_ids()


def render(message_id: str, params: Mapping[str, object] | None) -> str:
    """`message_id` with `params` in the current locale; raise when it no longer renders."""
    params = params or {}
    values = {name: param_text(value) for name, value in params.items() if name != NOTE}
    text = catalog().ugettext(message_id)
    if values or "%(" in text:  # a placeholder without its parameter is a KeyError, not shown as typed
        text = text % values
    note = params.get(NOTE)
    return f"{text}\n\n{note}" if note else text


def text_of(notification: Notification) -> str:
    """What `notification` says in the current locale; its stored text when it has no message id or the
    message id is unknown or no longer fits its parameters (never an error page for an old row)."""
    if not notification.message_id or not is_known(notification.message_id):
        return notification.message
    try:
        return render(notification.message_id, notification.params)
    except (KeyError, ValueError, TypeError, LookupError) as error:
        log.warning("notification %s shows its stored text: %r", notification.id, error)
        return notification.message
