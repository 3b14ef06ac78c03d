"""MatchParams: every setting of a Matcher, in one frozen dataclass (no heavy import)."""

from __future__ import annotations

from dataclasses import dataclass

from incubator.matchcore import scale


@dataclass(frozen=True)
class MatchParams:
    """Matcher settings: boilerplate cut-off, IDF sharpening, explanation length, work sizes.

    The defaults are the one set the platform's matching runs (incubator/matching/fitted.py) and
    the command line (`python -m incubator.matchcore rank`) both use: background IDF on, the
    glossary on (English and Vietnamese meet), whole-profile cosines (no per-segment blend), the
    rest resolved from the machine and the corpus size ("auto", -1; scale.py).

    max_df_docs: an absolute cap on a term's document count (the sparse product costs the
    sum of its terms' document counts; None: only `max_df` applies; "auto": sqrt(n) for a
    corpus of n >= 10,000 documents, none below, see scale.py).
    min_df: terms in fewer fitted documents are dropped (2 shrinks a large vocabulary but
    loses terms that only one target shares with a new source; "auto": 1).
    n_threads: threads of the sparse product; n_jobs: processes that count terms of large
    batches; -1: every usable core (one thread, no child process inside a daemon such as a
    Celery prefork worker).
    segment_weight: above 0, a target made of parts (split on " \n") scores
    (1 - w) * whole cosine + w * soft maximum of its parts' cosines (temperature
    `segment_tau`); see segments.py (full products: for corpora of thousands); "auto": 0.6
    below 10,000 fitted documents, 0 from there on (scale.py); 0 by default, as the platform's
    relevance floors were calibrated on whole-profile cosines.
    title_weight: while targets are scored per segment, a source opening with a short title
    sentence ("Title. Abstract") counts its title this many times (1: as written).
    background: blend the shipped background corpus's document frequencies into the IDF, so
    generic words are damped in a small corpus (background.py).
    glossary: count English and Vietnamese glossary terms as shared concept tokens beside the
    words (glossary.py), so each language finds the other; `glossary_pairs` adds
    (english, vietnamese) pairs to the shipped glossary (e.g. terms entered by staff).
    concept_weight: the IDF of glossary concept tokens is multiplied by this (a shared concept
    counts a little more than a shared word).
    cross_language_weight: a source's scores for targets written in the other language are
    multiplied by this (at most 1): such a pair can only share concepts, never the many words
    two texts of one language share, so its cosine is lower for the same relevance (measured on
    bench/data/crosslang_pairs.jsonl; bench/bench_crosslang.py). 1 turns it off.
    same_language_concepts: a source's concept tokens count against targets of its own language
    too (False: only across languages, where the words cannot meet; within one language a concept
    repeats words both texts already share, which cost expertise_bench 0.02 of recall@10).
    """

    max_df: float = 0.5
    max_df_docs: int | str | None = scale.AUTO
    idf_power: float = 1.0
    n_terms: int = 5
    block_rows: int = 4096
    n_threads: int = -1
    min_df: int | str = scale.AUTO
    n_jobs: int = -1
    segment_weight: float | str = scale.AUTO
    segment_tau: float = 0.02
    title_weight: int = 3
    background: bool = True
    glossary: bool = True
    glossary_pairs: tuple[tuple[str, str], ...] = ()
    concept_weight: float = 1.25
    cross_language_weight: float = 4.0
    same_language_concepts: bool = False
