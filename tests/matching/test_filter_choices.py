"""The suggestion filters' organizations and sectors come in one query."""

from incubator.matching.review import filter_choices, organization_choices
from tests.core.test_queries_per_page import queries
from tests.factories import ChallengeFactory, OrganizationFactory, StartupFactory


def test_organizations_by_name_and_every_sector_once_in_one_query(db):
    for name in ("Zeta", "alpha", "Becamex"):
        OrganizationFactory(name=name)
    for sector in ("Robotics", ""):
        ChallengeFactory(sector=sector)
    for sector in ("agritech", "Robotics"):
        StartupFactory(sector=sector)
    with queries(db) as statements:
        organizations, sectors = filter_choices()
    assert len(statements) == 1
    assert organizations == organization_choices()  # ordered by the database, as it sorts names
    assert {"Zeta", "alpha", "Becamex"} <= {name for _, name in organizations}
    assert sectors == ["agritech", "Robotics"]
