"""The staff queue's fixture, for the search of its startups."""

from tests.review.conftest import submitted  # noqa: F401
