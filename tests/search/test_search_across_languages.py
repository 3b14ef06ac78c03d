"""Search meets across English and Vietnamese, with or without diacritics, in every catalogue."""

import re

import pytest
from sqlalchemy import delete, select

from incubator.glossary.models import GlossaryTerm
from incubator.glossary.services import add_term, delete_term
from incubator.labs.services import FIELDS, update_lab
from incubator.organizations.models import PENDING
from incubator.search.models import SearchEntry
from tests.factories import (
    CapabilityFactory,
    ChallengeFactory,
    LabFactory,
    MentorProfileFactory,
    OrganizationFactory,
    StartupFactory,
    UserFactory,
)

PRINTERS = ("3d printers", "máy in 3d")  # shipped too: staff adding it changes nothing
CHAMBERS = ("humidity chamber", "buồng thử ẩm")  # not in the shipped glossary: staff add it


def mentor_names(client, **params) -> set[str]:  # noqa: ANN001
    page = client.get("/mentors/", query_string=params).get_data(as_text=True)
    return set(re.findall(r'<h2 class="h6">([^<]*)</h2>', page))


def lab_names(client, **params) -> set[str]:  # noqa: ANN001
    page = client.get("/labs/", query_string=params).get_data(as_text=True)
    return set(re.findall(r'<a href="/labs/\d+">([^<]*)</a>', page))


@pytest.fixture
def labs(db):  # noqa: ANN001
    """An English FabLab and a Vietnamese one, with the staff pair for 3D printers."""
    add_term(*PRINTERS, "manufacturing", None)
    english = LabFactory(
        name="VGU FabLab", description="Prototyping", equipment="FDM 3D printers, laser cutter"
    )
    vietnamese = LabFactory(
        name="Xưởng Chế Tạo TDMU", description="Tạo mẫu nhanh", equipment="Máy in 3D, máy CNC"
    )
    return english, vietnamese


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("máy in 3D", {"VGU FabLab", "Xưởng Chế Tạo TDMU"}),
        ("may in 3d", {"VGU FabLab", "Xưởng Chế Tạo TDMU"}),
        ("3D printers", {"VGU FabLab", "Xưởng Chế Tạo TDMU"}),
        ("máy cnc", {"Xưởng Chế Tạo TDMU"}),
        ("laser", {"VGU FabLab"}),
    ],
)
def test_a_lab_is_found_in_either_language(client, login_as, labs, query, expected):
    login_as("founder")
    assert lab_names(client, q=query) == expected
    assert lab_names(client, equipment=query) == expected


def test_a_lab_found_through_a_concept_shows_the_bridge(client, login_as, labs):
    login_as("founder")
    page = client.get("/labs/", query_string={"q": "<b>máy in 3D</b>"}).get_data(as_text=True)
    bridges = re.findall(r'data-testid="found-through">(.*?)</p>', page, re.S)
    assert bridges == ["found through: máy in 3d ↔ 3d printers"]  # the Vietnamese lab says it itself
    assert "<b>máy" not in page


def test_the_bridge_label_is_translated(client, login_as, labs):
    login_as("founder", language="vi")
    page = client.get("/labs/", query_string={"q": "3d printers"}).get_data(as_text=True)
    assert "tìm qua: 3d printers ↔ máy in 3d" in page


def test_a_glossary_term_works_in_search_from_the_moment_staff_add_it(client, login_as, db):
    LabFactory(name="VGU Test Lab", equipment="Humidity chambers, salt spray cabinet")
    login_as("founder")
    assert lab_names(client, q="buong thu am") == set()
    term = add_term(*CHAMBERS, "manufacturing", None)
    assert lab_names(client, q="buong thu am") == {"VGU Test Lab"}  # plural, no diacritics
    delete_term(term, None)
    assert lab_names(client, q="buong thu am") == set()


def test_an_edited_lab_is_found_by_its_new_words_only(client, login_as, db):
    lab = LabFactory(name="EIU Lab 4.0", equipment="Cobot")
    data = {name: getattr(lab, name) for name in FIELDS} | {"equipment": "Máy hàn laser"}
    update_lab(lab, data, lab.manager_id)
    login_as("founder")
    assert lab_names(client, q="may han") == {"EIU Lab 4.0"} and lab_names(client, q="cobot") == set()


def test_a_lab_of_an_unverified_organization_stays_hidden_from_outsiders(client, login_as, db):
    add_term(*PRINTERS, "manufacturing", None)
    LabFactory(name="Phòng Ẩn", organization=OrganizationFactory(status=PENDING), equipment="3D printers")
    login_as("founder")
    assert lab_names(client, q="máy in 3d") == set()
    client.get("/logout")
    login_as("staff")
    assert lab_names(client, q="máy in 3d") == {"Phòng Ẩn"}


def test_wildcards_in_a_query_are_taken_literally(client, login_as, db):
    LabFactory(name="Lab A_B")
    LabFactory(name="Lab AXB")
    login_as("founder")
    assert lab_names(client, q="a_b") == {"Lab A_B"}
    assert lab_names(client, q="%") == {"Lab A_B", "Lab AXB"}  # no word: nothing to filter by
    assert lab_names(client, q="a_%") == {"Lab A_B"}


@pytest.mark.parametrize("query", ["bảo trì dự đoán", "bao tri du doan", "predictive maintenance"])
def test_a_mentor_is_found_in_either_language(client, login_as, db, query):
    MentorProfileFactory(
        user=UserFactory(role="mentor", full_name="Anh Kỹ Sư"), expertise="predictive maintenance"
    )
    MentorProfileFactory(
        user=UserFactory(role="mentor", full_name="Chị Chuyên Gia"), expertise="Bảo trì dự đoán"
    )
    MentorProfileFactory(user=UserFactory(role="mentor", full_name="Ông Kế Toán"), expertise="Kế toán")
    login_as("founder")
    assert mentor_names(client, q=query) == {"Anh Kỹ Sư", "Chị Chuyên Gia"}
    assert mentor_names(client, expertise=query) == {"Anh Kỹ Sư", "Chị Chuyên Gia"}


@pytest.mark.parametrize(("query", "bridge"), [("computer vision", "computer vision ↔ thị giác máy tính"),
                                               ("thi giac may tinh", None)])  # fmt: skip
def test_a_capability_is_found_in_either_language(client, login_as, db, query, bridge):
    owner = login_as("university")
    CapabilityFactory(
        owner=owner, title="Thị giác máy tính cho kiểm tra chất lượng", description="Phát hiện lỗi"
    )
    CapabilityFactory(owner=owner, title="Hóa phân tích", description="Sắc ký")
    page = client.get("/capabilities/", query_string={"q": query}).get_data(as_text=True)
    assert "Thị giác máy tính cho kiểm tra chất lượng" in page and "Hóa phân tích" not in page
    assert (f"found through: {bridge}" in page) is bool(bridge)


@pytest.mark.parametrize("query", ["computer vision", "thị giác máy tính", "thi giac may tinh"])
def test_a_challenge_is_found_in_either_language(client, login_as, db, query):
    author = login_as("enterprise")
    ChallengeFactory(
        author=author, title="Computer vision for quality inspection", description="Stamped parts"
    )
    ChallengeFactory(author=author, title="Kế toán", description="Hóa đơn điện tử")
    page = client.get("/challenges/", query_string={"q": query}).get_data(as_text=True)
    assert "Computer vision for quality inspection" in page and "Kế toán" not in page


def test_the_staff_queue_finds_a_startup_by_its_description_in_the_other_language(
    client, login_as, submitted, db
):
    submitted(startup=StartupFactory(name="Dập Thông Minh", description="Predictive maintenance for presses"))
    submitted(startup=StartupFactory(name="LogiMate", description="Logistics"))
    login_as("staff")
    page = client.get("/review/applications", query_string={"q": "bao tri du doan"}).get_data(as_text=True)
    assert "Dập Thông Minh" in page and "LogiMate" not in page
    assert "found through: bao tri du doan ↔ predictive maintenance" in page


def test_reindex_rebuilds_every_entry(app, db):  # noqa: ANN001
    lab = LabFactory(equipment="Máy in 3D")
    db.session.execute(delete(SearchEntry))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0 and "lab: 1" in result.output
    kinds = set(db.session.scalars(select(SearchEntry.kind).where(SearchEntry.object_id == lab.id)))
    assert {"lab", "lab_equipment"} <= kinds
    assert db.session.scalar(select(GlossaryTerm.id)) is None


def test_the_demo_mentors_are_found_from_a_vietnamese_search_typed_without_diacritics(
    app, client, login_as, db
):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    login_as("founder")
    page = client.get("/mentors/", query_string={"q": "bao tri du doan"}).get_data(as_text=True)
    assert "found through: bao tri du doan ↔ predictive maintenance" in page


def test_a_mentor_renamed_is_found_by_the_new_name(client, login_as, db):
    profile = MentorProfileFactory(user=UserFactory(role="mentor", full_name="Nguyễn Văn A"))
    profile.user.full_name = "Trần Thị Bình"
    db.session.commit()
    login_as("founder")
    assert mentor_names(client, q="tran thi binh") == {"Trần Thị Bình"} and not mentor_names(
        client, q="nguyen"
    )
