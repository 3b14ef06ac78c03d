"""An organization staff have not verified: its profiles are seen by its members and staff only, never
listed, published, booked or matched; verified, they appear and are matched at the next run."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from incubator.home.services import ecosystem_figures
from incubator.labs.bookings import request_booking
from incubator.labs.feeds import feed_token
from incubator.labs.rules import BookingRefused
from incubator.matching import fitted, incremental, services
from incubator.matching.corpus import load_document, load_documents
from incubator.matching.models import MatchingRun, Suggestion
from incubator.organizations.models import ACTIVE, ASKED, PENDING, VERIFIED
from tests.conftest import TEST_PASSWORD, submit
from tests.factories import (
    CapabilityFactory,
    ChallengeFactory,
    LabFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    open_every_day,
)
from tests.labs.conftest import slot

NOTICE = "Your organization is awaiting verification by Becamex staff: its profiles are private"
NEED = "Predictive maintenance of stamping presses: vibration sensors on the bearings, machine vision"


@pytest.fixture
def hidden(db):  # noqa: ANN001
    """A pending university (a lab, a capability, a challenge) and a verified one with a lab of its own."""
    organization = OrganizationFactory(name="Viện Rung Động Mới", status=PENDING)
    lab = LabFactory(organization=organization, name="Phòng Rung Ẩn", approval_required=False,
                     description=NEED, equipment="Vibration sensors\nIndustrial camera")  # fmt: skip
    open_every_day(lab)
    capability = CapabilityFactory(organization=organization, title="Năng lực Rung Ẩn", description=NEED,
                                   keywords="predictive maintenance, vibration")  # fmt: skip
    challenge = ChallengeFactory(organization=organization, title="Bài toán Ẩn", description=NEED)
    LabFactory(organization=OrganizationFactory(name="Đại học Công Khai"), name="Phòng Công Khai")
    return {"organization": organization, "lab": lab, "capability": capability, "challenge": challenge}


def log_in(client, viewer: str, organization) -> None:  # noqa: ANN001
    """Log in as a founder outsider, an active member, someone who only asked to join, or staff."""
    user = UserFactory(role={"staff": "staff", "outsider": "founder"}.get(viewer, "university"))
    if viewer in ("member", "asked to join"):
        status = ACTIVE if viewer == "member" else ASKED
        MembershipFactory(user=user, organization=organization, status=status)
    assert submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302


@pytest.mark.parametrize(
    ("viewer", "sees"), [("outsider", False), ("asked to join", False), ("member", True), ("staff", True)]
)
def test_only_members_and_staff_see_an_unverified_organization_and_its_labs(client, hidden, viewer, sees):
    organization, lab = hidden["organization"], hidden["lab"]
    log_in(client, viewer, organization)
    pages = {url: client.get(url) for url in (f"/labs/{lab.id}", f"/organizations/{organization.id}")}
    assert {url: r.status_code for url, r in pages.items()} == dict.fromkeys(pages, 200 if sees else 404)
    listed = "".join(client.get(url).get_data(as_text=True) for url in ("/labs/", "/labs/?q=rung+an"))
    assert ("Phòng Rung Ẩn" in listed) is sees and ("Viện Rung Động Mới" in listed) is sees  # filter too
    assert "Phòng Công Khai" in listed
    notice = [NOTICE in r.get_data(as_text=True) for r in pages.values()] if sees else [False]
    assert all(notice) is (viewer == "member")  # staff read "This organization is awaiting…"


@pytest.mark.parametrize(
    ("role", "urls"),
    [
        (
            "university",
            ["/", "/labs/mine", "/labs/new", "/labs/{lab}/edit", "/capabilities/", "/capabilities/new"],
        ),
        ("enterprise", ["/", "/challenges/", "/challenges/new", "/challenges/{challenge}/edit"]),
    ],
)
def test_members_read_why_on_their_pages_and_forms(client, hidden, role, urls):
    member = UserFactory(role=role)
    hidden["organization"].kind = role
    MembershipFactory(user=member, organization=hidden["organization"])
    submit(client, "/login", {"email": member.email, "password": TEST_PASSWORD})
    ids = {"lab": hidden["lab"].id, "challenge": hidden["challenge"].id}
    for url in (u.format(**ids) for u in urls):
        assert NOTICE in client.get(url).get_data(as_text=True), url


def test_nothing_of_it_is_published_drawn_counted_or_in_a_calendar_feed(client, hidden, db):
    token = feed_token("lab", hidden["lab"].id, hidden["lab"].manager_id)
    names = ("Viện Rung Động Mới", "Phòng Rung Ẩn")
    bodies = [client.get(f"/open-data/{name}.json").get_data(as_text=True)
              for name in ("lab-utilisation", "lab-bookings", "network-nodes")]  # fmt: skip
    government = UserFactory(role="government")
    submit(client, "/login", {"email": government.email, "password": TEST_PASSWORD})
    bodies.append(client.get("/dashboard/").get_data(as_text=True))  # charts and the network picture
    assert "Phòng Công Khai" in bodies[1] and "Đại học Công Khai" in bodies[2] + bodies[3]
    assert not any(name in body for name in names for body in bodies)
    figures = ecosystem_figures()["figures"]
    assert (figures["labs"], figures["capabilities"], figures["challenges"]) == (1, 0, 0)
    assert client.get(f"/labs/feeds/{token}.ics").status_code == 404
    hidden["organization"].status = VERIFIED
    db.session.commit()
    assert client.get(f"/labs/feeds/{token}.ics").status_code == 200
    assert "Phòng Rung Ẩn" in client.get("/open-data/lab-bookings.json").get_data(as_text=True)


def test_a_lab_of_an_unverified_organization_cannot_be_booked(client, hidden, db):
    founder = UserFactory(role="founder")
    with pytest.raises(BookingRefused, match="awaiting verification"):
        request_booking(hidden["lab"], founder, slot())
    log_in(client, "outsider", hidden["organization"])
    assert client.get(f"/labs/{hidden['lab'].id}/book").status_code == 404
    hidden["organization"].status = VERIFIED
    db.session.commit()
    assert request_booking(hidden["lab"], founder, slot()).status == "approved"


def run_in_process(db) -> None:  # noqa: ANN001
    """A full matching run, its shards ranked here."""
    run = MatchingRun(status="queued", params={"top_k": 3, "shard_size": 10})
    db.session.add(run)
    db.session.commit()
    for shard_id in services.plan_run(run.id):
        services.rank_shard(shard_id)


def matched(db) -> set[str]:  # noqa: ANN001
    """The profiles of the hidden organization found in any suggestion, as "kind:id"."""
    rows = db.session.execute(select(Suggestion.source_type, Suggestion.source_id, Suggestion.target_type,
                                     Suggestion.target_id)).all()  # fmt: skip
    return {f"{k}:{i}" for s, si, t, ti in rows for k, i in ((s, si), (t, ti))}


def test_unverified_profiles_are_never_matched_until_verified(hidden, db):
    ids = {f"{kind}:{hidden[kind].id}" for kind in ("lab", "capability", "challenge")}
    ChallengeFactory(title="Bảo trì dự đoán máy dập", description=NEED)  # a verified enterprise's need
    CapabilityFactory(description=NEED, keywords="predictive maintenance, vibration")  # and a verified offer
    fitted.forget()
    assert not ids & {d.id for d in load_documents(db.session)}
    assert all(load_document(db.session, doc_id) is None for doc_id in ids)
    run_in_process(db)
    for doc_id in sorted(ids):
        incremental.match_profile(doc_id)  # what saving a profile queues
    assert matched(db) and not ids & matched(db)
    hidden["organization"].status = VERIFIED
    db.session.commit()
    fitted.forget()
    run_in_process(db)
    assert ids & matched(db)
