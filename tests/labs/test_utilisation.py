"""Utilisation = booked hours / open hours per lab and week, checked against weeks computed by hand."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from incubator.labs.calendar import lab_utilisation, monday_of, utilisation_by_lab, week_use
from incubator.labs.models import ClosedDate, Machine
from incubator.labs.rules import to_utc
from tests.factories import BookingFactory, LabFactory, OpeningHoursFactory

MONDAY = date(2030, 1, 7)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A stored (UTC) moment for local `hour` on January `day`, 2030."""
    return to_utc(datetime(2030, 1, day, hour, minute))


@pytest.fixture
def weekday_lab(db):
    """Open Monday–Friday 08:00–17:00 (45 hours a week) and Saturday 08:00–12:00 (4 hours)."""
    lab = LabFactory()
    for weekday in range(5):
        OpeningHoursFactory(lab=lab, weekday=weekday, opens_at=time(8), closes_at=time(17))
    OpeningHoursFactory(lab=lab, weekday=5, opens_at=time(8), closes_at=time(12))
    return lab


def test_an_empty_week_is_open_49_hours_and_unused(weekday_lab):
    use = week_use(weekday_lab, MONDAY)
    assert (use.open_hours, use.booked_hours, use.ratio) == (49, 0, 0)


def test_approved_bookings_count_and_others_do_not(weekday_lab):
    BookingFactory(lab=weekday_lab, starts_at=at(7, 9), ends_at=at(7, 12), status="approved")  # 3 h
    BookingFactory(lab=weekday_lab, starts_at=at(9, 13, 30), ends_at=at(9, 17), status="approved")  # 3.5 h
    BookingFactory(lab=weekday_lab, starts_at=at(12, 8), ends_at=at(12, 12), status="approved")  # Sat 4 h
    BookingFactory(lab=weekday_lab, starts_at=at(8, 9), ends_at=at(8, 12), status="requested")
    BookingFactory(lab=weekday_lab, starts_at=at(10, 9), ends_at=at(10, 12), status="cancelled")
    BookingFactory(lab=weekday_lab, starts_at=at(14, 9), ends_at=at(14, 12), status="approved")  # next week
    use = week_use(weekday_lab, MONDAY)
    assert use.booked_hours == 10.5 and use.open_hours == 49
    assert use.ratio == pytest.approx(10.5 / 49) and use.percent == 21


def test_a_closed_date_removes_its_open_hours(db, weekday_lab):
    db.session.add(ClosedDate(lab_id=weekday_lab.id, day=date(2030, 1, 8), note="Holiday"))
    db.session.commit()
    BookingFactory(lab=weekday_lab, starts_at=at(7, 8), ends_at=at(7, 17), status="approved")
    use = week_use(weekday_lab, MONDAY)
    assert (use.open_hours, use.booked_hours) == (40, 9)
    assert use.ratio == pytest.approx(9 / 40)


def test_seats_count_by_their_share_of_the_capacity_and_machines_not_at_all(db, weekday_lab):
    laser = Machine(lab=weekday_lab, name="Laser cutter")
    db.session.add(laser)
    BookingFactory(
        lab=weekday_lab, starts_at=at(7, 9), ends_at=at(7, 14), people=2, status="approved"
    )  # 5 h × 2/10
    BookingFactory(
        lab=weekday_lab, starts_at=at(7, 9), ends_at=at(7, 11), people=3, status="approved"
    )  # 2 h × 3/10
    BookingFactory(
        lab=weekday_lab, machine=laser, starts_at=at(8, 9), ends_at=at(8, 17), people=1, status="approved"
    )
    use = week_use(weekday_lab, MONDAY)
    assert use.booked_hours == pytest.approx(1.6) and use.open_hours == 49


def test_a_lab_without_opening_hours_has_no_utilisation(db):
    assert week_use(LabFactory(), MONDAY).ratio == 0


def test_weeks_run_oldest_first_and_the_dashboard_reads_every_lab(weekday_lab):
    BookingFactory(lab=weekday_lab, starts_at=at(14, 8), ends_at=at(14, 17), status="approved")
    weeks = lab_utilisation(weekday_lab, date(2030, 1, 14), weeks=2)
    assert [(w.monday, w.booked_hours) for w in weeks] == [(MONDAY, 0), (date(2030, 1, 14), 9)]
    [(lab, use)] = utilisation_by_lab(date(2030, 1, 14))
    assert lab.id == weekday_lab.id and use.percent == round(9 / 49 * 100)
    assert monday_of(date(2030, 1, 13)) == MONDAY


def test_the_manager_sees_a_chart_and_a_table(client, login_as, db):
    manager = login_as("university")
    lab = LabFactory(manager=manager)
    page = client.get(f"/labs/{lab.id}/utilisation").get_data(as_text=True)
    assert page.count("<meter") == 8 and 'data-testid="utilisation-table"' in page and "style=" not in page
