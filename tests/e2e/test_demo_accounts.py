"""Journey: every demo account logs in through a real browser and sees its home page."""

import pytest
from playwright.sync_api import expect

from incubator.accounts.models import ROLES
from incubator.demo.seed import seed_demo


@pytest.fixture
def demo_data(db):  # noqa: ANN001
    seed_demo()


@pytest.mark.e2e
def test_each_demo_account_logs_in_and_sees_its_home_page(page, demo_data):
    for role in ROLES:
        page.goto("/login")
        page.get_by_label("E-mail").fill(f"{role}@demo.test")
        page.get_by_label("Password").fill("demo-password")
        page.get_by_role("button", name="Log in").click()
        page.get_by_test_id("home-title").wait_for()
        assert page.locator("body").get_attribute("data-role") == role
        assert page.get_by_test_id("user-name").inner_text().strip(), role
        page.get_by_test_id("user-name").click()  # the account menu holds the profile and log-out
        page.get_by_test_id("logout").click()
        page.wait_for_url("**/login")


@pytest.mark.e2e
def test_a_visitor_switches_the_interface_to_vietnamese(page, demo_data):
    page.goto("/login")
    page.get_by_label("Language").select_option("vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
