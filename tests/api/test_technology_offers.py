"""The technology offers export: the demo's public capabilities in the published format (validated
against its JSON Schema), unverified organisations left out, the catalogue's filters, contact roles, a
file to save."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator
from sqlalchemy import func, select

from incubator.api import offers
from incubator.api.offers import SCHEMA_FILE
from incubator.challenges.models import Capability
from incubator.demo.data import EIU, VGU
from incubator.demo.seed import seed_demo
from incubator.organizations.models import PENDING, Organization
from tests.factories import CapabilityFactory, MembershipFactory, OrganizationFactory

SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_demo_export_validates_against_its_schema_without_unverified_organizations(client, db):
    seed_demo()
    vgu = db.session.scalar(select(Organization).where(Organization.name == VGU))
    vgu.status = PENDING
    db.session.commit()
    response = client.get("/api/v1/technology-offers")
    document = response.json
    VALIDATOR.validate(document)
    verified = (
        select(func.count()).select_from(Capability).join(Organization).where(Organization.id != vgu.id)
    )
    assert document["total"] == len(document["offers"]) == db.session.scalar(verified) > 5
    assert VGU not in response.get_data(as_text=True)
    by_title = {offer["title"]: offer for offer in document["offers"]}
    vision = by_title["Computer vision for quality inspection"]
    assert (vision["organization"]["name"], vision["trl"], vision["contact"]["role"]) == (
        EIU,
        7,
        "FabLab manager / Tech-transfer officer",
    )
    stored = db.session.scalar(select(Capability).where(Capability.title == vision["title"]))
    assert "computer vision" in vision["fields"] and vision["id"] == f"bdi-capability-{stored.id}"
    assert any(offer["trl"] is None for offer in document["offers"])  # TRL only when assessed
    assert "@demo.test" not in response.get_data(as_text=True)  # never an address


def test_the_published_schema_is_valid_and_names_what_the_openapi_document_does(client, db):
    served = client.get("/api/v1/technology-offers.schema.json")
    assert served.mimetype == "application/schema+json" and json.loads(served.data) == SCHEMA
    Draft202012Validator.check_schema(SCHEMA)
    components = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    assert set(components["TechnologyOfferExport"]["properties"]) == set(SCHEMA["properties"])
    assert set(components["TechnologyOffer"]["properties"]) == set(SCHEMA["$defs"]["offer"]["properties"])


def test_the_export_takes_the_catalogues_filters_pages_and_downloads_as_a_file(client, db, monkeypatch):
    first, second = OrganizationFactory(), OrganizationFactory()
    CapabilityFactory(organization=first, title="Thị giác máy tính", keywords="thị giác, AI")
    CapabilityFactory(organization=second, title="Xử lý nước thải", keywords="", trl=None)
    for query in ("q=thi+giac", f"organization_id={second.id}", "q=nothing+like+this"):
        exported = client.get(f"/api/v1/technology-offers?{query}").json
        listed = client.get(f"/api/v1/capabilities?{query}").json
        VALIDATOR.validate(exported)
        assert [o["title"] for o in exported["offers"]] == [c["title"] for c in listed["items"]], query
    assert exported["offers"] == [] and exported["last_updated"] is None
    saved = client.get("/api/v1/technology-offers?q=thi+giac&download=1")
    assert saved.headers["Content-Disposition"].startswith('attachment; filename="technology-offers-')
    assert json.loads(saved.data)["offers"][0]["fields"] == ["thị giác", "AI"]
    monkeypatch.setattr(offers, "OFFERS_PER_PAGE", 1)
    first_page = client.get("/api/v1/technology-offers").json
    second_page = client.get(first_page["next"]).json
    assert (first_page["pages"], second_page["page"], second_page["next"]) == (2, 2, None)
    assert {first_page["offers"][0]["title"], second_page["offers"][0]["title"]} == {
        "Thị giác máy tính",
        "Xử lý nước thải",
    }
    refused = client.get("/api/v1/technology-offers?organization_id=0")
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"


def test_the_contact_is_a_role_of_the_organizations_contacts_never_a_person(client, db):
    owner = MembershipFactory(title="Giảng viên", is_contact=False, user__full_name="Nguyễn Văn A")
    MembershipFactory(organization=owner.organization, title="Tech-transfer officer")
    CapabilityFactory(organization=owner.organization, owner=owner.user, title="Offer A")
    CapabilityFactory(title="Offer B")  # an organisation naming no contact
    response = client.get("/api/v1/technology-offers")
    roles = {o["title"]: o["contact"]["role"] for o in response.json["offers"]}
    assert roles == {"Offer A": "Tech-transfer officer", "Offer B": None}
    body = response.get_data(as_text=True)
    assert "Giảng viên" not in body and "Nguyễn Văn A" not in body and owner.user.email not in body
