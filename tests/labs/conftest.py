"""Labs open every day 08:00–17:00 and a slot in them tomorrow (local time)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from incubator.extensions import db as _db
from incubator.labs.models import Machine
from incubator.labs.rules import Slot
from incubator.localtime import today_local
from tests.e2e.conftest import live_server  # noqa: F401  (the live server, for HTTP concurrency)
from tests.factories import LabFactory, open_every_day


def tomorrow_at(hour: int, minute: int = 0, days: int = 1) -> datetime:
    """A naive local moment `days` from today at hour:minute."""
    return datetime.combine(today_local() + timedelta(days=days), time(hour, minute))


def slot(start: int = 9, end: int = 11, days: int = 1, **fields: object) -> Slot:
    """A slot `days` from today from `start` to `end` o'clock, local time."""
    return Slot(tomorrow_at(start, days=days), tomorrow_at(end, days=days), purpose="Prototype", **fields)


@pytest.fixture
def lab(db):
    """A FabLab open every day 08:00–17:00 that confirms bookings without approval."""
    return open_every_day(LabFactory(name="EIU FabLab", approval_required=False, capacity=6))


@pytest.fixture
def approval_lab(db):
    """A lab open every day whose manager approves each request."""
    return open_every_day(LabFactory(name="TDMU TechLab", approval_required=True))


def add_machine(lab, name: str = "Laser cutter", **fields: object) -> Machine:
    """A machine of `lab`, saved."""
    machine = Machine(lab=lab, name=name, **fields)
    _db.session.add(machine)
    _db.session.commit()
    return machine


@pytest.fixture
def laser(lab):
    """The FabLab's laser cutter, bookable by anyone."""
    return add_machine(lab)
