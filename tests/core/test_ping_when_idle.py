"""Pooled connections are checked only after resting, and a dead one is replaced, not handed out."""

import sqlalchemy as sa

from incubator import database
from incubator.database import ping_when_idle


def engine_with_pings(tmp_path, monkeypatch) -> tuple[sa.Engine, list]:  # noqa: ANN001
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'ping.sqlite'}", poolclass=sa.pool.QueuePool)
    ping_when_idle(engine)
    pings = []
    real = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda connection: pings.append(1) or real(connection))
    return engine, pings


def test_a_connection_reused_at_once_is_not_pinged(tmp_path, monkeypatch):
    engine, pings = engine_with_pings(tmp_path, monkeypatch)
    for _ in range(3):
        with engine.connect() as connection:
            assert connection.execute(sa.select(1)).scalar() == 1
    assert pings == []
    engine.dispose()


def test_a_rested_connection_is_pinged_and_replaced_when_dead(tmp_path, monkeypatch):
    engine, pings = engine_with_pings(tmp_path, monkeypatch)
    with engine.connect() as connection:
        first = connection.connection.dbapi_connection
    monkeypatch.setattr(database, "PING_WHEN_IDLE", 0.0)  # every connection has rested long enough
    with engine.connect() as connection:
        assert connection.connection.dbapi_connection is first and pings == [1]  # alive: kept
    first.close()  # the database went away while it rested
    with engine.connect() as connection:
        assert connection.execute(sa.select(1)).scalar() == 1
        assert connection.connection.dbapi_connection is not first
    engine.dispose()


def test_a_rested_connection_left_in_a_transaction_is_replaced_not_raised(db, monkeypatch):
    """psycopg refuses to ping a connection still in a transaction: it is replaced, never a 500."""
    engine = sa.create_engine(db.engine.url, poolclass=sa.pool.QueuePool, pool_reset_on_return=None)
    ping_when_idle(engine)
    pooled = engine.raw_connection()
    pooled.cursor().execute("SELECT 1")  # the driver opens a transaction that nothing ends
    pooled.close()  # back to the pool as it is (no reset on return)
    monkeypatch.setattr(database, "PING_WHEN_IDLE", 0.0)
    with engine.connect() as connection:
        assert connection.execute(sa.select(1)).scalar() == 1
    engine.dispose()
