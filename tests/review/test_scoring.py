"""Rubric arithmetic against hand-computed values, and peer scores hidden until one's own is in."""

import math

import pytest

from incubator.review import reviews, scoring
from incubator.review.scoring import ScoredReview
from tests.factories import RUBRIC
from tests.review.conftest import reviewed, score


def test_weighted_score_uses_the_criteria_weights():
    # team weighs 2, market 1: (2·4 + 1·1) / 3
    assert scoring.weighted_score({"team": 4, "market": 1}, RUBRIC) == pytest.approx(3.0)
    assert scoring.weighted_score({"team": 5, "market": 2}, RUBRIC) == pytest.approx(4.0)


def test_normalised_scores_remove_a_lenient_and_a_harsh_reviewer():
    # A gives 5 and 3 (mean 4, sd 1), B gives 3 and 1 (mean 2, sd 1); all four: mean 3, sd √2.
    rows = [
        ScoredReview(1, 10, 5.0),
        ScoredReview(1, 11, 3.0),
        ScoredReview(2, 10, 3.0),
        ScoredReview(2, 11, 1.0),
    ]
    result = scoring.normalised_scores(rows)
    assert result[10] == pytest.approx(3 + math.sqrt(2))  # z = +1 for both reviewers
    assert result[11] == pytest.approx(3 - math.sqrt(2))


def test_a_reviewer_who_scores_everything_alike_sits_at_the_program_mean():
    rows = [
        ScoredReview(1, 10, 4.0),
        ScoredReview(1, 11, 4.0),
        ScoredReview(2, 10, 2.0),
        ScoredReview(2, 11, 4.0),
    ]
    # all four: mean 3.5, sd √0.75; reviewer 2: mean 3, sd 1 → z −1 and +1; reviewer 1: z 0.
    sd = math.sqrt(0.75)
    result = scoring.normalised_scores(rows)
    assert result[10] == pytest.approx(((3.5) + (3.5 - sd)) / 2)
    assert result[11] == pytest.approx(((3.5) + (3.5 + sd)) / 2)


def test_normalised_scores_stay_on_the_one_to_five_scale():
    rows = [ScoredReview(1, a, w) for a, w in ((1, 5.0), (2, 1.0), (3, 1.0), (4, 1.0))]
    assert all(1.0 <= value <= 5.0 for value in scoring.normalised_scores(rows).values())


def test_application_scores_through_the_services(submitted, staff):
    lenient, harsh = staff(2)
    first, second = submitted(), None
    second = submitted(program=first.program)
    reviewed(first, [lenient, harsh], [(5, 5), (3, 3)])
    reviewed(second, [lenient, harsh], [(3, 3), (1, 1)])
    scores = reviews.application_scores(first)
    assert scores.reviews == 2
    assert scores.weighted == pytest.approx(4.0) and scores.spread == pytest.approx(2.0)
    assert scores.criteria == {"team": pytest.approx(4.0), "market": pytest.approx(4.0)}
    assert scores.normalised == pytest.approx(3 + math.sqrt(2))
    assert reviews.application_scores(second).normalised == pytest.approx(3 - math.sqrt(2))


def test_a_reviewer_sees_peer_scores_only_after_submitting_their_own(submitted, staff, db):
    first, second = staff(2)
    application = submitted()
    from incubator.review import assignments

    assignments.assign_reviewers(application, [first, second], first.id)
    score(application, first, 4, 4)
    assert reviews.peers_hidden(application, second)
    assert reviews.visible_reviews(application, second) == []
    score(application, second, 2, 2, submit=False)  # a draft is not enough
    assert reviews.visible_reviews(application, second) == []
    score(application, second, 2, 2)
    assert len(reviews.visible_reviews(application, second)) == 2
    assert not reviews.peers_hidden(application, first)


def test_an_unsubmitted_review_hides_the_whole_program_while_it_can_still_be_submitted(submitted, staff, db):
    from incubator.review import applications, assignments

    me, peer = staff(2)
    pending, other = submitted(), None
    other = reviewed(submitted(program=pending.program), [peer], [(4, 4)])
    assignments.assign_reviewers(pending, [me], peer.id)
    assert reviews.programs_hiding_scores(me) == {pending.program_id}
    assert reviews.peers_hidden(other, me) and reviews.visible_scores(other, me) is None
    assert reviews.visible_reviews(other, me) == []
    applications.withdraw(pending, pending.submitted_by)  # nothing left for me to submit there
    assert reviews.programs_hiding_scores(me) == set()
    assert reviews.visible_scores(other, me).weighted == pytest.approx(4.0)
