"""Mentor directory and mentorship pages: filters, requests, answers, sessions; who may see what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from incubator.localtime import today_local
from incubator.mentors.models import MentorSession, Mentorship
from tests.conftest import TEST_PASSWORD, submit
from tests.factories import MentorProfileFactory, MentorshipFactory, StartupFactory, UserFactory


def names(client, **params) -> set[str]:
    page = client.get("/mentors/", query_string=params).get_data(as_text=True)
    return {n for n in ("Phạm Thị Hương", "Trần Quang Vinh") if n in page}


@pytest.fixture
def mentors(db):
    huong = MentorProfileFactory(
        user=UserFactory(role="mentor", full_name="Phạm Thị Hương"),
        expertise="Gọi vốn, chiến lược",
        sectors="fintech",
        languages="vi",
        max_mentees=1,
    )
    vinh = MentorProfileFactory(
        user=UserFactory(role="mentor", full_name="Trần Quang Vinh"),
        expertise="IoT công nghiệp",
        sectors="manufacturing",
        languages="vi,en",
    )
    return huong, vinh


def test_the_directory_searches_and_filters(client, login_as, mentors):
    huong, _vinh = mentors
    login_as("founder")
    assert names(client) == {"Phạm Thị Hương", "Trần Quang Vinh"}
    assert names(client, q="goi von") == {"Phạm Thị Hương"}
    assert names(client, sector="manufacturing") == {"Trần Quang Vinh"}
    assert names(client, language="en") == {"Trần Quang Vinh"}
    MentorshipFactory(mentor=huong.user, status="active")
    assert names(client, has_capacity="y") == {"Trần Quang Vinh"}


def test_the_directory_filters_by_expertise_alone(client, login_as, mentors):
    login_as("founder")
    page = client.get("/mentors/").get_data(as_text=True)
    assert '<label class="form-label" for="expertise">Expertise</label>' in page
    assert names(client, expertise="iot cong nghiep") == {"Trần Quang Vinh"}  # accents ignored
    assert names(client, expertise="Chiến lược") == {"Phạm Thị Hương"}
    assert names(client, expertise="fintech") == set()  # a sector is no expertise
    assert names(client, expertise="Trần") == set()  # nor is a name
    assert names(client, expertise="gọi vốn", language="en") == set()  # combined with the other filters


def test_every_founder_menu_leads_to_the_mentors(client, login_as, db):
    login_as("founder")
    assert 'href="/mentors/"' in client.get("/").get_data(as_text=True)


def test_a_founder_requests_a_mentor_who_accepts_and_logs_a_session(client, login_as, post_form, db, mentors):
    _huong, vinh = mentors
    founder = login_as("founder")
    startup = StartupFactory(owner=founder, name="AgriSense")
    data = {"startup": str(startup.id), "message": "Cần cố vấn về IoT"}
    response = post_form(f"/mentors/{vinh.id}/request", data)
    mentorship = db.session.scalar(select(Mentorship))
    assert response.status_code == 302 and mentorship.startup_id == startup.id
    client.post("/logout")
    submit(client, "/login", {"email": vinh.user.email, "password": TEST_PASSWORD})
    url = f"/mentors/mentorships/{mentorship.id}"
    assert post_form(f"{url}/accept", {}, form_url=url).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Mentorship accepted" in page and 'data-testid="mentorship-status">active<' in page
    held = (today_local() - timedelta(days=1)).isoformat()
    session = {"held_on": held, "duration_minutes": "60", "notes": "Chung", "private_notes": "Riêng"}
    assert post_form(f"{url}/sessions", session, form_url=url).status_code == 302
    assert db.session.scalar(select(MentorSession)).private_notes == "Riêng"
    page = client.get(url).get_data(as_text=True)
    assert "Session logged" in page and "Riêng" in page


@pytest.mark.parametrize(
    ("held_in_days", "minutes", "error"),
    [(-1, "0", "Number must be between 5 and 600."), (1, "60", "The date cannot be in the future."),
     (-6 * 365, "60", "Enter a date from")],
)  # fmt: skip
def test_a_refused_session_is_a_field_error_that_keeps_the_notes(
    client, login_as, post_form, db, mentors, held_in_days, minutes, error
):
    mentorship = MentorshipFactory(mentor=mentors[1].user, status="active")
    login_as_user(client, mentors[1].user)
    url = f"/mentors/mentorships/{mentorship.id}"
    held = (today_local() + timedelta(days=held_in_days)).isoformat()
    session = {
        "held_on": held,
        "duration_minutes": minutes,
        "notes": "Bàn về gọi vốn",
        "private_notes": "Kín",
    }
    response = post_form(f"{url}/sessions", session, form_url=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and error in page and 'class="invalid-feedback' in page
    assert "Bàn về gọi vốn" in page and "Kín" in page
    assert f'max="{today_local().isoformat()}"' in page  # the date picker stops at today
    assert db.session.scalar(select(MentorSession)) is None


def test_a_decline_without_a_reason_is_refused_on_the_page(client, login_as, post_form, db, mentors):
    mentorship = MentorshipFactory(mentor=mentors[1].user)
    login_as_user(client, mentors[1].user)
    url = f"/mentors/mentorships/{mentorship.id}"
    response = post_form(f"{url}/decline", {"reason": ""}, form_url=url)
    assert response.status_code == 400 and 'id="reason-error"' in response.get_data(as_text=True)
    db.session.refresh(mentorship)
    assert mentorship.status == "requested"


def login_as_user(client, user) -> None:
    assert submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302


def test_the_founder_sees_shared_notes_but_never_private_ones(client, login_as, db, mentors):
    founder = login_as("founder")
    mentorship = MentorshipFactory(
        startup=StartupFactory(owner=founder), mentor=mentors[1].user, status="active"
    )
    from datetime import date

    db.session.add(
        MentorSession(
            mentorship=mentorship,
            held_on=date(2026, 12, 1),
            duration_minutes=45,
            notes="Chung",
            private_notes="Riêng",
        )
    )
    db.session.commit()
    page = client.get(f"/mentors/mentorships/{mentorship.id}").get_data(as_text=True)
    assert "Chung" in page and "Riêng" not in page


def test_another_founder_cannot_read_a_mentorship(client, login_as, db, mentors):
    mentorship = MentorshipFactory(mentor=mentors[1].user)
    login_as("founder")
    assert client.get(f"/mentors/mentorships/{mentorship.id}").status_code == 404


def test_another_mentor_cannot_accept(client, login_as, post_form, db, mentors):
    mentorship = MentorshipFactory(mentor=mentors[1].user)
    login_as("mentor")
    url = f"/mentors/mentorships/{mentorship.id}"
    assert client.get(url).status_code == 404
    assert post_form(f"{url}/accept", {}, form_url="/mentors/profile").status_code == 404
    db.session.refresh(mentorship)
    assert mentorship.status == "requested"
