"""Domains announce saved profiles; a subscriber's failure is logged and never undoes the save."""

from __future__ import annotations

import logging

from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.events import announce, profile_saved, signals
from incubator.matching.models import PendingMatch
from incubator.startups.models import Startup

STARTUP = {"name": "Nông sản sấy Phú Giáo", "description": "sấy trái cây", "needs": "phòng lab thực phẩm",
           "sector": "food", "stage": "mvp", "website": "", "team_size": "3"}  # fmt: skip


def test_announce_calls_every_receiver_and_reports_whether_all_succeeded(caplog):
    signal = signals.signal("test-announce")
    heard = []

    def ok(sender, **kw):  # noqa: ANN001, ANN202
        heard.append(("ok", sender, kw))

    def refused(sender, **kw):  # noqa: ANN001, ANN202
        return False

    def broken(sender, **kw):  # noqa: ANN001, ANN202
        raise RuntimeError("subscriber broke")

    assert announce(signal, "lab", object_id=1) is True  # nobody listens: nothing failed
    with signal.connected_to(ok), signal.connected_to(broken):
        with caplog.at_level(logging.ERROR, logger="incubator.events"):
            assert announce(signal, "lab", object_id=2) is False
        with signal.connected_to(refused):
            assert announce(signal, "lab", object_id=3) is False
    with signal.connected_to(ok):
        assert announce(signal, "lab", object_id=4) is True
    assert [object_id for _, _, kw in heard for object_id in kw.values()] == [2, 3, 4]
    assert "subscriber broke" in caplog.text


def test_matching_subscribes_to_saved_profiles(app):
    from incubator.matching.subscribers import queue_saved_profile

    assert queue_saved_profile in list(profile_saved.receivers_for("startup"))


def test_a_subscriber_that_raises_keeps_the_saved_profile(client, login_as, post_form, db, caplog):
    founder = login_as("founder")

    def broken(sender, **kw):  # noqa: ANN001, ANN202
        raise RuntimeError("a subscriber broke")

    with profile_saved.connected_to(broken), caplog.at_level(logging.ERROR, logger="incubator.events"):
        response = post_form("/startups/new", STARTUP, follow_redirects=True)
    assert response.status_code == 200
    assert "Saved. Matching will run as soon as the task queue is back." in response.get_data(as_text=True)
    startup = db.session.scalar(select(Startup).where(Startup.owner_id == founder.id))
    assert startup.name == "Nông sản sấy Phú Giáo"
    audit = select(AuditEvent.action).where(AuditEvent.object_id == startup.id)
    assert db.session.scalar(audit) == "startup.created"
    assert "a subscriber broke" in caplog.text
    # the matching subscriber still ran: the profile is flagged for its match
    assert db.session.scalar(select(PendingMatch.document_id)) == f"startup:{startup.id}"
