"""Issue 26's journey: an English challenge meets a Vietnamese-only lab, and a founder finds it unaccented."""

import pytest
from playwright.sync_api import expect

from incubator.demo.seed import seed_demo

LAB = "Phòng thí nghiệm Công nghệ Thực phẩm TDMU"  # written in Vietnamese only (incubator/demo/data.py)
TITLE = "Shelf-life testing for freeze-dried fruit snacks"


def log_in(page, email: str) -> None:  # noqa: ANN001
    """Log in with the demo password and wait until the home page says so."""
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill("demo-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("body[data-role]")


@pytest.mark.e2e
@pytest.mark.worker
def test_an_english_challenge_is_matched_to_a_vietnamese_lab_that_a_founder_finds_unaccented(
    browser, served_with_worker
):
    seed_demo()
    enterprise = browser.new_context(base_url=served_with_worker, locale="en-US").new_page()
    log_in(enterprise, "food@demo.test")
    enterprise.goto("/challenges/new")
    enterprise.locator("main #title").fill(TITLE)  # food@ reads the site in Vietnamese: fields by id
    enterprise.locator("main #description").fill(
        "We are launching freeze-dried mango and jackfruit snacks for export to Japan and need "
        "shelf-life studies, microbiological testing and a freeze dryer for pilot batches."
    )
    enterprise.locator("main #sector").fill("food processing")
    enterprise.locator("main #submit").click()
    expect(enterprise.get_by_text(TITLE).first).to_be_visible()

    staff = browser.new_context(base_url=served_with_worker, locale="en-US").new_page()
    log_in(staff, "staff@demo.test")
    staff.goto("/matching/")
    staff.get_by_test_id("start-run").click()
    expect(staff.get_by_test_id("run-status")).to_have_attribute("data-status", "done", timeout=90_000)
    staff.goto("/matching/suggestions?kind=challenge-lab")
    ours = staff.get_by_test_id("suggestion").filter(has_text=TITLE).filter(has_text=LAB)
    expect(ours).to_have_count(1)
    expect(ours.get_by_text("freeze dryer ↔ máy sấy thăng hoa")).to_be_visible()  # the bridge, as written

    founder = browser.new_context(base_url=served_with_worker, locale="en-US").new_page()
    log_in(founder, "founder@demo.test")
    founder.goto("/labs/")
    box = founder.locator("main input[name=q]")
    box.fill("may say thang hoa")  # máy sấy thăng hoa (freeze dryer), typed without diacritics
    box.press("Enter")
    expect(founder.get_by_test_id("lab").filter(has_text=LAB)).to_have_count(1)
    for page in (enterprise, staff, founder):
        page.context.close()
