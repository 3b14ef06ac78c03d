"""Sessions end when they should: logout, password change, "log out of all other devices", login."""

from flask import Flask
from flask_login.utils import _create_identifier
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from tests.conftest import TEST_PASSWORD, csrf_token, submit
from tests.factories import UserFactory

NEW_PASSWORD = {
    "password-current": TEST_PASSWORD,
    "password-password": "brand-new-password",
    "password-confirm": "brand-new-password",
}


def browser(app: Flask):  # noqa: ANN201
    """Another browser (its own cookies), preferring English."""
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return other


def log_in(client, user) -> None:  # noqa: ANN001
    response = submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def is_logged_in(client) -> bool:  # noqa: ANN001
    response = client.get("/profile")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_a_cookie_copied_before_logout_no_longer_opens_the_profile(app, client, login_as, post_form):
    login_as("founder")
    copied = client.get_cookie("session").value
    post_form("/logout", {}, form_url="/")
    thief = browser(app)
    thief.set_cookie("session", copied)
    response = thief.get("/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_password_change_logs_out_the_other_sessions_and_keeps_this_one(app, client, login_as, post_form):
    user = login_as("founder")
    laptop = browser(app)
    log_in(laptop, user)
    assert post_form("/password", NEW_PASSWORD, form_url="/profile").status_code == 302
    assert is_logged_in(client)
    assert not is_logged_in(laptop)


def test_log_out_of_all_other_devices_ends_them_and_is_audited(app, client, login_as, post_form, db):
    user = login_as("mentor")
    phone = browser(app)
    log_in(phone, user)
    assert "Log out of all other devices" in client.get("/profile").get_data(as_text=True)
    response = post_form("/sessions/end", {}, form_url="/profile", follow_redirects=True)
    assert "You are logged out of all other devices." in response.get_data(as_text=True)
    assert is_logged_in(client)
    assert not is_logged_in(phone)
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "user.sessions_ended"))


def test_log_out_of_all_devices_needs_a_csrf_token(app, client, login_as):
    user = login_as("founder")
    phone = browser(app)
    log_in(phone, user)
    assert client.post("/sessions/end").status_code == 400
    assert is_logged_in(phone)


def test_login_renews_the_csrf_token(client, db):
    user = UserFactory()
    before = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": before}
    )
    assert response.status_code == 302
    stale = client.post("/profile", data={"full_name": "Fixated", "language": "en", "csrf_token": before})
    assert stale.status_code == 400
    db.session.refresh(user)
    assert user.full_name != "Fixated"


def test_login_keeps_nothing_planted_in_the_session_before(client, db):
    user = UserFactory()
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    log_in(client, user)
    with client.session_transaction() as session:
        assert "planted" not in session


def forge_session(client, user_id: str) -> None:  # noqa: ANN001
    """Write a session naming `user_id`, as someone holding the secret key could."""
    with client.application.test_request_context(environ_base=client.environ_base):
        identifier = _create_identifier()  # what "strong" session protection expects of this browser
    with client.session_transaction() as session:
        session.update({"_user_id": user_id, "_fresh": True, "_id": identifier})


def test_a_cookie_naming_the_user_id_opens_nothing(client, db):
    user = UserFactory(role="admin")
    forge_session(client, str(user.id))
    assert client.get("/admin/users").status_code == 302
    forge_session(client, user.session_token)  # the control: the token is what opens the page
    assert client.get("/admin/users").status_code == 200
