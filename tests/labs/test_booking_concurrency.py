"""Never two overlapping approved bookings of one machine, never more people than seats: eight requests
at once, in threads (and over HTTP), on SQLite and PostgreSQL; the ones that cannot fit are told."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask_babel import force_locale
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.extensions import db as _db
from incubator.labs.bookings import approve_booking, request_booking
from incubator.labs.models import Booking, Lab
from incubator.labs.rules import BookingRefused, peak
from incubator.notifications.models import Notification
from tests.factories import UserFactory
from tests.labs.conftest import add_machine, slot
from tests.labs.http_clients import Browser

THREADS = 8
TAKEN = "The machine is already booked at that time."
NO_SEATS = "Not enough free seats"


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


def seats_at_peak(lab_id: int) -> int:
    """The most people the lab's approved seat bookings hold at one moment."""
    query = select(Booking.starts_at, Booking.ends_at, Booking.people).where(
        Booking.lab_id == lab_id, Booking.machine_id.is_(None), Booking.status == "approved"
    )
    return peak(_db.session.execute(query).all())


def outcome(text: str) -> str:
    """A refusal shortened to its kind (the seats message names numbers)."""
    return NO_SEATS if text.startswith(NO_SEATS) else text


def test_concurrent_requests_for_one_machine_confirm_exactly_one(app, db, lab, laser):
    users = [UserFactory().id for _ in range(THREADS)]
    lab_id, laser_id = lab.id, laser.id

    def attempt(i: int) -> str:
        user = _db.session.get(type(lab.manager), users[i])
        return request_booking(_db.session.get(Lab, lab_id), user, slot(9, 11, machine_id=laser_id)).status

    outcomes = at_once(app, THREADS, attempt)
    assert sorted(outcomes) == sorted(["approved"] + [TAKEN] * (THREADS - 1)), outcomes
    db.session.expire_all()
    assert rows(Booking) == 1 and rows(Booking, Booking.status == "approved") == 1
    assert rows(AuditEvent) == 1 and rows(Notification) == 1  # nothing half-written by the losers


def test_concurrent_seat_requests_never_hold_more_people_than_seats(app, db, lab):
    users = [UserFactory().id for _ in range(THREADS)]
    lab_id = lab.id  # 6 seats; each asks 2, all overlap 10:00–11:00: exactly three fit

    def attempt(i: int) -> str:
        user = _db.session.get(type(lab.manager), users[i])
        wanted = slot(9, 11, people=2) if i % 2 else slot(10, 12, people=2)
        return request_booking(_db.session.get(Lab, lab_id), user, wanted).status

    outcomes = [outcome(o) for o in at_once(app, THREADS, attempt)]
    assert sorted(outcomes) == sorted(["approved"] * 3 + [NO_SEATS] * (THREADS - 3)), outcomes
    db.session.expire_all()
    assert rows(Booking) == 3 and seats_at_peak(lab_id) == 6
    assert rows(AuditEvent) == 3 and rows(Notification) == 3


def test_concurrent_approvals_of_one_machine_approve_exactly_one(app, db, approval_lab):
    printer = add_machine(approval_lab, "3D printer").id
    ids = [
        request_booking(approval_lab, UserFactory(), slot(9, 11 + i % 2, machine_id=printer)).id
        for i in range(THREADS)
    ]
    manager_id = approval_lab.manager_id

    def attempt(i: int) -> str:
        manager = _db.session.get(type(approval_lab.manager), manager_id)
        return approve_booking(_db.session.get(Booking, ids[i]), manager).status

    outcomes = at_once(app, THREADS, attempt)
    assert sorted(outcomes) == sorted(["approved"] + [TAKEN] * (THREADS - 1)), outcomes
    db.session.expire_all()
    assert rows(Booking, Booking.status == "approved") == 1
    assert rows(Booking, Booking.status == "requested") == THREADS - 1
    assert rows(AuditEvent, AuditEvent.action == "booking.approved") == 1


def test_concurrent_approvals_of_seats_never_hold_more_people_than_seats(app, db, approval_lab):
    # 10 seats; eight waiting requests of 3 people, all overlapping 10:00–11:00: three fit
    ids = [
        request_booking(approval_lab, UserFactory(), slot(9 + i % 2, 11, people=3)).id for i in range(THREADS)
    ]
    manager_id, lab_id = approval_lab.manager_id, approval_lab.id

    def attempt(i: int) -> str:
        manager = _db.session.get(type(approval_lab.manager), manager_id)
        return approve_booking(_db.session.get(Booking, ids[i]), manager).status

    outcomes = [outcome(o) for o in at_once(app, THREADS, attempt)]
    assert sorted(outcomes) == sorted(["approved"] * 3 + [NO_SEATS] * (THREADS - 3)), outcomes
    db.session.expire_all()
    assert rows(Booking, Booking.status == "approved") == 3 and seats_at_peak(lab_id) == 9


def test_concurrent_http_requests_of_a_machine_and_seats(app, db, lab, laser, live_server):
    """Four browsers ask for the laser cutter and four for 2 of the 6 seats, at once: one gets the
    machine, three get seats."""
    wanted = slot(9, 11)
    form = {
        "day": wanted.starts_at.date().isoformat(),
        "starts": "09:00",
        "ends": "11:00",
        "people": "2",
        "purpose": "Thử nghiệm",
    }
    forms = [{**form, "machine": str(laser.id), "people": "1"} if i % 2 else form for i in range(THREADS)]
    browsers = []
    for _ in range(THREADS):
        browser = Browser(live_server)
        browser.login(UserFactory().email)
        browsers.append((browser, browser.token(f"/labs/{lab.id}/book")))
    outcomes = at_once(app, THREADS, lambda i: post_booking(browsers[i], lab.id, forms[i]))
    machine, seats = outcomes[1::2], outcomes[0::2]
    assert sorted(machine) == ["302", "409 taken", "409 taken", "409 taken"], outcomes
    assert sorted(seats) == ["302", "302", "302", "409 no seats"], outcomes
    db.session.expire_all()
    assert rows(Booking, Booking.machine_id == laser.id) == 1 and rows(Booking) == 4
    assert seats_at_peak(lab.id) == 6


def post_booking(browser_and_token: tuple, lab_id: int, form: dict) -> str:
    """POST the booking form; "302" on success, "409 taken" or "409 no seats" when refused."""
    browser, token = browser_and_token
    status, body = browser.open(f"/labs/{lab_id}/book", {**form, "csrf_token": token})
    if TAKEN in body:
        return f"{status} taken"
    return f"{status} no seats" if NO_SEATS in body else str(status)
