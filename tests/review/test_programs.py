"""Programs and their rubric: edits, the lock after a submitted review, the rubric's text form."""

import pytest

from incubator.review import programs
from incubator.review.errors import RubricLocked
from incubator.review.forms import parse_rubric, rubric_text
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


def test_the_rubric_text_round_trips_with_vietnamese_labels():
    text = "Đội ngũ | 2 | yếu; mỏng; được; tốt; mạnh\nThị trường | 1,5 | không; nhỏ; vừa; lớn; rất lớn"
    rubric = parse_rubric(text)
    assert [c["key"] for c in rubric] == ["doi_ngu", "thi_truong"]
    assert rubric[1]["weight"] == 1.5 and rubric[0]["guide"][4] == "mạnh"
    assert parse_rubric(rubric_text(rubric)) == rubric


@pytest.mark.parametrize(
    "text", ["", "Team | x | a;b;c;d;e", "Team | 1 | a;b", "Team | 1 | a;b;c;d;e\nTeam | 2 | a;b;c;d;e"]
)
def test_a_malformed_rubric_is_refused(text, app):
    with app.test_request_context(), pytest.raises(ValueError):
        parse_rubric(text)


def test_reviewed_helper_keeps_the_program(db, submitted, staff):
    application = reviewed(submitted(), staff(2), [(1, 1), (5, 5)])
    assert programs.rubric_locked(application.program)
