"""Issue 27: the Vietnamese interface speaks Vietnamese throughout, the English one English, nothing raw."""

import pytest
from babel.messages.pofile import read_po
from flask import render_template_string
from wtforms.i18n import messages_path

from tests.core.test_translations import PLACEHOLDER, ROOT

BAD_REGISTRATION = {"full_name": "", "email": "not-an-address", "role": "founder", "language": "vi",
                    "password": "short", "confirm": "short"}  # fmt: skip


@pytest.mark.parametrize(
    ("language", "messages"),
    [
        ("vi", ["Trường này là bắt buộc.", "Địa chỉ email không hợp lệ.", "ít nhất 10 ký tự"]),
        ("en", ["This field is required.", "Invalid email address.", "at least 10 characters"]),
    ],
)
def test_validation_messages_come_in_the_readers_language(client, post_form, db, language, messages):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    html = post_form("/register", BAD_REGISTRATION).get_data(as_text=True)
    assert all(message in html for message in messages), messages
    if language == "vi":
        assert "This field is required." not in html and "Invalid email address." not in html


def test_our_wtforms_catalogue_translates_every_wtforms_message_with_its_placeholders():
    with open(f"{messages_path()}/wtforms.pot", "rb") as source:
        template = {m.id for m in read_po(source) if m.id}
    with (ROOT / "incubator/translations/vi/LC_MESSAGES/wtforms.po").open("rb") as source:
        ours = {m.id: m for m in read_po(source) if m.id}
    assert template <= set(ours)
    for message in ours.values():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, message.id
        assert all(set(PLACEHOLDER.findall(s)) == set(PLACEHOLDER.findall(ids[-1])) for s in strings)


def test_imported_macros_translate_for_each_request_not_once_for_the_first(app):
    page = '{% from "labs/_booking_actions.html" import feed_links %}{{ feed_links("http://x/f.ics", "f") }}'
    for language, text in [("vi", "Tải tệp .ics"), ("en", "Download .ics"), ("vi", "Tải tệp .ics")]:
        with app.test_request_context(headers={"Accept-Language": language}):
            assert text in render_template_string(page)


@pytest.mark.parametrize(
    ("language", "names", "link"),
    [("vi", "Tiếng Việt, Tiếng Anh, Tiếng Nhật", "Mở"), ("en", "Vietnamese, English, Japanese", "Open")],
)
def test_mentor_languages_show_by_name_sectors_apart_and_the_inbox_link_says_open(
    client, login_as, db, language, names, link
):
    from incubator.notifications.services import notify
    from tests.factories import MentorProfileFactory

    MentorProfileFactory(languages="vi,en,ja", sectors="agritech,fintech")
    founder = login_as("founder", language=language)
    html = client.get("/mentors/").get_data(as_text=True)
    assert f'data-testid="mentor-languages">{names}<' in html
    assert ">agritech</span><span" in html and ">fintech</span>" in html
    notify(founder.id, "test.event", "Something happened", link="/mentors", email=False)
    db.session.commit()
    html = client.get("/notifications/").get_data(as_text=True)
    assert f'<a href="/mentors">{link}</a>' in html


@pytest.mark.parametrize(
    ("language", "moment", "day", "score", "weight"),
    [("en", "Dec 7, 2026, 3:05 PM", "Dec 7, 2026", "4.32", "1.5"),
     ("vi", "15:05 7 thg 12, 2026", "7 thg 12, 2026", "4,32", "1,5")],
)  # fmt: skip
def test_dates_and_numbers_take_one_format_per_language(app, language, moment, day, score, weight):
    from datetime import date, datetime

    from incubator.labs.rules import BookingRefused

    page = "{{ at|localtime }}|{{ on|localdate }}|{{ 4.3211|number(2) }}|{{ 1.5|number }}|{{ none|number }}"
    with app.test_request_context(headers={"Accept-Language": language}):
        shown = render_template_string(page, at=datetime(2026, 12, 7, 8, 5), on=date(2026, 12, 7))
        assert shown.replace("\u202f", " ") == f"{moment}|{day}|{score}|{weight}|—"
        refused = BookingRefused(
            "Outside opening hours: the lab is closed on %(day)s.", day=date(2026, 12, 7)
        )
        assert day in refused.translated()


@pytest.mark.parametrize(
    ("language", "heading", "meaning"),
    [("vi", "Dữ liệu mở: hệ sinh thái", "tên phòng thí nghiệm"), ("en", "Open data: the Binh", "lab name")],
)
def test_the_open_data_page_sits_in_the_layout_with_a_way_back_in_both_languages(
    client, login_as, language, heading, meaning
):
    login_as("staff", language=language)
    html = client.get("/open-data/").get_data(as_text=True)
    assert f'lang="{language}"' in html and 'data-testid="role-nav"' in html
    assert (
        'data-testid="back-dashboard" href="/dashboard/"' in html
        or 'href="/dashboard/" data-testid="back-dashboard"' in html
    )
    assert heading in html and f"<td>{meaning}</td>" in html
    package = client.get("/open-data/datapackage.json").get_json()
    lab = next(r for r in package["resources"] if r["name"] == "lab-utilisation")["schema"]["fields"][1]
    described = (lab["name"], lab["description"], lab["description_vi"])
    assert described == ("lab", "lab name", "tên phòng thí nghiệm")


def test_the_log_in_request_of_a_protected_page_is_in_the_readers_language(client, db):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "vi"
    html = client.get("/notifications/", follow_redirects=True).get_data(as_text=True)
    assert "Vui lòng đăng nhập để truy cập trang này." in html
