"""Registration, login, logout, profile and password: through the real forms."""

import unicodedata

from sqlalchemy import func, select

from incubator.accounts.models import User
from incubator.audit.models import AuditEvent
from tests.conftest import TEST_PASSWORD, csrf_token, without_keys

NEW_USER = {
    "full_name": "Trần Thị Ánh Nguyệt",
    "email": "Nguyet@Example.TEST ",
    "role": "founder",
    "language": "vi",
    "password": "a-long-password",
    "confirm": "a-long-password",
}


def user_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_registration_creates_a_hashed_account_then_asks_to_log_in(client, post_form, db):
    response = post_form("/register", NEW_USER)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    user = db.session.scalar(select(User))
    assert user.email == "nguyet@example.test"
    assert user.password_hash != "a-long-password" and user.check_password("a-long-password")
    assert db.session.scalar(select(AuditEvent.action)) == "user.created"
    post_form("/login", {"email": user.email, "password": "a-long-password"})
    assert "Trần Thị Ánh Nguyệt" in client.get("/").get_data(as_text=True)


def test_registering_an_existing_address_answers_exactly_as_a_new_one(app, client, post_form, db):
    first = post_form("/register", NEW_USER, follow_redirects=True)
    again = post_form("/register", {**NEW_USER, "full_name": "Kẻ dò tìm"}, follow_redirects=True)
    assert first.status_code == again.status_code == 200
    assert first.request.path == again.request.path == "/login"
    first_body, again_body = (
        without_keys(first.get_data(as_text=True)),
        without_keys(again.get_data(as_text=True)),
    )
    assert first_body == again_body.replace(csrf_token(again_body), csrf_token(first_body))
    assert "Log in with your e-mail address and password." in again.get_data(as_text=True)
    assert user_count(db) == 1
    assert db.session.scalar(select(User.full_name)) == "Trần Thị Ánh Nguyệt"


def test_registration_cannot_choose_a_staff_role(post_form, db):
    response = post_form("/register", {**NEW_USER, "role": "staff"})
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert user_count(db) == 0


def test_registration_refuses_mismatched_passwords(post_form, db):
    response = post_form("/register", {**NEW_USER, "confirm": "something-else"})
    assert "Passwords do not match." in response.get_data(as_text=True)
    assert user_count(db) == 0


def test_registration_refuses_a_short_password(post_form, db):
    response = post_form("/register", {**NEW_USER, "password": "short", "confirm": "short"})
    assert "at least 10 characters" in response.get_data(as_text=True)
    assert user_count(db) == 0


def test_a_post_without_csrf_token_writes_nothing(client, db):
    response = client.post("/register", data=NEW_USER)
    assert response.status_code == 400
    assert user_count(db) == 0


def test_login_with_wrong_password_or_unknown_email_gives_the_same_generic_error(post_form, db):
    from tests.factories import UserFactory

    user = UserFactory()
    wrong_password = post_form("/login", {"email": user.email, "password": "nope-nope-nope"})
    unknown_email = post_form("/login", {"email": "ghost@example.test", "password": "nope-nope-nope"})
    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert "Wrong e-mail or password." in response.get_data(as_text=True)


def test_login_redirects_only_to_local_next_pages(client, post_form, db):
    from tests.factories import UserFactory

    user = UserFactory()
    data = {"email": user.email, "password": TEST_PASSWORD}
    response = post_form("/login?next=https://evil.example/", data, form_url="/login")
    assert response.headers["Location"] == "/"


def test_the_eleventh_bad_login_in_a_minute_is_refused_with_429(post_form, db):
    statuses = [
        post_form("/login", {"email": "a@example.test", "password": "wrong-password"}).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


def test_logout_ends_the_session(client, login_as, post_form):
    login_as("founder")
    assert client.get("/profile").status_code == 200
    post_form("/logout", {}, form_url="/")
    response = client.get("/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_profile_update_keeps_vietnamese_intact(client, login_as, post_form, db):
    user = login_as("mentor")
    decomposed = unicodedata.normalize("NFD", "Lê Hoàng Đức")
    post_form("/profile", {"full_name": decomposed, "language": "vi"}, prefix="profile")
    db.session.refresh(user)
    assert user.full_name == "Lê Hoàng Đức" and user.language == "vi"
    assert "Lê Hoàng Đức" in client.get("/profile").get_data(as_text=True)


def test_change_password_requires_the_current_one(client, login_as, post_form, db):
    user = login_as("founder")
    new = {"password": "brand-new-password", "confirm": "brand-new-password"}
    form = {"form_url": "/profile", "prefix": "password"}
    refused = post_form("/password", {"current": "wrong-password", **new}, **form)
    assert refused.status_code == 400
    db.session.refresh(user)
    assert user.check_password(TEST_PASSWORD)
    accepted = post_form("/password", {"current": TEST_PASSWORD, **new}, **form)
    assert accepted.status_code == 302
    db.session.refresh(user)
    assert user.check_password("brand-new-password")


def test_user_text_with_script_is_escaped(client, login_as):
    login_as("founder", full_name="<script>alert('x')</script>")
    body = client.get("/").get_data(as_text=True)
    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(" in body


def test_language_switch_is_stored_per_user(client, login_as, post_form, db):
    user = login_as("founder", language="en")
    post_form("/language", {"language": "vi"}, form_url="/", prefix="lang")
    db.session.refresh(user)
    assert user.language == "vi"
    assert '<html lang="vi">' in client.get("/").get_data(as_text=True)
