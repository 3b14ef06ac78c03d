"""Defaults follow the machine and the corpus: every core, pruning only for large corpora."""

import math
import multiprocessing

import pytest

from incubator.matchcore import Document, Matcher, MatchParams, parallel, scale

EXACT = MatchParams(max_df_docs=None, min_df=1, n_threads=1, n_jobs=1)


def corpus(n: int) -> list[Document]:
    return [Document(f"d{i}", "lab", f"common shared{i % 3} topic{i % 7} own{i}") for i in range(n)]


def ranked(params: MatchParams, documents: list[Document]) -> dict:
    return Matcher(params).fit(documents).top_k(documents, k=3, explain=False)


def test_minus_one_means_every_usable_core_and_counts_are_kept():
    assert scale.workers(-1) == scale.usable_cores() >= 1
    assert scale.workers(3) == 3
    assert scale.workers(-1000) == 1


def test_auto_caps_only_corpora_of_ten_thousand_documents_or_more():
    assert scale.max_df_docs("auto", scale.LARGE_CORPUS - 1) is None
    assert scale.max_df_docs("auto", 20_000) == 142
    assert scale.max_df_docs("auto", 100_000) == 317
    assert scale.max_df_docs(50, 100_000) == 50 and scale.max_df_docs(None, 100_000) is None
    assert scale.min_df("auto", 100_000) == 1 and scale.min_df(2, 10) == 2


def test_defaults_rank_a_small_corpus_exactly_as_the_unpruned_serial_settings():
    documents = corpus(60)
    assert ranked(MatchParams(), documents) == ranked(EXACT, documents)


def test_defaults_prune_a_large_corpus_at_the_square_root_of_its_size(monkeypatch):
    monkeypatch.setattr(scale, "LARGE_CORPUS", 50)
    matcher = Matcher().fit(corpus(60))
    assert matcher.weights_.max_docs == math.ceil(math.sqrt(60)) == 8
    assert matcher.weights_.column("topic1") is None  # in 9 of 60 documents: above the cap
    assert matcher.weights_.column("own5") is not None
    assert Matcher(EXACT).fit(corpus(60)).weights_.column("topic1") is not None


def _rank_in_daemon(queue) -> None:
    queue.put((scale.workers(-1), ranked(MatchParams(), corpus(40))))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # fork in a threaded pytest process
def test_defaults_use_one_thread_and_no_child_in_a_daemon_such_as_a_celery_prefork_worker(monkeypatch):
    ranked(MatchParams(n_threads=2), corpus(40))  # OpenMP threads in the parent, as in a forking server
    monkeypatch.setattr(parallel, "CHUNK", 4)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_rank_in_daemon, args=(queue,), daemon=True)
    worker.start()
    threads, result = queue.get(timeout=60)
    worker.join(60)
    assert worker.exitcode == 0 and threads == 1 and result == ranked(EXACT, corpus(40))
