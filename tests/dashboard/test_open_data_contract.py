"""The open data's contract: a Data Package frictionless validates, the same typed values in JSON and
CSV, the dashboard's figures, no draft, a BOM, a DCAT catalogue, and errors a JSON client can read."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale
from frictionless import Package, validate

from incubator.dashboard.charts import CHARTS
from incubator.dashboard.datasets import DATASETS
from incubator.demo.seed import seed_demo
from incubator.review.models import APPLICATION_STATUSES, Application

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def demo(db):  # noqa: ANN001, ANN201
    """The demo data, with at least one draft application."""
    seed_demo()
    assert db.session.query(Application).filter_by(status="draft").count() > 0
    return db


def written_package(client, folder) -> dict:  # noqa: ANN001
    """The live data package and every CSV it names, saved in `folder` as a portal would mirror them."""
    package = client.get("/open-data/datapackage.json").get_json()
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    for resource in package["resources"]:
        response = client.get(f"/open-data/{resource['path']}")
        assert response.status_code == 200 and response.data.startswith(BOM), resource["path"]
        (folder / resource["path"]).write_bytes(response.data)
    return package


def as_json(value: object) -> object:
    """A value frictionless read from the CSV as JSON carries it (a date in ISO, a decimal as a float)."""
    if isinstance(value, date):
        return value.isoformat()
    return float(value) if isinstance(value, Decimal) else value


def test_frictionless_validates_the_live_data_package_and_the_json_matches_the_csv(client, demo, tmp_path):
    package = written_package(client, tmp_path)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = sum(task.stats["rows"] for task in report.tasks)
    print(f"frictionless: valid, {len(report.tasks)} resources, {rows} rows, 0 errors")
    assert [r["name"] for r in package["resources"]] == list(DATASETS)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["type"] and field["description"] and field["description_vi"], field
    statuses = next(f for f in package["resources"][2]["schema"]["fields"] if f["name"] == "status")
    assert statuses["constraints"]["enum"] == [s for s in APPLICATION_STATUSES if s != "draft"]
    for resource in Package(tmp_path / "datapackage.json").resources:  # the JSON: the CSV's typed values
        with resource:
            from_csv = [{k: as_json(v) for k, v in row.items()} for row in resource.read_rows()]
        response = client.get(f"/open-data/{resource.name}.json")
        assert from_csv == response.get_json(), resource.name
        assert (
            response.headers["Link"]
            == '</open-data/datapackage.json>; rel="describedby"; type="application/json"'
        )


def test_drafts_are_never_published_and_rows_are_keyed_by_ids(client, ecosystem):
    rows = client.get("/open-data/applications.json").get_json()
    assert {r["status"] for r in rows} == set(APPLICATION_STATUSES) - {"draft"}
    assert {(r["program_id"], r["program"]) for r in rows} == {(ecosystem["program"].id, "Block71 Cohort")}
    assert sum(r["applications"] for r in rows) == 2  # the draft and the pending organization's: left out
    assert "draft" not in client.get("/open-data/applications.csv").get_data(as_text=True)
    (lab,) = client.get("/open-data/lab-bookings.json").get_json()
    assert (lab["lab_id"], lab["organization_id"]) == (ecosystem["lab"].id, ecosystem["school"].id)


def test_the_dashboard_shows_the_figures_of_the_csvs_for_the_demo_data(app, client, demo, login_as):
    login_as("staff")
    page = client.get("/dashboard/").get_data(as_text=True)
    language = re.search(r'<html lang="(\w+)', page).group(1)
    with app.test_request_context(), force_locale(language):
        assert_same_figures(client, page)


def assert_same_figures(client, page: str) -> None:  # noqa: ANN001
    """Every chart's table on `page` shows its CSV's rows cell for cell, as the dashboard labels them."""
    for chart in CHARTS:
        table = re.search(rf'data-testid="table-{chart.dataset}">(.*?)</table>', page, re.S).group(1)
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", table, re.S)]
        text = client.get(f"/open-data/{chart.dataset}.csv").get_data().decode("utf-8-sig")
        shown = [name for name, _ in DATASETS[chart.dataset].table_fields]
        expected = [chart.cell(n, row[n]) for row in csv.DictReader(io.StringIO(text)) for n in shown]
        assert [c.replace("&amp;", "&").replace("&#39;", "'") for c in cells] == expected, chart.dataset
        assert cells, chart.dataset


def test_the_dcat_catalogue_lists_every_dataset_with_its_distributions(client, ecosystem):
    response = client.get("/open-data/catalog.jsonld")
    assert response.mimetype == "application/ld+json"
    catalog = json.loads(response.data)
    assert catalog["@type"] == "dcat:Catalog" and catalog["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalog["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [d["dct:identifier"] for d in catalog["dcat:dataset"]] == list(DATASETS)
    for dataset in catalog["dcat:dataset"]:
        assert dataset["@type"] == "dcat:Dataset" and dataset["dct:publisher"]["foaf:name"]
        assert {t["@language"] for t in dataset["dct:title"]} == {"en", "vi"}
        media = set()
        for distribution in dataset["dcat:distribution"]:
            assert distribution["@type"] == "dcat:Distribution" and distribution["dct:license"]["@id"]
            media.add(distribution["dcat:mediaType"]["@id"].rsplit("/", 2)[-2:][1])
            assert client.get(distribution["dcat:downloadURL"]["@id"]).status_code == 200
        assert media == {"csv", "json"}


def test_an_unknown_dataset_is_a_problem_for_a_json_client_and_a_405_names_the_methods(client, db):
    response = client.get("/open-data/nonsense.json")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == 404 and problem["title"] == "Not Found" and "nonsense" in problem["detail"]
    as_json = client.get("/open-data/nonsense.csv", headers={"Accept": "application/json"})
    assert as_json.status_code == 404 and as_json.mimetype == "application/problem+json"
    as_page = client.get("/open-data/nonsense.csv", headers={"Accept": "text/html"})
    assert as_page.status_code == 404 and as_page.mimetype == "text/html"
    refused = client.post("/open-data/startups-by-stage.csv")
    assert refused.status_code == 405 and set(refused.headers["Allow"].split(", ")) == {
        "GET",
        "HEAD",
        "OPTIONS",
    }
    refused = client.delete("/open-data/datapackage.json", headers={"Accept": "application/json"})
    assert refused.status_code == 405 and "GET" in refused.headers["Allow"]
