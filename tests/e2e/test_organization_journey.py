"""Journey 6: a new university arrives: its person registers, verifies the address, creates the university,
staff verify it, the person lists a lab, and a founder then finds it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_booking_journey import list_a_fablab
from tests.e2e.test_incubation_journey import log_in, log_out, open_verification_link
from tests.factories import UserFactory


def register(page, email: str) -> None:  # noqa: ANN001
    page.goto("/register")
    page.get_by_label("Full name").fill("Ngô Thanh Hải")
    page.get_by_label("E-mail").fill(email)
    page.locator("#role").select_option("university")
    page.locator("#language").select_option("en")
    page.get_by_label("Password (at least 10 characters)").fill("long-enough-password")
    page.get_by_label("Repeat password").fill("long-enough-password")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/login")


def create_the_university(page) -> None:  # noqa: ANN001
    page.get_by_test_id("create-organization").click()
    page.get_by_label("Name in Vietnamese").fill("Trường Đại học Kỹ thuật Bình Dương")
    page.get_by_label("Name in English (optional)").fill("Binh Duong Engineering University")
    page.get_by_label("Tax code (enterprise) or university code").fill("BDE-0917")
    page.get_by_label("Address in Binh Duong").fill("Số 5 Đại lộ Bình Dương")
    page.get_by_label("City or district").fill("Thủ Dầu Một")
    page.get_by_label("What the organization does").fill("Đào tạo kỹ sư cơ khí, có xưởng chế tạo mẫu.")
    page.get_by_role("button", name="Create and send for verification").click()
    expect(page.get_by_test_id("awaiting-verification")).to_be_visible()


@pytest.mark.e2e
def test_a_new_university_registers_is_verified_and_its_lab_is_found_by_a_founder(page, db):
    staff = UserFactory(role="staff", email="reviewer@becamex.test")
    founder = UserFactory(role="founder", email="founder@startup.test")
    email = "hai@bde.test"

    register(page, email)
    open_verification_link(page, email)
    page.wait_for_url("**/organizations/start")  # verified, logged in, and on to their organization
    create_the_university(page)
    log_out(page)

    log_in(page, staff.email)
    page.get_by_test_id("home-to-verify").get_by_role("link").click()
    card = page.get_by_test_id("to-verify").filter(has_text="Trường Đại học Kỹ thuật Bình Dương")
    card.get_by_label("Decision").select_option("verified")
    card.get_by_role("button", name="Save decision").click()
    expect(page.get_by_test_id("nothing-to-verify")).to_be_visible()
    log_out(page)

    log_in(page, email, "long-enough-password")
    list_a_fablab(page)
    log_out(page)

    log_in(page, founder.email)
    page.get_by_role("navigation").get_by_role("link", name="Labs", exact=True).click()
    page.get_by_label("Search").fill("may in 3D")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="EIU FabLab Journey").click()
    expect(page.get_by_test_id("request-slot")).to_be_visible()
