"""Review services: the staff queue of applications."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from incubator.pagination import Pagination, paginate
from incubator.review.models import Application


def review_queue(page: int = 1) -> Pagination:
    """One page of every application, newest first, with program and startup loaded."""
    query = (
        select(Application)
        .options(selectinload(Application.program), selectinload(Application.startup))
        .order_by(Application.created_at.desc(), Application.id.desc())
    )
    return paginate(query, page)
