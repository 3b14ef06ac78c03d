"""Helpers for the incubation journey: a submitted application and reviewers, through the services."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from incubator.review import applications, assignments, reviews
from incubator.review.models import Application
from tests.factories import ProgramFactory, StartupFactory, UserFactory

ANSWERS = {"pitch": "Cảm biến rung cho máy dập", "answers": ["Sensors", "Factories"]}


@pytest.fixture
def submitted(db) -> Callable[..., Application]:  # noqa: ANN001
    """`submitted(program=None, startup=None)`: an application submitted through the founder service."""

    def make(program=None, startup=None) -> Application:  # noqa: ANN001
        program = program or ProgramFactory()
        startup = startup or StartupFactory()
        return applications.start_application(startup.owner, program, startup, {**ANSWERS, "submit": True})

    return make


@pytest.fixture
def staff(db) -> Callable:  # noqa: ANN001
    """`staff(n)`: n staff reviewers."""
    return lambda n=2: [UserFactory(role="staff") for _ in range(n)]


def score(application: Application, reviewer, team: int, market: int, submit: bool = True):  # noqa: ANN001, ANN201
    """Save (and submit) `reviewer`'s scores on `application`."""
    data = {"scores": {"team": team, "market": market}, "comment": "Ổn", "recommendation": "accept",
            "submit": submit}  # fmt: skip
    return reviews.save_review(application, reviewer, data)


def reviewed(application: Application, reviewers: list, marks: list[tuple[int, int]]) -> Application:
    """Assign `reviewers` and submit their (team, market) marks."""
    assignments.assign_reviewers(application, reviewers, reviewers[0].id)
    for reviewer, (team, market) in zip(reviewers, marks, strict=True):
        score(application, reviewer, team, market)
    return application
