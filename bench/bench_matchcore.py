"""Benchmark matchcore: quality on labelled sets and speed on synthetic corpora, vs plain TF-IDF.

Usage: python -m bench.bench_matchcore [--quality] [--speed] [--sizes 10000,20000]
Shared data: ../shared/data from the repo root, or MATCHCORE_BENCH_DATA.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from incubator.matchcore import Allowed, Document, Matcher, MatchParams

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "matchcore" / "labelled_pairs.jsonl"
NAIVE_LIMIT = 20_000
ROW = "{:>9} {:<10} {:>7} {:>7} {:>8} {:>8} {:>9} {:>9} {:>13} {:>10}"
# Large-corpus settings: 2 processes count terms, 2 threads multiply, a term in more than 100
# fitted profiles is boilerplate (the product costs the sum of the terms' document counts),
# and a term in a single fitted profile is dropped (it cannot relate two fitted profiles).
# Quality: the defaults (background IDF, glossary counted across languages only, per-segment scoring
# of targets made of parts below 10,000: the platform's runs and the command line), whole-profile
# cosines, the defaults before issue 26's expertise round, words only, and the defaults of issues 15-26.
QUALITY_PARAMS = MatchParams(n_threads=2)
WHOLE_PARAMS = MatchParams(n_threads=2, segment_weight=0.0)
BEFORE_PARAMS = MatchParams(n_threads=2, segment_weight=0.0, same_language_concepts=True)
WORDS_PARAMS = MatchParams(n_threads=2, background=False, glossary=False)
ISSUE15_PARAMS = MatchParams(
    n_threads=2, background=False, glossary=False, segment_weight=0.6, title_weight=2
)
SPEED_PARAMS = MatchParams(n_threads=2, n_jobs=2, block_rows=4096, max_df_docs=100, min_df=2)


def data_dir() -> Path:
    """Return the shared benchmark data folder (env override first)."""
    return Path(os.environ.get("MATCHCORE_BENCH_DATA", ROOT.parent / "shared" / "data"))


def load(path: Path) -> tuple[list[dict], list[dict]]:
    """Read a benchmark file into candidates (targets) and queries (sources)."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    targets = [r for r in rows if r.get("type") in ("candidate", "target")]
    return targets, [r for r in rows if r.get("type") in ("query", "source")]


def as_documents(rows: list[dict], kind: str) -> list[Document]:
    """Turn benchmark rows into Documents."""
    return [Document(str(r["id"]), r.get("kind", kind), r["text"], tuple(r.get("tags", ()))) for r in rows]


def matcher_scores(
    targets: list[dict], queries: list[dict], k: int, params: MatchParams = QUALITY_PARAMS
) -> np.ndarray:
    """Score queries × targets with the Matcher (pairs outside a query's top k score -1)."""
    matcher = Matcher(params).fit(as_documents(targets, "target"))
    excluded = frozenset((str(q["id"]), str(p)) for q in queries for p in q.get("known_partners", ()))
    results = matcher.top_k(as_documents(queries, "query"), None, k, Allowed(excluded=excluded), False)
    column = {str(t["id"]): j for j, t in enumerate(targets)}
    scores = np.full((len(queries), len(targets)), -1.0)
    for i, matches in enumerate(results.values()):
        for m in matches:
            scores[i, column[m.target]] = m.score
    return scores


def baseline_scores(targets: list[dict], queries: list[dict], sublinear: bool = False) -> np.ndarray:
    """Score with TfidfVectorizer() + cosine, known partners pushed to the bottom.

    `sublinear`: sublinear_tf=True, IDF from candidates and queries together, the nearest
    simple setting found to the data README's TF-IDF figures (not an exact reproduction).
    """
    vectorizer = TfidfVectorizer(sublinear_tf=sublinear)
    texts = [t["text"] for t in targets]
    vectorizer.fit(texts + [q["text"] for q in queries] if sublinear else texts)
    matrix = vectorizer.transform(texts)
    scores = cosine_similarity(vectorizer.transform([q["text"] for q in queries]), matrix)
    column = {str(t["id"]): j for j, t in enumerate(targets)}
    for i, q in enumerate(queries):
        scores[i, [column[str(p)] for p in q.get("known_partners", ())]] = -2.0
    return scores


def retrieval(scores: np.ndarray, targets: list[dict], queries: list[dict]) -> dict[str, float]:
    """Return recall@1, recall@10, MRR and nDCG@10 over the queries that have gold."""
    ids = np.array([str(t["id"]) for t in targets])
    figures = defaultdict(list)
    for i, q in enumerate(queries):
        gold = set(map(str, q.get("gold", ())))
        if not gold:
            continue
        ranked = ids[np.lexsort((np.arange(len(ids)), -scores[i]))]
        hits = [str(t) in gold for t in ranked]
        figures["recall@1"].append(sum(hits[:1]) / len(gold))
        figures["recall@10"].append(sum(hits[:10]) / len(gold))
        figures["MRR"].append(1 / (hits.index(True) + 1) if True in hits else 0.0)
        figures["nDCG@10"].append(ndcg(ranked[:10], q.get("gains") or dict.fromkeys(gold, 1.0)))
    return {name: float(np.mean(values)) for name, values in figures.items()}


def ndcg(top: np.ndarray, gains: dict[str, float]) -> float:
    """Return nDCG of a top list for graded gains."""
    dcg = sum(gains.get(str(t), 0.0) / math.log2(r + 2) for r, t in enumerate(top))
    ideal = sorted(gains.values(), reverse=True)[: len(top)]
    return dcg / sum(g / math.log2(r + 2) for r, g in enumerate(ideal))


def weighted_ordering(scores: np.ndarray, targets: list[dict], queries: list[dict]) -> float:
    """Within each researcher, the share of rating-difference weight whose papers are ordered right."""
    column = {str(t["id"]): j for j, t in enumerate(targets)}
    rated = defaultdict(list)
    for i, q in enumerate(queries):
        for researcher, rating in q.get("ratings", {}).items():
            rated[researcher].append((scores[i, column[researcher]], rating))
    right = total = 0.0
    for pairs in rated.values():
        for (sa, ra), (sb, rb) in itertools.combinations(pairs, 2):
            if ra != rb:
                total += abs(ra - rb)
                right += abs(ra - rb) * (0.5 if sa == sb else float((sa > sb) == (ra > rb)))
    return right / total if total else float("nan")


def segment_rows(targets: list[dict], queries: list[dict], k: int) -> list[tuple[str, np.ndarray]]:
    """Whole-profile cosines too, when the targets are made of parts (split on " \n")."""
    if not any(" \n" in t["text"] for t in targets):
        return []
    return [("mc whole profiles", matcher_scores(targets, queries, k, WHOLE_PARAMS))]


def quality_rows(name: str, path: Path, k: int) -> list[tuple[str, str, dict[str, float]]]:
    """Return (set, method, figures) rows for one labelled file."""
    targets, queries = load(path)
    rows = []
    for method, scores in (
        ("plain TF-IDF", baseline_scores(targets, queries)),
        ("sublinear TF", baseline_scores(targets, queries, sublinear=True)),
        ("matchcore", matcher_scores(targets, queries, min(k, len(targets)))),
        *segment_rows(targets, queries, min(k, len(targets))),
        ("mc before", matcher_scores(targets, queries, min(k, len(targets)), BEFORE_PARAMS)),
        ("mc words only", matcher_scores(targets, queries, min(k, len(targets)), WORDS_PARAMS)),
        ("mc issue 15", matcher_scores(targets, queries, min(k, len(targets)), ISSUE15_PARAMS)),
    ):
        figures = retrieval(scores, targets, queries)
        if any(q.get("ratings") for q in queries):
            figures["ordering(w)"] = weighted_ordering(scores, targets, queries)
        rows.append((name, method, figures))
    return rows


def quality() -> None:
    """Print quality figures for the labelled sets, matcher beside the plain baseline."""
    sets = [("labelled_pairs", LABELLED, 100)]
    sets += [(n, data_dir() / f"{n}.jsonl", 100) for n in ("expertise_bench", "partnership_bench")]
    columns = ["recall@1", "recall@10", "MRR", "nDCG@10", "ordering(w)"]
    print(f"{'set':<18} {'method':<18} " + " ".join(f"{c:>11}" for c in columns))
    for name, path, k in sets:
        if not path.exists():
            print(f"{name:<18} (missing: {path}; set MATCHCORE_BENCH_DATA)")
            continue
        for row_set, method, figures in quality_rows(name, path, k):
            cells = " ".join(f"{figures[c]:>11.3f}" if c in figures else f"{'-':>11}" for c in columns)
            print(f"{row_set:<18} {method:<18} {cells}")
    print("(MRR and recall are cut at rank 100 for the matcher on partnership_bench: 2,013 candidates)")


def twins_first() -> str:
    """Tell how many unaccented copies of a target rank that accented target first."""
    targets, queries = load(LABELLED)
    twins = [q for q in queries if q["id"].startswith("twin")]
    matcher = Matcher().fit(as_documents(targets, "lab"))
    results = matcher.top_k(as_documents(twins, "startup"), k=1, explain=False)
    first = sum(results[q["id"]][:1] and results[q["id"]][0].target == q["gold"][0] for q in twins)
    return f"unaccented copies ranking their accented target first: {first}/{len(twins)}"


def synthetic(n_docs: int, seed: int, vocab_size: int = 50_000, n_topics: int = 400) -> list[Document]:
    """Profiles of 150-400 words: Zipfian background vocabulary plus one Zipfian topic each."""
    words = [f"w{i:x}" for i in range(vocab_size)]
    rng = np.random.default_rng(seed)
    zipf = 1 / np.arange(1, vocab_size + 1)
    topic_words = np.random.default_rng(7).integers(0, vocab_size, size=(n_topics, 300))
    within = 1 / np.arange(1, 301) ** 0.8
    lengths = rng.integers(150, 401, n_docs)
    total = int(lengths.sum())
    background = rng.choice(vocab_size, total, p=zipf / zipf.sum())
    topical = topic_words[
        np.repeat(rng.integers(0, n_topics, n_docs), lengths), rng.choice(300, total, p=within / within.sum())
    ]
    chosen = np.where(rng.random(total) < 0.4, topical, background).tolist()
    ends = np.cumsum(lengths).tolist()
    texts = [
        " ".join(map(words.__getitem__, chosen[a:b])) for a, b in zip([0, *ends[:-1]], ends, strict=True)
    ]
    return [Document(f"d{seed}-{i}", "profile", text) for i, text in enumerate(texts)]


def peak_mib() -> float:
    """Return this process's peak resident memory in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_matcher(n: int) -> dict[str, float]:
    """Fit on n targets, rank n sources top-10, then rank single new documents."""
    targets, sources = synthetic(n, 1), synthetic(n, 2)
    base = peak_mib()
    start = time.perf_counter()
    matcher = Matcher(SPEED_PARAMS).fit(targets)
    fitted = time.perf_counter()
    matcher.top_k(sources, k=10, explain=False)
    ranked = time.perf_counter()
    one = [time_one(matcher, doc) for doc in sources[:20]]
    return {
        "fit": fitted - start,
        "rank": ranked - fitted,
        "one_ms": float(np.median(one)),
        "peak": peak_mib(),
        "base": base,
        "pickle_mb": len(matcher.to_bytes()) / 1e6,
    }


def time_one(matcher: Matcher, document: Document) -> float:
    """Return milliseconds to rank one new document (top 10, with explanations)."""
    start = time.perf_counter()
    matcher.rank_one(Document("new", "profile", document.text), k=10)
    return (time.perf_counter() - start) * 1000


def run_naive(n: int) -> dict[str, float]:
    """Same TF-IDF rows, then dense cosine_similarity and a sort per row (the naive way)."""
    targets, sources = synthetic(n, 1), synthetic(n, 2)
    base = peak_mib()
    start = time.perf_counter()
    matcher = Matcher().fit(targets)
    fitted = time.perf_counter()
    scores = cosine_similarity(matcher.transform(sources), matcher.matrix_)
    top = np.argsort(-scores, axis=1, kind="stable")[:, :10]
    ranked = time.perf_counter()
    assert top.shape == (n, 10)
    return {
        "fit": fitted - start,
        "rank": ranked - fitted,
        "one_ms": float("nan"),
        "peak": peak_mib(),
        "base": base,
        "pickle_mb": float("nan"),
    }


def measure(method: str, n: int) -> dict[str, float]:
    """Run one speed measurement in a fresh interpreter so peak memory is its own."""
    command = [sys.executable, "-m", "bench.bench_matchcore", "--measure", method, str(n)]
    out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def speed(sizes: list[int]) -> None:
    """Print fit and rank times, documents per second and peak memory per corpus size."""
    head = (
        "n × n",
        "method",
        "fit s",
        "rank s",
        "total s",
        "docs/s",
        "peak MiB",
        "data MiB",
        "1 new doc ms",
        "pickle MB",
    )
    print(ROW.format(*head))
    for n in sizes:
        for method in ("matchcore", "naive"):
            if method == "naive" and n > NAIVE_LIMIT:
                continue
            r = measure(method, n)
            total = r["fit"] + r["rank"]
            cells = [f"{r['fit']:.1f}", f"{r['rank']:.1f}", f"{total:.1f}", f"{n / total:.0f}"]
            cells += [f"{r['peak']:.0f}", f"{r['peak'] - r['base']:.0f}", f"{r['one_ms']:.1f}"]
            cells += [f"{r['pickle_mb']:.0f}"]
            print(ROW.format(n, method, *cells))
    print("docs/s = sources ranked per second of fit + rank; data MiB = peak minus the corpus strings")
    print(f"matchcore: {SPEED_PARAMS}; naive: MatchParams() rows, dense cosine_similarity, argsort")


def main() -> None:
    """Parse flags and run the chosen parts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quality", action="store_true", help="only the quality part")
    parser.add_argument("--speed", action="store_true", help="only the speed part")
    parser.add_argument("--sizes", default="10000,20000", help="comma-separated n (e.g. 10000,50000,100000)")
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        method, n = args.measure[0], int(args.measure[1])
        print(json.dumps((run_matcher if method == "matchcore" else run_naive)(n)))
        return
    if not args.speed:
        quality()
        print(twins_first())
    if not args.quality:
        speed([int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
