"""Calendar feeds: parsed back with icalendar; Asia/Ho_Chi_Minh times; a new token revokes the old URL."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from incubator.labs.bookings import request_booking
from incubator.labs.feeds import feed_token
from tests.factories import UserFactory
from tests.labs.conftest import slot

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def events(body: bytes) -> list:
    return Calendar.from_ical(body).walk("VEVENT")


def test_the_lab_feed_lists_approved_bookings_as_booked_only(client, db, lab, approval_lab):
    founder = UserFactory(full_name="Lê Văn Tám")
    request_booking(lab, founder, slot(9, 11))
    request_booking(approval_lab, founder, slot(9, 11))  # waiting: not in the lab's feed
    response = client.get(f"/labs/feeds/{feed_token('lab', lab.id)}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    [event] = events(response.data)
    assert str(event["SUMMARY"]) == "Booked" and "Lê Văn Tám" not in response.get_data(as_text=True)
    start = event.decoded("DTSTART")
    assert start.tzinfo.key == "Asia/Ho_Chi_Minh" and start.replace(tzinfo=None) == slot(9, 11).starts_at
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert Calendar.from_ical(response.data).walk("VTIMEZONE")[0]["TZID"] == "Asia/Ho_Chi_Minh"


def test_the_user_feed_lists_the_users_own_bookings(client, db, lab, approval_lab):
    founder = UserFactory()
    request_booking(lab, founder, slot(9, 11))
    request_booking(approval_lab, founder, slot(13, 15))
    request_booking(lab, UserFactory(), slot(13, 15))
    found = events(client.get(f"/labs/feeds/{feed_token('user', founder.id)}.ics").data)
    summaries = sorted(str(e["SUMMARY"]) for e in found)
    assert summaries == ["EIU FabLab", "TDMU TechLab (waiting for approval)"]
    starts = sorted(e.decoded("DTSTART") for e in found)
    assert starts[1] == datetime.combine(slot().starts_at.date(), datetime.min.time().replace(hour=13), ZONE)


def test_a_made_up_token_is_not_found(client, db):
    assert client.get("/labs/feeds/not-a-token.ics").status_code == 404


def test_regenerating_the_user_feed_revokes_the_old_url(client, login_as, post_form, db):
    founder = login_as("founder")
    old = feed_token("user", founder.id)
    page = client.get("/labs/bookings/mine").get_data(as_text=True)
    assert f"/labs/feeds/{old}.ics" in page and f"webcal://localhost/labs/feeds/{old}.ics" in page
    assert post_form("/labs/bookings/feed", {}, form_url="/labs/bookings/mine").status_code == 302
    new = feed_token("user", founder.id)
    assert new != old
    assert client.get(f"/labs/feeds/{old}.ics").status_code == 404
    assert client.get(f"/labs/feeds/{new}.ics").status_code == 200


def test_a_lab_manager_regenerates_the_lab_feed(client, login_as, post_form, db):
    from tests.factories import LabFactory

    manager = login_as("university")
    lab = LabFactory(manager=manager)
    old = feed_token("lab", lab.id)
    assert post_form(f"/labs/{lab.id}/feed", {}, form_url=f"/labs/{lab.id}").status_code == 302
    assert client.get(f"/labs/feeds/{old}.ics").status_code == 404
    assert client.get(f"/labs/feeds/{feed_token('lab', lab.id)}.ics").status_code == 200
