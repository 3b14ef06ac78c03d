"""Calendar feeds: parsed back with icalendar; Asia/Ho_Chi_Minh times; a new token revokes the old URL."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from incubator.accounts.models import User
from incubator.audit.models import AuditEvent
from incubator.labs import feeds
from incubator.labs.bookings import request_booking
from incubator.labs.feeds import feed_token
from tests.conftest import TEST_PASSWORD, submit
from tests.factories import LabFactory, MembershipFactory, UserFactory
from tests.labs.conftest import slot

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def events(body: bytes) -> list:
    return Calendar.from_ical(body).walk("VEVENT")


def test_the_lab_feed_lists_approved_bookings_as_booked_only(client, db, lab, approval_lab):
    founder = UserFactory(full_name="Lê Văn Tám")
    request_booking(lab, founder, slot(9, 11))
    request_booking(approval_lab, founder, slot(9, 11))  # waiting: not in the lab's feed
    response = client.get(f"/labs/feeds/{feed_token('lab', lab.id, lab.manager_id)}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    [event] = events(response.data)
    assert str(event["SUMMARY"]) == "1 seat booked" and "Lê Văn Tám" not in response.get_data(as_text=True)
    start = event.decoded("DTSTART")
    assert start.tzinfo.key == "Asia/Ho_Chi_Minh" and start.replace(tzinfo=None) == slot(9, 11).starts_at
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert Calendar.from_ical(response.data).walk("VTIMEZONE")[0]["TZID"] == "Asia/Ho_Chi_Minh"


def test_the_user_feed_lists_the_users_own_bookings(client, db, lab, approval_lab):
    founder = UserFactory()
    request_booking(lab, founder, slot(9, 11))
    request_booking(approval_lab, founder, slot(13, 15))
    request_booking(lab, UserFactory(), slot(13, 15))
    found = events(client.get(f"/labs/feeds/{feed_token('user', founder.id, founder.id)}.ics").data)
    summaries = sorted(str(e["SUMMARY"]) for e in found)
    assert summaries == ["EIU FabLab: 1 seat booked", "TDMU TechLab: 1 seat booked (waiting for approval)"]
    starts = sorted(e.decoded("DTSTART") for e in found)
    assert starts[1] == datetime.combine(slot().starts_at.date(), datetime.min.time().replace(hour=13), ZONE)


def test_a_made_up_token_is_not_found(client, db):
    assert client.get("/labs/feeds/not-a-token.ics").status_code == 404


def test_regenerating_the_user_feed_revokes_the_old_url(client, login_as, post_form, db):
    founder = login_as("founder")
    old = feed_token("user", founder.id, founder.id)
    page = client.get("/labs/bookings/mine").get_data(as_text=True)
    assert f"/labs/feeds/{old}.ics" in page and f"webcal://localhost/labs/feeds/{old}.ics" in page
    assert post_form("/labs/bookings/feed", {}, form_url="/labs/bookings/mine").status_code == 302
    new = feed_token("user", founder.id, founder.id)
    assert new != old
    assert client.get(f"/labs/feeds/{old}.ics").status_code == 404
    assert client.get(f"/labs/feeds/{new}.ics").status_code == 200


def test_a_lab_manager_regenerates_their_lab_feed_and_not_a_colleagues(app, client, login_as, post_form, db):
    manager = login_as("university")
    lab = LabFactory(manager=manager)
    colleague = MembershipFactory(organization=lab.organization, role="lab_manager").user
    theirs = feed_token("lab", lab.id, colleague.id)
    old = feed_token("lab", lab.id, manager.id)
    assert post_form(f"/labs/{lab.id}/feed", {}, form_url=f"/labs/{lab.id}").status_code == 302
    assert client.get(f"/labs/feeds/{old}.ics").status_code == 404
    assert client.get(f"/labs/feeds/{feed_token('lab', lab.id, manager.id)}.ics").status_code == 200
    assert client.get(f"/labs/feeds/{theirs}.ics").status_code == 200


FEED_PATH = re.compile(r"/labs/feeds/[\w-]+\.ics")
NEW_PASSWORD = {"current": TEST_PASSWORD, "password": "brand-new-password", "confirm": "brand-new-password"}


def browser(app, user=None):  # noqa: ANN001, ANN201
    """Another browser (its own cookies), logged in as `user` when given."""
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    if user is not None:
        assert submit(other, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    return other


def feed_path(client, page: str) -> str:  # noqa: ANN001
    """The calendar address `page` shows to the client's user."""
    return FEED_PATH.search(client.get(page).get_data(as_text=True)).group(0)


def end_sessions(app, client, user, ending: str) -> None:  # noqa: ANN001
    """End `user`'s sessions the way `ending` says: by themself, or by an administrator."""
    if ending == "deactivated":
        admin = browser(app, UserFactory(role="admin"))
        url = f"/admin/users/{user.id}"
        assert submit(admin, url, {"role": user.role}, prefix="account").status_code == 302
        return
    url, data, form_url = {
        "logout": ("/logout", {}, "/"),
        "all devices": ("/sessions/end", {}, "/profile"),
        "password": ("/password", {f"password-{k}": v for k, v in NEW_PASSWORD.items()}, "/profile"),
    }[ending]
    assert submit(client, url, data, form_url=form_url).status_code == 302


def test_a_plain_logout_keeps_the_calendar_subscriptions(app, client, login_as, db):
    manager = login_as("university")
    mine = feed_path(client, "/labs/bookings/mine")
    end_sessions(app, client, manager, "logout")
    assert client.get(mine).status_code == 200


@pytest.mark.parametrize("ending", ["all devices", "password", "deactivated"])
def test_feed_urls_end_with_their_owners_sessions_and_only_theirs(app, client, login_as, db, ending):
    manager = login_as("university")
    lab = LabFactory(manager=manager)
    colleague = browser(app, MembershipFactory(organization=lab.organization, role="lab_manager").user)
    theirs = feed_path(colleague, f"/labs/{lab.id}")
    mine = [feed_path(client, f"/labs/{lab.id}"), feed_path(client, "/labs/bookings/mine")]
    assert theirs not in mine and all(client.get(path).status_code == 200 for path in mine)
    end_sessions(app, client, manager, ending)
    assert [client.get(path).status_code for path in mine] == [404, 404]
    assert client.get(theirs).status_code == 200  # a colleague's subscription to the same lab lives on
    if ending in ("all devices", "password"):  # still logged in here: the page shows a new address
        renewed = feed_path(client, "/labs/bookings/mine")
        assert renewed not in mine and client.get(renewed).status_code == 200


@pytest.mark.parametrize("page", ["/labs/{lab}", "/labs/bookings/mine"])
def test_a_feed_whose_owner_is_inactive_is_not_found(client, login_as, db, page):
    owner = login_as("university")
    path = feed_path(client, page.format(lab=LabFactory().id))
    owner.active = False  # however it happened, an inactive owner's feeds are never served
    db.session.commit()
    assert client.get(path).status_code == 404


def test_a_failing_revocation_never_undoes_the_logout(app, client, login_as, db, monkeypatch):
    user = login_as("founder")
    token = user.session_token
    # A real database error inside the subscriber (on PostgreSQL it would abort the whole transaction).
    monkeypatch.setattr(
        feeds, "revoke_feeds", lambda owner_id: db.session.execute(sa.text("DELETE FROM nowhere"))
    )
    end_sessions(app, client, user, "all devices")
    db.session.expire_all()
    assert db.session.get(User, user.id).session_token != token
    assert (
        db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.actor_id == user.id))
        == "user.sessions_ended"
    )
