"""A form sent twice acts once: the idempotency key, and state changes conditioned on their row."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.database import utcnow
from incubator.idempotency.models import IdempotencyKey
from incubator.idempotency.services import purge_expired
from incubator.labs.models import Booking
from incubator.notifications.models import Notification
from incubator.review import applications
from incubator.review.models import Application
from tests.conftest import KEY_PATTERN, csrf_token
from tests.factories import LabFactory, ProgramFactory, StartupFactory, open_every_day
from tests.labs.conftest import tomorrow_at

COPIES = 10
ALREADY_SENT = "This form was already sent; here is the result."


@pytest.fixture
def lab(db):  # noqa: ANN001, ANN201
    """A lab open every day whose manager approves each request."""
    return open_every_day(LabFactory(approval_required=True))


def form_of(client: FlaskClient, url: str) -> dict:
    """The CSRF token and idempotency key of the first form on `url`, as a browser would send them."""
    html = client.get(url).get_data(as_text=True)
    return {"csrf_token": csrf_token(html), "idempotency_key": KEY_PATTERN.search(html).group(1)}


def booking_form() -> dict:
    day = tomorrow_at(9).date().isoformat()
    return {"day": day, "starts": "09:00", "ends": "11:00", "people": "1", "purpose": "Thử nghiệm"}


def count(db, model: type, *conditions: object) -> int:  # noqa: ANN001
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*conditions))


def at_once(app, client: FlaskClient, post: Callable[[FlaskClient], object]) -> list:  # noqa: ANN001
    """`post` from COPIES clients sharing `client`'s session cookie, released together."""
    cookie = client.get_cookie("session").value
    barrier = threading.Barrier(COPIES)
    answers: list = [None] * COPIES

    def run(i: int) -> None:
        copy = app.test_client()
        copy.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        copy.set_cookie("session", cookie)
        barrier.wait()
        try:
            answers[i] = post(copy)
        except Exception as error:  # noqa: BLE001  (shown in the assertion, never swallowed)
            answers[i] = repr(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(COPIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_a_form_sent_twice_acts_once_and_the_second_answer_shows_the_first(client, login_as, db, lab):
    login_as("founder")
    url = f"/labs/{lab.id}/book"
    data = {**booking_form(), **form_of(client, url)}
    first = client.post(url, data=data)
    second = client.post(url, data=data)
    assert first.status_code == second.status_code == 302
    assert second.location == first.location
    assert count(db, Booking) == 1 and count(db, Notification) == 1
    assert ALREADY_SENT in client.get(second.location).get_data(as_text=True)
    assert count(db, IdempotencyKey, IdempotencyKey.endpoint == url) == 1


def test_a_form_without_a_key_is_a_normal_submission(client, login_as, db, lab):
    login_as("founder")
    url = f"/labs/{lab.id}/book"
    data = {**booking_form(), **form_of(client, url), "idempotency_key": ""}
    assert client.post(url, data=data).status_code == 302
    assert count(db, Booking) == 1 and count(db, IdempotencyKey, IdempotencyKey.endpoint == url) == 0


def test_a_key_of_another_session_is_refused(app, client, login_as, db, lab):
    url = f"/labs/{lab.id}/book"
    founder = login_as("founder")
    theirs = form_of(client, url)["idempotency_key"]
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    other.post("/login", data={"email": founder.email, "password": "correct-horse-battery",
                               **form_of(other, "/login")})  # fmt: skip
    data = {**booking_form(), **form_of(other, url), "idempotency_key": theirs}
    assert other.post(url, data=data).status_code == 400
    assert count(db, Booking) == 0


def test_a_key_whose_change_was_refused_stays_free(client, login_as, db, lab):
    login_as("founder")
    url = f"/labs/{lab.id}/book"
    data = {**booking_form(), **form_of(client, url), "ends": "23:00"}  # after closing
    assert client.post(url, data=data).status_code == 409
    assert count(db, IdempotencyKey, IdempotencyKey.endpoint == url) == 0


@pytest.mark.parametrize("same_key", [True, False], ids=["one key", "no key"])
def test_a_booking_request_sent_ten_times_at_once_makes_one(app, client, login_as, db, lab, same_key):
    login_as("founder")
    url = f"/labs/{lab.id}/book"
    data = {**booking_form(), **form_of(client, url)}
    if not same_key:
        data["idempotency_key"] = ""  # an old page: the row lock and the rules decide
    answers = at_once(app, client, lambda copy: copy.post(url, data=data))
    assert count(db, Booking) == 1 and count(db, Notification) == 1, answers
    codes = sorted(getattr(a, "status_code", a) for a in answers)
    assert codes == ([302] * COPIES if same_key else [302] + [409] * (COPIES - 1)), codes
    if same_key:
        assert len({a.location for a in answers}) == 1


@pytest.mark.parametrize("same_key", [True, False], ids=["one key", "no key"])
def test_a_draft_submitted_ten_times_at_once_is_submitted_once(app, client, login_as, db, same_key):
    founder = login_as("founder")
    startup = StartupFactory(owner=founder)
    draft = applications.start_application(founder, ProgramFactory(), startup, {"pitch": "Cảm biến",
                                            "answers": ["a", "b"], "submit": False})  # fmt: skip
    url = f"/applications/{draft.id}"
    data = {"startup_id": startup.id, "pitch": "Cảm biến rung", "answers-0": "a", "answers-1": "b",
            "submit": "1", **form_of(client, url)}  # fmt: skip
    if not same_key:
        data["idempotency_key"] = ""  # every copy acts: UPDATE … WHERE status = 'draft' decides
    answers = at_once(app, client, lambda copy: copy.post(url, data=data))
    submitted = AuditEvent.action == "application.submitted"
    assert count(db, AuditEvent, submitted) == 1, [getattr(a, "status_code", a) for a in answers]
    assert count(db, Notification, Notification.kind == "application_received") == 1
    assert db.session.get(Application, draft.id).status == "submitted"
    assert all(getattr(a, "status_code", None) in (200, 302) for a in answers), answers


def test_expired_keys_are_purged(db):
    long_ago = utcnow().replace(year=2020)
    db.session.add(IdempotencyKey(key="old", session_hash="x", endpoint="/", created_at=long_ago))
    db.session.add(IdempotencyKey(key="new", session_hash="x", endpoint="/"))
    db.session.commit()
    assert purge_expired() == 1
    assert db.session.scalars(select(IdempotencyKey.key)).all() == ["new"]
