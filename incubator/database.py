"""Declarative base, naming convention and the id/timestamp mixins shared by every model."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, DateTime, MetaData, event, exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now in UTC, naive (stored the same way on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    """Integer primary key."""

    id: Mapped[int] = mapped_column(primary_key=True)


class TimestampMixin:
    """Creation and update times, evaluated per row."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


def one_of(column: str, values: tuple[str, ...], name: str | None = None) -> CheckConstraint:
    """A CHECK constraint keeping `column` within `values`."""
    allowed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=name or f"{column}_valid")


def upsert(session: Session, model: type) -> postgresql.Insert | sqlite.Insert:
    """An INSERT into `model` offering `on_conflict_do_update`, for the session's database."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:  # noqa: ANN001
    """WAL and a busy timeout so the web process and workers can share one SQLite file."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def lock_for_writing(session) -> None:  # noqa: ANN001
    """Make the session's transaction hold SQLite's write lock now, so a check-then-write is atomic.

    pysqlite opens a transaction only before the first INSERT/UPDATE, so two requests could both read
    "free" and both write. BEGIN IMMEDIATE takes the write lock before the reads (waiting up to the busy
    timeout). A transaction that has already written holds the lock. PostgreSQL relies on its exclusion
    constraint and row locks instead.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


PING_WHEN_IDLE = 1.0  # seconds a pooled connection may rest before it is checked on checkout


def ping_when_idle(engine: Engine) -> None:
    """`pool_pre_ping`, for connections that rested: check one on checkout only after PING_WHEN_IDLE.

    pool_pre_ping pays a round trip to the database on every checkout, that is on every page, and a
    busy server reuses each connection within milliseconds. A connection that rested a second or
    more (a database restart takes longer) is checked as pool_pre_ping would; a dead or unusable one
    (any driver error on the ping) is replaced (the pool retries the checkout with a new connection),
    so a restart still costs no request.
    """

    @event.listens_for(engine, "connect")
    def _new(dbapi_connection, record) -> None:  # noqa: ANN001
        record.info["rested_since"] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def _rest(dbapi_connection, record) -> None:  # noqa: ANN001
        record.info["rested_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _check(dbapi_connection, record, proxy) -> None:  # noqa: ANN001
        if time.monotonic() - record.info.get("rested_since", 0.0) < PING_WHEN_IDLE:
            return
        dialect = engine.dialect
        try:
            alive = dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error:
            # Not only a disconnection: a connection the server dropped while it rested can also
            # report itself in a transaction (psycopg: "can't change 'autocommit' now"). Either way it
            # cannot serve this checkout; the pool replaces it.
            alive = False
        if not alive:
            raise exc.DisconnectionError("the pooled connection was closed while it rested")


# The statements a transaction may run and still end with COMMIT (see end_reads_with_commit).
READ = re.compile(r"\s*(?:SELECT|SHOW)\b", re.IGNORECASE)


def note_writes(engine: Engine) -> None:
    """Mark a connection's transaction as written to by any statement that is not a plain read."""

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # noqa: ANN001
        connection.info["wrote"] = False

    @event.listens_for(engine, "before_cursor_execute")
    def _statement(connection, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if not READ.match(statement):
            connection.info["wrote"] = True


def end_reads_with_commit(session: Session) -> None:
    """End a transaction that only read with COMMIT rather than the ROLLBACK the session's removal sends.

    For the database the two are the same when nothing was written, but psycopg forgets its prepared
    statements on every ROLLBACK: with every request ending so, no query was ever prepared, and
    PostgreSQL parsed and planned each of a page's queries anew on every request. A transaction that
    wrote (any statement but SELECT/SHOW, see `note_writes`), holds unflushed changes or failed is
    left to the rollback.
    """
    if not session.in_transaction() or session.new or session.dirty or session.deleted:
        return
    if session.connection().info.get("wrote", True):
        return
    try:
        session.commit()
    except exc.SQLAlchemyError:
        session.rollback()
