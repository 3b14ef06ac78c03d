"""The journey through the pages: roles, ownership, forms, refusals shown as messages."""

import re

import pytest
from sqlalchemy import select

from incubator.accounts.models import ROLES
from incubator.review.models import Application, ApplicationReview
from tests.conftest import submit
from tests.factories import ProgramFactory, StartupFactory, UserFactory
from tests.review.conftest import reviewed

STAFF_PAGES = ["/review/applications", "/review/assignments", "/programs/manage", "/programs/new"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_pages_refuse_other_roles(client, login_as, role, url):
    login_as(role)
    assert client.get(url).status_code == (200 if role in ("staff", "admin") else 403)


@pytest.mark.parametrize("role", ["university", "enterprise", "mentor", "government", "staff"])
def test_only_founders_apply(client, login_as, role, db):
    program = ProgramFactory()
    login_as(role)
    assert client.get(f"/applications/new/{program.id}").status_code == 403


def test_the_public_program_page_lists_open_programs_with_their_deadline(client, db):
    ProgramFactory(name="Block71 Bình Dương")
    body = client.get("/programs/").get_data(as_text=True)
    assert "Block71 Bình Dương" in body and "11:59" in body


def test_a_founder_applies_saves_a_draft_then_submits(client, login_as, db):
    founder = login_as("founder")
    startup = StartupFactory(owner=founder, name="Nhuộm Xanh")
    program = ProgramFactory()
    url = f"/applications/new/{program.id}"
    data = {"startup_id": startup.id, "pitch": "Nhuộm vải tiết kiệm nước", "answers-0": "Thuốc nhuộm",
            "answers-1": "Nhà máy dệt", "save": "1"}  # fmt: skip
    response = submit(client, url, data)
    assert response.status_code == 302
    application = db.session.scalar(select(Application))
    assert application.status == "draft" and application.answers == ["Thuốc nhuộm", "Nhà máy dệt"]
    detail = f"/applications/{application.id}"
    response = submit(client, detail, {**data, "save": "", "submit": "1"}, follow_redirects=True)
    assert "Application submitted" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == "submitted"
    home = client.get("/").get_data(as_text=True)
    assert "Nhuộm Xanh" in home and 'data-status="submitted"' in home


def test_a_second_application_of_the_same_startup_is_refused_with_a_message(client, login_as, db):
    founder = login_as("founder")
    startup = StartupFactory(owner=founder)
    program = ProgramFactory()
    data = {"startup_id": startup.id, "pitch": "x", "answers-0": "a", "answers-1": "b", "submit": "1"}
    submit(client, f"/applications/new/{program.id}", data)
    response = submit(client, f"/applications/new/{program.id}", data)
    assert "has already applied" in response.get_data(as_text=True)


def test_another_founders_application_is_not_found(client, login_as, submitted, db):
    application = submitted()
    login_as("founder")
    assert client.get(f"/applications/{application.id}").status_code == 404
    response = submit(client, f"/applications/{application.id}/withdraw", {}, form_url="/programs/")
    assert response.status_code == 404


def test_a_reviewer_page_is_not_found_unless_assigned(client, login_as, submitted, db):
    application = submitted()
    login_as("staff")
    assert client.get(f"/review/applications/{application.id}/score").status_code == 404


def test_staff_assign_reviewers_who_score_and_staff_accept_through_the_pages(client, login_as, submitted, db):
    application = submitted()
    first, second = UserFactory(role="staff"), UserFactory(role="staff")
    login_as("staff")
    page = f"/review/applications/{application.id}"
    submit(client, f"{page}/assign", {"reviewers": [first.id, second.id], "assign": "1"}, form_url=page)
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == "under_review"
    for reviewer, marks in ((first, ("5", "4")), (second, ("3", "3"))):
        login_reviewer(client, reviewer)
        scores = {"score_team": marks[0], "score_market": marks[1], "comment": "Tốt",
                  "recommendation": "accept", "submit": "1"}  # fmt: skip
        response = submit(client, f"{page}/score", scores, follow_redirects=True)
        assert "Review submitted" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(ApplicationReview)).all()) == 2
    body = client.get(page).get_data(as_text=True)
    assert 'data-testid="weighted">3.83<' in body  # ((2·5+4)/3 + (2·3+3)/3) / 2
    decision = {"outcome": "accepted", "message": "Chúc mừng!", "submit": "1"}
    response = submit(client, f"{page}/decide", decision, form_url=page, follow_redirects=True)
    assert "Decision recorded" in response.get_data(as_text=True)
    assert "Application accepted" in response.get_data(as_text=True)  # the audit trail on the page


def login_reviewer(client, reviewer) -> None:  # noqa: ANN001
    from tests.conftest import TEST_PASSWORD

    client.delete_cookie("session")
    submit(client, "/login", {"email": reviewer.email, "password": TEST_PASSWORD})


def test_a_decision_without_enough_reviews_is_refused_on_the_page(client, login_as, submitted, staff, db):
    application = submitted()
    first, second = staff(2)
    from incubator.review import assignments

    assignments.assign_reviewers(application, [first, second], first.id)
    login_as("staff")
    page = f"/review/applications/{application.id}"
    response = submit(client, f"{page}/decide", {"outcome": "rejected", "message": "Không"}, form_url=page,
                      follow_redirects=True)  # fmt: skip
    assert "A decision needs 2 submitted reviews; 0 so far." in response.get_data(as_text=True)


def test_a_rubric_edit_after_a_review_is_refused_on_the_page(client, login_as, submitted, staff, db):
    application = reviewed(submitted(), staff(2), [(4, 4), (3, 3)])
    program = application.program
    login_as("staff")
    url = f"/programs/{program.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert "Đội ngũ | 2 | yếu; mỏng; khá; tốt; mạnh" in page
    assert "Team | weak; thin; fair; good; strong" in page
    data = {"name": program.name, "organization_id": program.organization_id, "description": "Mô tả",
            "description_en": "", "opens_on": program.opens_on.isoformat(),
            "closes_on": program.closes_on.isoformat(), "seats": 5, "required_reviews": 2,
            "question_lines": "Q1", "rubric_lines": "Team | 1 | a; b; c; d; e"}  # fmt: skip
    response = submit(client, url, data)
    assert "The rubric cannot change" in response.get_data(as_text=True)


def test_staff_create_a_program_with_its_rubric(client, login_as, db):
    login_as("staff")
    org = ProgramFactory().organization
    data = {"name": "Ươm tạo Khóa 4", "organization_id": org.id, "description": "Mô tả",
            "description_en": "About", "opens_on": "2026-12-01", "closes_on": "2027-01-31", "seats": 10,
            "required_reviews": 2, "question_lines": "Sản phẩm là gì?\nAi trả tiền?",
            "rubric_lines": "Đội ngũ | 2 | yếu; mỏng; được; tốt; mạnh\nThị trường | 1 | a; b; c; d; e",
            }  # fmt: skip
    response = submit(client, "/programs/new", data, follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "Ươm tạo Khóa 4" in body and "Đội ngũ" in body and "Ai trả tiền?" in body


def test_the_application_history_names_who_did_each_step(client, login_as, db):
    from incubator.review import applications, assignments

    founder = UserFactory(full_name="Lê Thị Hoa")
    startup = StartupFactory(owner=founder)
    data = {"pitch": "x", "answers": ["a", "b"], "submit": True}
    application = applications.start_application(founder, ProgramFactory(), startup, data)
    coordinator = UserFactory(role="staff", full_name="Phạm Quốc Bảo")
    reviewers = [UserFactory(role="staff"), UserFactory(role="staff")]
    assignments.assign_reviewers(application, reviewers, coordinator.id)
    staff = login_as("staff")
    body = client.get(f"/review/applications/{application.id}").get_data(as_text=True)
    found = r'data-testid="audit-actor">([^<]*)</span> · <span data-testid="audit-action">([^<]+)<'
    steps = re.findall(found, body)
    assert steps[:3] == [("Lê Thị Hoa", "Application started"), ("Lê Thị Hoa", "Application submitted"),
                         ("Phạm Quốc Bảo", "Review started")]  # fmt: skip
    assert steps[3:] == [("Phạm Quốc Bảo", "Reviewer assigned")] * 2
    staff.language = "vi"
    db.session.commit()
    body = client.get(f"/review/applications/{application.id}").get_data(as_text=True)
    assert [action for _, action in re.findall(found, body)][:4] == [
        "Bắt đầu hồ sơ", "Đã nộp hồ sơ", "Bắt đầu xét duyệt", "Đã phân công người đánh giá"]  # fmt: skip
