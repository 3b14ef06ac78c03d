"""Tasks leave as outbox rows of the caller's transaction; sent once it commits, else by the relay.

`dispatch` adds a row to the current session: the change and its task commit together or not at all,
and nothing touches the broker inside the transaction. Right after the commit the rows it wrote are
sent once with a short timeout (a broker outage costs a request about a second, and the next requests
of the process nothing for a few seconds); whatever was not sent waits for the relay (the beat's
`incubator.outbox.tasks.relay`, or `flask outbox relay`), which retries with a growing delay. A row is
claimed by a conditional UPDATE before it is sent, so two relays never send one row twice.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from weakref import WeakKeyDictionary

from celery import Celery
from flask import current_app, has_app_context
from sqlalchemy import Connection, Engine, delete, event, func, select, update
from sqlalchemy.orm import Session

from incubator.database import utcnow
from incubator.extensions import db
from incubator.outbox.models import OutboxMessage

log = logging.getLogger(__name__)
NEW, FLUSHED = "outbox.new", "outbox.flushed"
BATCH = 100  # rows a relay claims at a time
LEASE = 60  # seconds a claimed row is left to the relay that claimed it (it died if still unsent)
RETRY_FIRST, RETRY_MAX = 5, 60  # seconds before a failed row is tried again, doubling up to the max
QUIET = 5.0  # seconds a process leaves new rows to the relay after the broker failed it
_quiet_until: WeakKeyDictionary[Celery, float] = WeakKeyDictionary()
Claimed = tuple[int, str, list, int]  # id, task, args, attempts


def dispatch(task_name: str, *args: object) -> bool:
    """Queue task `task_name(*args)` with the current transaction; it is sent after the commit (True)."""
    add(db.session(), task_name, *args)
    return True


def add(session: Session, task_name: str, *args: object) -> OutboxMessage:
    """Add the outbox row of `task_name(*args)` to `session` (committed, or rolled back, by its owner)."""
    message = OutboxMessage(task=task_name, args=list(args), next_attempt_at=utcnow())
    session.add(message)
    session.info.setdefault(NEW, []).append(message)
    return message


@event.listens_for(Session, "after_flush")
def _remember_flushed(session: Session, flush_context: object) -> None:
    """Keep the ids of flushed rows: after the commit they are sent without reading them back."""
    new = session.info.get(NEW)
    if new:
        session.info.setdefault(FLUSHED, []).extend(m.id for m in new if m.id is not None)
        session.info[NEW] = [m for m in new if m.id is None]


@event.listens_for(Session, "after_commit")
def _send_committed(session: Session) -> None:
    """Send the rows this commit wrote, once and quickly; the relay sends what this could not."""
    ids = session.info.pop(FLUSHED, None)
    session.info.pop(NEW, None)
    if ids and has_app_context():
        try:
            send_promptly(session.get_bind(OutboxMessage), ids)
        except Exception:  # the rows are committed: the relay sends them, the caller goes on
            log.warning("could not send outbox rows %s after their commit", ids, exc_info=True)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    """Rows of a rolled-back transaction never existed."""
    session.info.pop(NEW, None)
    session.info.pop(FLUSHED, None)


def send_promptly(engine: Engine, ids: list[int]) -> int:
    """Send the committed rows `ids` now with a short timeout, unless the broker failed a moment ago."""
    celery = current_app.extensions["celery"]
    if time.monotonic() < _quiet_until.get(celery, 0.0):
        return 0
    claimed = claim(engine, ids=ids)
    return deliver(engine, celery, claimed, current_app.config.get("OUTBOX_SEND_TIMEOUT", 1.0))


def relay(limit: int = BATCH) -> int:
    """Send every due pending row, batch by batch, until none is left or the broker fails; purge old sent
    rows. Return how many were sent."""
    engine, celery = db.engine, current_app.extensions["celery"]
    timeout = current_app.config.get("OUTBOX_RELAY_TIMEOUT", 5.0)
    total = 0
    while claimed := claim(engine, limit=limit):
        sent = deliver(engine, celery, claimed, timeout)
        total += sent
        if sent < len(claimed):
            break
    purge(timedelta(hours=current_app.config.get("OUTBOX_KEEP_SENT_HOURS", 24)))
    return total


def claim(engine: Engine, ids: list[int] | None = None, limit: int = BATCH) -> list[Claimed]:
    """Take due pending rows (of `ids`, else the oldest `limit`) for LEASE seconds; return what was taken.

    The UPDATE is conditioned on the row still being due, so of two relays only one takes a row
    (PostgreSQL also skips the rows another relay is claiming); a relay that lost every row it saw to
    another looks again."""
    for _ in range(3 if ids is None else 1):
        now = utcnow()
        due = (OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now)
        with engine.begin() as connection:
            seen = ids if ids is not None else oldest_due(connection, due, limit)
            if not seen:
                return []
            taken = connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(seen), *due)
                .values(attempts=OutboxMessage.attempts + 1, next_attempt_at=now + timedelta(seconds=LEASE))
                .returning(OutboxMessage.id, OutboxMessage.task, OutboxMessage.args, OutboxMessage.attempts)
            ).all()
        if taken:
            return sorted((tuple(row) for row in taken), key=lambda row: row[0])
    return []


def oldest_due(connection: Connection, due: tuple, limit: int) -> list[int]:
    """The ids of the oldest due rows (on PostgreSQL, skipping those another relay is claiming)."""
    query = select(OutboxMessage.id).where(*due).order_by(OutboxMessage.next_attempt_at).limit(limit)
    if connection.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(connection.scalars(query))


def deliver(engine: Engine, celery: Celery, claimed: list[Claimed], timeout: float) -> int:
    """Publish claimed rows in order, stopping at the first failure; record the outcome; return sent."""
    if not claimed:
        return 0
    sent, error = publish(celery, claimed, timeout)
    if error:
        _quiet_until[celery] = time.monotonic() + QUIET
    else:
        _quiet_until.pop(celery, None)
    settle(engine, sent, claimed[len(sent) :], error)
    return len(sent)


def publish(celery: Celery, claimed: list[Claimed], timeout: float) -> tuple[list[int], str]:
    """Send the rows to the broker on one connection with `timeout` and no retry; (sent ids, error)."""
    sent: list[int] = []
    options: dict = {"max_retries": 0}  # kombu's connection: one attempt
    if celery.conf.broker_url.startswith("redis"):  # a hung Redis answers nothing: wait `timeout` at most
        options |= {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    try:
        with celery.connection_for_write(connect_timeout=timeout, transport_options=options) as connection:
            for message_id, task, args, _ in claimed:
                # ignore_result: Celery would otherwise subscribe to a result store nobody reads
                celery.send_task(task, args=args, connection=connection, retry=False, ignore_result=True)
                sent.append(message_id)
    except Exception as error:  # any broker failure: the rows wait for the relay
        log.warning("broker refused outbox rows: %s", error)
        return sent, f"{type(error).__name__}: {error}"[:500]
    return sent, ""


def settle(engine: Engine, sent: list[int], failed: list[Claimed], error: str) -> None:
    """Mark `sent` rows sent; give each `failed` row its next attempt, later after each failure."""
    now = utcnow()
    with engine.begin() as connection:
        if sent:
            connection.execute(
                update(OutboxMessage).where(OutboxMessage.id.in_(sent)).values(sent_at=now, last_error="")
            )
        for message_id, _, _, attempts in failed:
            delay = min(RETRY_MAX, RETRY_FIRST * 2 ** max(0, attempts - 1))
            connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None))
                .values(next_attempt_at=now + timedelta(seconds=delay), last_error=error)
            )


def purge(keep: timedelta) -> int:
    """Delete the rows sent more than `keep` ago; return how many."""
    with db.engine.begin() as connection:
        gone = connection.execute(delete(OutboxMessage).where(OutboxMessage.sent_at < utcnow() - keep))
    return gone.rowcount


def pending_args(task_name: str) -> list[list]:
    """The arguments of the rows of `task_name` not sent yet (e.g. the runs whose planning waits)."""
    query = select(OutboxMessage.args).where(OutboxMessage.task == task_name, OutboxMessage.sent_at.is_(None))
    return list(db.session.scalars(query))


def pending_count() -> int:
    """Rows not sent yet."""
    return db.session.scalar(select(func.count()).where(OutboxMessage.sent_at.is_(None))) or 0
