"""Bad input never gives a 500: a clear 4xx or the form with an error, and nothing stored."""

import pytest
from sqlalchemy import func, select

from incubator.accounts.models import User
from incubator.labs.models import Lab
from incubator.matching.models import MatchingRun
from incubator.security import MAX_DATABASE_ID
from tests.conftest import TEST_PASSWORD
from tests.factories import MembershipFactory, UserFactory

CRLF_NEXT = "/%0d%0aX:1"
BEYOND_INTEGER = (str(MAX_DATABASE_ID + 1), "99999999999999999999999")
NUL_REFUSED = "The text contains a character that is not allowed (NUL)."


@pytest.mark.parametrize("target", [CRLF_NEXT, "/%0aSet-Cookie:x=1", "/\\evil.example", "%09/evil.example"])
def test_login_with_a_header_splitting_next_goes_home(post_form, db, target):
    user = UserFactory()
    response = post_form(f"/login?next={target}", {"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_login_keeps_a_plain_local_next(post_form, db):
    user = UserFactory()
    response = post_form(
        "/login?next=/labs/%3Fkind%3Dfablab", {"email": user.email, "password": TEST_PASSWORD}
    )
    assert response.headers["Location"] == "/labs/?kind=fablab"


def test_language_switch_with_a_header_splitting_next_goes_home(post_form, db):
    response = post_form(f"/language?next={CRLF_NEXT}", {"language": "en"}, form_url="/login")
    assert response.status_code == 302 and response.headers["Location"] == "/"


@pytest.mark.parametrize("number", BEYOND_INTEGER)
@pytest.mark.parametrize(
    ("role", "url"),
    [("founder", "/labs/{}"), ("founder", "/startups/{}/edit"), ("staff", "/startups/{}/edit"),
     ("staff", "/matching/runs/{}/status.json"), ("staff", "/matching/runs/{}"),
     ("university", "/labs/{}/edit")],
)  # fmt: skip
def test_an_id_beyond_the_database_integer_is_a_404(client, login_as, role, url, number):
    login_as(role)
    assert client.get(url.format(number)).status_code == 404


@pytest.mark.parametrize("number", BEYOND_INTEGER)
def test_posting_to_an_id_beyond_the_database_integer_is_a_404(client, login_as, post_form, number, db):
    login_as("staff")
    assert post_form(f"/matching/runs/{number}/retry", {}, form_url="/matching/").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(MatchingRun)) == 0


def test_registration_with_a_nul_byte_is_a_field_error_that_keeps_the_form(post_form, db):
    data = {"full_name": "Nguyễn\x00Văn", "email": "nul@example.test", "role": "founder", "language": "vi",
            "password": "a-long-password", "confirm": "a-long-password"}  # fmt: skip
    page = post_form("/register", data).get_data(as_text=True)
    assert NUL_REFUSED in page and 'class="invalid-feedback' in page
    assert 'value="NguyễnVăn"' in page and 'value="nul@example.test"' in page
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_a_profile_with_a_nul_byte_is_refused_and_unchanged(client, login_as, post_form, db):
    user = login_as("mentor", full_name="Lê Hoàng Đức")
    response = post_form("/profile", {"full_name": "Lê\x00Đức", "language": "vi"}, prefix="profile")
    page = response.get_data(as_text=True)
    assert NUL_REFUSED in page and 'value="LêĐức"' in page
    db.session.refresh(user)
    assert user.full_name == "Lê Hoàng Đức"


def test_a_nul_in_a_field_the_form_lacks_refuses_the_form_with_a_message(client, login_as, post_form, db):
    user = login_as("mentor", full_name="Lê Hoàng Đức")
    response = post_form(
        "/profile", {"full_name": "Lê Văn", "language": "vi", "stray": "a\x00b"}, prefix="profile"
    )
    assert response.status_code == 200 and NUL_REFUSED in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.full_name == "Lê Hoàng Đức"


def test_a_nul_in_a_field_name_is_refused(client, login_as, post_form):
    login_as("mentor")
    response = post_form("/profile", {"full_name": "Lê Văn", "language": "vi", "a\x00b": "x"})
    assert response.status_code == 400 and NUL_REFUSED in response.get_data(as_text=True)


def test_a_search_with_a_nul_byte_is_refused(client, login_as):
    login_as("founder")
    response = client.get("/labs/?q=c%C6%A1%00kh%C3%AD")
    assert response.status_code == 400 and NUL_REFUSED in response.get_data(as_text=True)


LAB_FORM = {"name": "Xưởng thực nghiệm", "kind": "workshop", "description": "Sản xuất thử", "equipment": "",
            "opening_hours": "", "capacity": "5", "location": "", "bookable": "y"}  # fmt: skip


@pytest.mark.parametrize("area", ["inf", "-inf", "nan", "NaN", "1e309", "-1e309", "1e300"])
def test_a_lab_area_that_is_not_a_real_size_is_refused(client, login_as, post_form, db, area):
    user = login_as("university")
    MembershipFactory(user=user, organization__kind="university")
    response = post_form("/labs/new", {**LAB_FORM, "area_m2": area})
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Lab)) == 0


def test_a_lab_area_that_is_a_real_size_is_saved(client, login_as, post_form, db):
    user = login_as("university")
    MembershipFactory(user=user, organization__kind="university")
    assert post_form("/labs/new", {**LAB_FORM, "area_m2": "16000"}).status_code == 302
    assert db.session.scalar(select(Lab.area_m2)) == 16000
