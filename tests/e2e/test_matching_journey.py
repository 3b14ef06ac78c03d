"""Journey 4: staff start a full run, watch the progress bar finish, and decide on a suggestion."""

import pytest
from playwright.sync_api import expect

from incubator.demo.seed import seed_demo


@pytest.mark.e2e
@pytest.mark.worker
def test_staff_start_a_run_watch_it_finish_and_approve_a_suggestion(browser, served_with_worker):
    seed_demo()
    context = browser.new_context(base_url=served_with_worker, locale="en-US")
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("E-mail").fill("staff@demo.test")
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("body[data-role=staff]")  # logged in before the next navigation starts
    page.goto("/matching/")
    page.get_by_test_id("start-run").click()
    expect(page.get_by_test_id("run-progress")).to_be_visible()
    expect(page.get_by_test_id("run-status")).to_have_attribute("data-status", "done", timeout=90_000)
    progress = page.get_by_test_id("run-progress")
    assert progress.get_attribute("value") == progress.get_attribute("max")
    page.goto("/matching/suggestions")
    first = page.get_by_test_id("suggestion").first
    expect(first.locator(".badge.text-bg-info").first).to_be_visible()  # explanation terms
    total = int(page.get_by_test_id("suggestion-total").get_attribute("data-total"))
    first.get_by_test_id("decide-approved").click()
    expect(page.get_by_test_id("suggestion-total")).to_have_attribute("data-total", str(total - 1))
    context.close()
