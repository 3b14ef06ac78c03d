"""Journeys: a FabLab listed with a machine, found by "in 3D", its laser cutter and seats booked by two
founders, approved, on the calendar and in the .ics; a mentor accepts a founder and logs a session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from incubator.localtime import today_local
from tests.conftest import TEST_PASSWORD
from tests.factories import (
    MembershipFactory,
    MentorProfileFactory,
    OrganizationFactory,
    StartupFactory,
    UserFactory,
)


def log_in(page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_test_id("home-title").wait_for()


def log_out(page) -> None:
    page.get_by_test_id("user-name").click()
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/login")


def open_from_account_menu(page, name: str) -> None:
    """Follow a link of the account menu (bookings, mentorships, introductions, partnerships)."""
    page.get_by_test_id("user-name").click()
    page.get_by_role("navigation").get_by_role("link", name=name, exact=True).click()


def list_a_fablab(page) -> None:
    page.goto("/labs/new")
    page.locator("#name").fill("EIU FabLab Journey")
    page.locator("#kind").select_option("fablab")
    page.locator("#description").fill("Rapid prototyping for startups")
    page.locator("#equipment").fill("Máy in 3D Ultimaker\nLaser cutter")
    page.locator("#capacity").fill("8")
    page.get_by_role("button", name="Save").click()
    for weekday in range(7):  # the new lab leads to its rules: the only place its hours are set
        page.locator(f"#opens_{weekday}").fill("08:00")
        page.locator(f"#closes_{weekday}").fill("17:00")
    page.get_by_role("button", name="Save rules").click()
    expect(page.get_by_test_id("lab-rules")).to_contain_text("08:00–17:00")
    page.get_by_test_id("lab-machines").click()
    page.locator("#name").fill("Laser cutter")
    page.get_by_role("button", name="Save machine").click()
    expect(page.get_by_test_id("machine")).to_contain_text("Laser cutter")


def request_slot(page, day: str, people: str, machine: str | None = None) -> None:
    """From the lab's page, ask for 09:00–11:00 on `day`: the machine, or `people` seats."""
    page.get_by_test_id("request-slot").click()
    if machine:
        page.locator("#machine").select_option(label=machine)
    page.locator("#day").fill(day)
    page.locator("#starts").fill("09:00")
    page.locator("#ends").fill("11:00")
    page.locator("#people").fill(people)
    page.locator("#purpose").fill("Vỏ hộp cảm biến")
    page.get_by_role("button", name="Request this slot").click()


@pytest.mark.e2e
def test_a_founder_books_a_fablab_the_manager_approves_and_it_reaches_the_calendar(page, db):
    manager = UserFactory(role="university", email="manager@eiu.test")
    MembershipFactory(user=manager, organization=OrganizationFactory(name="EIU"))
    founder = UserFactory(role="founder", email="founder@startup.test")
    other = UserFactory(role="founder", email="other@startup.test")
    day = (today_local() + timedelta(days=1)).isoformat()

    log_in(page, manager.email)
    list_a_fablab(page)
    log_out(page)

    log_in(page, founder.email)
    page.get_by_role("navigation").get_by_role("link", name="Labs", exact=True).click()
    page.get_by_label("Search").fill("in 3D")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="EIU FabLab Journey").click()
    lab_url = page.url
    request_slot(page, day, "1", machine="Laser cutter")
    expect(page.get_by_test_id("booking-status")).to_have_text("waiting for approval")
    expect(page.get_by_test_id("booking-what")).to_have_text("Laser cutter")
    page.get_by_role("link", name="Back to the lab").click()
    request_slot(page, day, "1")
    expect(page.get_by_test_id("booking-what")).to_have_text("1 seat in the lab")
    log_out(page)

    log_in(page, other.email)  # the other founder takes the other seven seats
    page.goto(lab_url)
    request_slot(page, day, "7")
    expect(page.get_by_test_id("booking-what")).to_have_text("7 seats in the lab")
    log_out(page)

    log_in(page, manager.email)
    for _ in range(3):
        page.get_by_test_id("waiting-booking").first.get_by_test_id("approve").click()
        page.get_by_test_id("home-title").wait_for()
    expect(page.get_by_test_id("waiting-booking")).to_have_count(0)
    log_out(page)

    log_in(page, other.email)  # the lab is full: an eighth person is refused, with the reason
    page.goto(lab_url)
    request_slot(page, day, "1")
    expect(page.get_by_role("alert").filter(has_text="Not enough free seats")).to_be_visible()
    log_out(page)

    log_in(page, founder.email)
    open_from_account_menu(page, "My bookings")
    page.get_by_test_id("my-booking").filter(has_text="Laser cutter").get_by_role("link").click()
    expect(page.get_by_test_id("booking-status")).to_have_text("approved")
    page.get_by_role("link", name="Back to the lab").click()
    page.goto(page.url + f"?week={day}")
    calendar_day = page.get_by_test_id(f"day-{day}")
    expect(calendar_day.get_by_test_id("booked")).to_contain_text("09:00–11:00 · full")
    expect(calendar_day.get_by_test_id("machine-booked")).to_contain_text("09:00–11:00 · Laser cutter booked")
    open_from_account_menu(page, "My bookings")
    href = page.get_by_test_id("my-feed-download").get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    summaries = sorted(str(event["SUMMARY"]) for event in events)
    assert summaries == ["EIU FabLab Journey: 1 seat booked", "EIU FabLab Journey: Laser cutter booked"]
    assert {event.decoded("DTSTART").isoformat() for event in events} == {f"{day}T09:00:00+07:00"}


@pytest.mark.e2e
def test_a_founder_asks_a_mentor_who_accepts_and_logs_a_session(page, db):
    profile = MentorProfileFactory(user=UserFactory(role="mentor", full_name="Trần Quang Vinh"))
    startup = StartupFactory(name="AgriSense")

    log_in(page, startup.owner.email)
    page.get_by_role("navigation").get_by_role("link", name="Mentors", exact=True).click()
    page.get_by_test_id("mentor").filter(has_text="Trần Quang Vinh").get_by_test_id("request-mentor").click()
    page.locator("#message").fill("Cần cố vấn về IoT cho nông nghiệp")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_test_id("mentorship-status")).to_have_text("waiting for the mentor")
    log_out(page)

    log_in(page, profile.user.email)
    open_from_account_menu(page, "Mentorships")
    page.get_by_test_id("mentorship").get_by_role("link").click()
    page.get_by_test_id("accept-mentorship").click()
    expect(page.get_by_test_id("mentorship-status")).to_have_text("active")
    page.locator("#held_on").fill(today_local().isoformat())
    page.locator("#duration_minutes").fill("45")
    page.locator("#notes").fill("Kế hoạch thử nghiệm")
    page.locator("#private_notes").fill("Nhóm cần thêm người bán hàng")
    page.get_by_role("button", name="Log session").click()
    expect(page.get_by_test_id("session")).to_contain_text("Kế hoạch thử nghiệm")
    expect(page.get_by_test_id("private-notes")).to_contain_text("Nhóm cần thêm người bán hàng")
    log_out(page)

    log_in(page, startup.owner.email)
    open_from_account_menu(page, "My mentorships")
    page.get_by_test_id("mentorship").get_by_role("link").click()
    expect(page.get_by_test_id("session")).to_contain_text("Kế hoạch thử nghiệm")
    expect(page.get_by_test_id("private-notes")).to_have_count(0)
