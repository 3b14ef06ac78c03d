"""Explore scoring variants on expertise_bench: a table of configs and their recall@10, MRR, ordering.

Usage: python -m bench.explore_expertise [--grid NAME]
Every variant counts terms with matchcore's own analyser (keys.count_keys: folded unigrams and
bigrams without stop words), then weights and scores in numpy, so a row costs milliseconds.
The last rows run the real Matcher (MatchParams) for the settings that matter.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from bench.bench_matchcore import LABELLED, data_dir, load, matcher_scores, retrieval, weighted_ordering
from incubator.matchcore import MatchParams
from incubator.matchcore.keys import count_keys

SEPARATOR = " \n"


@dataclass(frozen=True)
class Config:
    """One scoring variant."""

    name: str = "base"
    idf_from: str = "profiles"  # profiles | parts: the documents whose frequencies give IDF
    max_df: float = 0.5  # share of the IDF documents above which a term is dropped
    idf_power: float = 1.0
    tf: str = "log"  # log | raw | bin | bm25 (profile side)
    k1: float = 1.2
    b: float = 0.75
    query_tf: str = "log"  # log | bin | raw
    profile: str = "concat"  # concat | centroid | pfreq (log of the number of parts with the term)
    weight: float = 0.0  # weight of the per-part combination beside the whole-profile score
    combine: str = "soft"  # soft | max | top | topsum
    tau: float = 0.02
    top_m: int = 3
    penalty: bool = True  # soft max minus tau*log(n_parts)
    min_part_df: int = 1  # with idf_from=parts: drop terms in fewer parts
    title_boost: float = 1.0  # query: count the title's terms this many times
    qnorm: float = 1.0  # query rows divided by their L2 norm to this power (1: cosine)
    q_idf: float = 0.0  # extra IDF power on the query side only
    hub: float = 0.0  # targets divided by (their cosine with the mean part)**hub
    qdiv: float = 0.0  # each query's scores divided by (its mean score over targets)**qdiv
    decay: float = 0.0  # part i of a profile (most recent first) weighted exp(-decay * i)


@dataclass
class Data:
    """The benchmark's rows and raw term counts in one key space."""

    targets: list
    queries: list
    prof: sp.csr_matrix
    parts: sp.csr_matrix
    qc: sp.csr_matrix
    titles: sp.csr_matrix
    owner: np.ndarray
    rank: np.ndarray  # each part's position within its profile


def corpus(path) -> Data:
    """Count profiles, parts, queries and query titles with matchcore's analyser."""
    targets, queries = load(path)
    parts, owner, rank = [], [], []
    for j, t in enumerate(targets):
        pieces = [p for p in t["text"].split(SEPARATOR) if p.strip()] or [t["text"]]
        parts += pieces
        owner += [j] * len(pieces)
        rank += range(len(pieces))
    titles = [q["text"].split(". ")[0] for q in queries]
    texts = [t["text"] for t in targets] + parts + [q["text"] for q in queries] + titles
    counts = count_keys([(x, ()) for x in texts])[0].tocsr()
    cut = np.cumsum([len(targets), len(parts), len(queries)])
    pieces = [counts[a:b] for a, b in zip([0, *cut], [*cut, len(texts)], strict=True)]
    return Data(targets, queries, *pieces, np.array(owner), np.array(rank))


def tf(counts: sp.csr_matrix, kind: str, k1=1.2, b=0.75) -> sp.csr_matrix:
    """Transform raw counts by `kind`."""
    out = counts.astype(np.float64).tocsr(copy=True)
    if kind == "log":
        out.data = 1 + np.log(out.data)
    elif kind == "bin":
        out.data = np.ones_like(out.data)
    elif kind == "bm25":
        length = np.asarray(counts.sum(axis=1)).ravel()
        norm = k1 * (1 - b + b * length / length.mean())
        rows = np.repeat(np.arange(out.shape[0]), np.diff(out.indptr))
        out.data = out.data * (k1 + 1) / (out.data + norm[rows])
    return out


def idf(c: Config, prof, parts) -> np.ndarray:
    """Return the IDF weights (0 for dropped terms)."""
    source = prof if c.idf_from == "profiles" else parts
    df = np.bincount(source.indices, minlength=source.shape[1])
    n = source.shape[0]
    w = (np.log((1 + n) / (1 + df)) + 1) ** c.idf_power
    keep = (df <= max(np.ceil(c.max_df * n), 5)) & (df >= c.min_part_df)
    return np.where(keep & (df > 0), w, 0.0)


def weighted(m: sp.csr_matrix, w: np.ndarray) -> sp.csr_matrix:
    """Scale columns by `w` and L2-normalise rows."""
    return normalize(m @ sp.diags(w), copy=False)


def profile_vectors(c: Config, prof, parts, owner, w):
    """Return the profiles' unit rows (concatenated text, centroid of parts, or part frequency)."""
    if c.profile == "concat":
        return weighted(tf(prof, c.tf, c.k1, c.b), w)
    owners = sp.csr_matrix(
        (np.ones(len(owner)), (owner, np.arange(len(owner)))), shape=(prof.shape[0], len(owner))
    )
    if c.profile == "centroid":
        return normalize(owners @ weighted(tf(parts, c.tf, c.k1, c.b), w))
    present = tf(parts, "bin")
    pf = (owners @ present).tocsr()
    pf.data = 1 + np.log(pf.data)
    return weighted(pf, w)


def combine(c: Config, part_scores: np.ndarray, owner: np.ndarray, n_targets: int) -> np.ndarray:
    """Combine part cosines per target."""
    out = np.zeros((part_scores.shape[0], n_targets))
    for j in range(n_targets):
        s = part_scores[:, owner == j]
        if c.combine == "max":
            out[:, j] = s.max(axis=1)
        elif c.combine == "soft":
            z = np.exp((s - 1) / c.tau) * (s > 0)
            total = np.maximum(z.sum(axis=1), 1e-300)
            pen = np.log(s.shape[1]) if c.penalty else 0.0
            out[:, j] = np.maximum(c.tau * (np.log(total) - pen) + 1, 0)
        else:
            top = -np.sort(-s, axis=1)[:, : c.top_m]
            out[:, j] = top.mean(axis=1) if c.combine == "top" else top.sum(axis=1)
    return out


def query_rows(c: Config, d: Data, w: np.ndarray) -> sp.csr_matrix:
    """Weight the queries: title boost, query-side IDF power, norm power."""
    counts = d.qc + (c.title_boost - 1) * d.titles
    q = tf(counts, c.query_tf) @ sp.diags(w * np.where(w > 0, w, 1) ** c.q_idf)
    norm = np.sqrt(np.asarray(q.multiply(q).sum(axis=1)).ravel())
    return sp.diags(1 / np.maximum(norm, 1e-12) ** c.qnorm) @ q


def part_rows(c: Config, d: Data, w: np.ndarray) -> sp.csr_matrix:
    """Unit rows of the parts (scaled by recency decay when asked)."""
    rows = weighted(tf(d.parts, c.tf, c.k1, c.b), w)
    return sp.diags(np.exp(-c.decay * d.rank)) @ rows if c.decay else rows


def scores(c: Config, d: Data) -> np.ndarray:
    """Score queries × targets under `c`."""
    w = idf(c, d.prof, d.parts)
    q = query_rows(c, d, w)
    if c.decay:
        owners = sp.csr_matrix((np.ones(len(d.owner)), (d.owner, np.arange(len(d.owner)))))
        profiles = normalize(owners @ sp.diags(np.exp(-c.decay * d.rank)) @ d.parts)
        profiles = weighted(tf(profiles.multiply(np.asarray(d.prof.sum(axis=1))).tocsr(), c.tf), w)
    else:
        profiles = profile_vectors(c, d.prof, d.parts, d.owner, w)
    parts = part_rows(c, d, w)
    if c.hub:
        centre = np.asarray(parts.mean(axis=0)).ravel()
        profiles = sp.diags(1 / np.maximum(profiles @ centre, 1e-9) ** c.hub) @ profiles
    whole = (q @ profiles.T).toarray()
    if c.weight:
        per_part = (q @ parts.T).toarray()
        whole = (1 - c.weight) * whole + c.weight * combine(c, per_part, d.owner, len(d.targets))
    return whole / np.maximum(whole.mean(axis=1, keepdims=True), 1e-12) ** c.qdiv


def figures(s: np.ndarray, targets, queries) -> tuple[float, float, float]:
    """Return recall@10, MRR and weighted ordering."""
    r = retrieval(s, targets, queries)
    return r["recall@10"], r["MRR"], weighted_ordering(s, targets, queries)


def grid(name: str) -> list[Config]:
    """The configs of one named grid."""
    base = Config()
    seg = replace(base, name="segments .6", weight=0.6)
    parts = replace(base, name="idf parts", idf_from="parts")
    if name == "summary":
        bm25 = replace(base, max_df=1.0, tf="bm25", profile="pfreq", weight=0.8)
        return [
            base,
            replace(base, name="max_df 0.3", max_df=0.3),
            replace(base, name="idf^1.5", idf_power=1.5),
            replace(base, name="tf bm25 (k1 1.2, b .75)", tf="bm25"),
            replace(base, name="profile = log part frequency", profile="pfreq"),
            replace(base, name="query / mean score (qdiv 1)", qdiv=1.0),
            replace(base, name="recency decay 0.03", decay=0.03),
            replace(base, name="hub damping 0.5", hub=0.5),
            seg,
            replace(seg, name="segments .6 max (not soft)", combine="max"),
            replace(seg, name="segments .6 top-3 mean", combine="top"),
            replace(seg, name="segments .6 idf parts", idf_from="parts"),
            replace(seg, name="segments .6 title x2", title_boost=2),
            replace(seg, name="segments .7 title x3", weight=0.7, title_boost=3),
            replace(bm25, name="bm25 pfreq seg .8 qraw q_idf .5", query_tf="raw", q_idf=0.5),
            replace(
                bm25,
                name="bm25 pfreq seg .8 idf^1.5 tau .01 ...",
                idf_power=1.5,
                tau=0.01,
                qnorm=1.2,
                q_idf=-0.5,
            ),
        ]
    if name == "main":
        rows = [base, seg, parts, replace(seg, name="segments .6 idf parts", idf_from="parts")]
        rows += [replace(base, name=f"tf {t}", tf=t) for t in ("raw", "bin", "bm25")]
        rows += [replace(base, name=f"q tf {t}", query_tf=t) for t in ("bin", "raw")]
        rows += [replace(base, name=f"idf^{p}", idf_power=p) for p in (0.5, 1.5, 2.0, 3.0)]
        rows += [replace(base, name=f"max_df {m}", max_df=m) for m in (0.2, 0.3, 0.7, 1.0)]
        rows += [replace(base, name=f"profile {p}", profile=p) for p in ("centroid", "pfreq")]
        rows += [replace(parts, name=f"idf parts profile {p}", profile=p) for p in ("centroid", "pfreq")]
        rows += [replace(parts, name=f"idf parts max_df {m}", max_df=m) for m in (0.01, 0.03, 0.1, 0.2)]
        rows += [replace(parts, name=f"idf parts ^{p}", idf_power=p) for p in (1.5, 2.0, 3.0)]
        for comb in ("max", "top", "topsum"):
            rows += [
                replace(parts, name=f"idf parts {comb} w{w}", weight=w, combine=comb) for w in (0.3, 0.6, 1.0)
            ]
        return rows
    if name == "knobs":
        rows = [base, seg]
        rows += [replace(b, name=f"{b.name} title x{t}", title_boost=t) for b in (base, seg) for t in (2, 3)]
        rows += [
            replace(b, name=f"{b.name} qnorm {x}", qnorm=x) for b in (base, seg) for x in (0.0, 0.5, 0.8, 1.2)
        ]
        rows += [
            replace(b, name=f"{b.name} q_idf {x}", q_idf=x) for b in (base, seg) for x in (-0.5, 0.5, 1.0)
        ]
        rows += [replace(b, name=f"{b.name} hub {x}", hub=x) for b in (base, seg) for x in (0.25, 0.5, 1.0)]
        rows += [
            replace(b, name=f"{b.name} decay {x}", decay=x) for b in (base, seg) for x in (0.01, 0.03, 0.1)
        ]
        rows += [replace(seg, name=f"seg tau {t}", tau=t) for t in (0.01, 0.05, 0.1)]
        rows += [replace(seg, name=f"seg w {x}", weight=x) for x in (0.3, 0.45, 0.75, 0.9)]
        return rows
    if name == "combos":
        rows = []
        for idf_from in ("profiles", "parts"):
            for w in (0.5, 0.6, 0.7):
                for t in (1, 2, 3):
                    for tau in (0.01, 0.02):
                        c = replace(seg, idf_from=idf_from, weight=w, title_boost=t, tau=tau)
                        rows.append(replace(c, name=f"seg {idf_from} w{w} title x{t} tau {tau}"))
        return rows
    raise SystemExit(f"unknown grid {name}")


# The Matcher counting what this script's analyser counts: words only (no background IDF, no glossary).
WORDS = MatchParams(n_threads=2, background=False, glossary=False)


def matcher_rows(targets, queries) -> list[tuple[str, tuple[float, float, float]]]:
    """Figures through the real Matcher for reference settings."""
    rows = []
    for label, params in (
        ("Matcher segments .6, title x2", replace(WORDS, segment_weight="auto")),
        ("Matcher whole profiles only", WORDS),
        ("Matcher segments .6, title x1", replace(WORDS, segment_weight="auto", title_weight=1)),
        ("Matcher defaults (bg, glossary, whole)", MatchParams(n_threads=2)),
    ):
        s = matcher_scores(targets, queries, len(targets), params)
        rows.append((label, figures(s, targets, queries)))
    return rows


def labelled_ok(params: MatchParams) -> str:
    """Return the labelled set's four figures through the Matcher under `params`."""
    targets, queries = load(LABELLED)
    r = retrieval(matcher_scores(targets, queries, len(targets), params), targets, queries)
    return " ".join(f"{r[k]:.3f}" for k in ("recall@1", "recall@10", "MRR", "nDCG@10"))


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--grid", default="summary", help="summary | main | knobs | combos")
    parser.add_argument("--matcher", action="store_true", help="also run the real Matcher rows")
    args = parser.parse_args()
    data = corpus(data_dir() / "expertise_bench.jsonl")
    targets, queries = data.targets, data.queries
    print(f"{'config':<40} {'R@10':>6} {'MRR':>6} {'ord(w)':>7}")
    for c in grid(args.grid):
        r, m, o = figures(scores(c, data), targets, queries)
        flag = " *" if r >= 0.78 and m >= 0.52 and o >= 0.80 else ""
        print(f"{c.name:<40} {r:>6.3f} {m:>6.3f} {o:>7.3f}{flag}")
    if args.matcher:
        for label, (r, m, o) in matcher_rows(targets, queries):
            print(f"{label:<40} {r:>6.3f} {m:>6.3f} {o:>7.3f}")
    print("goal: R@10 >= 0.78, MRR >= 0.52, ord(w) >= 0.80 (* marks a row that reaches all three)")


if __name__ == "__main__":
    main()
