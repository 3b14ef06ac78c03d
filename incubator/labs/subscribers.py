"""Labs react to what accounts announce: an account's calendar feed URLs end with its sessions."""

from __future__ import annotations

from incubator.events import sessions_ended
from incubator.extensions import db
from incubator.labs import feeds

# A plain logout keeps them: a calendar app subscribed on a phone should not break each time its owner
# logs out of a browser. Ending every session on purpose, a new password and deactivation end them.
KEEPS_FEEDS = frozenset({"user.logged_out"})


def revoke_owner_feeds(user_id: int, reason: str = "", **_: object) -> bool:
    """Delete the feed URLs `user_id` obtained, in the transaction that ends their sessions."""
    if reason in KEEPS_FEEDS:
        return True
    with db.session.begin_nested():  # a failure here is rolled back alone: the sessions still end
        feeds.revoke_feeds(user_id)
    return True


def connect() -> None:
    """Subscribe labs to the events it reacts to (a receiver is connected once)."""
    sessions_ended.connect(revoke_owner_feeds)
