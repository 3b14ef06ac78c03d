"""Benchmark the command line at its defaults, whole process, against two scikit-learn pipelines.

Usage: python -m bench.bench_cli [--sizes 20000,100000] [--runs 3] [--large-runs 1] [--dir DIR]

Writes synthetic n-source and n-target JSON-lines files (bench_matchcore.synthetic), then runs,
each as its own process reading those files and writing top-10 JSON lines:
- cli: python -m incubator.matchcore rank --sources S --targets T --top-k 10 (defaults)
- naive: TfidfVectorizer fitted on the targets, dense cosine per 2,000-source block, full sort
  (only up to 20k: at 100k it needs 100k × 100k scores, hours and a dense block per 2,000 rows)
- tfidf+topn: TfidfVectorizer fitted on the targets, sparse_dot_topn top 10 on every core
Each row: wall seconds, peak RSS of the process (its largest process, from wait4), the ratio to
the naive pipeline's mean at that size in this run, and the 1-minute load average at its start.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.bench_matchcore import synthetic

ROOT = Path(__file__).resolve().parents[1]
NAIVE_LIMIT = 20_000
NAIVE_BLOCK = 2_000
TOP_K = 10
ROW = "{:>7} {:<11} {:>4} {:>8} {:>9} {:>10} {:>6}"


def write_corpus(folder: Path, n: int) -> tuple[Path, Path]:
    """Write n synthetic sources and n targets as JSON lines (once per folder and size)."""
    paths = folder / f"sources_{n}.jsonl", folder / f"targets_{n}.jsonl"
    for path, seed in zip(paths, (2, 1), strict=True):
        if not path.exists():
            lines = (json.dumps({"id": d.id, "text": d.text}) + "\n" for d in synthetic(n, seed))
            path.write_text("".join(lines), encoding="utf-8")
    return paths


def read_rows(path: str) -> tuple[list[str], list[str]]:
    """Return the ids and texts of a JSON-lines file."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    return [str(r["id"]) for r in rows], [r["text"] for r in rows]


def write_top(ids: list[str], target_ids: list[str], top: list[tuple[np.ndarray, np.ndarray]]) -> None:
    """Write one JSON line per source: its top targets and scores."""
    out = []
    for source, (columns, scores) in zip(ids, top, strict=True):
        matches = [
            {"target": target_ids[c], "score": round(float(s), 6)}
            for c, s in zip(columns, scores, strict=True)
        ]
        out.append(json.dumps({"source": source, "matches": matches}) + "\n")
    sys.stdout.write("".join(out))


def naive(sources: str, targets: str) -> None:
    """TfidfVectorizer on both sides, dense cosine per 2,000-row block, a full sort per row."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    (ids, texts), (target_ids, target_texts) = read_rows(sources), read_rows(targets)
    vectorizer = TfidfVectorizer()
    matrix, rows = vectorizer.fit_transform(target_texts), vectorizer.transform(texts)
    top = []
    for start in range(0, rows.shape[0], NAIVE_BLOCK):
        scores = cosine_similarity(rows[start : start + NAIVE_BLOCK], matrix)
        order = np.argsort(-scores, axis=1, kind="stable")[:, :TOP_K]
        top += [(o, s[o]) for o, s in zip(order, scores, strict=True)]
    write_top(ids, target_ids, top)


def tfidf_topn(sources: str, targets: str) -> None:
    """TfidfVectorizer on both sides, then sparse_dot_topn's top 10 on every usable core."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sparse_dot_topn import sp_matmul_topn

    (ids, texts), (target_ids, target_texts) = read_rows(sources), read_rows(targets)
    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform(target_texts)
    threads = len(os.sched_getaffinity(0))
    product = sp_matmul_topn(vectorizer.transform(texts), matrix.T.tocsr(), top_n=TOP_K, n_threads=threads)
    top = []
    for r in range(product.shape[0]):
        a, b = product.indptr[r], product.indptr[r + 1]
        order = np.argsort(-product.data[a:b], kind="stable")
        top.append((product.indices[a:b][order], product.data[a:b][order]))
    write_top(ids, target_ids, top)


def command(method: str, sources: Path, targets: Path) -> list[str]:
    """Return the command line of one method."""
    if method == "cli":
        head = [sys.executable, "-m", "incubator.matchcore", "rank"]
    else:
        head = [sys.executable, "-m", "bench.bench_cli", "--baseline", method]
    return [*head, "--sources", str(sources), "--targets", str(targets), "--top-k", str(TOP_K)]


def run(method: str, sources: Path, targets: Path) -> tuple[float, float, float]:
    """Run one method as a process; return wall seconds, peak RSS in MiB and the load at its start."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command(method, sources, targets), cwd=ROOT, stdout=sink)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{method} failed with status {process.returncode}")
    return wall, usage.ru_maxrss / 1024, load


def bench_size(folder: Path, n: int, runs: int) -> None:
    """Run every method `runs` times at size n, interleaved, and print a row per run."""
    sources, targets = write_corpus(folder, n)
    methods = ["cli", "naive", "tfidf+topn"] if n <= NAIVE_LIMIT else ["cli", "tfidf+topn"]
    rows = [(m, i, *run(m, sources, targets)) for i in range(runs) for m in methods]
    walls = {m: [r[2] for r in rows if r[0] == m] for m in methods}
    naive_mean = float(np.mean(walls["naive"])) if "naive" in walls else None
    for method, i, wall, peak, load in sorted(rows, key=lambda r: methods.index(r[0])):
        ratio = f"{naive_mean / wall:.1f}×" if naive_mean else "-"
        print(ROW.format(n, method, i + 1, f"{wall:.1f}", f"{peak:.0f}", ratio, f"{load:.2f}"), flush=True)
    for method in methods:
        mean = float(np.mean(walls[method]))
        ratio = f"{naive_mean / mean:.1f}×" if naive_mean else "-"
        print(ROW.format(n, method, "mean", f"{mean:.1f}", "", ratio, ""), flush=True)
    if n > NAIVE_LIMIT:
        print(f"{n:>7} naive       skipped: {n:,} × {n:,} dense scores take hours at this size", flush=True)


def main() -> None:
    """Parse flags; run a baseline when asked (internal), else the whole benchmark."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--sizes", default="20000,100000", help="comma-separated n (n sources × n targets)")
    parser.add_argument("--runs", type=int, default=3, help="runs per method up to 20k (default 3)")
    parser.add_argument("--large-runs", type=int, default=1, help="runs per method above 20k (default 1)")
    parser.add_argument("--dir", help="folder for the corpus files (default: a temporary folder)")
    parser.add_argument("--baseline", choices=["naive", "tfidf+topn"], help=argparse.SUPPRESS)
    parser.add_argument("--sources", help=argparse.SUPPRESS)
    parser.add_argument("--targets", help=argparse.SUPPRESS)
    parser.add_argument("--top-k", type=int, default=TOP_K, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        (naive if args.baseline == "naive" else tfidf_topn)(args.sources, args.targets)
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.dir or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{os.cpu_count()} cores; top {TOP_K}; ratio = naive mean wall / this wall (same run)")
        print(ROW.format("n × n", "method", "run", "wall s", "peak MiB", "vs naive", "load1"))
        for n in (int(s) for s in args.sizes.split(",")):
            bench_size(folder, n, args.runs if n <= NAIVE_LIMIT else args.large_runs)


if __name__ == "__main__":
    main()
