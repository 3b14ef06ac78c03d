"""Schemathesis against the OpenAPI document: generated requests to every operation (with a live write
token), no server error and every answer as the document says (status, content type, body schema)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from incubator.api import tokens
from incubator.database import utcnow
from tests.factories import ChallengeFactory, LabFactory, MembershipFactory


def fuzzed(operation: object, headers: dict, statuses: Counter) -> Callable[[], None]:
    """A Hypothesis test of `operation`: 15 generated requests, each answer validated against the document.

    A write is validated by the site's form (text cleaned, then required), which the document does not
    copy: a body the schema allows may still be refused with 422 there, so that check is left out."""
    excluded = [positive_data_acceptance] if operation.method.upper() in ("POST", "PATCH") else []

    @given(case=operation.as_strategy())
    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def answers_as_documented(case: object) -> None:
        response = case.call_and_validate(headers=headers, excluded_checks=excluded)
        statuses[response.status_code] += 1

    return answers_as_documented


def test_every_operation_answers_as_documented(own_app, db) -> None:  # noqa: ANN001
    admin = MembershipFactory(organization__kind="enterprise", user__role="enterprise")
    expires = utcnow() + timedelta(days=1)
    _token, secret = tokens.create_token(admin.organization, admin.user, "CI", "write", expires)
    ChallengeFactory(organization=admin.organization, author=admin.user)
    LabFactory()
    # the limits have their own tests (schemathesis sends refused tokens too: their bucket is per address)
    app = own_app(API_RATE_LIMIT="100000 per minute", API_REFUSED_TOKEN_RATE_LIMIT="100000 per minute")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    statuses = Counter()
    for operation in operations:
        fuzzed(operation, {"Authorization": f"Bearer {secret}"}, statuses)()
    print(f"schemathesis: {len(operations)} operations, {statuses.total()} requests, {dict(statuses)}")
    assert len(operations) == 22 and statuses[200] and statuses[201]
    assert not any(status >= 500 for status in statuses), statuses
