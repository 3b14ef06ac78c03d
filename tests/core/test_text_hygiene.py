"""One-line fields stay on one line, names hold no invisible characters, names mixing alphabets are shown."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from incubator.accounts.models import User
from incubator.labs import feeds
from incubator.labs.models import Lab
from incubator.review.models import Application
from incubator.startups.models import Startup
from incubator.text import mixed_scripts
from tests.factories import LabFactory, MembershipFactory, ProgramFactory, StartupFactory, UserFactory

LAB = {"name": "", "kind": "fablab", "description": "Gia công", "equipment": "", "opening_hours": "",
       "capacity": "5", "location": "Thủ Dầu Một", "bookable": "y"}  # fmt: skip
STARTUP = {"name": "", "description": "Cảm biến rung", "needs": "", "sector": "Sản xuất", "stage": "idea",
           "website": "", "team_size": "3"}  # fmt: skip
INVISIBLE = "A name cannot contain invisible characters (text-direction marks or zero-width spaces)."
FAKE_BANK = "Ngân hàng B\u0430nk"  # a Cyrillic "а" among Latin letters


def university(login_as):  # noqa: ANN001, ANN201
    user = login_as("university")
    MembershipFactory(user=user, organization__kind="university")
    return user


def test_line_breaks_and_control_characters_in_one_line_fields_become_spaces(client, login_as, post_form, db):
    university(login_as)
    data = {**LAB, "name": "EIU\r\nFabLab\t4.0\u2028", "location": "Khu A\x0bTầng 2"}
    assert post_form("/labs/new", data).status_code == 302
    lab = db.session.scalar(select(Lab))
    assert (lab.name, lab.location) == ("EIU FabLab 4.0", "Khu A Tầng 2")
    assert lab.description == "Gia công"  # text areas keep their lines


def test_the_calendar_feed_of_a_name_stored_with_a_line_break_still_works(client, db):
    lab = LabFactory(name="EIU\r\nFabLab")
    response = client.get(f"/labs/feeds/{feeds.feed_token('lab', lab.id, lab.manager_id)}.ics")
    assert response.status_code == 200 and "X-WR-CALNAME:EIU FabLab\r\n" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("role", "url", "data", "prefix"),
    [(None, "/register", {"full_name": "Trần\u202eThị", "email": "a@example.test", "role": "founder",
                          "language": "vi", "password": "a-long-password", "confirm": "a-long-password"}, ""),
     ("founder", "/profile", {"full_name": "Lê\u200bĐức", "language": "vi"}, "profile"),
     ("founder", "/startups/new", {**STARTUP, "name": "\u2066Cảm biến\u2069"}, ""),
     ("university", "/labs/new", {**LAB, "name": "EIU\ufeffFabLab"}, ""),
     ("university", "/labs/new", {**LAB, "name": "EIU\u200fFabLab"}, "")],
)  # fmt: skip
def test_a_name_with_a_direction_mark_or_zero_width_character_is_refused(
    client, login_as, post_form, db, role, url, data, prefix
):
    if role == "university":
        university(login_as)
    elif role:
        login_as(role, full_name="Lê Hoàng Đức")
    response = post_form(url, data, prefix=prefix, form_url="/profile" if prefix else None)
    assert response.status_code in (200, 400) and INVISIBLE in response.get_data(as_text=True)
    names = [*db.session.scalars(select(User.full_name)), *db.session.scalars(select(Startup.name)),
             *db.session.scalars(select(Lab.name))]  # fmt: skip
    assert all(name.isprintable() for name in names)


@pytest.mark.parametrize(
    ("name", "flagged"),
    [(FAKE_BANK, True), ("P\u0430ypal", True), ("Công ty \u0391BC", True), ("\uff21BC", True),
     ("Nguyễn Thị Ánh Nguyệt", False), ("Đặng Quốc Bảo", False), ("Иван Petrov", False),
     ("Ιωάννης", False), ("東京タワー", False), ("iPhone专卖", False)],
)  # fmt: skip
def test_a_word_mixing_alphabets_is_told_apart_from_vietnamese(name, flagged):
    assert mixed_scripts(name) is flagged


def test_admins_and_staff_see_a_warning_next_to_a_name_mixing_alphabets(client, login_as, db):
    login_as("admin", full_name="Quản Trị Viên")
    fake, real = UserFactory(full_name=FAKE_BANK), UserFactory(full_name="Nguyễn Văn Bình")
    badge = 'data-testid="mixed-scripts"'
    users = client.get("/admin/users").get_data(as_text=True)
    assert users.count(badge) == 1 and users.index(FAKE_BANK) < users.index(badge) < users.index(fake.email)
    assert badge in client.get(f"/admin/users/{fake.id}").get_data(as_text=True)
    assert badge not in client.get(f"/admin/users/{real.id}").get_data(as_text=True)
    startup = StartupFactory(name="P\u0430ypal Việt")
    application = Application(program_id=ProgramFactory().id, startup_id=startup.id,
                              submitted_by_id=startup.owner_id, status="submitted")  # fmt: skip
    db.session.add(application)
    db.session.commit()
    login_as("staff")
    assert badge in client.get("/review/applications").get_data(as_text=True)
    assert badge in client.get(f"/review/applications/{application.id}").get_data(as_text=True)
