"""A notification is kept as its message id and parameters: it reads in the reader's language of the moment,
e-mails in the recipient's at sending; old rows and rows whose message id is gone show their stored text."""

from __future__ import annotations

from datetime import datetime

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from incubator.labs.bookings import decline_booking
from incubator.mentors.mentorships import decline_mentorship
from incubator.notifications import mail
from incubator.notifications.login_warnings import warn_of_failed_logins
from incubator.notifications.messages import encode, label_param, msgid_param, render
from incubator.notifications.models import Notification
from incubator.notifications.services import notify
from incubator.review import notices
from tests.factories import BookingFactory, LabFactory, MentorshipFactory, StartupFactory, open_every_day
from tests.review.conftest import submitted  # noqa: F401 (fixture)

# (Vietnamese, English) of what each kind of notification says: translated words, local times, user text.
DECLINED = "declined: Máy &lt;b&gt;bảo trì&lt;/b&gt;"
EXPECTED = [
    ("Lượt đặt TDMU TechLab lúc 09:00 7 thg 1, 2030 của bạn bị từ chối: Máy &lt;b&gt;bảo trì&lt;/b&gt;",
     "Your booking of TDMU TechLab on Jan 7, 2030, 9:00\u202fAM was " + DECLINED),
    ("Yêu cầu cố vấn cho Cà phê &lt;i&gt;Sạch&lt;/i&gt; bị từ chối: Lịch kín",
     "Your mentorship request for Cà phê &lt;i&gt;Sạch&lt;/i&gt; was declined: Lịch kín"),
    ("kết quả xét hồ sơ của Cà phê &lt;i&gt;Sạch&lt;/i&gt;: được chấp nhận.",
     "the application of Cà phê &lt;i&gt;Sạch&lt;/i&gt; was accepted."),
    ("Chúc mừng &amp; hẹn gặp!", "Chúc mừng &amp; hẹn gặp!"),  # the decision's message, as typed
    ("Có người đã đăng nhập thất bại nhiều lần", "Someone failed to log in to your account many times"),
]  # fmt: skip


def inbox_in(client, post_form, language: str) -> str:  # noqa: ANN001
    """The inbox after the reader switches the interface to `language`."""
    post_form("/language", {"language": language}, form_url="/", prefix="lang")
    return client.get("/notifications/").get_data(as_text=True)


def test_notifications_read_in_the_language_the_reader_uses_now(client, login_as, post_form, db, submitted):  # noqa: F811
    founder = login_as("founder", language="vi")
    lab = open_every_day(LabFactory(name="TDMU TechLab", approval_required=True))
    decline_booking(BookingFactory(lab=lab, requester=founder), lab.manager, "Máy <b>bảo trì</b>")
    startup = StartupFactory(owner=founder, name="Cà phê <i>Sạch</i>")
    mentorship = MentorshipFactory(startup=startup)
    decline_mentorship(mentorship, mentorship.mentor, "Lịch kín")
    application = submitted(startup=startup)
    application.status, application.decision_message = "accepted", "Chúc mừng & hẹn gặp!"
    notices.decision_made(application)
    db.session.commit()
    assert warn_of_failed_logins(founder.email)
    stored = db.session.scalars(select(Notification).where(Notification.user_id == founder.id)).all()
    assert all(n.message_id for n in stored) and "bị từ chối" in stored[0].message
    for language, column in (("en", 1), ("vi", 0), ("en", 1)):
        page = inbox_in(client, post_form, language)
        for texts in EXPECTED:
            assert texts[column] in page, (language, texts[column])
            assert texts[1 - column] == texts[column] or texts[1 - column] not in page
    assert "<b>bảo trì" not in page and "<i>Sạch" not in page


def test_old_rows_and_rows_whose_message_is_gone_show_their_stored_text(client, login_as, post_form, db):
    reader = login_as("founder", language="vi")
    notify(reader.id, "welcome", "Tin cũ <b>đậm</b>")  # written before message ids
    notify(reader.id, "renamed", "Tin đã đổi tên", message_id="A message renamed since %(name)s.", params={})
    notify(reader.id, "lost", "Tin mất tham số", message_id="%(name)s asks to be verified.", params={})
    odd = {"name": label_param("x", "no such group")}
    notify(reader.id, "odd", "Tham số lạ", message_id="%(name)s asks to be verified.", params=odd)
    db.session.commit()
    for language in ("vi", "en"):
        page = inbox_in(client, post_form, language)
        assert page.count('data-testid="notification"') == 4
        assert "Tin cũ &lt;b&gt;đậm&lt;/b&gt;" in page and "Tin đã đổi tên" in page
        assert "Tin mất tham số" in page and "Tham số lạ" in page


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_email_is_written_in_the_recipients_language_when_it_is_sent(db, submitted, language):  # noqa: F811
    application = submitted()
    founder = application.submitted_by
    founder.language = "vi" if language == "en" else "en"  # the notification is made in the other one
    notices.application_received(application)
    db.session.commit()
    founder.language = language
    note = db.session.scalar(select(Notification).filter_by(kind="application_received"))
    message = mail.compose(note, founder)
    expected = "was received" if language == "en" else "đã được tiếp nhận"
    assert expected in message.body and application.startup.name in message.body


def test_translated_parameters_are_stored_untranslated_and_translated_when_read(app):
    stored = encode(
        {"day": msgid_param("Monday"), "weekday": label_param(0, "weekday"), "at": datetime(2030, 1, 7, 2)}
    )
    assert stored == {"day": {"msgid": "Monday"}, "weekday": {"label": "weekday", "code": "0"},
                      "at": {"moment": "2030-01-07T02:00:00"}}  # fmt: skip
    message = "%(day)s · %(weekday)s · %(at)s"
    with app.test_request_context(), force_locale("vi"):
        assert render(message, stored) == "Thứ Hai · Thứ Hai · 09:00 7 thg 1, 2030"
    with app.test_request_context(), force_locale("en"):
        assert render(message, stored) == "Monday · Monday · Jan 7, 2030, 9:00\u202fAM"
