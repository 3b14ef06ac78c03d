"""Calibrate the relevance floor of each kind of match: scores of true pairs against unrelated ones.

Usage: python -m bench.calibrate_floors [--recall 0.95] [--top-k 5] [--show]
Scores every allowed pair with the platform's settings (background IDF and glossary,
incubator/matching/fitted.PARAMS), floor and top k off, on three sets:
  labelled  tests/matchcore/labelled_pairs.jsonl (startup → lab, gold pairs given)
  cross     tests/matchcore/cross_language_pairs.jsonl (challenge → lab / capability, EN ↔ VI)
  demo      the demo data seeded into a temporary SQLite app (all six kinds), labelled by hand in
            bench/demo_labels.py: true, plausible (left out of both sides) or unrelated.
Only pairs showing a reason that is not generic count (bench_demo_suggestions.generic): a pair
without one is never suggested whatever its score. A kind's proposed floor is the threshold that
maximises F1 between the demo's true and unrelated pairs (the lowest on a tie), lowered when
needed to keep `--recall` of the true pairs of each labelled set covering the kind. The labelled
sets' unrelated pairs share a boilerplate sentence between one-line texts, on another scale:
they are printed, not used. Then a run over the demo data (top k, decided pairs excluded) counts
the suggestions per kind with the global floor and with the proposed floors.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bench.bench_demo_suggestions import demo_app, generic
from bench.demo_labels import DEMO_PLAUSIBLE, DEMO_TRUE
from incubator.accounts.models import User
from incubator.challenges.models import Capability, Challenge
from incubator.extensions import db
from incubator.labs.models import Lab
from incubator.matchcore import Allowed, Document, Matcher
from incubator.matching import fitted
from incubator.matching.corpus import MATCH_KINDS, SOURCE_KINDS, load_documents
from incubator.matching.fitted import PARAMS
from incubator.matching.suggestions import rank_by_kind
from incubator.mentors.models import MentorProfile
from incubator.startups.models import Startup

TESTS = Path(__file__).resolve().parents[1] / "tests" / "matchcore"
SETS = {"labelled": TESTS / "labelled_pairs.jsonl", "cross": TESTS / "cross_language_pairs.jsonl"}
KINDS = [f"{s}-{t}" for s, targets in MATCH_KINDS.items() for t in targets]


@dataclass(frozen=True)
class Pair:
    """One scored pair: its set, kind of match, score, shown reasons and label."""

    set: str
    kind: str
    score: float
    terms: tuple[str, ...]
    label: str  # "true", "plausible" or "unrelated"

    @property
    def has_reason(self) -> bool:
        """Whether it shows a reason that is not generic (judged apart from matchcore's own rules)."""
        return any(not generic(t) for t in self.terms)


def score_all(documents: list[Document], sources: list[Document]) -> dict[str, list]:
    """Every allowed pair of `sources` with a positive score, fitted as a platform run is."""
    matcher = Matcher(PARAMS).fit(documents)
    counts = Counter(d.kind for d in documents)
    results: dict[str, list] = {s.id: [] for s in sources}
    for target_kind in sorted({t for targets in MATCH_KINDS.values() for t in targets}):
        kinds = {s: (target_kind,) for s, targets in MATCH_KINDS.items() if target_kind in targets}
        ranked = matcher.top_k(sources, None, max(1, counts[target_kind]), Allowed(kinds=kinds))
        for source_id, matches in ranked.items():
            results[source_id].extend(matches)
    return results


def labelled_set(name: str, path: Path) -> list[Pair]:
    """The pairs of a JSON-lines set: gold pairs true, the rest unrelated."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [Document(r["id"], r["kind"], r["text"], tuple(r.get("tags", ()))) for r in rows]
    kind_of = {d.id: d.kind for d in docs}
    gold = {(r["id"], g) for r in rows if r["type"] == "source" for g in r["gold"]}
    sources = [d for d, r in zip(docs, rows, strict=True) if r["type"] == "source"]
    return [
        Pair(name, f"{kind_of[m.source]}-{kind_of[m.target]}", m.score, m.terms,
             "true" if (m.source, m.target) in gold else "unrelated")
        for matches in score_all(docs, sources).values() for m in matches
    ]  # fmt: skip


def demo_pairs(session) -> list[Pair]:  # noqa: ANN001
    """The demo data's pairs (floor and top k off), labelled by natural key."""
    docs, names = load_documents(session), demo_names(session)
    results = score_all(docs, [d for d in docs if d.kind in SOURCE_KINDS])
    return [
        Pair("demo", f"{m.source.split(':')[0]}-{m.target.split(':')[0]}", m.score, m.terms,
             demo_label(names[m.source], names[m.target]))
        for matches in results.values() for m in matches
    ]  # fmt: skip


def demo_run(app, floors: dict[str, float], top_k: int) -> Counter:  # noqa: ANN001
    """Suggestions per kind that a full run over the demo data writes with these floors."""
    app.config["MATCHING_FLOORS"] = floors
    matcher = fitted.fit(db.session)
    sources = [d for d in matcher.targets_ if d.kind in SOURCE_KINDS]
    matches = [m for ms in rank_by_kind(matcher, sources, top_k).values() for m in ms]
    return Counter(f"{m.source.split(':')[0]}-{m.target.split(':')[0]}" for m in matches)


def demo_names(session) -> dict[str, str]:  # noqa: ANN001
    """Document id → natural key of every demo profile (title, name or the mentor's e-mail)."""
    names = {f"challenge:{r.id}": r.title for r in session.scalars(select(Challenge))}
    names |= {f"capability:{r.id}": r.title for r in session.scalars(select(Capability))}
    names |= {f"lab:{r.id}": r.name for r in session.scalars(select(Lab))}
    names |= {f"startup:{r.id}": r.name for r in session.scalars(select(Startup))}
    mentors = session.execute(
        select(MentorProfile.id, User.email).join(User, MentorProfile.user_id == User.id)
    )
    return names | {f"mentor:{i}": email for i, email in mentors}


def demo_label(source: str, target: str) -> str:
    """The hand label of a demo pair."""
    if (source, target) in DEMO_TRUE:
        return "true"
    return "plausible" if (source, target) in DEMO_PLAUSIBLE else "unrelated"


def kept_threshold(scores: Iterable[float], recall: float) -> float | None:
    """The highest threshold keeping at least `recall` of `scores` (None when there are none)."""
    ordered = sorted(scores, reverse=True)
    return ordered[math.ceil(recall * len(ordered)) - 1] if ordered else None


def best_f1(true: list[float], unrelated: list[float]) -> tuple[float, float, float, float]:
    """(threshold, F1, precision, recall) at the threshold that maximises F1."""
    best = (0.0, 0.0, 0.0, 0.0)
    for t in sorted(set(true)):
        tp, fp = sum(s >= t for s in true), sum(s >= t for s in unrelated)
        precision, rec = tp / (tp + fp), tp / len(true)
        f1 = 2 * precision * rec / (precision + rec)
        if f1 > best[1]:
            best = (t, f1, precision, rec)
    return best


def quantiles(scores: list[float]) -> str:
    """min / median / max of some scores, or a dash."""
    if not scores:
        return "-"
    s = sorted(scores)
    return f"{s[0]:.3f}/{s[len(s) // 2]:.3f}/{s[-1]:.3f}"


def scores(pairs: list[Pair], kind: str, name: str, label: str) -> list[float]:
    """The scores of one kind, set and label, among pairs that show a meaningful reason."""
    return [p.score for p in pairs if (p.kind, p.set, p.label) == (kind, name, label) and p.has_reason]


def propose(pairs: list[Pair], recall: float) -> dict[str, float]:
    """Print the figures per kind and set; return the proposed floor per kind (3 decimals, rounded down)."""
    floors = {}
    print(f"{'kind':<22}{'set':<10}{'true':>5}{'unrel':>6}  {'true min/med/max':<20}"
          f"{'unrelated min/med/max':<22}{'keep ' + format(recall, '.0%'):>9}{'best F1 at':>11}")  # fmt: skip
    for kind in KINDS:
        guards, best = [], None
        for name in sorted({p.set for p in pairs if p.kind == kind}):
            true, unrel = scores(pairs, kind, name, "true"), scores(pairs, kind, name, "unrelated")
            kept = kept_threshold(true, recall)
            f1 = best_f1(true, unrel) if true else None
            if name == "demo":
                best = f1
            elif kept is not None:
                guards.append(kept)
            figures = f"{kept or math.nan:>9.3f}{f1[0] if f1 else math.nan:>11.3f}"
            print(f"{kind:<22}{name:<10}{len(true):>5}{len(unrel):>6}  {quantiles(true):<20}"
                  f"{quantiles(unrel):<22}{figures}")  # fmt: skip
        chosen = min([best[0]] + guards) if best else min(guards)
        floors[kind] = math.floor(chosen * 1000) / 1000
        summary(kind, [p for p in pairs if p.kind == kind and p.has_reason], floors[kind])
    return floors


def summary(kind: str, mine: list[Pair], floor: float) -> None:
    """Print what a kind's proposed floor keeps and lets through on each set."""
    parts = []
    for name in sorted({p.set for p in mine}):
        counts = []
        for label in ("true", "plausible", "unrelated"):
            these = [p.score for p in mine if (p.set, p.label) == (name, label)]
            counts.append(f"{label} {sum(s >= floor for s in these)}/{len(these)}")
        parts.append(f"{name}: " + ", ".join(counts))
    print(f"  -> {kind} floor {floor:.3f} keeps  " + "; ".join(parts) + "\n")


def main() -> None:
    """Score the sets, print the figures and the proposed floors, then a demo run before and after."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recall", type=float, default=0.95, help="share of labelled true pairs kept")
    parser.add_argument("--top-k", type=int, default=5, help="top k of the demo run before and after")
    parser.add_argument("--show", action="store_true", help="list demo pairs let through, not true")
    args = parser.parse_args()
    pairs = [p for name, path in SETS.items() for p in labelled_set(name, path)]
    with demo_app() as app:
        pairs += demo_pairs(db.session)
        floors = propose(pairs, args.recall)
        print("MATCHING_FLOORS =", json.dumps(floors))
        before = demo_run(app, {}, args.top_k)  # every kind at MATCHING_MIN_SCORE
        after = demo_run(app, floors, args.top_k)
    print(f"demo run, top {args.top_k}, global floor {app.config['MATCHING_MIN_SCORE']} -> per-kind floors:")
    for kind in KINDS:
        print(f"  {kind:<22}{before[kind]:>4} -> {after[kind]:>3}")
    print(f"  {'total':<22}{sum(before.values()):>4} -> {sum(after.values()):>3}")
    if args.show:
        for p in sorted(pairs, key=lambda p: (p.kind, -p.score)):
            if p.set == "demo" and p.label != "true" and p.has_reason and p.score >= floors[p.kind]:
                print(f"  {p.kind:<22}{p.label:<10}{p.score:.3f}  {list(p.terms)}")


if __name__ == "__main__":
    main()
