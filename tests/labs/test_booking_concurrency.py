"""Never two overlapping approved bookings: eight requests for one slot at once, one wins, all others told."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask_babel import force_locale
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.extensions import db as _db
from incubator.labs.bookings import approve_booking, request_booking
from incubator.labs.models import Booking, Lab
from incubator.labs.rules import BookingRefused
from incubator.notifications.models import Notification
from tests.factories import UserFactory
from tests.labs.conftest import slot
from tests.labs.http_clients import Browser

THREADS = 8
OVERLAP = "The slot overlaps an approved booking."


def at_once(app, count: int, attempt: Callable[[int], str]) -> list[str]:
    """Run `attempt(i)` in `count` threads released together, each in its own app context and session."""
    barrier = threading.Barrier(count)
    outcomes: list[str] = [""] * count

    def run(i: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                outcomes[i] = attempt(i)
            except BookingRefused as refused:
                with force_locale("en"):
                    outcomes[i] = refused.translated()
            except Exception as error:  # noqa: BLE001  (shown in the assertion, never swallowed)
                outcomes[i] = repr(error)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def rows(model: type, *conditions: object) -> int:
    return _db.session.scalar(select(func.count()).select_from(model).where(*conditions))


def test_concurrent_requests_for_one_slot_confirm_exactly_one(app, db, lab):
    users = [UserFactory().id for _ in range(THREADS)]
    lab_id = lab.id

    def attempt(i: int) -> str:
        user = _db.session.get(type(lab.manager), users[i])
        return request_booking(_db.session.get(Lab, lab_id), user, slot(9, 11)).status

    outcomes = at_once(app, THREADS, attempt)
    assert sorted(outcomes) == sorted(["approved"] + [OVERLAP] * (THREADS - 1)), outcomes
    db.session.expire_all()
    assert rows(Booking) == 1 and rows(Booking, Booking.status == "approved") == 1
    assert rows(AuditEvent) == 1 and rows(Notification) == 1  # nothing half-written by the losers


def test_concurrent_approvals_of_overlapping_requests_approve_exactly_one(app, db, approval_lab):
    ids = [request_booking(approval_lab, UserFactory(), slot(9, 11 + i % 2)).id for i in range(THREADS)]
    manager_id = approval_lab.manager_id

    def attempt(i: int) -> str:
        manager = _db.session.get(type(approval_lab.manager), manager_id)
        return approve_booking(_db.session.get(Booking, ids[i]), manager).status

    outcomes = at_once(app, THREADS, attempt)
    assert sorted(outcomes) == sorted(["approved"] + [OVERLAP] * (THREADS - 1)), outcomes
    db.session.expire_all()
    assert rows(Booking, Booking.status == "approved") == 1
    assert rows(Booking, Booking.status == "requested") == THREADS - 1
    assert rows(AuditEvent, AuditEvent.action == "booking.approved") == 1


def test_concurrent_http_requests_for_one_slot_confirm_exactly_one(app, db, lab, live_server):
    wanted = slot(9, 11)
    form = {
        "day": wanted.starts_at.date().isoformat(),
        "starts": "09:00",
        "ends": "11:00",
        "people": "1",
        "purpose": "Thử nghiệm",
    }
    browsers = []
    for _ in range(THREADS):
        browser = Browser(live_server)
        browser.login(UserFactory().email)
        browsers.append((browser, browser.token(f"/labs/{lab.id}/book")))
    outcomes = at_once(app, THREADS, lambda i: post_booking(browsers[i], lab.id, form))
    assert sorted(outcomes) == sorted(["302"] + ["409 overlap"] * (THREADS - 1)), outcomes
    db.session.expire_all()
    assert rows(Booking) == 1 and rows(Booking, Booking.status == "approved") == 1
    assert rows(AuditEvent, AuditEvent.action.like("booking.%")) == 1 and rows(Notification) == 1


def post_booking(browser_and_token: tuple, lab_id: int, form: dict) -> str:
    """POST the booking form; "302" on success, "409 overlap" when refused with the overlap message."""
    browser, token = browser_and_token
    status, body = browser.open(f"/labs/{lab_id}/book", {**form, "csrf_token": token})
    return f"{status} overlap" if OVERLAP in body else str(status)
