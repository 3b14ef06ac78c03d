"""Login throttling: guessers are limited per address and slowed per account, the owner's device logs in;
unknown addresses cost and answer the same; registrations are limited per address."""

import time

import pytest

from incubator.accounts import services
from incubator.accounts.throttle import DEVICE_COOKIE
from tests.conftest import TEST_PASSWORD, submit
from tests.factories import UserFactory

WARN_TASK = "incubator.notifications.tasks.warn_of_failed_logins"


def attempt(client, email: str, password: str, address: str):  # noqa: ANN001, ANN201
    return submit(
        client, "/login", {"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def browser(app):  # noqa: ANN001, ANN201
    """Another browser, with cookies of its own."""
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return other


def guess(client, email: str, times: int = 10, network: str = "10.0.0") -> list[int]:  # noqa: ANN001
    """Wrong passwords for `email`, each from another address: the statuses."""
    return [attempt(client, email, "wrong-password", f"{network}.{i}").status_code for i in range(times)]


def queued_tasks(app) -> list[tuple[str, list]]:  # noqa: ANN001
    """Take every message off the app's task queue (no worker reads it): (task name, arguments)."""
    taken = []
    with app.extensions["celery"].connection_for_read() as connection:
        queue = connection.SimpleQueue("celery")
        while True:
            try:
                message = queue.get_nowait()
            except queue.Empty:
                break
            taken.append((message.headers["task"], message.payload[0]))
            message.ack()
        queue.close()
    return taken


@pytest.mark.parametrize("cookie", ["own", "another account's", "altered", "none"])
def test_guessing_from_many_addresses_slows_other_browsers_never_the_owners_device(app, client, db, cookie):
    owner, other = UserFactory(), UserFactory()
    device = browser(app)  # the owner's laptop, logged in before the attack
    assert attempt(device, (other if cookie == "another account's" else owner).email, TEST_PASSWORD,
                   "10.9.0.1").status_code == 302  # fmt: skip
    held = device.get_cookie(DEVICE_COOKIE, path="/login")
    assert held.http_only and held.same_site == "Strict" and not held.secure
    device.delete_cookie("session")
    if cookie == "altered":
        device.set_cookie(DEVICE_COOKIE, held.value[:-2] + "xx", path="/login")
    elif cookie == "none":
        device.delete_cookie(DEVICE_COOKIE, path="/login")
    assert guess(client, owner.email) == [200] * 10  # the ceiling: other browsers are slowed now
    assert attempt(client, owner.email, "wrong-password", "10.0.1.1").status_code == 200  # one per window
    slowed = attempt(client, owner.email, TEST_PASSWORD, "10.0.1.2")
    assert slowed.status_code == 429 and 1 <= int(slowed.headers["Retry-After"]) <= 120
    from_device = attempt(device, owner.email, TEST_PASSWORD, "10.0.0.1")  # even from a guesser's address
    assert from_device.status_code == (302 if cookie == "own" else 429)
    assert attempt(client, other.email, TEST_PASSWORD, "10.0.1.3").status_code == 302


def test_the_device_cookie_is_secure_where_sessions_are(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    response = attempt(client, UserFactory().email, TEST_PASSWORD, "10.0.6.1")
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(DEVICE_COOKIE)]
    assert (
        "Secure" in cookie
        and "HttpOnly" in cookie
        and "SameSite=Strict" in cookie
        and "Path=/login" in cookie
    )


def test_successful_logins_do_not_count_against_the_account(client, db):
    user = UserFactory()
    for i in range(11):
        assert attempt(client, user.email, TEST_PASSWORD, f"10.0.2.{i}").status_code == 302
        client.delete_cookie("session")
        client.delete_cookie(DEVICE_COOKIE, path="/login")  # a new browser each time


@pytest.mark.parametrize("limited", ["address", "account and address", "account", "device"])
def test_a_429_says_when_to_retry(app, client, db, monkeypatch, limited):
    user = UserFactory()
    if limited == "address":  # many accounts tried from one address
        statuses = [attempt(client, f"u{i}@example.test", "wrong-password", "10.0.3.1").status_code
                    for i in range(10)]  # fmt: skip
        low, high = 1, 60
    elif limited == "account and address":  # one account tried from one address, slowly
        monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "100 per minute")
        statuses = [attempt(client, user.email, "wrong-password", "10.0.4.1").status_code for _ in range(10)]
        low, high = 61, 15 * 60
    elif limited == "account":  # one account tried from many addresses: one more try, then slowed
        statuses = guess(client, user.email, times=11)
        low, high = 1, 120
    else:  # a stolen device cookie guesses no faster than one address
        assert attempt(client, user.email, TEST_PASSWORD, "10.0.4.2").status_code == 302
        client.delete_cookie("session")
        statuses = guess(client, user.email)
        low, high = 61, 15 * 60
    assert set(statuses) == {200}
    refused = attempt(client, user.email, TEST_PASSWORD, "10.0.3.1" if limited == "address" else "10.0.4.1")
    assert refused.status_code == 429 and "Too many attempts" in refused.get_data(as_text=True)
    assert low <= int(refused.headers["Retry-After"]) <= high


@pytest.mark.parametrize("known", [True, False])
def test_an_unknown_account_is_throttled_and_warned_about_exactly_like_a_known_one(app, client, db, known):
    email = UserFactory().email if known else "ghost@example.test"
    app.extensions["celery"].control.purge()
    statuses = guess(client, email, times=12)
    assert statuses == [200] * 11 + [429]
    assert guess(client, email, times=12, network="10.0.7") == [429] * 12
    assert queued_tasks(app) == [(WARN_TASK, [email])]  # once per window; the worker looks the owner up


def cheapest(call, times: int = 3) -> float:  # noqa: ANN001
    """The fastest of `times` runs of `call` (the least disturbed by other processes)."""
    durations = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        durations.append(time.perf_counter() - start)
    return min(durations)


def test_an_unknown_email_costs_as_much_as_a_wrong_password(db):
    user = UserFactory()
    services.dummy_hash()  # computed once per process, not on the first unknown address
    wrong = cheapest(lambda: services.authenticate(user.email, "wrong-password"))
    unknown = cheapest(lambda: services.authenticate("ghost@example.test", "wrong-password"))
    # Without the dummy hash the unknown address answers about 50 times faster.
    assert unknown > wrong * 0.5


def register(client, email: str, address: str):  # noqa: ANN001, ANN201
    data = {"full_name": "Nguyễn Văn An", "email": email, "role": "founder", "language": "vi",
            "password": "a-long-password", "confirm": "a-long-password"}  # fmt: skip
    return submit(client, "/register", data, environ_base={"REMOTE_ADDR": address})


def test_registrations_are_limited_per_address_and_keep_their_neutral_answer(client, db):
    existing = UserFactory()
    emails = [f"new{i}@example.test" for i in range(4)] + [existing.email]
    assert [register(client, email, "10.0.5.1").status_code for email in emails] == [302] * 5
    refused = register(client, "one-more@example.test", "10.0.5.1")
    assert refused.status_code == 429 and "Too many attempts" in refused.get_data(as_text=True)
    assert 60 < int(refused.headers["Retry-After"]) <= 60 * 60
    assert register(client, "elsewhere@example.test", "10.0.5.2").status_code == 302
