"""factory-boy factories for the models; each takes overrides."""

from __future__ import annotations

import copy
from datetime import datetime, time, timedelta

import factory
from factory.alchemy import SQLAlchemyModelFactory

from incubator.database import utcnow
from incubator.extensions import db
from incubator.localtime import today_local
from incubator.models import (
    Booking,
    Capability,
    Challenge,
    Lab,
    Membership,
    MentorProfile,
    Mentorship,
    OpeningHours,
    Organization,
    Program,
    Startup,
    User,
)
from incubator.permissions import ORG_ADMIN
from tests.conftest import TEST_PASSWORD

RUBRIC = [
    {"key": "team", "weight": 2.0, "label": {"vi": "Đội ngũ", "en": "Team"},
     "guide": {"vi": ["yếu", "mỏng", "khá", "tốt", "mạnh"],
               "en": ["weak", "thin", "fair", "good", "strong"]}},
    {"key": "market", "weight": 1.0, "label": {"vi": "Thị trường", "en": "Market"},
     "guide": {"vi": ["không", "nhỏ", "vừa", "lớn", "rất lớn"],
               "en": ["none", "small", "fair", "big", "huge"]}},
]  # fmt: skip


class BaseFactory(SQLAlchemyModelFactory):
    """Factories commit so the app (and a live server) sees the rows."""

    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    role = "founder"
    language = "en"
    password_hash = factory.LazyFunction(lambda: _hash(TEST_PASSWORD))
    email_verified_at = factory.LazyFunction(utcnow)  # unverified accounts are made with None


def _hash(password: str) -> str:
    """One hash computed once: hashing per user would slow every test."""
    if not hasattr(_hash, "cached"):
        user = User()
        user.set_password(password)
        _hash.cached = user.password_hash
    return _hash.cached


class OrganizationFactory(BaseFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = "university"


class StartupFactory(BaseFactory):
    class Meta:
        model = Startup

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Startup {n}")
    description = "IoT sensors for factories"
    sector = "manufacturing"
    stage = "prototype"


class MembershipFactory(BaseFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = ""
    role = ORG_ADMIN  # tests of the narrower roles say so
    is_contact = True


class LabFactory(BaseFactory):
    class Meta:
        model = Lab

    organization = factory.SubFactory(OrganizationFactory, kind="university")
    manager = factory.SubFactory(UserFactory, role="university")
    name = factory.Sequence(lambda n: f"Lab {n}")
    kind = "fablab"
    description = "Rapid prototyping for startups"
    equipment = "3D printer\nLaser cutter"
    opening_hours = "Mon–Fri 08:00–17:00"
    capacity = 10
    bookable = True


class ChallengeFactory(BaseFactory):
    class Meta:
        model = Challenge

    organization = factory.SubFactory(OrganizationFactory, kind="enterprise")
    author = factory.SubFactory(UserFactory, role="enterprise")
    title = factory.Sequence(lambda n: f"Challenge {n}")
    description = "Predictive maintenance for our stamping line"
    sector = "manufacturing"
    status = "open"


class CapabilityFactory(BaseFactory):
    class Meta:
        model = Capability

    organization = factory.SubFactory(OrganizationFactory, kind="university")
    owner = factory.SubFactory(UserFactory, role="university")
    title = factory.Sequence(lambda n: f"Capability {n}")
    description = "Machine vision and vibration analysis"
    keywords = "vision, vibration"


class MentorProfileFactory(BaseFactory):
    class Meta:
        model = MentorProfile

    user = factory.SubFactory(UserFactory, role="mentor")
    headline = "Industrial IoT engineer"
    expertise = "Sensors, PLCs, predictive maintenance"
    sectors = "manufacturing"
    languages = "vi,en"
    capacity_per_month = 2
    available = True


class ProgramFactory(BaseFactory):
    class Meta:
        model = Program

    organization = factory.SubFactory(OrganizationFactory, kind="incubator")
    name = factory.Sequence(lambda n: f"Program {n}")
    description = "Chương trình ươm tạo"
    description_en = "Incubation program"
    opens_on = factory.LazyFunction(lambda: today_local() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: today_local() + timedelta(days=10))
    seats = 5
    required_reviews = 2
    questions = factory.LazyFunction(
        lambda: [{"vi": "Bạn làm sản phẩm gì?", "en": "What do you build?"},
                 {"vi": "Ai trả tiền cho nó?", "en": "Who pays for it?"}]
    )  # fmt: skip
    rubric = factory.LazyFunction(lambda: copy.deepcopy(RUBRIC))


class OpeningHoursFactory(BaseFactory):
    class Meta:
        model = OpeningHours

    lab = factory.SubFactory(LabFactory)
    weekday = 0
    opens_at = time(8)
    closes_at = time(17)


def open_every_day(lab: Lab, opens: time = time(8), closes: time = time(17)) -> Lab:
    """Give `lab` the same opening hours on all seven weekdays."""
    for weekday in range(7):
        OpeningHoursFactory(lab=lab, weekday=weekday, opens_at=opens, closes_at=closes)
    return lab


class BookingFactory(BaseFactory):
    class Meta:
        model = Booking

    lab = factory.SubFactory(LabFactory)
    requester = factory.SubFactory(UserFactory)
    people = factory.LazyAttribute(lambda o: o.lab.capacity)  # seats of the whole lab, unless told
    starts_at = datetime(2030, 1, 7, 2)  # 09:00 in Asia/Ho_Chi_Minh
    ends_at = datetime(2030, 1, 7, 4)
    purpose = "Prototype enclosure"
    status = "requested"


class MentorshipFactory(BaseFactory):
    class Meta:
        model = Mentorship

    mentor = factory.SubFactory(UserFactory, role="mentor")
    startup = factory.SubFactory(StartupFactory)
    founder = factory.LazyAttribute(lambda o: o.startup.owner)
    message = "We need help with our pilot"
    status = "requested"
