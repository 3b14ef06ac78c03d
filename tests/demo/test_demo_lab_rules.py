"""flask seed-demo gives one lab a Tết closure and a laser cutter that only trained users may book."""

from datetime import datetime, time, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import delete, func, select

from incubator.accounts.models import User
from incubator.demo.data import EIU_LASER, TET_DAYS
from incubator.demo.seed import seed_demo
from incubator.labs.bookings import request_booking
from incubator.labs.models import Booking, ClosedDate, Lab, Machine, Training
from incubator.labs.rules import BookingRefused, Slot
from incubator.localtime import today_local


def demo(db, model: type, **key: object) -> object:
    return db.session.scalar(select(model).filter_by(**key))


def rows(db, model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def next_wednesday_at(hour: int) -> datetime:
    """A local moment on next week's Wednesday: within the FabLab's hours, clear of the demo bookings."""
    today = today_local()
    return datetime.combine(today + timedelta(days=7 - today.weekday() + 2), time(hour))


def test_the_demo_fablab_closes_for_tet_and_needs_training_on_its_laser_cutter(db):
    seed_demo()
    lab = demo(db, Lab, name="EIU FabLab")
    closed = [(c.day, c.note) for c in lab.closed_dates]
    assert [day for day, _ in closed] == [closed[0][0] + timedelta(days=n) for n in range(3)]
    assert closed[0][0] in TET_DAYS and closed[0][1] == "Tết Nguyên Đán (mùng 1)"
    assert lab.training_items[0] == EIU_LASER and EIU_LASER in lab.equipment_items
    trained = db.session.scalars(select(Training.user_id).where(Training.lab_id == lab.id)).all()
    assert trained == [demo(db, User, email="founder2@demo.test").id]


def test_only_the_trained_demo_founder_may_book_the_laser_cutter(db):
    seed_demo()
    lab = demo(db, Lab, name="EIU FabLab")
    wanted = Slot(next_wednesday_at(9), next_wednesday_at(11), purpose="Cắt mica", equipment=(EIU_LASER,))
    with pytest.raises(BookingRefused) as refused:
        request_booking(lab, demo(db, User, email="founder@demo.test"), wanted)
    with force_locale("en"):
        assert refused.value.translated().startswith(f"Needs training on {EIU_LASER}")
    assert request_booking(lab, demo(db, User, email="founder2@demo.test"), wanted).status == "requested"


def test_the_demo_labs_have_machines_and_the_trained_founder_books_the_laser(db):
    seed_demo()
    for name in ("EIU FabLab", "EIU TechLab", "EIU Lab 4.0"):
        assert len(demo(db, Lab, name=name).machines) >= 3, name
    lab = demo(db, Lab, name="EIU FabLab")
    laser = demo(db, Machine, lab_id=lab.id, name=EIU_LASER)
    assert laser.needs_training and demo(db, Booking, machine_id=laser.id).status == "requested"
    wanted = Slot(next_wednesday_at(9), next_wednesday_at(11), purpose="Cắt mica", machine_id=laser.id)
    with pytest.raises(BookingRefused):
        request_booking(lab, demo(db, User, email="founder@demo.test"), wanted)
    assert request_booking(lab, demo(db, User, email="founder2@demo.test"), wanted).machine_id == laser.id


def test_the_lab_page_shows_the_closed_days_and_the_training_badge(client, post_form, db):
    seed_demo()
    lab = demo(db, Lab, name="EIU FabLab")
    assert post_form("/login", {"email": "founder@demo.test", "password": "demo-password"}).status_code == 302
    page = client.get(f"/labs/{lab.id}").get_data(as_text=True)
    assert "Tết Nguyên Đán (mùng 1)" in page
    item = {name: page[page.index(f"<li>{name}") :].split("</li>")[0] for name in (EIU_LASER, "Vinyl cutter")}
    assert "badge" in item[EIU_LASER] and "badge" not in item["Vinyl cutter"]  # "training needed"


def test_seeding_again_adds_no_closed_day_or_training_and_keeps_a_managers_edits(db):
    first = seed_demo()
    counts = (rows(db, ClosedDate), rows(db, Training))
    assert counts == (3, 1) == (first["ClosedDate"], first["Training"])  # reported by flask seed-demo
    again = seed_demo()
    assert (rows(db, ClosedDate), rows(db, Training)) == counts
    assert again["ClosedDate"] == again["Training"] == 0
    db.session.execute(delete(ClosedDate))  # the manager reopens the lab over Tết
    db.session.commit()
    seed_demo()
    assert rows(db, ClosedDate) == 0
