"""Signals a domain sends after it saved something, so other domains react without being imported.

This module sits below every domain and imports none: a domain announces, another subscribes
(`incubator/matching/subscribers.py`, `incubator/labs/subscribers.py`), and a failing subscriber never
undoes what was saved.
"""

from __future__ import annotations

import logging

from blinker import Namespace, Signal

log = logging.getLogger(__name__)
signals = Namespace()

#: Sent after a profile and its audit row were committed. Sender: the profile kind
#: ("startup", "lab", "mentor", "challenge", "capability"); keyword: object_id.
#: A receiver returns False when it could not do its part (e.g. its write failed).
profile_saved = signals.signal("profile-saved")

#: Sent after staff's decision on a suggestion was committed. Sender: the decision ("approved" or
#: "rejected"); keywords: suggestion_id, actor_id, note (the staff note for the parties).
suggestion_decided = signals.signal("suggestion-decided")


#: Sent inside the transaction that ends every session of an account (logout, "log out of all devices",
#: a password change or reset, deactivation), before it commits, so what ends with the sessions ends
#: in the same commit. Sender: the user id; keyword: reason (the audit action, e.g. "user.logged_out").
#: A receiver works in a savepoint of its own, so its failure never undoes the end of the sessions.
sessions_ended = signals.signal("sessions-ended")


#: Sent when failed logins for one account, from browsers without its device cookie, first reach
#: LOGIN_ACCOUNT_CEILING in a window (accounts/throttle.py). Sender: the e-mail address tried, which may
#: name no account: the request does the same either way, and a receiver finds out later, off the request.
login_ceiling_reached = signals.signal("login-ceiling-reached")


def announce(signal: Signal, sender: object, **kw: object) -> bool:
    """Call every receiver of `signal` for `sender`; return whether all of them succeeded.

    A receiver that raises is logged and counts as a failure; the others still run.
    """
    succeeded = True
    for receiver in list(signal.receivers_for(sender)):
        try:
            result = receiver(sender, **kw)
        except Exception:  # a subscriber's failure must never reach the domain that saved
            log.exception("receiver %r of %s failed for %r", receiver, signal.name, sender)
            result = False
        succeeded = succeeded and result is not False
    return succeeded
