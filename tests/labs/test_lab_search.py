"""Founders find labs by text (case and accents ignored), kind and university."""

import pytest

from tests.factories import LabFactory, OrganizationFactory


@pytest.fixture
def labs(db):
    """Three labs of two universities."""
    eiu = OrganizationFactory(name="Eastern International University")
    tdmu = OrganizationFactory(name="Thu Dau Mot University")
    return {
        "fablab": LabFactory(
            organization=eiu, name="EIU FabLab", kind="fablab", equipment="Máy in 3D\nLaser"
        ),
        "food": LabFactory(
            organization=tdmu,
            name="Phòng thí nghiệm Công nghệ Thực phẩm",
            kind="testing",
            description="Kiểm nghiệm vi sinh",
            equipment="HPLC",
        ),
        "lab40": LabFactory(organization=eiu, name="EIU Lab 4.0", kind="lab40", equipment="Cobot, PLC, AGV"),
    }


def found(client, **params) -> set[str]:
    """Names of the labs the list page shows for `params`."""
    page = client.get("/labs/", query_string=params).get_data(as_text=True)
    return {name for name in NAMES if f">{name}</a>" in page}


NAMES = ("EIU FabLab", "Phòng thí nghiệm Công nghệ Thực phẩm", "EIU Lab 4.0")


def test_every_lab_is_listed_without_a_search(client, login_as, labs):
    login_as("founder")
    assert found(client) == set(NAMES)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cong nghe thuc pham", {"Phòng thí nghiệm Công nghệ Thực phẩm"}),
        ("CÔNG NGHỆ", {"Phòng thí nghiệm Công nghệ Thực phẩm"}),
        ("máy in 3d", {"EIU FabLab"}),
        ("may in", {"EIU FabLab"}),
        ("COBOT", {"EIU Lab 4.0"}),
        ("vi sinh", {"Phòng thí nghiệm Công nghệ Thực phẩm"}),
        ("eiu", {"EIU FabLab", "EIU Lab 4.0"}),
        ("eiu laser", {"EIU FabLab"}),
        ("submarine", set()),
    ],
)
def test_text_search_ignores_case_and_accents(client, login_as, labs, query, expected):
    login_as("founder")
    assert found(client, q=query) == expected


def test_filter_by_kind(client, login_as, labs):
    login_as("founder")
    assert found(client, kind="lab40") == {"EIU Lab 4.0"}


def test_filter_by_university(client, login_as, labs):
    login_as("founder")
    organization_id = labs["food"].organization_id
    assert found(client, organization=organization_id) == {"Phòng thí nghiệm Công nghệ Thực phẩm"}


def test_filters_and_text_combine(client, login_as, labs):
    login_as("founder")
    organization_id = labs["fablab"].organization_id
    assert found(client, q="eiu", kind="fablab", organization=organization_id) == {"EIU FabLab"}
    assert found(client, q="hplc", organization=organization_id) == set()


def test_the_university_filter_offers_only_universities_with_labs(client, login_as, labs):
    OrganizationFactory(name="Becamex Tokyu", kind="enterprise")
    login_as("founder")
    page = client.get("/labs/").get_data(as_text=True)
    assert ">Thu Dau Mot University</option>" in page and "Becamex Tokyu" not in page


def test_an_unknown_filter_value_is_reported_not_a_crash(client, login_as, labs):
    login_as("founder")
    response = client.get("/labs/", query_string={"kind": "garage", "organization": "x"})
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["founder", "enterprise", "mentor", "university", "staff", "government"])
def test_every_logged_in_role_may_search_labs(client, login_as, labs, role):
    login_as(role)
    assert client.get("/labs/").status_code == 200
