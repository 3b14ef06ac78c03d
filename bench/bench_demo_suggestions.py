"""What staff would review after a full run over the demo data: counts, weak scores, generic reasons.

Usage: python -m bench.bench_demo_suggestions [--top-k 5] [--show 12]
Seeds the demo data into a fresh SQLite file and ranks every source in-process (no broker) as a
run's shards do, floor included. Prints the suggestions per kind of match, the share scoring
below 0.03 and the share whose reasons are all generic (issue 15's examples, lone accented
syllables, numbers).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade

from incubator.app import create_app
from incubator.demo.seed import seed_demo
from incubator.extensions import db
from incubator.matchcore.normalize import fold
from incubator.matching import fitted
from incubator.matching.corpus import SOURCE_KINDS
from incubator.matching.suggestions import rank_by_kind

# The generic reasons issue 15 found on the demo data (folded), judged independently of matchcore.
GENERIC = frozenset(
    ["cho", "chinh", "chuyen", "co", "khi", "cong", "mm", "every", "hand", "customers", "japanese"]
    + ["binh duong", "viet nam", "becamex", "company", "cong ty", "chung toi", "industrial", "data"]
    + ["time", "cong nghe", "technology"]
)


def generic(term: str) -> bool:
    """Whether a shown reason explains nothing: a listed generic term, a lone accented syllable, a number."""
    folded = fold(term)
    syllable = " " not in folded and folded != term.casefold()
    return folded in GENERIC or syllable or any(ch.isdigit() for ch in folded)


@contextmanager
def demo_app() -> Iterator:
    """A temporary SQLite app with the demo data seeded, in its app context."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.sqlite'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INCUBATOR_ENV": "testing", "SECRET_KEY": "x" * 40})
        with app.app_context():
            upgrade(directory=str(app.config["MIGRATIONS_DIR"]))
            seed_demo()
            yield app
            db.session.remove()
            db.engine.dispose()


def main() -> None:
    """Seed, rank, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--show", type=int, default=12)
    args = parser.parse_args()
    with demo_app():
        matcher = fitted.fit(db.session)
        sources = [d for d in matcher.targets_ if d.kind in SOURCE_KINDS]
        results = rank_by_kind(matcher, sources, args.top_k)
    report([m for matches in results.values() for m in matches], args.show)


def report(matches: list, show: int) -> None:
    """Print the figures and the weakest pairs."""
    kinds = Counter(f"{m.source.split(':')[0]}-{m.target.split(':')[0]}" for m in matches)
    weak = [m for m in matches if m.score < 0.03]
    only_generic = [m for m in matches if all(generic(t) for t in m.terms)]
    print(f"suggestions: {len(matches)}  by kind: {dict(sorted(kinds.items()))}")
    print(f"score < 0.03: {len(weak)} ({len(weak) / max(1, len(matches)):.0%})")
    print(f"generic-only reasons: {len(only_generic)} ({len(only_generic) / max(1, len(matches)):.0%})")
    if matches:
        print(f"median score: {statistics.median(m.score for m in matches):.3f}")
    print("weakest pairs:")
    for m in sorted(matches, key=lambda m: m.score)[:show]:
        print(f"  {m.score:.3f}  {m.source} -> {m.target}  {list(m.terms)}")


if __name__ == "__main__":
    main()
