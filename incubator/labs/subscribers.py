"""Labs react to what accounts announce: an account's calendar feed URLs end with its sessions."""

from __future__ import annotations

from incubator.events import sessions_ended
from incubator.extensions import db
from incubator.labs import feeds


def revoke_owner_feeds(user_id: int, **_: object) -> bool:
    """Delete the feed URLs `user_id` obtained, in the transaction that ends their sessions."""
    with db.session.begin_nested():  # a failure here is rolled back alone: the sessions still end
        feeds.revoke_feeds(user_id)
    return True


def connect() -> None:
    """Subscribe labs to the events it reacts to (a receiver is connected once)."""
    sessions_ended.connect(revoke_owner_feeds)
