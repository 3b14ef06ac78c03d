"""Login attempts are limited per address and per account, and cost the same for unknown addresses."""

import time

from incubator.accounts import services
from tests.conftest import TEST_PASSWORD, submit
from tests.factories import UserFactory


def attempt(client, email: str, password: str, address: str):  # noqa: ANN001, ANN201
    return submit(
        client, "/login", {"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def test_ten_failures_for_one_account_from_many_addresses_lock_that_account(client, db):
    user = UserFactory()
    statuses = [attempt(client, user.email, "wrong-password", f"10.0.0.{i}").status_code for i in range(10)]
    assert statuses == [200] * 10
    locked = attempt(client, user.email, TEST_PASSWORD, "10.0.1.1")
    assert locked.status_code == 429
    other = UserFactory()
    assert attempt(client, other.email, TEST_PASSWORD, "10.0.1.1").status_code == 302


def test_successful_logins_do_not_count_against_the_account(client, db):
    user = UserFactory()
    for i in range(11):
        assert attempt(client, user.email, TEST_PASSWORD, f"10.0.2.{i}").status_code == 302
        client.delete_cookie("session")


def test_a_429_says_when_to_retry_by_address_and_by_account(client, db):
    by_address = [attempt(client, f"u{i}@example.test", "wrong-password", "10.0.3.1") for i in range(11)]
    assert by_address[-1].status_code == 429
    assert 1 <= int(by_address[-1].headers["Retry-After"]) <= 60
    assert "Too many attempts" in by_address[-1].get_data(as_text=True)
    by_account = [attempt(client, "a@example.test", "wrong-password", f"10.0.4.{i}") for i in range(11)]
    assert by_account[-1].status_code == 429
    assert 60 < int(by_account[-1].headers["Retry-After"]) <= 15 * 60


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
