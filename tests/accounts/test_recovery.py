"""Verification and reset links: who they log in and where they lead, the links refused, neutral and
limited requests, and the accounts that count as verified from the start."""

import time

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from incubator.accounts import services, tokens
from incubator.accounts.models import User
from incubator.audit.models import AuditEvent
from incubator.database import utcnow
from incubator.outbox.models import OutboxMessage
from tests.accounts.test_auth import NEW_USER
from tests.conftest import TEST_PASSWORD, csrf_token, submit, without_keys
from tests.factories import MembershipFactory, StartupFactory, UserFactory


class TwoDaysAgo(TimestampSigner):
    """Signs as the site did two days and a minute ago: older than any of its links may be."""

    def get_timestamp(self) -> int:
        return int(time.time()) - 2 * 24 * 3600 - 60


def link(purpose: str, user: User, fault: str = "") -> str:
    """The path of a `purpose` link for `user`: genuine, or expired, tampered or already used."""
    state = user.email if purpose == tokens.VERIFY_EMAIL else user.password_hash
    if fault == "expired":
        token = tokens.serializer(purpose, TwoDaysAgo).dumps([user.id, tokens.fingerprint(state)])
    else:
        token = tokens.make(purpose, user.id, state)
    if fault == "tampered":
        token = token.replace(".", ".x", 1)
    base = "/verify/" if purpose == tokens.VERIFY_EMAIL else "/password/reset/"
    return base + token


NEXT_STEPS = [
    ("founder", None, "/startups/new"),
    ("founder", "startup", "/"),
    ("university", None, "/organizations/start"),
    ("enterprise", "pending", "/organizations/start"),
    ("enterprise", "active", "/"),
    ("mentor", None, "/mentors/profile"),
    ("government", None, "/"),
]


@pytest.mark.parametrize(("role", "has", "path"), NEXT_STEPS)
def test_a_verification_link_verifies_logs_in_and_leads_to_the_next_step(client, db, role, has, path):
    user = UserFactory(role=role, email_verified_at=None)
    if has == "startup":
        StartupFactory(owner=user)
    elif has:
        MembershipFactory(user=user, status=has)
    assert services.next_step_url(user) == path
    response = client.get(link(tokens.VERIFY_EMAIL, user))
    assert response.status_code == 302 and response.headers["Location"] == path
    db.session.refresh(user)
    assert user.is_verified
    assert user.email in client.get("/profile").get_data(as_text=True)  # logged in
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.actor_id == user.id)) == (
        "user.email_verified"
    )


REFUSED = [
    (tokens.VERIFY_EMAIL, "expired", "This link has expired."),
    (tokens.VERIFY_EMAIL, "tampered", "This link is not valid."),
    (tokens.VERIFY_EMAIL, "used", "This link was used already: your e-mail address is verified."),
    (tokens.RESET_PASSWORD, "expired", "This link has expired."),
    (tokens.RESET_PASSWORD, "tampered", "This link is not valid."),
    (tokens.RESET_PASSWORD, "used", "This link was used already, or the password was changed"),
]


@pytest.mark.parametrize(("purpose", "fault", "message"), REFUSED)
def test_expired_tampered_and_used_links_are_refused_with_a_way_to_a_new_one(
    client, db, purpose, fault, message
):
    user = UserFactory(email_verified_at=None)
    path = link(purpose, user, fault)
    if fault == "used":
        user.email_verified_at, user.password_hash = utcnow(), "another-hash"  # what using it changed
        db.session.commit()
    before = (user.email_verified_at, user.password_hash, user.session_token)
    responses = [client.get(path)]
    if purpose == tokens.RESET_PASSWORD:
        token = csrf_token(responses[0].get_data(as_text=True))
        responses.append(
            client.post(path, data={"password": "p" * 12, "confirm": "p" * 12, "csrf_token": token})
        )
    way = 'href="/password/forgot"' if purpose == tokens.RESET_PASSWORD else "Log in: if your address is not"
    for response in responses:
        assert response.status_code == 400
        assert message in response.get_data(as_text=True) and way in response.get_data(as_text=True)
    db.session.refresh(user)
    assert (user.email_verified_at, user.password_hash, user.session_token) == before
    assert client.get("/profile").status_code == 302  # nobody was logged in


def test_a_reset_link_is_refused_for_another_purpose(client, db):
    user = UserFactory()
    token = tokens.make(tokens.VERIFY_EMAIL, user.id, user.password_hash)  # right state, wrong salt
    assert client.get("/password/reset/" + token).status_code == 400


def test_asking_for_a_reset_answers_the_same_and_writes_nothing_whether_or_not_the_address_exists(
    client, post_form, db
):
    UserFactory(email="known@example.test")
    known = post_form("/password/forgot", {"email": "known@example.test"}, follow_redirects=True)
    ghost = post_form("/password/forgot", {"email": "ghost@example.test"}, follow_redirects=True)
    assert known.status_code == ghost.status_code == 200
    assert known.request.path == ghost.request.path == "/login"
    known_body, ghost_body = (
        without_keys(known.get_data(as_text=True)),
        without_keys(ghost.get_data(as_text=True)),
    )
    assert "If an account uses known@example.test, we sent it a link" in known_body
    assert known_body.replace("known@", "ghost@").replace(csrf_token(known_body), csrf_token(ghost_body)) == (
        ghost_body
    )
    # The request does the same work either way: it only queues; the worker looks the address up.
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_the_login_page_offers_a_password_reset(client, db):
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)


def send(client, form: str, attempt: int):  # noqa: ANN001, ANN201
    """One e-mail-sending request of `form`, as a new client address each time."""
    environ = {"REMOTE_ADDR": f"10.0.9.{attempt}"}
    if form == "register":
        return submit(client, "/register", NEW_USER, environ_base=environ)
    if form == "forgot":
        return submit(client, "/password/forgot", {"email": "lan@example.test"}, environ_base=environ)
    return submit(client, "/verify/resend", {}, form_url="/profile")


@pytest.mark.parametrize("form", ["register", "forgot", "resend"])
def test_e_mails_with_a_link_are_limited_per_address_or_user(client, login_as, db, form):
    if form == "resend":
        login_as("founder", email_verified_at=None)
    statuses = [send(client, form, attempt).status_code for attempt in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_an_unverified_user_logs_in_reads_and_is_offered_a_new_link(client, login_as, post_form, db):
    login_as("founder", email_verified_at=None)
    body = client.get("/startups/new").get_data(as_text=True)
    assert 'data-testid="verify-banner"' in body and 'data-testid="resend-verification"' in body
    assert 'data-testid="email-unverified"' in client.get("/profile").get_data(as_text=True)
    sent = post_form("/verify/resend", {}, form_url="/profile", follow_redirects=True)
    assert "We sent a new link to" in sent.get_data(as_text=True)


def test_with_the_queue_down_registration_still_creates_the_account(client, post_form, db, queue_down):
    response = post_form("/register", {**NEW_USER, "language": "en"}, follow_redirects=True)
    assert response.request.path == "/login"
    assert db.session.scalar(select(User.email)) == "nguyet@example.test"
    post_form("/login", {"email": "nguyet@example.test", "password": NEW_USER["password"]})
    resent = post_form("/verify/resend", {}, form_url="/profile", follow_redirects=True)
    assert "We sent a new link to" in resent.get_data(as_text=True)  # in the outbox until the broker is back
    waiting = db.session.scalars(select(OutboxMessage.args).where(OutboxMessage.sent_at.is_(None))).all()
    assert [args[1] for args in waiting] == ["verify_email", "verify_email"]


@pytest.mark.parametrize("by", ["admin", "command line"])
def test_accounts_an_administrator_creates_count_as_verified(app, client, login_as, post_form, db, by):
    data = {"full_name": "Phạm Quốc Bảo", "email": "bao@becamex.test", "role": "staff", "language": "vi"}
    if by == "admin":
        login_as("admin")
        assert post_form("/admin/users", {**data, "password": TEST_PASSWORD}).status_code == 302
    else:
        arguments = ["create-user", "--email", data["email"], "--name", data["full_name"], "--role", "staff"]
        result = app.test_cli_runner().invoke(args=arguments, input=f"{TEST_PASSWORD}\n{TEST_PASSWORD}\n")
        assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User).where(User.email == "bao@becamex.test")).is_verified
