"""Journeys 3 and 5: a posted challenge, a run, staff approval, two yeses, the partnership shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from incubator.demo.seed import seed_demo
from tests.conftest import TEST_PASSWORD
from tests.factories import CapabilityFactory, MembershipFactory, OrganizationFactory, UserFactory

COMPANY, SCHOOL = "Công ty TNHH Khuôn mẫu Sóng Thần", "Đại học Kỹ thuật Bình Dương"
SECRET = "Khuôn ép số 14 nứt sau 80.000 chu kỳ"


def log_in(browser, base_url: str, email: str):  # noqa: ANN001, ANN201
    context = browser.new_context(base_url=base_url, locale="en-US", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD if not email.endswith("@demo.test") else "demo-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("body:not([data-role=''])")  # logged in before the next navigation starts
    return page


def people() -> tuple:
    """A mould maker and a technical university that do not know each other yet."""
    company, school = OrganizationFactory(kind="enterprise", name=COMPANY), OrganizationFactory(name=SCHOOL)
    enterprise = UserFactory(role="enterprise", email="khuonmau@journey.test", full_name="Phạm Thu Hà")
    university = UserFactory(role="university", email="kythuat@journey.test", full_name="Võ Minh Tuấn")
    MembershipFactory(user=enterprise, organization=company)
    MembershipFactory(user=university, organization=school)
    CapabilityFactory(
        organization=school, owner=university, title="Mô phỏng mỏi và tuổi thọ khuôn ép nhựa",
        description="Phân tích mỏi kim loại, mô phỏng nứt khuôn ép nhựa và thử nghiệm tuổi thọ khuôn thép.",
        keywords="khuôn ép nhựa, phân tích mỏi, tuổi thọ khuôn",
    )  # fmt: skip
    return enterprise, university, school


def post_challenge(page) -> None:  # noqa: ANN001
    page.goto("/challenges/new")
    page.get_by_label("Title").fill("Khuôn ép nhựa bị nứt sớm")
    page.get_by_label("The problem to solve").fill(
        "Khuon ep nhua cua chung toi bi nut som; can phan tich moi va du bao tuoi tho khuon thep."
    )
    page.get_by_label("Sector").fill("khuôn mẫu")
    page.get_by_label("Desired outcome").fill("Tăng tuổi thọ khuôn lên 200.000 chu kỳ")
    page.get_by_label("Budget range").select_option("100m_500m")
    page.get_by_label("Confidential details").fill(SECRET)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Khuôn ép nhựa bị nứt sớm")).to_be_visible()


def answer(page) -> None:  # noqa: ANN001
    page.goto("/introductions/")
    page.get_by_test_id("introduction").filter(has_text="Khuôn ép nhựa bị nứt sớm").click()
    expect(page.get_by_test_id("not-revealed")).to_be_visible()
    assert SECRET not in page.content()
    page.get_by_test_id("accept").click()


@pytest.mark.e2e
@pytest.mark.worker
def test_challenge_to_partnership_on_the_dashboard_and_in_the_network(browser, served_with_worker, tmp_path):
    seed_demo()
    enterprise, university, school = people()
    company_page = log_in(browser, served_with_worker, enterprise.email)
    post_challenge(company_page)

    staff = log_in(browser, served_with_worker, "staff@demo.test")
    staff.goto("/matching/")
    staff.get_by_test_id("start-run").click()
    expect(staff.get_by_test_id("run-status")).to_have_attribute("data-status", "done", timeout=90_000)
    staff.goto(f"/matching/suggestions?kind=challenge-capability&organization={school.id}")
    staff.get_by_test_id("suggestion").filter(has_text="Khuôn ép nhựa bị nứt sớm").get_by_test_id(
        "open-suggestion"
    ).click()
    expect(staff.get_by_test_id("source-profile").locator("mark").first).to_be_visible()
    expect(staff.get_by_test_id("target-profile").locator("mark").first).to_be_visible()
    assert SECRET not in staff.content()
    staff.get_by_test_id("approve-note").fill("Hai bên cùng quan tâm đến tuổi thọ khuôn.")
    staff.get_by_test_id("decide-approved").click()

    answer(company_page)
    expect(company_page.get_by_test_id("response-source")).to_have_text("Accepted")
    school_page = log_in(browser, served_with_worker, university.email)
    answer(school_page)
    expect(school_page.get_by_test_id("introduction-status")).to_have_attribute("data-status", "accepted")
    expect(school_page.get_by_test_id("confidential")).to_have_text(SECRET)
    expect(school_page.get_by_text(enterprise.email)).to_be_visible()

    staff.goto("/dashboard/")
    table = staff.get_by_test_id("network-table")
    expect(table.locator("tr", has_text=COMPANY)).to_contain_text(SCHOOL)
    node = staff.locator(f'a[aria-label^="{COMPANY} "] circle')
    expect(node).to_have_attribute("data-partnerships", "1")
    staff.locator(f'a[aria-label^="{SCHOOL} "]').focus()  # the picture is reachable by keyboard
    expect(staff.get_by_test_id("chart-matching-funnel").locator("canvas")).to_be_visible()
    staff.screenshot(path=str(tmp_path / "dashboard-network.png"), full_page=True)
    assert (tmp_path / "dashboard-network.png").stat().st_size > 10_000
    for page in (company_page, school_page, staff):
        page.context.close()
