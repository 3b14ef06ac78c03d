"""A page of a column select is counted by the same query, and the same as `db.paginate` counts it."""

from sqlalchemy import bindparam, event, select

from incubator.organizations.models import Organization
from incubator.pagination import one_page, paginate, paginate_rows
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


def test_a_query_built_once_is_paged_by_one_statement_built_once(db):
    for number in range(25):
        OrganizationFactory(name=f"Org {number:02d}")
    query = select(Organization.id, Organization.name).where(Organization.name.like(bindparam("like")))
    query = query.order_by(Organization.name)
    first, second = (
        paginate_rows(query, 1, values={"like": "Org 1%"}),
        paginate_rows(query, 2, values={"like": "Org%"}),
    )
    assert [row.name for row in first.items] == [f"Org 1{n}" for n in range(10)] and first.total == 10
    assert [row.name for row in second.items] == ["Org 20", "Org 21", "Org 22", "Org 23", "Org 24"]
    assert second.total == 25 and one_page(query, None) is one_page(query, None)
    assert paginate_rows(query, 9, values={"like": "Org%"}).total == 25  # past the end, counted apart


def test_a_page_that_is_not_full_is_counted_from_its_own_rows(db):
    for number in range(25):
        OrganizationFactory(name=f"Org {number:02d}")
    entities = select(Organization).order_by(Organization.name)
    statements = []

    def collect(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", collect)
    try:
        for query, number, total, queries in (
            (entities, 1, 25, 2),  # full: counted by a query
            (entities, 2, 25, 1),  # the last page, 5 rows: 20 + 5
            (entities, 3, 25, 2),  # past the end: counted by a query
            (entities.where(Organization.name == "none"), 1, 0, 1),  # an empty first page
        ):
            statements.clear()
            assert paginate(query, number).total == total and len(statements) == queries
    finally:
        event.remove(db.engine, "before_cursor_execute", collect)
