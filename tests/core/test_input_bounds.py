"""Dates and whole numbers stay in range, from a form, an address or a row stored before: never a 500."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select
from wtforms import Form

from incubator.forms import AppForm, QueryForm
from incubator.labs import feeds
from incubator.review.models import Program
from tests.factories import (
    BookingFactory,
    LabFactory,
    MembershipFactory,
    OrganizationFactory,
    ProgramFactory,
    StartupFactory,
    open_every_day,
)

OUT_OF_RANGE = "Enter a date from 2000-01-01 to 2100-12-31."
HUGE = "99999999999999999999"


def every_form_class(cls: type = Form) -> list[type]:
    """Every form class the app defines (its blueprints import them all)."""
    found = [sub for sub in cls.__subclasses__() if sub.__module__.startswith("incubator.")]
    return found + [deeper for sub in cls.__subclasses__() for deeper in every_form_class(sub)]


def test_every_form_of_the_app_is_built_on_the_base_that_keeps_input_in_range(app):
    outside = [cls.__qualname__ for cls in every_form_class() if not issubclass(cls, (AppForm, QueryForm))]
    assert len(every_form_class()) > 40 and outside == []


@pytest.mark.parametrize(
    ("role", "url"),
    [("founder", "/labs/{lab}?week=9999-12-31"), ("founder", "/labs/{lab}?week=0001-01-01"),
     ("founder", "/labs/?free_on=9999-12-31"), ("founder", "/labs/?free_on=0001-01-01"),
     ("staff", f"/matching/suggestions?organization={HUGE}"), ("staff", f"/matching/suggestions?run={HUGE}"),
     ("staff", f"/matching/suggestions?organization=-{HUGE}")],
)  # fmt: skip
def test_a_date_or_number_out_of_range_in_the_address_is_ignored(client, login_as, db, role, url):
    lab = open_every_day(LabFactory())
    login_as(role)
    assert client.get(url.format(lab=lab.id)).status_code == 200


def test_rows_stored_with_an_extreme_date_do_not_break_the_pages(client, login_as, db):
    program = ProgramFactory(opens_on=date(2000, 1, 1), closes_on=date(9999, 12, 31))
    founder = login_as("founder")
    StartupFactory(owner=founder)
    lab = open_every_day(LabFactory())
    start, end = datetime(9999, 12, 31, 22), datetime(9999, 12, 31, 23)
    booking = BookingFactory(lab=lab, requester=founder, status="approved", starts_at=start, ends_at=end)
    feed = feeds.feed_token("lab", lab.id, lab.manager_id)
    urls = ["/", "/programs/", f"/programs/{program.id}", f"/applications/new/{program.id}",
            f"/labs/bookings/{booking.id}", "/labs/bookings/mine", f"/labs/feeds/{feed}.ics"]  # fmt: skip
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)


@pytest.mark.parametrize(("opens", "closes"), [("2026-12-01", "9999-12-31"), ("0001-01-01", "2027-01-31")])
def test_a_program_outside_the_date_range_is_refused_with_a_message(
    client, login_as, post_form, db, opens, closes
):
    login_as("staff")
    data = {"name": "Ươm tạo Khóa 4", "organization_id": OrganizationFactory(kind="incubator").id,
            "description": "Mô tả", "opens_on": opens, "closes_on": closes, "seats": 10,
            "required_reviews": 2, "question_lines": "Sản phẩm là gì?",
            "rubric_lines": "Đội ngũ | 1 | a; b; c; d; e"}  # fmt: skip
    response = post_form("/programs/new", data)
    assert response.status_code == 200 and OUT_OF_RANGE in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Program)) == 0


def test_a_closed_date_outside_the_range_is_refused_with_a_message(client, login_as, post_form, db):
    user = login_as("university")
    lab = LabFactory(manager=user, organization=MembershipFactory(user=user).organization)
    data = {"min_slot_minutes": "30", "max_slot_minutes": "240", "book_ahead_days": "60",
            "closed_dates": "2027-02-06 Tết\n9999-12-31 Mãi mãi"}  # fmt: skip
    response = post_form(f"/labs/{lab.id}/rules", data)
    assert response.status_code == 200 and OUT_OF_RANGE in response.get_data(as_text=True)
    assert lab.closed_dates == []
