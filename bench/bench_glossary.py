"""Glossary benchmark: cross-language quality, no loss on the other sets, and the cost of the scan.

`python -m bench.bench_glossary` prints recall@1, recall@10 and MRR with and without the glossary and
background IDF (both on in `MatchParams()`, the platform's and the command line's defaults) on
the cross-language set (English needs ↔ Vietnamese-only labs and the reverse, with and without
diacritics: tests/matchcore/cross_language_pairs.jsonl), on labelled_pairs and on expertise_bench;
then the time to count terms of n synthetic profiles (each with a few glossary terms in English or
Vietnamese) with and without the glossary, best of 3. `--sizes 20000` sets n; `--quality` or
`--speed` runs one part.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from bench.bench_matchcore import LABELLED, data_dir, load, matcher_scores, retrieval, synthetic
from incubator.matchcore import Document, MatchParams
from incubator.matchcore.glossary import compiled, shipped_pairs
from incubator.matchcore.vectorize import TermWeights

CROSS = Path(__file__).resolve().parents[1] / "tests" / "matchcore" / "cross_language_pairs.jsonl"
METHODS = {
    "words only": MatchParams(n_threads=2, background=False, glossary=False),
    "+ bg IDF": MatchParams(n_threads=2, glossary=False),
    "+ glossary": MatchParams(n_threads=2, background=False),
    "+ bg + glossary (defaults)": MatchParams(n_threads=2),  # the platform's and the command line's
    "defaults of issue 15": MatchParams(
        n_threads=2, background=False, glossary=False, segment_weight=0.6, title_weight=2
    ),
}


def quality() -> None:
    """Print retrieval figures per set and method."""
    sets = [
        ("cross_language", CROSS),
        ("labelled_pairs", LABELLED),
        ("expertise_bench", data_dir() / "expertise_bench.jsonl"),
    ]
    print(f"{'set':<16} {'method':<28} {'recall@1':>9} {'recall@10':>9} {'MRR':>7}")
    for name, path in sets:
        if not path.exists():
            print(f"{name:<16} (missing: {path})")
            continue
        targets, queries = load(path)
        for method, params in METHODS.items():
            r = retrieval(matcher_scores(targets, queries, min(100, len(targets)), params), targets, queries)
            print(f"{name:<16} {method:<28} {r['recall@1']:>9.3f} {r['recall@10']:>9.3f} {r['MRR']:>7.3f}")


def with_terms(documents: list[Document], seed: int = 3, per_doc: int = 5) -> list[tuple[str, tuple]]:
    """Add `per_doc` random glossary terms (English or Vietnamese) to each synthetic profile's text."""
    pairs = shipped_pairs()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(pairs), (len(documents), per_doc))
    sides = rng.integers(0, 2, (len(documents), per_doc))
    items = []
    for d, row, side in zip(documents, picks.tolist(), sides.tolist(), strict=True):
        items.append((d.text + " " + " ".join(pairs[p][s] for p, s in zip(row, side, strict=True)), ()))
    return items


def timed(function) -> float:  # noqa: ANN001
    """Seconds `function()` takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def speed(n: int) -> None:
    """Print the time to fit term weights on n profiles, with and without the glossary."""
    items = with_terms(synthetic(n, 1))
    concepts = compiled()
    compile_s = min(timed(compiled.__wrapped__) for _ in range(3))
    runs = [  # interleaved, so a busy moment of the shared machine hits both
        (
            timed(lambda: TermWeights().fit_transform(items)),
            timed(lambda: TermWeights(concepts=concepts).fit_transform(items)),
        )
        for _ in range(3)
    ]
    plain, glossed = min(r[0] for r in runs), min(r[1] for r in runs)
    matrix = TermWeights(concepts=concepts).fit_transform(items)
    words = sum(len(text.split()) for text, _ in items)
    print(f"{n} profiles, {words / 1e6:.1f}M words, 5 glossary terms each; 1 process, best of 3 interleaved")
    terms, kept = len(concepts.terms), len(concepts.concept_keys)
    print(f"compile glossary ({terms} terms, {kept} concepts): {compile_s:.3f} s")
    change = glossed / plain - 1
    print(f"fit term weights without glossary: {plain:.2f} s; with: {glossed:.2f} s ({change:+.0%})")
    print(f"TF-IDF entries with glossary: {matrix.nnz:,}")


def main() -> None:
    """Parse flags and run the chosen parts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quality", action="store_true", help="only the quality part")
    parser.add_argument("--speed", action="store_true", help="only the speed part")
    parser.add_argument("--sizes", default="20000", help="profiles for the speed part")
    args = parser.parse_args()
    if not args.speed:
        quality()
    if not args.quality:
        for n in map(int, args.sizes.split(",")):
            speed(n)


if __name__ == "__main__":
    main()
