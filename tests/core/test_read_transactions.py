"""A request that only read ends its transaction with COMMIT (so psycopg keeps its prepared statements);
one that wrote, holds unsaved changes or failed still ends with ROLLBACK and keeps nothing."""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, text

from incubator.accounts.models import User
from incubator.database import end_reads_with_commit
from incubator.extensions import db as _db
from tests.factories import UserFactory


@contextmanager
def transaction_ends(engine) -> Iterator[list[str]]:  # noqa: ANN001
    """ "COMMIT"/"ROLLBACK" for each transaction `engine` ends inside the block."""
    ends: list[str] = []
    listeners = {
        "commit": lambda conn: ends.append("COMMIT"),
        "rollback": lambda conn: ends.append("ROLLBACK"),
    }
    for name, listener in listeners.items():
        event.listen(engine, name, listener)
    try:
        yield ends
    finally:
        for name, listener in listeners.items():
            event.remove(engine, name, listener)


def test_a_page_that_only_reads_ends_with_commit(client, login_as, db):
    login_as("founder")
    with transaction_ends(db.engine) as ends:
        assert client.get("/").status_code == 200
    assert ends == ["COMMIT"]


@pytest.fixture
def session(db) -> Iterator:  # noqa: ANN001
    """A fresh session with one saved user, ended by the rollback that removing it sends."""
    user_id = UserFactory(full_name="Trần Thị Mai").id
    db.session.commit()
    db.session.remove()
    yield db.session(), user_id
    db.session.remove()


def name_of(user_id: int) -> str:
    with _db.engine.connect() as connection:
        return connection.scalar(text("SELECT full_name FROM users WHERE id = :id"), {"id": user_id})


def rename(session, user_id: int) -> None:  # noqa: ANN001
    session.get(User, user_id).full_name = "changed, never saved"


def rename_and_flush(session, user_id: int) -> None:  # noqa: ANN001
    rename(session, user_id)
    session.flush()


def update_by_statement(session, user_id: int) -> None:  # noqa: ANN001
    session.execute(text("UPDATE users SET full_name = 'raw' WHERE id = :id"), {"id": user_id})


@pytest.mark.parametrize("change", [rename, rename_and_flush, update_by_statement])
def test_a_transaction_that_changed_something_is_not_committed(session, change):
    session, user_id = session
    change(session, user_id)
    with transaction_ends(_db.engine) as ends:
        end_reads_with_commit(session)
        session.rollback()
    assert ends == ["ROLLBACK"] and name_of(user_id) == "Trần Thị Mai"


def test_reads_only_are_committed(session):
    session, user_id = session
    assert session.get(User, user_id).full_name == "Trần Thị Mai"
    with transaction_ends(_db.engine) as ends:
        end_reads_with_commit(session)
    assert ends == ["COMMIT"]


def test_postgresql_prepares_the_queries_of_a_page_viewed_again(client, login_as, db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("prepared statements are psycopg's, on PostgreSQL")
    login_as("founder")
    held = [db.engine.connect() for _ in range(3)]  # the pool hands out idle connections in turn:
    for connection in held:  # with several idle, each request may get another one
        connection.close()
    runs: Counter = Counter()  # the page's startup query, per driver connection

    def note(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        if "FROM startups" in statement:
            runs.update([cursor.connection])

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        while not runs or max(runs.values()) < 6:  # psycopg prepares a query from its 5th run
            assert client.get("/").status_code == 200
            assert sum(runs.values()) <= 60, runs
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    connection = max(runs, key=runs.get)
    assert connection.execute("SELECT count(*) FROM pg_prepared_statements").fetchone()[0] >= 3
