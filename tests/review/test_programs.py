"""Programs and their rubric: edits, the lock after a submitted review, the rubric's text form."""

import pytest

from incubator.review import programs
from incubator.review.errors import RubricLocked
from incubator.review.forms import add_english, parse_questions, parse_rubric, rubric_text
from tests.factories import RUBRIC, ProgramFactory
from tests.review.conftest import reviewed, score


def data_of(program, **changes):  # noqa: ANN001, ANN201
    names = (*programs.FIELDS, "rubric")
    return {name: getattr(program, name) for name in names} | changes


def test_the_rubric_can_change_until_a_review_is_submitted(db, submitted, staff):
    program = ProgramFactory()
    application = submitted(program=program)
    first, second = staff(2)
    from incubator.review import assignments

    assignments.assign_reviewers(application, [first, second], first.id)
    score(application, first, 3, 3, submit=False)  # a draft does not lock it
    lighter = [dict(RUBRIC[0], weight=1.0), RUBRIC[1]]
    programs.update_program(program, data_of(program, rubric=lighter), first.id)
    assert program.rubric[0]["weight"] == 1.0
    score(application, first, 3, 3)
    with pytest.raises(RubricLocked):
        programs.update_program(program, data_of(program, rubric=RUBRIC, seats=99), first.id)
    db.session.refresh(program)
    assert program.rubric[0]["weight"] == 1.0 and program.seats == 5
    programs.update_program(program, data_of(program, seats=7), first.id)  # other fields still editable
    assert program.seats == 7


def test_the_rubric_text_round_trips_in_both_languages():
    text = "Đội ngũ | 2 | yếu; mỏng; được; tốt; mạnh\nThị trường | 1,5 | không; nhỏ; vừa; lớn; rất lớn"
    text_en = "Team | weak; thin; fair; good; strong\nMarket | none; small; fair; big; huge"
    rubric = add_english(parse_rubric(text), text_en)
    assert [c["key"] for c in rubric] == ["doi_ngu", "thi_truong"]
    assert rubric[1]["weight"] == 1.5 and rubric[0]["guide"]["vi"][4] == "mạnh"
    assert (
        rubric[1]["label"] == {"vi": "Thị trường", "en": "Market"} and rubric[0]["guide"]["en"][0] == "weak"
    )
    assert add_english(parse_rubric(rubric_text(rubric)), rubric_text(rubric, "en")) == rubric
    assert programs.criteria(rubric, "en")[1]["label"] == "Market"
    assert programs.criteria(rubric, "vi")[1]["guide"] == ["không", "nhỏ", "vừa", "lớn", "rất lớn"]


def test_a_missing_english_falls_back_to_vietnamese_and_kept_keys_stay():
    rubric = parse_rubric(
        "Đội ngũ | 2 | a; b; c; d; e", previous=[{"key": "team", "label": {"vi": "Đội ngũ"}}]
    )
    assert rubric[0]["key"] == "team" and rubric_text(rubric, "en") == ""
    assert programs.criteria(rubric, "en")[0]["label"] == "Đội ngũ"
    questions = parse_questions("Sản phẩm là gì?\nAi trả tiền?", "")
    assert programs.questions(ProgramFactory.build(questions=questions), "en") == [
        "Sản phẩm là gì?",
        "Ai trả tiền?",
    ]


@pytest.mark.parametrize(
    "text_en", ["Team | a;b;c;d;e\nMarket | a;b;c;d;e", "Team | 1 | a;b;c;d;e", "Team | a;b", " | a;b;c;d;e"]
)
def test_a_malformed_english_rubric_is_refused(text_en, app):
    with app.test_request_context(), pytest.raises(ValueError):
        add_english(parse_rubric("Đội ngũ | 1 | a;b;c;d;e"), text_en)


@pytest.mark.parametrize(
    "text", ["", "Team | x | a;b;c;d;e", "Team | 1 | a;b", "Team | 1 | a;b;c;d;e\nTeam | 2 | a;b;c;d;e"]
)
def test_a_malformed_rubric_is_refused(text, app):
    with app.test_request_context(), pytest.raises(ValueError):
        parse_rubric(text)


def test_reviewed_helper_keeps_the_program(db, submitted, staff):
    application = reviewed(submitted(), staff(2), [(1, 1), (5, 5)])
    assert programs.rubric_locked(application.program)
