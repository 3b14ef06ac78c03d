"""What the large-corpus term cap (`max_df_docs="auto"`) costs on real text, not synthetic profiles.

Usage: python -m bench.bench_cap

From 10,000 fitted documents on, matchcore drops every term found in more than sqrt(N) of them:
a share 1/sqrt(N) of the corpus (1 % at 10k, 0.32 % at 100k). The speed corpora are synthetic, so
this measures the same shares on the real papers of the reviewer gold standard (titles and
abstracts, ../shared/data/reviewer_goldstandard or MATCHCORE_BENCH_DATA): each paper of a
researcher with at least two is a query, the other papers of its authors are what it should find
among all the papers. Whole-document cosines (the large-corpus path: no segments), top 10.
Per cap: MRR, the share of a query's own-author papers (up to 10) in its top 10, the share of the
exact top 10 kept, and the sparse product's work (the sum over query terms of their document
counts) as a share of the exact product's. Then, tried and not adopted: keeping a frequent term's
highest-weighted postings instead of dropping the term (impact-ordered pruning), alone and after
dropping the terms in more than 2 % of the documents.
"""

from __future__ import annotations

import json
import math

import numpy as np
import scipy.sparse as sp

from bench.bench_matchcore import data_dir
from incubator.matchcore import Document, Matcher, MatchParams

SIMULATED = (10_000, 20_000, 50_000, 100_000)
SHARES = (0.02, 0.05)
# (label, drop terms in more documents than this share (None: none), postings kept per remaining
# term (below 1: a share of the documents))
PRUNED = (
    ("highest postings, as at N = 10,000", None, 1 / math.sqrt(10_000)),
    ("drop > 2 %, highest 10 postings", 0.02, 10),
)
# Each query's top 10 paper ids, and the sparse product's work.
Ranking = tuple[dict[str, list[str]], float]
ROW = "{:<36} {:>5} {:>7} {:>10} {:>11} {:>8}"


def load_papers() -> tuple[list[Document], dict[str, set[str]]]:
    """Return the papers with an abstract, and each one's set of other papers by the same authors."""
    folder = data_dir() / "reviewer_goldstandard"
    papers = {}
    for line in (folder / "papers.jsonl").read_text(encoding="utf-8").splitlines():
        paper = json.loads(line)
        if paper.get("abstract") and paper.get("ssId"):
            papers[paper["ssId"]] = Document(paper["ssId"], "paper", f"{paper['title']}. {paper['abstract']}")
    by_author: list[set[str]] = []
    for line in (folder / "participants.jsonl").read_text(encoding="utf-8").splitlines():
        own = {p["paperId"] for p in json.loads(line)["papers"]} & papers.keys()
        if len(own) > 1:
            by_author.append(own)
    relevant: dict[str, set[str]] = {}
    for own in by_author:
        for paper_id in own:
            relevant.setdefault(paper_id, set()).update(own - {paper_id})
    return list(papers.values()), relevant


def fitted(documents: list[Document], cap: int | None) -> Matcher:
    """A matcher fitted on every paper with this term cap, one thread."""
    params = MatchParams(max_df_docs=cap, background=False, glossary=False, n_threads=1, n_jobs=1)
    return Matcher(params).fit(documents)  # words only, as measured in bench/README.md


def ranked(matcher: Matcher, queries: list[Document]) -> Ranking:
    """Each query's top 10 other papers, and the sparse product's work."""
    results = matcher.top_k(queries, None, 11, None, False)
    top = {q.id: [m.target for m in results[q.id] if m.target != q.id][:10] for q in queries}
    rows = matcher.transform(queries)
    counts = np.diff(matcher.partitions_["paper"].columns.indptr)
    return top, float(counts[rows.indices].sum())


def pruned(columns: sp.csr_matrix, drop_above: int | None, keep: int) -> sp.csr_matrix:
    """The transposed targets with terms in more than `drop_above` documents dropped, then each
    remaining term's `keep` highest-weighted postings kept."""
    coo = columns.tocoo()
    counts = np.diff(columns.indptr)
    order = np.lexsort((-coo.data, coo.row))
    row, col, data = coo.row[order], coo.col[order], coo.data[order]
    within = np.arange(len(row)) - columns.indptr[row]
    kept = (within < keep) & ((counts[row] <= drop_above) if drop_above else True)
    matrix = sp.csr_matrix((data[kept], (row[kept], col[kept])), shape=columns.shape, dtype=columns.dtype)
    matrix.indices, matrix.indptr = matrix.indices.astype(np.int32), matrix.indptr.astype(np.int32)
    return matrix


def figures(top: dict[str, list[str]], relevant: dict[str, set[str]]) -> tuple[float, float]:
    """MRR (a miss in the top 10 counts 0) and the mean share of own-author papers in the top 10."""
    reciprocal, share = [], []
    for query, targets in top.items():
        hits = [i for i, t in enumerate(targets) if t in relevant[query]]
        reciprocal.append(1 / (hits[0] + 1) if hits else 0.0)
        share.append(len(hits) / min(10, len(relevant[query])))
    return float(np.mean(reciprocal)), float(np.mean(share))


def print_row(
    label: str, cap: int | None, ranking: Ranking, exact: Ranking, relevant: dict[str, set[str]]
) -> None:
    """One row: the figures of `ranking` against the exact ranking's."""
    (top, work), (exact_top, exact_work) = ranking, exact
    mrr, own = figures(top, relevant)
    kept = np.mean([len(set(top[q]) & set(exact_top[q])) / max(1, len(exact_top[q])) for q in exact_top])
    print(
        ROW.format(label, cap or "-", f"{mrr:.3f}", f"{own:.3f}", f"{kept:.2f}", f"{work / exact_work:.1%}")
    )


def main() -> None:
    """Print one row per cap: exact first, then the shares of the simulated corpus sizes, then pruning."""
    documents, relevant = load_papers()
    queries = [d for d in documents if d.id in relevant]
    n = len(documents)
    print(f"{n} papers, {len(queries)} queries; cap = documents a term may be in (share of {n})")
    print(ROW.format("cap", "docs", "MRR", "own in 10", "exact kept", "work"))
    matcher = fitted(documents, None)
    exact = ranked(matcher, queries)
    print_row(f"none (exact, below {SIMULATED[0]:,})", None, exact, exact, relevant)
    caps = [(f"sqrt(N)/N, as at N = {size:,}", math.ceil(n / math.sqrt(size))) for size in SIMULATED]
    caps += [(f"{share:.0%} of the documents", math.ceil(n * share)) for share in SHARES]
    for label, cap in caps:
        print_row(label, cap, ranked(fitted(documents, cap), queries), exact, relevant)
    part = matcher.partitions_["paper"]
    columns = part.columns
    for label, drop_share, keep in PRUNED:
        drop_above = math.ceil(n * drop_share) if drop_share else None
        keep = math.ceil(n * keep) if keep < 1 else keep
        part.columns = pruned(columns, drop_above, keep)
        print_row(label, keep, ranked(matcher, queries), exact, relevant)
    part.columns = columns


if __name__ == "__main__":
    main()
