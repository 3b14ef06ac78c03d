"""The Alembic migrations build the schema from nothing and agree with the models."""

from datetime import datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from incubator.extensions import db as _db
from tests.factories import OrganizationFactory, UserFactory

EXPRESSION_INDEXES = {"uq_matching_runs_one_active"}  # Alembic cannot compare these: checked by name below
#: PostgreSQL's trigram indexes of search (a migration makes them where pg_trgm can be created; no model has
#: them, SQLite has no such index).
TRIGRAM_INDEXES = {"ix_search_entries_folded_trgm", "ix_search_entries_concepts_trgm"}


def compared(obj: object, name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
    """Everything but the expression-based indexes Alembic cannot reflect (SQLite) or compare, and the
    trigram indexes of PostgreSQL only."""
    return not (kind == "index" and name in EXPRESSION_INDEXES | TRIGRAM_INDEXES)


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_models_and_migrations_agree(db):
    with db.engine.connect() as connection:
        opts = {"compare_type": True, "include_object": compared}
        context = MigrationContext.configure(connection, opts=opts)
        diff = compare_metadata(context, _db.metadata)
    assert diff == []


def test_the_migrations_create_the_expression_indexes_of_the_models(db):
    query = {
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index'",
        "postgresql": "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()",
    }[db.engine.dialect.name]
    with db.engine.connect() as connection:
        names = set(connection.scalars(sa.text(query)))
    modelled = {i.name for t in _db.metadata.tables.values() for i in t.indexes}
    assert modelled >= EXPRESSION_INDEXES and names >= EXPRESSION_INDEXES


def test_migrations_created_every_model_table(db):
    tables = set(sa.inspect(db.engine).get_table_names())
    assert set(_db.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_check_constraints_refuse_an_unknown_role(db):
    with pytest.raises(sa.exc.IntegrityError):
        UserFactory(role="pirate")
    db.session.rollback()


def _booking(lab_id: int, user_id: int, start: int, end: int) -> dict:
    return {
        "lab_id": lab_id,
        "requester_id": user_id,
        "starts_at": datetime(2026, 12, 1, start),
        "ends_at": datetime(2026, 12, 1, end),
        "purpose": "",
        "status": "approved",
        "created_at": datetime(2026, 11, 1),
        "updated_at": datetime(2026, 11, 1),
    }


def test_postgresql_refuses_overlapping_approved_bookings_of_one_machine(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    from incubator.labs.models import Booking, Lab, Machine

    manager = UserFactory(role="university")
    org = OrganizationFactory()
    lab = Lab(organization_id=org.id, manager_id=manager.id, name="FabLab", kind="fablab", capacity=4)
    lab.machines = [Machine(name="Laser cutter"), Machine(name="3D printer")]
    db.session.add(lab)
    db.session.commit()
    laser, printer = (m.id for m in lab.machines)
    seats = [_booking(lab.id, manager.id, 9, 11), _booking(lab.id, manager.id, 10, 12)]  # seats may overlap
    db.session.execute(
        sa.insert(Booking), [*seats, {**_booking(lab.id, manager.id, 9, 11), "machine_id": laser}]
    )
    db.session.execute(sa.insert(Booking), [{**_booking(lab.id, manager.id, 10, 12), "machine_id": printer}])
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError, match="ex_bookings_machine_no_overlapping_approved"):
        db.session.execute(
            sa.insert(Booking), [{**_booking(lab.id, manager.id, 10, 12), "machine_id": laser}]
        )
        db.session.commit()
    db.session.rollback()


def test_0008m_makes_whole_lab_bookings_bookings_of_all_seats(tmp_path):
    """A booking made before machines had the whole lab: after 0008m it holds all the lab's seats."""
    from flask_migrate import upgrade

    from tests.conftest import dispose, make_app

    other = make_app(f"sqlite:///{tmp_path / 'old.sqlite'}", "memory://")
    try:
        with other.app_context():
            directory = str(other.config["MIGRATIONS_DIR"])
            upgrade(directory=directory, revision="0007i")
            engine = _db.engine
            with engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                insert_with_defaults(connection, "labs", id=1, capacity=8, kind="fablab")
                insert_with_defaults(connection, "bookings", **_booking(1, 1, 9, 11), id=1, people=2)
            upgrade(directory=directory, revision="0008m")
            with engine.connect() as connection:
                row = connection.execute(sa.text("SELECT people, machine_id FROM bookings")).one()
            assert tuple(row) == (8, None)
    finally:
        dispose(other)


def insert_with_defaults(connection, table: str, **values: object) -> None:  # noqa: ANN001
    """Insert a row into `table`, giving every other NOT NULL column a plain value of its type."""
    columns = sa.inspect(connection).get_columns(table)
    for column in columns:
        if column["name"] in values or column["nullable"]:
            continue
        kind = column["type"].python_type if hasattr(column["type"], "python_type") else str
        plain = {int: 1, float: 1.0, bool: True, str: "", datetime: datetime(2026, 11, 1)}
        values[column["name"]] = plain.get(kind, "")
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    connection.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)
