"""Review services: the staff queue of applications."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from incubator.extensions import db
from incubator.review.models import Application


def review_queue() -> list[Application]:
    """Every application, newest first, with program and startup loaded."""
    query = (
        select(Application)
        .options(selectinload(Application.program), selectinload(Application.startup))
        .order_by(Application.created_at.desc())
    )
    return list(db.session.scalars(query))
