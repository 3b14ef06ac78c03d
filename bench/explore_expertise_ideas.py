"""Expertise ideas beyond TF-IDF weighting (issue 15, round 3): one row per idea, then its spread.

Usage: python -m bench.explore_expertise_ideas (about a minute on one core)
Starts from the scores of `MatchParams(background=False, glossary=False, segment_weight="auto")` (the
defaults from issue 15 to issue 26) on expertise_bench as `explore_expertise` computes them
(segments .6, query title x2: recall@10 0.784, MRR 0.507, ordering 0.727) and tries signals of
another kind: per-query normalisation, rank fusion, topic models, query expansion learned from the
profiles' papers, character n-grams, term concentration over profiles, query likelihood, an
authorship classifier, smoothing papers with their profile, paper votes, titles alone, bigram
weight, and z-score fusions. Each idea prints the row at the knob chosen before looking (`*`), then
the range of the three figures over its small grid. The last rows use the benchmark's own labels
(5-fold cross-validation): upper bounds of what a learned fusion of these signals could reach.
"""

from __future__ import annotations

import itertools
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp
from scipy.stats import rankdata
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from bench.bench_matchcore import data_dir
from bench.explore_expertise import (
    SEPARATOR,
    Config,
    Data,
    combine,
    corpus,
    figures,
    idf,
    part_rows,
    profile_vectors,
    query_rows,
    tf,
)
from incubator.matchcore.keys import count_keys, word_keys
from incubator.matchcore.normalize import tokens

DEFAULT = Config(name="segments .6, title x2", weight=0.6, title_boost=2)


@dataclass
class Base:
    """The per-segment scoring (the defaults before issue 26), split into the pieces the ideas reuse."""

    data: Data
    w: np.ndarray  # IDF (0: dropped)
    query: sp.csr_matrix
    profiles: sp.csr_matrix
    parts: sp.csr_matrix
    whole: np.ndarray  # queries × profiles cosine
    per_part: np.ndarray  # queries × parts cosine
    soft: np.ndarray  # the parts' soft maximum per profile

    @property
    def default(self) -> np.ndarray:
        """0.4 × whole + 0.6 × soft maximum: `MatchParams(segment_weight="auto")` words only, on this set."""
        return 0.4 * self.whole + 0.6 * self.soft

    def blend(self, query: sp.csr_matrix, c: Config = DEFAULT) -> np.ndarray:
        """Score other query rows the default way."""
        per_part = (query @ self.parts.T).toarray()
        whole = (query @ self.profiles.T).toarray()
        return (1 - c.weight) * whole + c.weight * combine(
            c, per_part, self.data.owner, len(self.data.targets)
        )

    def per_target(self, part_scores: np.ndarray, c: Config = DEFAULT) -> np.ndarray:
        """Soft maximum of any part scores per profile."""
        return combine(c, part_scores, self.data.owner, len(self.data.targets))


def base(data: Data, w: np.ndarray | None = None) -> Base:
    """Compute the default pieces (with other column weights `w` when given)."""
    w = idf(DEFAULT, data.prof, data.parts) if w is None else w
    query = query_rows(DEFAULT, data, w)
    profiles = profile_vectors(DEFAULT, data.prof, data.parts, data.owner, w)
    parts = part_rows(DEFAULT, data, w)
    per_part = (query @ parts.T).toarray()
    soft = combine(DEFAULT, per_part, data.owner, len(data.targets))
    return Base(data, w, query, profiles, parts, (query @ profiles.T).toarray(), per_part, soft)


def zscore(s: np.ndarray) -> np.ndarray:
    """Each query's scores as z-scores over the profiles."""
    return (s - s.mean(axis=1, keepdims=True)) / (s.std(axis=1, keepdims=True) + 1e-12)


def ranks(s: np.ndarray) -> np.ndarray:
    """Each query's rank of each profile (1 = best)."""
    return np.apply_along_axis(lambda row: rankdata(-row, method="average"), 1, s)


def softmax(s: np.ndarray, temperature: float) -> np.ndarray:
    """Each query's softmax over the profiles."""
    z = np.exp((s - s.max(axis=1, keepdims=True)) / temperature)
    return z / z.sum(axis=1, keepdims=True)


def part_texts(data: Data) -> list[str]:
    """The profiles' papers, in the order of `data.parts`."""
    return [
        p for t in data.targets for p in ([x for x in t["text"].split(SEPARATOR) if x.strip()] or [t["text"]])
    ]


def all_texts(data: Data) -> list[str]:
    """The texts `corpus` counted, in its order (to recover its key space)."""
    titles = [q["text"].split(". ")[0] for q in data.queries]
    return [t["text"] for t in data.targets] + part_texts(data) + [q["text"] for q in data.queries] + titles


def key_space(data: Data) -> tuple[np.ndarray, Callable[[list[str]], sp.csr_matrix]]:
    """The keys behind `data`'s columns, and a counter of new texts into those columns."""
    keys = count_keys([(x, ()) for x in all_texts(data)])[1]

    def counted(texts: list[str]) -> sp.csr_matrix:
        counts, found = count_keys([(x, ()) for x in texts])
        counts = counts.tocsr()
        at = np.minimum(np.searchsorted(keys, found), len(keys) - 1)
        known = np.flatnonzero(keys[at] == found)
        m = counts[:, known]
        return sp.csr_matrix((m.data, at[known][m.indices], m.indptr), shape=(counts.shape[0], len(keys)))

    return keys, counted


def owners(data: Data) -> sp.csr_matrix:
    """Profiles × parts indicator."""
    n = len(data.owner)
    return sp.csr_matrix((np.ones(n), (data.owner, np.arange(n))), shape=(len(data.targets), n))


# --- the ideas: each returns {knob label: scores} ---------------------------------------------


def normalisations(b: Base) -> dict[str, np.ndarray]:
    """Per-query normalisation of the default scores (ranking kept: only the ordering moves)."""
    s = b.default
    return {
        "z-score": zscore(s),
        "minus mean": s - s.mean(axis=1, keepdims=True),
        "rank": -ranks(s),
        "softmax T .05": softmax(s, 0.05),
        "softmax T .02": softmax(s, 0.02),
    }


def rank_fusion(b: Base) -> dict[str, np.ndarray]:
    """Reciprocal-rank fusion of the whole-profile and per-segment rankings."""
    rw, rs = ranks(b.whole), ranks(b.soft)
    return {f"k {k}": 1 / (k + rw) + 1 / (k + rs) for k in (1, 5, 10, 20, 60)}


def topic_models(b: Base, kind: str, sizes: Iterable[int]) -> dict[str, np.ndarray]:
    """NMF (on TF-IDF) or LDA (on counts) fitted on the papers; topic cosine blended with the default."""
    d = b.data
    df = np.bincount(d.parts.indices, minlength=d.parts.shape[1])
    cols = np.flatnonzero((df >= 3) & (b.w > 0))
    out = {}
    for k in sizes:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            if kind == "nmf":
                weights = sp.diags(b.w[cols])
                papers = normalize(tf(d.parts, "log")[:, cols] @ weights)
                queries = normalize(tf(d.qc + d.titles, "log")[:, cols] @ weights)
                model = NMF(k, init="nndsvda", max_iter=400, random_state=0)
            else:
                papers, queries = d.parts[:, cols], (d.qc + d.titles)[:, cols]
                model = LatentDirichletAllocation(k, max_iter=20, random_state=0, n_jobs=1)
            paper_topics = normalize(model.fit_transform(papers))
            query_topics = normalize(model.transform(queries))
        profile = query_topics @ normalize(owners(d) @ paper_topics).T
        per_paper = b.per_target(query_topics @ paper_topics.T)
        for lam in (0.1, 0.2, 0.3, 0.5):
            out[f"k {k} profile λ {lam}"] = (1 - lam) * b.default + lam * profile
            out[f"k {k} papers λ {lam}"] = (1 - lam) * b.default + lam * per_paper
    return out


def expansion(b: Base) -> dict[str, np.ndarray]:
    """Query expansion by word co-occurrence within the profiles' papers (PPMI or P(t2|t1), top n)."""
    d = b.data
    present = d.parts.astype(np.float64)
    present.data[:] = 1
    df = np.asarray(present.sum(axis=0)).ravel()
    cols = np.flatnonzero((df >= 3) & (b.w > 0))
    kept = present[:, cols].tocsc()
    co = (kept.T @ kept).tocsr()
    co.setdiag(0)
    co.eliminate_zeros()
    rows = np.repeat(np.arange(len(cols)), np.diff(co.indptr))
    dfk = df[cols]
    ppmi = np.maximum(np.log(co.data * present.shape[0] / (dfk[rows] * dfk[co.indices])), 0)
    embed = sp.csr_matrix((np.ones(len(cols)), (cols, np.arange(len(cols)))), shape=(len(b.w), len(cols)))
    out = {}
    for kind, values in (("ppmi", ppmi), ("cond", co.data / dfk[rows])):
        association = sp.csr_matrix((values * (co.data >= 2), co.indices, co.indptr), shape=co.shape)
        for n in (5, 10, 20):
            neighbours = normalize(top_per_row(association, n), norm="l1")
            expanded = normalize(((b.query @ embed) @ neighbours) @ embed.T)
            for beta in (0.1, 0.3, 0.6):
                out[f"{kind} top {n} β {beta}"] = b.blend(normalize(b.query + beta * expanded))
    return out


def top_per_row(m: sp.csr_matrix, n: int) -> sp.csr_matrix:
    """Keep each row's `n` largest entries."""
    m = m.tocsr()
    m.eliminate_zeros()
    rows, cols, vals = [], [], []
    for i in range(m.shape[0]):
        a, z = m.indptr[i], m.indptr[i + 1]
        best = np.argsort(-m.data[a:z])[:n]
        rows.extend([i] * len(best))
        cols.extend(m.indices[a:z][best])
        vals.extend(m.data[a:z][best])
    return sp.csr_matrix((vals, (rows, cols)), shape=m.shape)


def char_ngrams(b: Base) -> dict[str, np.ndarray]:
    """char_wb 3-5 TF-IDF (segments .6 on its own), blended with the default raw or as z-scores."""
    d = b.data
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, max_df=0.5)
    profiles = vec.fit_transform([t["text"] for t in d.targets])
    queries = vec.transform([q["text"].split(". ")[0] + ". " + q["text"] for q in d.queries])
    per_part = b.per_target((queries @ vec.transform(part_texts(d)).T).toarray())
    chars = 0.4 * (queries @ profiles.T).toarray() + 0.6 * per_part
    out = {"alone": chars}
    for lam in (0.2, 0.3, 0.5):
        out[f"raw λ {lam}"] = (1 - lam) * b.default + lam * chars
        out[f"z λ {lam}"] = (1 - lam) * zscore(b.default) + lam * zscore(chars)
    return out


def concentration(b: Base) -> dict[str, np.ndarray]:
    """Query terms weighted by their concentration over profiles, 1 - entropy / log(profiles)."""
    d = b.data
    out = {}
    for source, m in (
        ("p(t|r)", normalize(d.prof.astype(np.float64), norm="l1")),
        ("log tf", tf(d.prof, "log")),
    ):
        m = m.tocsc()
        total = np.asarray(m.sum(axis=0)).ravel()
        cols = np.repeat(np.arange(m.shape[1]), np.diff(m.indptr))
        p = m.data / total[cols]
        entropy = np.zeros(m.shape[1])
        np.add.at(entropy, cols, -p * np.log(p))
        conc = np.where(total > 0, 1 - entropy / np.log(m.shape[0]), 0)
        counts = tf(d.qc + d.titles, "log")
        for label, factor in (
            *((f"^{x}", conc**x) for x in (0.5, 1.0, 2.0)),
            *((f"1+{x}c", 1 + x * conc) for x in (0.5, 1.0)),
        ):
            out[f"{source} {label}"] = b.blend(normalize(counts @ sp.diags(b.w * factor)))
    return out


def query_likelihood(b: Base) -> dict[str, np.ndarray]:
    """Dirichlet-smoothed query likelihood per query token: profile (model 1) or papers (model 2)."""
    d = b.data
    queries = (d.qc + d.titles).astype(np.float64).tocsr()
    length = np.asarray(queries.sum(axis=1)).ravel()
    collection = np.asarray(d.parts.sum(axis=0)).ravel() + 0.01
    p_c = collection / collection.sum()

    def per_token(docs: sp.csr_matrix, mu: float) -> np.ndarray:
        docs = docs.astype(np.float64).tocsr()
        size = np.asarray(docs.sum(axis=1)).ravel()
        gain = docs.copy()
        gain.data = np.log1p(docs.data / (mu * p_c[docs.indices]))
        return (queries @ gain.T).toarray() / length[:, None] + np.log(mu / (size + mu))[None, :]

    out = {}
    for mu in (300, 1000, 3000):
        out[f"model 1 μ {mu}"] = per_token(d.prof, mu)
        papers = per_token(d.parts, mu)
        for label, temperature in (("1/|q|", 1 / length), ("0.1", 0.1), ("1", 1.0)):
            t = np.broadcast_to(temperature, length.shape)[:, None]
            scores = np.zeros((len(d.queries), len(d.targets)))
            for j in range(len(d.targets)):
                s = papers[:, d.owner == j] / t
                top = s.max(axis=1, keepdims=True)
                scores[:, j] = (top + np.log(np.exp(s - top).mean(axis=1, keepdims=True)))[:, 0] * t[:, 0]
            out[f"model 2 μ {mu} T {label}"] = scores
    return out


def authorship(b: Base) -> dict[str, np.ndarray]:
    """A linear SVM that tells each paper's author from the papers (no benchmark labels), z-blended."""
    out = {}
    for c in (0.1, 1.0):
        for balanced in (False, True):
            svm = LinearSVC(C=c, class_weight="balanced" if balanced else None).fit(b.parts, b.data.owner)
            s = svm.decision_function(b.query)
            tag = f"C {c}{' balanced' if balanced else ''}"
            out[f"{tag} alone"] = s
            for lam in (0.2, 0.35, 0.5):
                out[f"{tag} λ {lam}"] = (1 - lam) * zscore(b.default) + lam * zscore(s)
    return out


def smoothing(b: Base) -> dict[str, np.ndarray]:
    """Each paper's score shrunk towards its profile's: (n s_paper + μ s_whole) / (n + μ), n its terms."""
    n = np.asarray(b.data.parts.sum(axis=1)).ravel()
    out = {}
    for mu in (3, 10, 30, 100, 300):
        a = n / (n + mu)
        smoothed = a[None, :] * b.per_part + (1 - a)[None, :] * b.whole[:, b.data.owner]
        out[f"μ {mu}"] = 0.4 * b.whole + 0.6 * b.per_target(smoothed)
    return out


def paper_votes(b: Base) -> dict[str, np.ndarray]:
    """Each paper of the whole corpus votes 1 / (k + its rank) for its author (top n papers)."""
    rank = np.apply_along_axis(lambda row: rankdata(-row, method="ordinal"), 1, b.per_part)
    out = {}
    for k in (1, 5, 20, 60):
        for n in (50, len(b.data.owner)):
            votes = np.asarray(np.where(rank <= n, 1 / (k + rank), 0) @ owners(b.data).T)
            out[f"k {k} top {n} alone"] = votes
            out[f"k {k} top {n} z λ .5"] = 0.5 * zscore(b.default) + 0.5 * zscore(votes)
    return out


def titles(b: Base, counted: Callable[[list[str]], sp.csr_matrix]) -> dict[str, np.ndarray]:
    """Query title (or whole query) against the profile papers' titles, soft maximum, blended."""
    d = b.data
    paper_titles = normalize(tf(counted([p.split(". ")[0] for p in part_texts(d)]), "log") @ sp.diags(b.w))
    query_titles = normalize(tf(d.titles, "log") @ sp.diags(b.w))
    out = {}
    for label, rows in (("title-title", query_titles), ("query-title", b.query)):
        for tau in (0.02, 0.05):
            s = b.per_target((rows @ paper_titles.T).toarray(), replace(DEFAULT, tau=tau))
            for lam in (0.1, 0.2, 0.3):
                out[f"{label} τ {tau} λ {lam}"] = (1 - lam) * b.default + lam * s
    return out


def bigram_weight(b: Base, keys: np.ndarray) -> dict[str, np.ndarray]:
    """Bigram columns weighted g times the unigrams."""
    words = sorted({t for x in all_texts(b.data) for t in tokens(x)})
    unigram = np.isin(keys, word_keys(words))
    return {
        f"g {g}": base(b.data, b.w * np.where(unigram, 1.0, g)).default for g in (0.0, 0.5, 0.75, 1.5, 2.0)
    }


def fusions(b: Base, signals: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Equal-weight sums of z-scores: the default with the other families' signals."""
    out = {}
    names = list(signals)
    for r in range(1, len(names) + 1):
        for combo in itertools.combinations(names, r):
            out["default+" + "+".join(combo)] = zscore(b.default) + sum(zscore(signals[n]) for n in combo)
    return out


# --- diagnostics with the benchmark's labels -------------------------------------------------


def learned_retrieval(b: Base, signals: dict[str, np.ndarray]) -> np.ndarray:
    """Logistic regression on per-query z-scored signals, trained on 4/5 of the gold queries."""
    d = b.data
    column = {str(t["id"]): j for j, t in enumerate(d.targets)}
    gold = np.array([i for i, q in enumerate(d.queries) if q.get("gold")])
    labels = np.zeros((len(d.queries), len(d.targets)))
    for i in gold:
        labels[i, [column[g] for g in d.queries[i]["gold"]]] = 1
    x = np.stack([zscore(s) for s in signals.values()], axis=-1)
    out = np.zeros(labels.shape)
    for train, test in KFold(5, shuffle=True, random_state=0).split(gold):
        model = LogisticRegression(max_iter=1000).fit(
            x[gold[train]].reshape(-1, x.shape[2]), labels[gold[train]].ravel()
        )
        out[gold[test]] = model.decision_function(x[gold[test]].reshape(-1, x.shape[2])).reshape(
            len(test), -1
        )
    return out


def learned_ordering(b: Base, signals: dict[str, np.ndarray]) -> float:
    """Weighted ordering of a pairwise logistic regression over the signals, researchers in 5 folds."""
    d = b.data
    column = {str(t["id"]): j for j, t in enumerate(d.targets)}
    rated: dict[int, list[tuple[int, float]]] = {}
    for i, q in enumerate(d.queries):
        for researcher, rating in q.get("ratings", {}).items():
            rated.setdefault(column[researcher], []).append((i, rating))
    pairs = np.array(
        [
            (r, a, c, np.sign(ra - rc), abs(ra - rc))
            for r, rows in rated.items()
            for (a, ra), (c, rc) in itertools.combinations(rows, 2)
            if ra != rc
        ]
    )
    r, a, c = (pairs[:, i].astype(int) for i in range(3))
    variants = [v for s in signals.values() for v in (s, s - s.mean(axis=1, keepdims=True), zscore(s))]
    x = np.stack([v[a, r] - v[c, r] for v in variants], axis=-1)
    x /= x.std(axis=0) + 1e-12
    sign, weight = pairs[:, 3], pairs[:, 4]
    researchers = np.unique(r)
    right = 0.0
    for train, _ in KFold(5, shuffle=True, random_state=0).split(researchers):
        fit = np.isin(r, researchers[train])
        model = LogisticRegression(C=0.1, max_iter=2000, fit_intercept=False).fit(
            np.vstack([x[fit], -x[fit]]),
            np.concatenate([sign[fit], -sign[fit]]),
            sample_weight=np.tile(weight[fit], 2),
        )
        guess = model.decision_function(x[~fit])
        right += float((weight[~fit] * ((np.sign(guess) == sign[~fit]) + 0.5 * (guess == 0))).sum())
    return right / float(weight.sum())


# --- printing ------------------------------------------------------------------------------


def report(name: str, apriori: str, rows: dict[str, np.ndarray], data: Data) -> None:
    """Print the a-priori row and the range of the figures over the grid."""
    found = {k: figures(s, data.targets, data.queries) for k, s in rows.items()}
    r, m, o = found[apriori]
    print(f"{name + ' * ' + apriori:<52} {r:>6.3f} {m:>6.3f} {o:>7.3f}")
    if len(found) > 1:
        lo, hi = np.min(list(found.values()), axis=0), np.max(list(found.values()), axis=0)
        spread = "  ".join(f"{a:.3f}-{z:.3f}" for a, z in zip(lo, hi, strict=True))
        best = max(found, key=lambda k: found[k][1])
        print(f"{'  range over ' + str(len(found)) + ' configs':<52} {spread}   (best MRR: {best})")


def main() -> None:
    """Print the table."""
    start = time.time()
    data = corpus(data_dir() / "expertise_bench.jsonl")
    b = base(data)
    keys, counted = key_space(data)
    print(f"{'idea * knob chosen before looking':<52} {'R@10':>6} {'MRR':>6} {'ord(w)':>7}")
    report("segments .6, title x2 (defaults before)", "", {"": b.default}, data)
    report("per-query normalisation", "z-score", normalisations(b), data)
    report("RRF whole + segments", "k 60", rank_fusion(b), data)
    report("NMF topics", "k 50 profile λ 0.2", topic_models(b, "nmf", (25, 50)), data)
    report("LDA topics", "k 50 profile λ 0.2", topic_models(b, "lda", (50,)), data)
    report("co-occurrence expansion", "ppmi top 10 β 0.3", expansion(b), data)
    chars = char_ngrams(b)
    report("char_wb 3-5", "z λ 0.3", chars, data)
    report("term concentration", "p(t|r) ^1.0", concentration(b), data)
    likelihood = query_likelihood(b)
    report("query likelihood", "model 2 μ 1000 T 1/|q|", likelihood, data)
    svm = authorship(b)
    report("authorship SVM", "C 1.0 λ 0.5", svm, data)
    report("papers smoothed by profile", "μ 100", smoothing(b), data)
    report("paper votes (RRF over papers)", "k 60 top 50 z λ .5", paper_votes(b), data)
    report("titles", "title-title τ 0.02 λ 0.2", titles(b, counted), data)
    report("bigram weight", "g 0.5", bigram_weight(b, keys), data)
    # each family's best signal on its own (chosen after looking: an optimistic fusion)
    signals = {
        "lm": likelihood["model 2 μ 3000 T 0.1"],
        "char": chars["alone"],
        "svm": svm["C 1.0 balanced alone"],
    }
    report("z-sum fusion", "default+lm+char+svm", fusions(b, signals), data)
    print("diagnostics with the benchmark's labels (5-fold cross-validation, not a candidate):")
    pieces = {"whole": b.whole, "soft": b.soft, **signals}
    r, m, _ = figures(learned_retrieval(b, pieces), data.targets, data.queries)
    print(f"{'  learned fusion of whole, soft, lm, char, svm':<52} {r:>6.3f} {m:>6.3f} {'-':>7}")
    ordering = learned_ordering(b, pieces)
    print(f"{'  learned pairwise ordering of the same':<52} {'-':>6} {'-':>6} {ordering:>7.3f}")
    print(f"goal: R@10 >= 0.78, MRR >= 0.52, ord(w) >= 0.80 ({time.time() - start:.0f} s)")


if __name__ == "__main__":
    main()
