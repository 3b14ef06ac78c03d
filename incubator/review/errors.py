"""Refusals of the incubation journey: a message marked for translation and its parameters."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext

from incubator.errors import DomainError
from incubator.labels import label
from incubator.templating import local_datetime

STATUS_PARAMS = ("status", "target")  # application status codes, shown as their labels


class ReviewRefused(DomainError):
    """A program, application, assignment, review or decision action was refused."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message, self.params = message, params

    def text(self) -> str:
        """The message in the reader's language: statuses as labels, moments in local time."""
        params = {}
        for key, value in self.params.items():
            if isinstance(value, datetime):
                value = local_datetime(value)
            elif key in STATUS_PARAMS:
                value = label(value, "application_status")
            params[key] = value
        return gettext(self.message, **params)


class ApplicationClosed(ReviewRefused):
    """The program does not take applications at this moment."""


class DuplicateApplication(ReviewRefused):
    """The startup already applied to the program."""


class TransitionRefused(ReviewRefused):
    """The application's status does not allow this step."""


class ConflictOfInterest(ReviewRefused):
    """The reviewer may not review this startup."""


class NotAssigned(ReviewRefused):
    """The reviewer is not assigned to the application."""


class NotEnoughReviews(ReviewRefused):
    """A decision needs more submitted reviews."""


class SeatsFull(ReviewRefused):
    """Accepting would exceed the program's seats; staff must confirm."""


class RubricLocked(ReviewRefused):
    """The rubric cannot change once a review was submitted against it."""
