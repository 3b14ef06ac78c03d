"""One way to page a list: SQL selects through `db.paginate`, filtered lists through `ListPagination`."""

from __future__ import annotations

from flask import request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from incubator.extensions import db

PER_PAGE = 20
MAX_PAGE = 10_000  # beyond this a page number is refused as the first page, never an OFFSET overflow


def page_number() -> int:
    """The `page` query argument, clamped to 1..MAX_PAGE (bad input reads as page 1)."""
    number = request.args.get("page", 1, type=int)
    return number if 1 <= number <= MAX_PAGE else 1


def paginate(query: Select, page: int, per_page: int = PER_PAGE) -> Pagination:
    """One page of the rows `query` selects (an empty page past the end, never a 404)."""
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)


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
