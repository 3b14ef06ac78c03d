"""Lookups a request repeats (what its user manages, say), made once per request and dropped at any write.

A page often asks the same question of several services (the university home asks three times which labs
its user manages). `remembered(key, compute)` keeps the answer in the request's `g` under `key`; any write
through the session (a flush, or an UPDATE, DELETE or INSERT statement) and any rollback drop every kept
answer, so a request never reads one from before its own change. Outside an application context nothing
is kept. Callers must not change what they are given (hand out frozensets, tuples or copies).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import g, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

T = TypeVar("T")


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, made once per request for `key` (until the request writes)."""
    if not has_app_context():
        return compute()
    kept = g.get("request_memo")
    if kept is None:
        kept = g.request_memo = {}
    if key not in kept:
        kept[key] = compute()
    return kept[key]


def keep(key: Hashable, value: object) -> None:
    """Keep `value` under `key` for the rest of this request (until it writes)."""
    if has_app_context():
        g.setdefault("request_memo", {})[key] = value


def kept(key: Hashable, default: object = None) -> object:
    """What was kept under `key` this request and not dropped since, else `default`."""
    if not has_app_context():
        return default
    return g.get("request_memo", {}).get(key, default)


def forget() -> None:
    """Drop every answer kept for this request."""
    if has_app_context():
        g.pop("request_memo", None)


@event.listens_for(Session, "after_flush")
def _forget_after_flush(session: Session, flush_context: object) -> None:
    forget()


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session: Session, previous_transaction: object) -> None:
    forget()


@event.listens_for(Session, "do_orm_execute")
def _forget_after_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        forget()
