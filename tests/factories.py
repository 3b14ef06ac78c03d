"""factory-boy factories for the models; each takes overrides."""

from __future__ import annotations

import factory
from factory.alchemy import SQLAlchemyModelFactory

from incubator.extensions import db
from incubator.models import Organization, Startup, User
from tests.conftest import TEST_PASSWORD


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
