"""One way to page a list: SQL selects through `db.paginate` (column selects through `RowsPagination`),
filtered lists through `ListPagination`."""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import request
from flask_sqlalchemy.pagination import Pagination, SelectPagination
from sqlalchemy import Select, Subquery, bindparam, func, select

from incubator.extensions import db

PER_PAGE = 20
MAX_PAGE = 10_000  # beyond this a page number is refused as the first page, never an OFFSET overflow


def page_number(name: str = "page") -> int:
    """The `page` query argument (or `name`, for a page's second list), clamped to 1..MAX_PAGE
    (bad input reads as page 1)."""
    number = request.args.get(name, 1, type=int)
    return number if 1 <= number <= MAX_PAGE else 1


def paginate(query: Select, page: int, per_page: int = PER_PAGE) -> Pagination:
    """One page of the rows `query` selects (an empty page past the end, never a 404)."""
    return CountedPagination(
        select=query, session=db.session(), page=page, per_page=per_page, error_out=False, count=True
    )


class CountedPagination(SelectPagination):
    """`db.paginate`'s pagination, without its count query when the page's rows already tell the total: a
    page holding rows but fewer than `per_page` is the last one (most lists fit on their first page), and an
    empty first page counts none. Like `db.paginate` it assumes one row per item (eager loads joining
    collections would break both)."""

    def _query_count(self) -> int:
        if len(self.items) < self.per_page and (self.items or self.page == 1):
            return self._query_offset + len(self.items)
        return super()._query_count()


class RowsPagination(Pagination):
    """One page of a column select's rows and the count of all its rows in the same query
    (`count(*) OVER ()`, each row carries it as `total`); a page past the end counts them apart.
    `around`, when given, selects what the list shows from the page's rows (a subquery)."""

    def _query_items(self) -> list:
        query, values = self._query_args["select"], self._query_args["values"]
        page = {"page_limit": self.per_page, "page_offset": self._query_offset}
        rows = db.session.execute(one_page(query, self._query_args["around"]), values | page).all()
        self._counted = rows[0].total if rows else None
        return rows

    def _query_count(self) -> int:
        if self._counted is not None:
            return self._counted
        every = self._query_args["select"].order_by(None).subquery()
        return db.session.scalar(select(func.count()).select_from(every), self._query_args["values"])


@functools.lru_cache(maxsize=256)
def one_page(query: Select, around: Callable[[Subquery], Select] | None) -> Select:
    """`query` with each row's total, its page's limit and offset bound at execution, and `around`:
    built once for a query built once (see `review.filtered_queue`), its cache key with it."""
    counted = query.add_columns(func.count().over().label("total"))
    rows = counted.limit(bindparam("page_limit")).offset(bindparam("page_offset"))
    return around(rows.subquery()) if around else rows


def paginate_rows(
    query: Select,
    page: int,
    per_page: int = PER_PAGE,
    around: Callable[[Subquery], Select] | None = None,
    values: dict | None = None,
) -> Pagination:
    """One page of the rows a column select returns (`values` bound), counted by the same query."""
    arguments = {"select": query, "around": around, "values": values or {}}
    return RowsPagination(page=page, per_page=per_page, max_per_page=None, error_out=False, **arguments)


class ListPagination(Pagination):
    """The `Pagination` interface over a list already filtered in Python."""

    def _query_items(self) -> list:
        items = self._query_args["items"]
        return items[self._query_offset : self._query_offset + self.per_page]

    def _query_count(self) -> int:
        return len(self._query_args["items"])


def paginate_list(items: list, page: int, per_page: int = PER_PAGE) -> Pagination:
    """One page of `items`."""
    return ListPagination(page=page, per_page=per_page, max_per_page=None, error_out=False, items=items)
