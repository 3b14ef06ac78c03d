"""The open datasets through the API: described in both languages, the rows of /open-data/<name>.json
paged and filtered, problem details for an unknown dataset or field, ETags."""

from __future__ import annotations

import pytest

from incubator.dashboard.datasets import DATASETS
from incubator.demo.seed import seed_demo
from tests.factories import OrganizationFactory


@pytest.fixture
def demo(db):  # noqa: ANN001, ANN201
    seed_demo()
    return db


def every_row(client, name: str) -> list[dict]:  # noqa: ANN001
    """All the pages of dataset `name` through the API, following `next`."""
    found, address = [], f"/api/v1/datasets/{name}"
    while address:
        body = client.get(address).get_json()
        found, address = found + body["items"], body["links"]["next"]
    return found


def test_the_list_describes_every_dataset_and_the_rows_are_the_open_datas(client, demo):
    OrganizationFactory.create_batch(10, kind="university")  # network-nodes: more than a page
    listed = client.get("/api/v1/datasets").get_json()
    assert [d["name"] for d in listed["items"]] == list(DATASETS) and listed["total"] == len(DATASETS)
    applications = listed["items"][2]
    assert (applications["title"], applications["title_vi"]) == (
        "Applications per program and status",
        "Hồ sơ đăng ký theo chương trình và trạng thái",
    )
    status = next(f for f in applications["fields"] if f["name"] == "status")
    assert "draft" not in status["enum"] and status["description_vi"] and applications["description_vi"]
    for dataset in listed["items"]:
        links = dataset["links"]
        assert (
            client.get(links["csv"]).status_code == 200
            and client.get(links["datapackage"]).status_code == 200
        )
        assert every_row(client, dataset["name"]) == client.get(links["json"]).get_json(), dataset["name"]
    nodes = client.get("/api/v1/datasets/network-nodes?page=2").get_json()
    assert nodes["total"] > 20 and nodes["page"] == 2 and nodes["links"]["prev"].endswith("page=1")


def test_a_filter_keeps_the_equal_rows_and_refuses_what_the_dataset_does_not_have(client, demo):
    every = client.get("/open-data/network-nodes.json").get_json()
    universities = client.get("/api/v1/datasets/network-nodes?kind=university&page=1").get_json()
    assert universities["items"] == [row for row in every if row["kind"] == "university"][:20]
    assert universities["total"] and "kind=university" in universities["links"]["self"]
    first = every[0]
    assert client.get(
        f"/api/v1/datasets/network-nodes?partnerships={first['partnerships']}&id={first['id']}"
    ).json["items"] == [first]
    for query in ("owner=x", "partnerships=many"):
        refused = client.get(f"/api/v1/datasets/network-nodes?{query}")
        assert refused.status_code == 422 and refused.mimetype == "application/problem+json", query
        assert query.split("=")[0] in refused.get_json()["errors"]["query"], query
    missing = client.get("/api/v1/datasets/nonsense")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert "nonsense" in missing.get_json()["detail"]


def test_an_unchanged_dataset_answers_304_to_its_etag_and_the_docs_say_it_in_vietnamese(client, db):
    first = client.get("/api/v1/datasets/startups-by-stage")
    assert first.status_code == 200 and first.get_json()["total"] == len(
        DATASETS["startups-by-stage"].columns[0].enum
    )
    again = client.get("/api/v1/datasets/startups-by-stage", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    docs = client.get("/api/v1/docs", headers={"Accept-Language": "vi"}).get_data(as_text=True)
    assert "Các bộ dữ liệu mở: tiêu đề" in docs and "Các dòng của một bộ dữ liệu mở" in docs
