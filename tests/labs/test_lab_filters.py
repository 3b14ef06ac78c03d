"""The lab catalogue filters by equipment (accents ignored) and by free time on a chosen day."""

from __future__ import annotations

from incubator.labs.bookings import request_booking
from tests.factories import LabFactory, UserFactory, open_every_day
from tests.labs.conftest import slot


def names(client, **params) -> set[str]:
    page = client.get("/labs/", query_string=params).get_data(as_text=True)
    return {name for name in ("Xưởng cơ khí", "EIU FabLab", "TDMU TechLab") if f">{name}</a>" in page}


def test_labs_are_filtered_by_equipment_with_or_without_diacritics(client, login_as, db):
    LabFactory(name="Xưởng cơ khí", equipment="Máy tiện CNC\nMáy hàn")
    LabFactory(name="EIU FabLab", equipment="Máy in 3D\nMáy cắt laser")
    login_as("founder")
    assert names(client, equipment="may tien") == {"Xưởng cơ khí"}
    assert names(client, equipment="MÁY IN 3D") == {"EIU FabLab"}
    assert names(client, q="in 3D") == {"EIU FabLab"}


def test_labs_are_filtered_by_free_time_on_a_day(client, login_as, db, lab, approval_lab):
    LabFactory(name="Xưởng cơ khí")  # no opening hours: never free
    wanted = slot(8, 12, people=6)
    request_booking(lab, UserFactory(), wanted)
    request_booking(lab, UserFactory(), slot(12, 16, people=6))
    login_as("founder")
    day = wanted.starts_at.date().isoformat()
    assert names(client, free_on=day) == {"EIU FabLab", "TDMU TechLab"}  # 16:00–17:00 still free
    request_booking(lab, UserFactory(), slot(16, 17, people=5))
    assert names(client, free_on=day) == {"EIU FabLab", "TDMU TechLab"}  # one seat still free
    request_booking(lab, UserFactory(), slot(16, 17))
    assert names(client, free_on=day) == {"TDMU TechLab"}


def test_a_fully_booked_lab_is_free_the_next_day(client, login_as, db):
    full = open_every_day(LabFactory(name="EIU FabLab", approval_required=False))
    request_booking(full, UserFactory(), slot(8, 12))
    login_as("founder")
    assert names(client, free_on=slot(days=2).starts_at.date().isoformat()) == {"EIU FabLab"}
