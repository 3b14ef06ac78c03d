"""Reviews worth trusting: reviewers ticked from a list (none is refused), no preset recommendation, the
startup's whole profile on the scoring page, required answers, refused decisions keeping the message."""

from sqlalchemy import func, select

from incubator.review import assignments
from incubator.review.models import Application, ApplicationReview, ReviewerAssignment
from tests.conftest import submit
from tests.factories import ProgramFactory, StartupFactory
from tests.review.conftest import reviewed
from tests.review.test_pages import login_reviewer


def assigned_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(ReviewerAssignment))


def test_reviewers_are_ticked_from_a_list_and_the_assignment_is_confirmed(
    client, login_as, submitted, staff, db
):
    application = submitted()
    first, _second = staff(2)
    login_as("staff")
    page = f"/review/applications/{application.id}"
    body = client.get(page).get_data(as_text=True)
    assert f'type="checkbox" name="reviewers" value="{first.id}"' in body and "<select multiple" not in body
    assert 'class="form-control form-control-sm mb-2 js-filter-input"' in body  # the filter box (shown by JS)
    response = submit(
        client, f"{page}/assign", {"reviewers": [first.id], "assign": "1"}, follow_redirects=True
    )
    body = response.get_data(as_text=True)
    assert "1 reviewer(s) assigned; the application is under review." in body
    assert f"<li>{first.full_name}</li>" in body and 'data-status="under_review"' in body


def test_assigning_nobody_is_a_field_error_not_a_success(client, login_as, submitted, staff, db):
    application = submitted()
    staff(2)
    login_as("staff")
    page = f"/review/applications/{application.id}"
    response = submit(client, f"{page}/assign", {"assign": "1"}, form_url=page)
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="reviewers-error"' in body
    assert "Tick at least one reviewer to assign." in body and "assigned;" not in body
    assert assigned_count(db) == 0


def test_assigning_automatically_to_a_full_application_is_refused(client, login_as, submitted, staff, db):
    application = submitted()
    assignments.assign_reviewers(application, staff(2), application.submitted_by_id)
    login_as("staff")
    page = f"/review/applications/{application.id}"
    response = submit(client, f"{page}/assign", {"automatic": "1"}, form_url=page)
    assert response.status_code == 400
    assert "already has the 2 reviewers its program requires" in response.get_data(as_text=True)
    assert assigned_count(db) == 2


def test_the_scoring_page_shows_the_startup_and_presets_no_recommendation(client, submitted, staff, db):
    startup = StartupFactory(
        description="Cảm biến rung cho máy dập ở Tân Uyên", team_size=7, needs="Phòng lab"
    )
    application = submitted(startup=startup)
    first, second = staff(2)
    assignments.assign_reviewers(application, [first, second], first.id)
    login_reviewer(client, first)
    url = f"/review/applications/{application.id}/score"
    body = client.get(url).get_data(as_text=True)
    assert "Cảm biến rung cho máy dập ở Tân Uyên" in body and 'data-testid="startup-team-size">7<' in body
    assert "Phòng lab" in body and "Sensors" in body  # the needs and the application's answers
    assert '<option selected value="">' in body and 'selected value="accept"' not in body
    scores = {"score_team": "4", "score_market": "3", "comment": "Đội mạnh", "submit": "1"}
    response = submit(client, url, scores)
    body = response.get_data(as_text=True)
    assert "Choose a recommendation to submit the review." in body and "Đội mạnh" in body
    assert db.session.scalar(select(ApplicationReview)) is None


def test_a_draft_review_may_leave_the_recommendation_open(client, submitted, staff, db):
    application = submitted()
    first, second = staff(2)
    assignments.assign_reviewers(application, [first, second], first.id)
    login_reviewer(client, first)
    url = f"/review/applications/{application.id}/score"
    submit(client, url, {"score_team": "4", "score_market": "3", "comment": "Nháp", "save": "1"})
    review = db.session.scalar(select(ApplicationReview))
    assert review.recommendation == "" and review.submitted_at is None


def test_a_refused_decision_keeps_the_staff_message(client, login_as, submitted, staff, db):
    application = submitted()
    assignments.assign_reviewers(application, staff(2), application.submitted_by_id)
    login_as("staff")
    page = f"/review/applications/{application.id}"
    message = "Cảm ơn nhóm, chúng tôi cần thêm thời gian."
    response = submit(client, f"{page}/decide", {"outcome": "rejected", "message": message}, form_url=page)
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "A decision needs 2 submitted reviews" in body and message in body
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == "under_review"


def test_a_decision_is_confirmed_with_the_new_status(client, login_as, submitted, staff, db):
    application = reviewed(submitted(), staff(2), [(4, 4), (3, 3)])
    login_as("staff")
    page = f"/review/applications/{application.id}"
    decision = {"outcome": "waitlisted", "message": "Chờ thêm", "submit": "1"}
    body = submit(client, f"{page}/decide", decision, form_url=page, follow_redirects=True).get_data(
        as_text=True
    )
    assert "Decision recorded (waitlisted); the founder was notified." in body
    assert 'data-status="waitlisted"' in body


def test_submitting_an_application_needs_every_answer_but_a_draft_does_not(client, login_as, db):
    founder = login_as("founder")
    startup = StartupFactory(owner=founder)
    program = ProgramFactory()
    url = f"/applications/new/{program.id}"
    data = {"startup_id": startup.id, "pitch": "Nhuộm vải tiết kiệm nước", "answers-0": "Thuốc nhuộm",
            "answers-1": "", "submit": "1"}  # fmt: skip
    body = submit(client, url, data).get_data(as_text=True)
    assert "Answer this question to submit the application" in body and "Nhuộm vải tiết kiệm nước" in body
    assert db.session.scalar(select(Application)) is None
    assert submit(client, url, {**data, "submit": "", "save": "1"}).status_code == 302
    assert db.session.scalar(select(Application)).status == "draft"
