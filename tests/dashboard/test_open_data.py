"""Open data: no login, JSON and CSV at stable URLs, cacheable, and nothing about a person or a secret."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from sqlalchemy import select

from incubator.accounts.models import User
from incubator.challenges.models import Challenge
from incubator.dashboard.datasets import DATASETS
from incubator.demo.seed import seed_demo
from incubator.matching import decisions
from incubator.partnerships import introductions
from incubator.partnerships.models import Introduction
from tests.factories import UserFactory
from tests.partnerships.conftest import make_pair


def every_body(client) -> dict[str, str]:  # noqa: ANN001
    """The index and every dataset in both formats, fetched anonymously."""
    bodies = {"/open-data/": client.get("/open-data/").get_data(as_text=True)}
    for name in DATASETS:
        for ext in ("json", "csv"):
            response = client.get(f"/open-data/{name}.{ext}")
            assert response.status_code == 200, name
            bodies[f"/open-data/{name}.{ext}"] = response.get_data(as_text=True)
    return bodies


def test_every_dataset_is_listed_and_served_without_login_in_json_and_csv(client, ecosystem):
    index = client.get("/open-data/").get_data(as_text=True)
    for link in ("/open-data/datapackage.json", "/open-data/catalog.jsonld", "/licenses/by/4.0/"):
        assert link in index
    for name, dataset in DATASETS.items():
        assert f"/open-data/{name}.json" in index and f"/open-data/{name}.csv" in index
        payload = client.get(f"/open-data/{name}.json").get_json()
        assert all(list(row) == [f for f, _ in dataset.fields] for row in payload)
        text = client.get(f"/open-data/{name}.csv").get_data().decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == len(payload)
    funnel = client.get("/open-data/matching-funnel.json").get_json()
    assert [r["count"] for r in funnel] == [10, 4, 3, 2, 2]


def test_open_data_is_cacheable_and_answers_304_when_unchanged(client, ecosystem):
    first = client.get("/open-data/startups-by-stage.json")
    assert first.headers["Cache-Control"] == "public, max-age=300" and first.headers["ETag"]
    assert "Set-Cookie" not in first.headers
    again = client.get("/open-data/startups-by-stage.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    index = client.get("/open-data/")  # the page in the site's layout: its menu is the reader's
    assert "public" not in index.headers.get("Cache-Control", "")
    assert client.get("/open-data/nonsense.json").status_code == 404


def test_open_data_names_no_person_and_reveals_no_email_or_confidential_text(client, db):
    seed_demo()
    pair = make_pair(db)
    decisions.decide_suggestion(
        pair.suggestion.id, "approved", UserFactory(role="staff").id, note="Ghi chú nội bộ"
    )
    introduction = db.session.scalar(
        select(Introduction).where(Introduction.suggestion_id == pair.suggestion.id)
    )
    introductions.answer(introduction, pair.enterprise, "accepted")
    introductions.answer(introduction, pair.university, "accepted")
    bodies = every_body(client)
    users = db.session.scalars(select(User)).all()
    secrets = [
        c.confidential_details for c in db.session.scalars(select(Challenge)) if c.confidential_details
    ]
    assert len(users) > 10 and secrets
    for url, body in bodies.items():
        assert "@" not in body, url
        for user in users:
            assert user.email not in body and user.full_name not in body, (url, user.full_name)
        for secret in secrets:
            assert secret not in body, url
        assert "Ghi chú nội bộ" not in body
    assert "Công ty Cơ khí 0.8" in bodies["/open-data/network-nodes.json"]  # organizations are named


def test_the_readme_documents_every_dataset_with_its_fields():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name, dataset in DATASETS.items():
        row = re.search(rf"^\| `{re.escape(name)}` \| (.*) \|$", readme, re.M)
        assert row is not None, name
        assert row.group(1) == "; ".join(f"`{field}`: {text}" for field, text in dataset.fields), name
    for documented in ("CC BY 4.0", "/open-data/datapackage.json", "/open-data/catalog.jsonld", "DCAT RDF"):
        assert documented in readme
