"""Journey 1: a founder registers, creates a startup and applies; two reviewers score; staff accept."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from incubator.accounts import tokens
from incubator.accounts.models import User
from incubator.extensions import db
from tests.conftest import TEST_PASSWORD
from tests.factories import ProgramFactory, UserFactory


def log_in(page, email: str, password: str = TEST_PASSWORD) -> None:  # noqa: ANN001
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_test_id("home-title").or_(page.get_by_test_id("figures")).first.wait_for()


def log_out(page) -> None:  # noqa: ANN001
    page.get_by_test_id("user-name").click()
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/login")


def open_verification_link(page, email: str) -> None:  # noqa: ANN001
    """Open the link the verification e-mail carries (tests/accounts read it out of a real e-mail)."""
    user = db.session.scalar(select(User).where(User.email == email))
    page.goto(f"/verify/{tokens.make(tokens.VERIFY_EMAIL, user.id, user.email)}")


def register_and_apply(page, program_id: int) -> None:  # noqa: ANN001
    page.goto("/register")
    page.get_by_label("Full name").fill("Trần Thị Mai")
    page.get_by_label("E-mail").fill("mai@nhuomxanh.test")
    page.locator("#role").select_option("founder")
    page.locator("#language").select_option("en")
    page.get_by_label("Password (at least 10 characters)").fill("long-enough-password")
    page.get_by_label("Repeat password").fill("long-enough-password")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/login")  # the same answer for a new or known address
    open_verification_link(page, "mai@nhuomxanh.test")
    page.wait_for_url("**/startups/new")  # verified, logged in, and on to her first startup
    page.get_by_label("Name").fill("Nhuộm Xanh")
    page.get_by_label("What the startup does").fill("Nhuộm vải tiết kiệm nước cho nhà máy dệt Bình Dương")
    page.get_by_label("Sector").fill("textiles")
    page.get_by_label("Team size").fill("4")
    page.get_by_role("button", name="Save").click()
    page.goto("/programs/")
    page.get_by_role("link", name="Block71 Bình Dương – Khóa 5").click()
    page.get_by_test_id("apply").click()
    page.get_by_label("Pitch").fill("Giảm 40% nước thải khi nhuộm vải")
    page.get_by_label("What do you build?").fill("Quy trình nhuộm mới")
    page.get_by_label("Who pays for it?").fill("Các nhà máy dệt")
    page.get_by_test_id("submit-application").click()
    expect(page.get_by_test_id("application-status")).to_have_attribute("data-status", "submitted")


def score(page, application_url: str, team: str, market: str) -> None:  # noqa: ANN001
    page.goto(f"{application_url}/score")
    page.locator(f'input[name="score_team"][value="{team}"]').check()
    page.locator(f'input[name="score_market"][value="{market}"]').check()
    page.get_by_label("Comment").fill("Đội ngũ mạnh, thị trường rõ")
    page.get_by_label("Recommendation").select_option("accept")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_test_id("review-submitted")).to_be_visible()


@pytest.mark.e2e
def test_a_founder_applies_two_reviewers_score_staff_accept_and_the_founder_is_told(page, db):
    program = ProgramFactory(name="Block71 Bình Dương – Khóa 5")
    lead = UserFactory(role="staff", full_name="Võ Hoàng Nam")
    reviewers = [UserFactory(role="staff", full_name=name) for name in ("Lê Thu", "Phạm An")]
    register_and_apply(page, program.id)
    log_out(page)

    log_in(page, lead.email)
    page.goto("/review/applications?q=nhuom")
    page.get_by_role("link", name="Nhuộm Xanh").click()
    application_url = page.url.split("?")[0]
    for name in ("Lê Thu", "Phạm An"):  # ticked in the list of reviewers
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_test_id("assigned")).to_contain_text("Lê Thu")
    expect(page.get_by_test_id("application-status")).to_have_attribute("data-status", "under_review")
    log_out(page)

    for reviewer, marks in zip(reviewers, (("5", "4"), ("4", "4")), strict=True):
        log_in(page, reviewer.email)
        score(page, application_url, *marks)
        log_out(page)

    log_in(page, lead.email)
    page.goto(application_url)
    expect(page.get_by_test_id("weighted")).to_have_text("4.33")  # ((2·5+4)/3 + (2·4+4)/3) / 2
    page.get_by_label("Decision").select_option("accepted")
    page.get_by_label("Message to the founder").fill("Chúc mừng Nhuộm Xanh! Hẹn gặp tại Block71.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_test_id("application-status")).to_have_attribute("data-status", "accepted")
    log_out(page)

    log_in(page, "mai@nhuomxanh.test", "long-enough-password")
    expect(page.get_by_test_id("home-application")).to_contain_text("accepted")
    expect(page.get_by_test_id("unread-count")).to_be_visible()
    page.get_by_test_id("inbox-link").click()  # the menu's link; the home notice links there too
    expect(page.get_by_test_id("notification").first).to_contain_text("was accepted")
    expect(page.get_by_test_id("notification").first).to_contain_text("Hẹn gặp tại Block71")
