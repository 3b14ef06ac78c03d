"""A program's questions and rubric in Vietnamese and English, each reader seeing their own language."""

import importlib.util
import unicodedata
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from flask import current_app

from incubator.review import assignments, programs
from incubator.review.models import Program
from tests.conftest import submit
from tests.factories import ProgramFactory, StartupFactory
from tests.review.conftest import reviewed

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731  (what some keyboards send)


def form_data(program: Program, **changes: str) -> dict:
    """The edit form as the page fills it in for `program`, with `changes`."""
    return {"name": program.name, "organization_id": program.organization_id, "description": "Mô tả",
            "description_en": "", "opens_on": program.opens_on.isoformat(),
            "closes_on": program.closes_on.isoformat(), "seats": 5, "required_reviews": 2,
            "question_lines": "Bạn làm sản phẩm gì?\nAi trả tiền cho nó?",
            "question_lines_en": "What do you build?\nWho pays for it?",
            "rubric_lines": "Đội ngũ | 2 | yếu; mỏng; khá; tốt; mạnh\n"
                            "Thị trường | 1 | không; nhỏ; vừa; lớn; rất lớn",
            "rubric_lines_en": "Team | weak; thin; fair; good; strong\nMarket | none; small; fair; big; huge",
            } | changes  # fmt: skip


def test_staff_write_both_languages_and_each_reader_sees_their_own(client, login_as, db):
    staff = login_as("staff", language="en")
    org = ProgramFactory().organization
    data = {"name": "Ươm tạo Khóa 6", "organization_id": org.id, "description": "Mô tả", "description_en": "",
            "opens_on": "2026-12-01", "closes_on": "2027-01-31", "seats": 10, "required_reviews": 2,
            "question_lines": NFD("Sản phẩm là gì?\nAi trả tiền?"),
            "question_lines_en": "What is it?\nWho pays?",
            "rubric_lines": NFD("Đội ngũ | 2 | yếu; mỏng; được; tốt; mạnh"),
            "rubric_lines_en": "Team | weak; thin; fair; good; strong"}  # fmt: skip
    assert submit(client, "/programs/new", data).status_code == 302
    program = db.session.query(Program).filter_by(name="Ươm tạo Khóa 6").one()
    assert program.questions == [
        {"vi": "Sản phẩm là gì?", "en": "What is it?"},
        {"vi": "Ai trả tiền?", "en": "Who pays?"},
    ]
    assert program.rubric == [{"key": "doi_ngu", "weight": 2.0, "label": {"vi": "Đội ngũ", "en": "Team"},
                               "guide": {"vi": ["yếu", "mỏng", "được", "tốt", "mạnh"],
                                         "en": ["weak", "thin", "fair", "good", "strong"]}}]  # fmt: skip
    page = client.get(f"/programs/{program.id}").get_data(as_text=True)
    assert "Who pays?" in page and ">Team<" in page and "weak" in page and "Ai trả tiền?" not in page
    edit = client.get(f"/programs/{program.id}/edit").get_data(as_text=True)  # both languages to edit again
    assert "Sản phẩm là gì?\nAi trả tiền?</textarea>" in edit and "What is it?\nWho pays?</textarea>" in edit
    assert "Team | weak; thin; fair; good; strong</textarea>" in edit
    staff.language = "vi"
    db.session.commit()
    page = client.get(f"/programs/{program.id}").get_data(as_text=True)
    assert "Ai trả tiền?" in page and ">Đội ngũ<" in page and "mạnh" in page and "Who pays?" not in page


@pytest.mark.parametrize("language", ["vi", "en"])
def test_founders_and_reviewers_read_them_in_their_language(language, client, login_as, submitted, staff, db):
    program = ProgramFactory()
    program.questions = [program.questions[0], {"vi": "Chỉ có tiếng Việt?", "en": ""}]  # English falls back
    db.session.commit()
    founder = login_as("founder", language=language)
    StartupFactory(owner=founder)
    form = client.get(f"/applications/new/{program.id}").get_data(as_text=True)
    first = {"vi": "Bạn làm sản phẩm gì?", "en": "What do you build?"}[language]
    assert f">{first}</label>" in form and ">Chỉ có tiếng Việt?</label>" in form
    application = submitted(program=program)
    reviewer = login_as("staff", language=language)
    assignments.assign_reviewers(application, [reviewer, *staff(1)], reviewer.id)
    page = client.get(f"/review/applications/{application.id}/score").get_data(as_text=True)
    team, weak = {"vi": ("Đội ngũ", "1 – yếu"), "en": ("Team", "1 – weak")}[language]
    assert (
        f'<label class="form-label">{team}</label>' in page and f'for="score_team-0">{weak}</label>' in page
    )
    assert f">{first}</h3>" in page and ">Chỉ có tiếng Việt?</h3>" in page


@pytest.mark.parametrize(
    "changes",
    [
        {"question_lines_en": "What do you build?"},
        {"rubric_lines_en": "Team | weak; thin; fair; good; strong"},
    ],
)
def test_english_lines_that_do_not_match_the_vietnamese_are_refused_and_nothing_changes(
    changes, client, login_as, db
):
    program = ProgramFactory()
    before = (program.questions, program.rubric, program.seats)
    login_as("staff")
    url = f"/programs/{program.id}/edit"
    response = submit(client, url, form_data(program, seats=9, **changes))
    assert response.status_code == 200
    assert "Write one English line for each Vietnamese line, in the same order: 1 English line(s) for 2" in (
        response.get_data(as_text=True)
    )
    db.session.expire_all()
    program = db.session.get(Program, program.id)
    assert (program.questions, program.rubric, program.seats) == before


def test_the_rubric_lock_holds_for_the_english_text_too(client, login_as, submitted, staff, db):
    program = reviewed(submitted(), staff(2), [(4, 4), (3, 3)]).program
    rubric = program.rubric
    login_as("staff")
    url = f"/programs/{program.id}/edit"
    changed = form_data(
        program, rubric_lines_en="Team | weak; thin; fair; good; superb\nMarket | a; b; c; d; e"
    )
    assert "The rubric cannot change" in submit(client, url, changed).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Program, program.id).rubric == rubric
    assert (
        submit(client, url, form_data(program, seats=7)).status_code == 302
    )  # the same rubric: other fields save
    db.session.expire_all()
    program = db.session.get(Program, program.id)
    assert program.seats == 7 and program.rubric == rubric


def run_migration(db, step: str) -> None:  # noqa: ANN001
    """Run migration 0009q's `step` ("upgrade" or "downgrade") on the test database."""
    path = next(Path(current_app.config["MIGRATIONS_DIR"], "versions").glob("0009q_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0009q", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with db.engine.begin() as connection, Operations.context(MigrationContext.configure(connection)):
        getattr(module, step)()


def test_the_migration_gives_old_programs_both_languages_and_back(db):
    program = ProgramFactory()
    bilingual = (program.questions, program.rubric)
    old = [{"key": "team", "label": "Đội ngũ", "weight": 2.0, "guide": ["yếu", "mỏng", "khá", "tốt", "mạnh"]}]
    program.questions, program.rubric = ["Bạn làm sản phẩm gì?"], old
    db.session.commit()
    run_migration(db, "upgrade")
    db.session.expire_all()
    assert program.questions == [{"vi": "Bạn làm sản phẩm gì?", "en": ""}]
    assert program.rubric == [{"key": "team", "weight": 2.0, "label": {"vi": "Đội ngũ", "en": ""},
                               "guide": {"vi": ["yếu", "mỏng", "khá", "tốt", "mạnh"], "en": []}}]  # fmt: skip
    assert programs.criteria(program.rubric, "en")[0]["guide"][4] == "mạnh"  # English readers see Vietnamese
    run_migration(db, "upgrade")  # a second run changes nothing
    db.session.expire_all()
    assert program.questions == [{"vi": "Bạn làm sản phẩm gì?", "en": ""}]
    program.questions, program.rubric = bilingual
    db.session.commit()
    run_migration(db, "downgrade")
    db.session.expire_all()
    assert program.questions == ["Bạn làm sản phẩm gì?", "Ai trả tiền cho nó?"]
    assert program.rubric[1] == {"key": "market", "weight": 1.0, "label": "Thị trường",
                                 "guide": ["không", "nhỏ", "vừa", "lớn", "rất lớn"]}  # fmt: skip
