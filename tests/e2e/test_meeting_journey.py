"""Journey: a mentor accepts a request from their home, both read each other's contact details, the mentor
proposes a meeting time, the founder accepts it and both get the .ics invitation; the mentor then
cancels it with a word and the founder reads it in the inbox."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from incubator.localtime import now_local
from tests.e2e.test_booking_journey import log_in, log_out, open_from_account_menu
from tests.factories import MentorProfileFactory, MentorshipFactory, StartupFactory, UserFactory


def invitation_in_inbox(page, when: str) -> None:
    """The inbox holds the "meeting agreed" notification; its link is the meeting's .ics at `when`."""
    page.goto("/notifications/")
    agreed = page.get_by_test_id("notification").filter(has_text="Meeting agreed")
    expect(agreed).to_have_count(1)
    response = page.request.get(agreed.get_by_role("link").get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.body()).walk("VEVENT")
    assert event.decoded("DTSTART").isoformat() == f"{when}:00+07:00"
    assert str(event["LOCATION"]) == "https://meet.example/agrisense"


@pytest.mark.e2e
def test_a_mentor_and_a_founder_agree_a_meeting_time_and_both_get_the_invitation(page, db):
    mentor = MentorProfileFactory(user=UserFactory(role="mentor", full_name="Trần Quang Vinh")).user
    founder = UserFactory(role="founder", full_name="Lê Thu Hà", email="ha@agrisense.test")
    MentorshipFactory(mentor=mentor, startup=StartupFactory(name="AgriSense", owner=founder))
    when = (now_local() + timedelta(days=3)).strftime("%Y-%m-%dT10:00")

    log_in(page, mentor.email)
    page.get_by_test_id("waiting-request").filter(has_text="AgriSense").get_by_test_id(
        "accept-request"
    ).click()
    expect(page.get_by_test_id("waiting-request")).to_have_count(0)
    open_from_account_menu(page, "Mentorships")
    page.get_by_test_id("mentorship").get_by_role("link").click()
    expect(page.get_by_test_id("contact")).to_contain_text("ha@agrisense.test")
    page.locator("#starts_local").fill(when)
    page.locator("#minutes").fill("45")
    page.locator("#place").fill("https://meet.example/agrisense")
    page.locator("#note").fill("Xem lại kế hoạch thử nghiệm")
    page.get_by_role("button", name="Propose this time").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("waiting for an answer")
    log_out(page)

    log_in(page, founder.email)
    open_from_account_menu(page, "My mentorships")
    page.get_by_test_id("mentorship").get_by_role("link").click()
    expect(page.get_by_test_id("contact")).to_contain_text(mentor.email)
    page.get_by_test_id("accept-meeting").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("agreed")
    invitation_in_inbox(page, when)
    log_out(page)

    log_in(page, mentor.email)
    invitation_in_inbox(page, when)
    open_from_account_menu(page, "Mentorships")
    page.get_by_test_id("mentorship").get_by_role("link").click()
    page.get_by_test_id("cancel-meeting-open").click()
    page.get_by_label("Message to the other side (optional)").fill("Xin lỗi, tôi phải đi công tác")
    page.get_by_test_id("cancel-meeting").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("cancelled")
    expect(page.get_by_test_id("meeting-cancelled")).to_contain_text("Xin lỗi, tôi phải đi công tác")
    log_out(page)

    log_in(page, founder.email)
    page.goto("/notifications/")
    cancelled = page.get_by_test_id("notification").filter(has_text="cancelled the meeting")
    expect(cancelled).to_contain_text("Xin lỗi, tôi phải đi công tác")
