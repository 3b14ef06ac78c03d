"""Every move the application's state machine allows succeeds with its audit row; the others are refused."""

import pytest

from incubator.audit.models import AuditEvent
from incubator.labels import label
from incubator.review import states
from incubator.review.errors import TransitionRefused
from incubator.review.models import APPLICATION_STATUSES, Application

ALLOWED = [(before, after) for before, targets in states.TRANSITIONS.items() for after in sorted(targets)]
REFUSED = [(before, after) for before in APPLICATION_STATUSES for after in APPLICATION_STATUSES
           if (before, after) not in ALLOWED]  # fmt: skip
# Moves the journey depends on, pinned here so that dropping one from TRANSITIONS fails a test.
REQUIRED = [("draft", "submitted"), ("draft", "withdrawn"), ("submitted", "under_review"),
            ("submitted", "withdrawn"), ("under_review", "accepted"), ("under_review", "waitlisted"),
            ("under_review", "rejected"), ("under_review", "withdrawn"), ("waitlisted", "accepted"),
            ("waitlisted", "rejected"), ("waitlisted", "withdrawn")]  # fmt: skip
# Moves that must never happen: skipping review, reopening a decision, leaving a final state.
FORBIDDEN = [("draft", "under_review"), ("draft", "accepted"), ("submitted", "accepted"),
             ("under_review", "submitted"), ("under_review", "draft"), ("waitlisted", "waitlisted"),
             ("accepted", "withdrawn"), ("accepted", "rejected"), ("rejected", "waitlisted"),
             ("withdrawn", "submitted"), ("withdrawn", "draft")]  # fmt: skip


def ids(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{before}->{after}" for before, after in pairs]


def audit_rows(db) -> list[AuditEvent]:  # noqa: ANN001
    return [row for row in db.session.new if isinstance(row, AuditEvent)]


def test_the_table_knows_every_status_and_allows_exactly_the_required_moves():
    assert set(states.TRANSITIONS) == set(APPLICATION_STATUSES)
    assert sorted(ALLOWED) == sorted(REQUIRED)
    assert not set(FORBIDDEN) & set(ALLOWED)


@pytest.mark.parametrize(("before", "after"), ALLOWED, ids=ids(ALLOWED))
def test_an_allowed_move_changes_the_status_with_an_audit_row(db, before, after):
    application = Application(status=before)
    assert states.can_move(application, after)
    states.move(application, after, actor_id=None, note="x")
    assert application.status == after
    [row] = audit_rows(db)
    assert row.action == f"application.{after}" and row.object_type == "Application"
    assert row.detail == {"before": before, "after": after, "note": "x"}


@pytest.mark.parametrize(("before", "after"), REFUSED, ids=ids(REFUSED))
def test_a_move_outside_the_table_is_refused_and_changes_nothing(db, before, after):
    application = Application(status=before)
    assert not states.can_move(application, after)
    with pytest.raises(TransitionRefused):
        states.move(application, after, actor_id=None)
    assert application.status == before and audit_rows(db) == []


@pytest.mark.parametrize(("before", "after"), FORBIDDEN, ids=ids(FORBIDDEN))
def test_the_refusal_names_both_statuses_in_the_readers_language(app, db, before, after):
    with app.test_request_context(headers={"Accept-Language": "vi"}):
        with pytest.raises(TransitionRefused) as refused:
            states.move(Application(status=before), after, actor_id=None)
        text = refused.value.text()
        names = str(label(before, "application_status")), str(label(after, "application_status"))
    assert text.startswith("Hồ sơ") and all(name in text for name in names), text
