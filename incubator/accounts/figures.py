"""Small per-user figures loaded in the same query as each request's user (the unread badge, say).

Every logged-in page loads its user; a page also showing a count of that user's rows would pay a second
query for it. A package registers the count here as a correlated subquery over `users.id`; the user
loader selects the user and every registered figure in one statement and keeps the figures for the
request. A figure is dropped as soon as the request writes anything (a flush, or an UPDATE, DELETE or
INSERT statement) or rolls back (`request_memo`), so a page never shows a count from before its own
change: readers then query afresh.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import ColumnElement, ScalarSelect, Select, bindparam, select

from incubator.accounts.models import User
from incubator.extensions import db
from incubator.request_memo import keep, kept

FIGURES: dict[str, Callable[[ColumnElement[int]], ScalarSelect]] = {}
_statement: list[Select] = []  # the user-and-figures SELECT, built once per set of figures


def register(name: str, subquery: Callable[[ColumnElement[int]], ScalarSelect]) -> None:
    """Load `subquery(users.id)` as figure `name` with every request's user."""
    FIGURES[name] = subquery
    _statement.clear()


def user_query() -> Select:
    """SELECT the user with session token :token and every registered figure (built once, then reused)."""
    if not _statement:
        columns = [subquery(User.id).label(name) for name, subquery in FIGURES.items()]
        _statement.append(select(User, *columns).where(User.session_token == bindparam("token")))
    return _statement[0]


def load_user(token: str | None) -> User | None:
    """The user whose session token is `token`, keeping the registered figures for this request."""
    if not token:
        return None
    row = db.session.execute(user_query(), {"token": token}).first()
    if row is None:
        return None
    keep("user_figures", dict(zip(FIGURES, row[1:], strict=True)))
    return row[0]


def figure(name: str) -> int | None:
    """Figure `name` of the request's user as loaded with it, or None (not loaded, or written since)."""
    return kept("user_figures", {}).get(name)
