"""A page of a column select is counted by the same query, and the same as `db.paginate` counts it."""

from sqlalchemy import event, select

from incubator.organizations.models import Organization
from incubator.pagination import paginate, paginate_rows
from tests.factories import OrganizationFactory


def test_rows_and_total_as_db_paginate_in_one_query(db):
    for number in range(45):
        OrganizationFactory(name=f"Org {number:02d}")
    columns = select(Organization.id, Organization.name).order_by(Organization.name)
    entities = select(Organization).order_by(Organization.name)
    statements = []

    def collect(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        statements.append(statement)

    for number in (1, 3, 4, 99):
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", collect)
        try:
            rows = paginate_rows(columns, number)
        finally:
            event.remove(db.engine, "before_cursor_execute", collect)
        assert len(statements) == (1 if number <= 3 else 2)  # past the end: counted apart
        plain = paginate(entities, number)
        assert [(row.id, row.name) for row in rows.items] == [(o.id, o.name) for o in plain.items]
        assert (rows.total, rows.pages, rows.page, rows.has_next) == (45, 3, number, plain.has_next)
    assert paginate_rows(columns.where(Organization.name == "none"), 1).total == 0
