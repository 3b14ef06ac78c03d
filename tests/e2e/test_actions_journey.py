"""In Chromium: staff filter the reviewers' list and tick one (the app's own script, under the CSP), and a
pasted URL in a list of startups wraps instead of widening the page at 390 px."""

from __future__ import annotations

from incubator.review import applications
from tests.e2e.test_incubation_journey import log_in
from tests.factories import ProgramFactory, StartupFactory, UserFactory

LONG_URL = "https://example.vn/" + "a" * 600


def submitted_application(description: str = "Cảm biến rung"):  # noqa: ANN201
    startup = StartupFactory(description=description)
    data = {"pitch": "Cảm biến rung cho máy dập", "answers": ["Sensors", "Factories"], "submit": True}
    return applications.start_application(startup.owner, ProgramFactory(), startup, data)


def test_staff_filter_the_reviewers_and_assign_the_one_they_ticked(page, db):
    application = submitted_application()
    UserFactory(role="staff", full_name="Nguyễn Thị Lan")
    UserFactory(role="staff", full_name="Trần Văn Bình")
    staff = UserFactory(role="staff", full_name="Phạm Quốc Bảo")
    log_in(page, staff.email)
    page.goto(f"/review/applications/{application.id}")
    page.get_by_label("Filter reviewers by name").fill("nguyen thi")  # typed without accents
    assert page.get_by_label("Nguyễn Thị Lan").is_visible()
    assert not page.get_by_label("Trần Văn Bình").is_visible()
    page.get_by_label("Nguyễn Thị Lan").check()
    page.get_by_role("button", name="Assign", exact=True).click()
    assert "1 reviewer(s) assigned" in page.get_by_role("alert").first.inner_text()
    assert "Nguyễn Thị Lan" in page.get_by_test_id("assigned").inner_text()


def test_a_pasted_url_wraps_in_the_list_of_startups_at_390_px(page, db):
    founder = UserFactory(role="founder")
    StartupFactory(owner=founder, description=LONG_URL)
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, founder.email)
    page.goto("/startups/")
    row = page.get_by_test_id("startup").first
    assert row.evaluate("element => element.scrollWidth <= element.clientWidth")  # wrapped, not overflowing
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
