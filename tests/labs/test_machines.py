"""A lab's machines: its managers add and edit them; founders book one (training enforced) or seats."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.labs.bookings import request_booking
from incubator.labs.management import mark_trained
from incubator.labs.models import Booking, Machine, Training
from incubator.labs.rules import BookingRefused
from tests.factories import BookingFactory, LabFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.labs.conftest import add_machine, slot
from tests.labs.test_booking_pages import form_for

NEEDS_TRAINING = "Needs training on Laser cutter: ask the lab's manager to mark you trained."


def refusal(lab, user, wanted) -> str:
    with pytest.raises(BookingRefused) as caught:
        request_booking(lab, user, wanted)
    with force_locale("en"):
        return caught.value.translated()


@pytest.fixture
def managed(login_as, db):
    """A lab of the logged-in university manager's organization."""
    user = login_as("university")
    organization = OrganizationFactory(kind="university")
    MembershipFactory(user=user, organization=organization)
    return LabFactory(organization=organization, manager=user, capacity=8)


def test_the_manager_adds_and_renames_a_machine(client, managed, post_form, db):
    data = {"name": "Máy cắt laser", "description": "CO2, 60 W", "needs_training": "y", "bookable": "y"}
    assert post_form(f"/labs/{managed.id}/machines", data).status_code == 302
    machine = db.session.scalar(select(Machine))
    assert (machine.lab_id, machine.name, machine.needs_training, machine.bookable) == (
        managed.id, "Máy cắt laser", True, True
    )  # fmt: skip
    founder = BookingFactory(lab=managed).requester
    mark_trained(managed, founder.email, "Máy cắt laser", managed.manager_id)
    renamed = {**data, "name": "Laser cutter"}
    assert post_form(f"/labs/{managed.id}/machines/{machine.id}", renamed).status_code == 302
    db.session.expire_all()
    assert machine.name == "Laser cutter"
    assert db.session.scalar(select(Training.equipment)) == "Laser cutter"  # the trained stay trained
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("lab.machine%")))
    assert sorted(actions) == ["lab.machine_added", "lab.machine_updated"]
    page = client.get(f"/labs/{managed.id}").get_data(as_text=True)
    assert "Laser cutter" in page and f'href="/labs/{managed.id}/machines"' in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "3d PRINTER"}, "This lab already has a machine with that name."),
        ({"name": "x" * 201}, "Field cannot be longer than 200 characters."),
    ],
)
def test_a_wrong_machine_is_refused_and_changes_nothing(client, managed, post_form, db, data, error):
    add_machine(managed, "3D printer")
    response = post_form(f"/labs/{managed.id}/machines", data)
    assert response.status_code == 200 and error in response.get_data(as_text=True)
    assert db.session.scalar(select(Machine.name)) == "3D printer" and len(managed.machines) == 1


def test_only_the_labs_managers_edit_its_machines(client, login_as, post_form, db, lab):
    machine = add_machine(lab)
    other = login_as("university")
    MembershipFactory(user=other, organization=OrganizationFactory(kind="university"))
    assert client.get(f"/labs/{lab.id}/machines").status_code == 403
    url = f"/labs/{lab.id}/machines/{machine.id}"
    assert client.get(url).status_code == 403
    response = post_form(url, {"name": "Mine now", "bookable": "y"}, form_url="/labs/mine")
    assert response.status_code == 403
    db.session.expire_all()
    assert machine.name == "Laser cutter"


def test_a_machine_of_another_lab_is_not_found_under_this_one(client, managed, db):
    elsewhere = add_machine(LabFactory())
    assert client.get(f"/labs/{managed.id}/machines/{elsewhere.id}").status_code == 404


def test_a_machine_that_needs_training_is_booked_only_by_the_trained(db, lab):
    laser = add_machine(lab, needs_training=True)
    founder = UserFactory()
    assert refusal(lab, founder, slot(9, 11, machine_id=laser.id)) == NEEDS_TRAINING
    BookingFactory(lab=lab, requester=founder, status="cancelled")  # asked before: may be marked
    mark_trained(lab, founder.email, "Laser cutter", lab.manager_id)
    booking = request_booking(lab, founder, slot(9, 11, machine_id=laser.id))
    assert (booking.status, booking.machine_id) == ("approved", laser.id)


def test_a_machine_not_open_for_booking_or_of_another_lab_is_refused(db, lab):
    closed = add_machine(lab, bookable=False)
    other = add_machine(LabFactory(), "3D printer")
    for machine in (closed, other):
        wanted = slot(9, 11, machine_id=machine.id)
        assert refusal(lab, UserFactory(), wanted) == "This lab has no such machine open for booking."


def test_a_machine_is_exclusive_while_seats_are_shared(db, lab, laser):
    request_booking(lab, UserFactory(), slot(9, 11, machine_id=laser.id))
    refused = refusal(lab, UserFactory(), slot(10, 12, machine_id=laser.id))
    assert refused == "The machine is already booked at that time."
    request_booking(lab, UserFactory(), slot(11, 12, machine_id=laser.id))  # back to back is fine
    request_booking(lab, UserFactory(), slot(9, 11, people=4))
    request_booking(lab, UserFactory(), slot(10, 12, people=2))  # 6 of 6 seats from 10 to 11
    refused = refusal(lab, UserFactory(), slot(10, 11))
    assert refused == "Not enough free seats: only 0 of 6 are free at some moment of that slot."
    assert request_booking(lab, UserFactory(), slot(11, 12, people=4)).status == "approved"  # 4 left


def test_a_founder_books_a_machine_through_the_form(client, login_as, post_form, db, lab, laser):
    login_as("founder")
    page = client.get(f"/labs/{lab.id}/book").get_data(as_text=True)
    assert "Seats in the lab (up to 6 people)" in page and f'value="{laser.id}"' in page
    response = post_form(f"/labs/{lab.id}/book", form_for(slot(), machine=str(laser.id), people="1"))
    booking = db.session.scalar(select(Booking))
    assert response.status_code == 302 and booking.machine_id == laser.id
    page = client.get(f"/labs/bookings/{booking.id}").get_data(as_text=True)
    assert 'data-testid="booking-what">Laser cutter<' in page
    week = client.get(f"/labs/{lab.id}?week={slot().starts_at.date().isoformat()}").get_data(as_text=True)
    assert "09:00–11:00 · Laser cutter booked" in week


def test_the_form_refuses_a_machine_of_another_lab(client, login_as, post_form, db, lab):
    other = add_machine(LabFactory(), "Máy tiện CNC")
    login_as("founder")
    response = post_form(f"/labs/{lab.id}/book", form_for(slot(), machine=str(other.id)))
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(select(Booking)) is None


def test_the_vietnamese_week_names_its_days_and_counts_free_seats(client, login_as, db, lab, laser):
    request_booking(lab, UserFactory(), slot(9, 11, machine_id=laser.id))
    login_as("founder", language="vi")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "vi"
    week = client.get(f"/labs/{lab.id}?week={slot().starts_at.date().isoformat()}").get_data(as_text=True)
    assert ">Thứ Hai<" in week and ">Chủ Nhật<" in week and "08:00–17:00 · còn 6 chỗ" in week
    assert "09:00–11:00 · Laser cutter đã được đặt" in week and "Máy móc" in week
