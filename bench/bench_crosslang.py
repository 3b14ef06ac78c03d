"""Cross-language bench: English needs find Vietnamese profiles and the reverse, ranked four ways.

`python -m bench.bench_crosslang` reads `bench/data/crosslang_pairs.jsonl` (each line a source and
its right target written in the other language), ranks every target for every source, and prints
MRR, recall@1, recall@5 and nDCG@10 over all pairs, per direction (EN→VI, VI→EN), for Vietnamese
sources typed with and without diacritics, and for telegraphic sources, for: a plain
`TfidfVectorizer()` + cosine; `python -m incubator.matchcore rank --no-glossary`; the defaults
without the cross-language calibration (concept_weight and cross_language_weight 1); the command
line at its defaults, run as a subprocess exactly as a user would; and the platform's runs'
parameters (the same defaults, `incubator/matching/fitted.py`). Tied scores (pairs sharing no
term, targets a method does not return) count at their expected rank in a random order. The last
column ranks only the targets in the source's other language. `--pairs FILE` reads another file of
the same format. About 10 s.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.bench_matchcore import ROOT, baseline_scores, matcher_scores
from incubator.matchcore import MatchParams
from incubator.matching.fitted import PARAMS

PAIRS = Path(__file__).resolve().parent / "data" / "crosslang_pairs.jsonl"
ROW = "{:<18} {:<17} {:>4} {:>6} {:>9} {:>9} {:>8} {:>15}"
UNCALIBRATED = MatchParams(concept_weight=1.0, cross_language_weight=1.0)
SUBSETS: dict[str, Callable[[dict], bool]] = {
    "all": lambda p: True,
    "EN→VI": lambda p: p["direction"] == "en-vi",
    "VI→EN": lambda p: p["direction"] == "vi-en",
    "VI→EN accented": lambda p: p["source"]["accents"] is True,
    "VI→EN unaccented": lambda p: p["source"]["accents"] is False,
    "telegraphic": lambda p: p["style"] == "list",
}


def load_pairs(path: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """Return the pairs, their targets and their sources as bench rows (source i's gold is target i)."""
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    targets = [
        {"id": f"t-{p['id']}", "kind": p["target"]["kind"], "text": p["target"]["text"]} for p in pairs
    ]
    sources = [
        {
            "id": f"s-{p['id']}",
            "kind": p["source"]["kind"],
            "text": p["source"]["text"],
            "gold": [f"t-{p['id']}"],
        }
        for p in pairs
    ]
    return pairs, targets, sources


def cli_scores(targets: list[dict], sources: list[dict], *flags: str) -> np.ndarray:
    """Score through `python -m incubator.matchcore rank` in a subprocess (unreturned pairs score -1)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {name: Path(folder) / f"{name}.jsonl" for name in ("sources", "targets")}
        for name, rows in (("sources", sources), ("targets", targets)):
            fields = [{"id": r["id"], "kind": r["kind"], "text": r["text"]} for r in rows]
            paths[name].write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in fields), "utf-8")
        command = [sys.executable, "-m", "incubator.matchcore", "rank", "--sources", str(paths["sources"])]
        command += ["--targets", str(paths["targets"]), "--top-k", str(len(targets)), *flags]
        output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    row, column = {s["id"]: i for i, s in enumerate(sources)}, {t["id"]: j for j, t in enumerate(targets)}
    scores = np.full((len(sources), len(targets)), -1.0)
    for line in output.splitlines():
        result = json.loads(line)
        for match in result["matches"]:
            scores[row[result["source"]], column[match["target"]]] = match["score"]
    return scores


def gold_ranks(scores: np.ndarray, keep: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Per source, (targets scored strictly above its gold, targets tied with it, the gold included).

    `keep`: a boolean mask of the pairs in the pool (None: every target); the gold is always kept.
    """
    scores = scores if keep is None else np.where(keep, scores, -np.inf)
    gold = np.diag(scores)[:, None]
    return list(zip((scores > gold).sum(1).tolist(), (scores == gold).sum(1).tolist(), strict=True))


def figures(ranks: list[tuple[int, int]]) -> dict[str, float]:
    """MRR, recall@1, recall@5 and nDCG@10 expected over a random order of tied targets."""
    rows = []
    for above, tied in ranks:
        positions = range(above + 1, above + tied + 1)
        rows.append(
            [
                sum(1 / r for r in positions) / tied,
                sum(r <= 1 for r in positions) / tied,
                sum(r <= 5 for r in positions) / tied,
                sum(1 / math.log2(r + 1) for r in positions if r <= 10) / tied,
            ]
        )
    return dict(zip(("MRR", "recall@1", "recall@5", "nDCG@10"), np.mean(rows, axis=0).tolist(), strict=True))


def chance(n: int) -> float:
    """MRR of a random ranking of n targets with one right one."""
    return sum(1 / r for r in range(1, n + 1)) / n


def methods(targets: list[dict], sources: list[dict]) -> dict[str, np.ndarray]:
    """Score sources × targets by each method, in one run."""
    k = len(targets)
    return {
        "plain TF-IDF": baseline_scores(targets, sources),
        "CLI --no-glossary": cli_scores(targets, sources, "--no-glossary"),
        "uncalibrated": matcher_scores(targets, sources, k, UNCALIBRATED),
        "CLI defaults": cli_scores(targets, sources),
        "platform params": matcher_scores(targets, sources, k, PARAMS),
    }


def header(pairs: list[dict]) -> np.ndarray:
    """Print what is ranked and the table's header; return the mask of the other-language pool."""
    languages = np.array([p["target"]["lang"] for p in pairs])
    n, n_en = len(pairs), int((languages == "en").sum())
    print(
        f"{n} pairs; every source ranks all {n} targets ({n_en} English, {n - n_en} Vietnamese), random MRR"
    )
    print(f"{chance(n):.3f}; 'other-lang MRR' ranks only the targets in the source's other language", end="")
    print(f" (random {chance(n_en):.3f})")
    print(ROW.format("method", "sources", "n", "MRR", "recall@1", "recall@5", "nDCG@10", "other-lang MRR"))
    return languages[None, :] == languages[:, None]  # target j is in the language of source i's gold


def main() -> None:
    """Print the figures of every method on every subset of the pairs."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="JSON lines of labelled pairs")
    pairs, targets, sources = load_pairs(parser.parse_args().pairs)
    other_language = header(pairs)
    for method, scores in methods(targets, sources).items():
        ranks, cross = gold_ranks(scores), gold_ranks(scores, other_language)
        for subset, chosen in SUBSETS.items():
            picked = [i for i, p in enumerate(pairs) if chosen(p)]
            f = figures([ranks[i] for i in picked])
            cells = [f"{f[c]:.3f}" for c in ("MRR", "recall@1", "recall@5", "nDCG@10")]
            print(
                ROW.format(
                    method, subset, len(picked), *cells, f"{figures([cross[i] for i in picked])['MRR']:.3f}"
                )
            )
    print(
        f"CLI: python -m incubator.matchcore rank --sources S --targets T --top-k {len(targets)}",
        "[--no-glossary]",
    )
    print(f"platform params (incubator/matching/fitted.py, = MatchParams()): {PARAMS}")
    print(f"uncalibrated: the defaults with concept_weight=1, cross_language_weight=1 ({UNCALIBRATED})")


if __name__ == "__main__":
    main()
