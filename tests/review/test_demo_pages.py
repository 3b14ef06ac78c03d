"""Every incubation page renders with the demo data, for the roles that use it."""

import pytest
from sqlalchemy import select

from incubator.demo.seed import seed_demo
from incubator.review.models import Application, Program
from tests.conftest import submit


@pytest.fixture
def demo(db):  # noqa: ANN001
    seed_demo()


def log_in(client, email: str) -> None:  # noqa: ANN001
    assert submit(client, "/login", {"email": email, "password": "demo-password"}).status_code == 302


def test_staff_pages_render_with_the_demo_data(client, demo, db):
    log_in(client, "staff@demo.test")
    urls = ["/review/applications", "/review/assignments", "/programs/manage", "/programs/new", "/programs/",
            "/notifications/", "/review/applications?sort=normalised&direction=desc&min_score=1"]  # fmt: skip
    urls += [f"/review/applications/{a.id}" for a in db.session.scalars(select(Application))]
    urls += [f"/programs/{p.id}" for p in db.session.scalars(select(Program))]
    urls += [f"/programs/{p.id}/edit" for p in db.session.scalars(select(Program))]
    urls += [f"/review/programs/{p.id}/applications.csv" for p in db.session.scalars(select(Program))]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_reviewer_with_a_draft_sees_no_peer_scores_on_the_demo(client, demo, db):
    log_in(client, "staff2@demo.test")
    inspect = db.session.scalar(select(Application).where(Application.pitch.like("Our model%")))
    body = client.get(f"/review/applications/{inspect.id}/score").get_data(as_text=True)
    assert 'data-testid="peers-hidden"' in body and 'data-testid="score-form"' in body


def test_founder_pages_render_with_the_demo_data(client, demo, db):
    log_in(client, "founder@demo.test")
    home = client.get("/").get_data(as_text=True)
    assert 'data-status="rejected"' in home and 'data-status="submitted"' in home
    for application in db.session.scalars(select(Application)):
        mine = application.startup.owner.email == "founder@demo.test"
        assert client.get(f"/applications/{application.id}").status_code == (200 if mine else 404)
    open_program = db.session.scalar(select(Program).where(Program.name.like("Block71%")))
    assert client.get(f"/applications/new/{open_program.id}").status_code == 200
    decided = "Becamex Smart Manufacturing Accelerator – Batch 1: the application of FreshTrace was rejected."
    submit(client, "/language", {"language": "en"}, form_url="/", prefix="lang")
    assert decided in client.get("/notifications/").get_data(as_text=True)  # seeded as a message id
