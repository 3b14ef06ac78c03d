"""Rubric arithmetic: weighted scores, spread, and scores normalised per reviewer (pure functions)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean, pstdev

SCALE = (1.0, 5.0)


@dataclass(frozen=True)
class ScoredReview:
    """One submitted review: who scored which application, and its weighted score."""

    reviewer_id: int
    application_id: int
    weighted: float


def weighted_score(scores: dict, rubric: list[dict]) -> float:
    """Σ weight·score / Σ weight over the rubric's criteria (each score 1–5)."""
    total = sum(float(c.get("weight", 1)) for c in rubric)
    return sum(float(c.get("weight", 1)) * int(scores[c["key"]]) for c in rubric) / total


def criterion_averages(all_scores: list[dict], rubric: list[dict]) -> dict[str, float | None]:
    """The mean score of each criterion over the given reviews (None without reviews)."""
    return {c["key"]: fmean(s[c["key"]] for s in all_scores) if all_scores else None for c in rubric}


def spread(values: list[float]) -> float | None:
    """Highest minus lowest of the reviewers' weighted scores (None without reviews)."""
    return max(values) - min(values) if values else None


def clamp(value: float) -> float:
    """`value` kept within the 1–5 scale."""
    return min(max(value, SCALE[0]), SCALE[1])


def normalised_scores(reviews: list[ScoredReview]) -> dict[int, float]:
    """Each application's normalised score over one program's submitted reviews.

    A review becomes a z-score against its reviewer's own mean and standard deviation in the
    program (0 when the reviewer scored everything alike), is mapped back onto the 1–5 scale with
    the program's mean and standard deviation of all reviews, and an application gets the mean of
    its reviews' mapped values.
    """
    if not reviews:
        return {}
    by_reviewer: dict[int, list[float]] = defaultdict(list)
    for review in reviews:
        by_reviewer[review.reviewer_id].append(review.weighted)
    everything = [review.weighted for review in reviews]
    mean, deviation = fmean(everything), pstdev(everything)
    mapped: dict[int, list[float]] = defaultdict(list)
    for review in reviews:
        own = by_reviewer[review.reviewer_id]
        own_deviation = pstdev(own)
        z = (review.weighted - fmean(own)) / own_deviation if own_deviation else 0.0
        mapped[review.application_id].append(clamp(mean + z * deviation))
    return {application_id: fmean(values) for application_id, values in mapped.items()}
