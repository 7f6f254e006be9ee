"""The exact BM25 top-k (index/bm25_scoring.py) against bm25s scoring the same corpus in memory.

Fictional token lists only (Zipf-drawn words, so a few tokens are in nearly every passage, as
particles are in Korean text); no model, a few seconds.
"""

import bm25s
import numpy as np
import pytest

from index import bm25_scoring, lexical
from index.bm25_scoring import Postings
from index.lexical import Lexical

WORDS = [f"말{i}" for i in range(3000)]


def corpus(n: int, seed: int) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    return [
        [WORDS[min(len(WORDS), int(z)) - 1] for z in rng.zipf(1.2, rng.integers(1, 60))] for _ in range(n)
    ]


def queries(seed: int, count: int) -> list[list[str]]:
    """Query token lists as a tokenizer gives them: frequent and rare words, some repeated."""
    rng = np.random.default_rng(seed)
    out = [
        [WORDS[min(len(WORDS), int(z)) - 1] for z in rng.zipf(1.2, rng.integers(1, 26))] for _ in range(count)
    ]
    out.append([WORDS[0], WORDS[0], WORDS[1], WORDS[2], WORDS[2500]])  # repeats of the most frequent words
    out.append([WORDS[0]])  # one word in nearly every passage
    return out


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """The same corpus as this project writes it (mapped arrays) and as bm25s indexes it."""
    docs = corpus(4000, seed=11)
    directory = tmp_path_factory.mktemp("bm25")
    lexical.write(directory, [(i + 1, tokens) for i, tokens in enumerate(docs)])
    reference = bm25s.BM25()
    reference.index(docs, show_progress=False)
    return Lexical(directory), reference


def reference_top(reference: bm25s.BM25, tokens: list[str], k: int) -> list[tuple[int, float]]:
    """bm25s's scores, best first, ties by row; rows as passage ids (row + 1)."""
    known = [t for t in tokens if t in reference.vocab_dict]
    scores = reference.get_scores(known)
    order = np.lexsort((np.arange(len(scores)), -scores))[:k]
    return [(int(i) + 1, float(scores[i])) for i in order if scores[i] > 0]


def test_scores_never_exceed_the_bound_pruning_relies_on(index):
    found, _ = index
    postings = found.postings
    df = np.diff(postings.indptr)
    bounds = bm25_scoring.idf_bound(df, postings.n_docs)
    column_max = np.maximum.reduceat(np.asarray(postings.data), postings.indptr[:-1][df > 0])
    assert (column_max <= bounds[df > 0]).all()


@pytest.mark.parametrize("sum_max", [0, 300])  # search every column it can, or sum the short ones
@pytest.mark.parametrize("k", [1, 10, 50])
def test_pruned_top_k_equals_bm25s_bit_for_bit(index, k, sum_max):
    found, reference = index
    postings = found.postings
    pruned_some = 0
    for tokens in queries(seed=12, count=60):
        ids = np.asarray(found.token_ids(tokens), dtype=np.int64)
        if not len(ids):
            continue
        got = bm25_scoring.pruned(postings, ids, k, sum_max)
        if got is None:  # every token had to be summed: nothing to compare on this path
            continue
        pruned_some += 1
        expected = reference_top(reference, tokens, k)
        assert [(int(found.ids[row]), score) for row, score in got] == expected
    assert pruned_some >= 40  # the bounds let most of these queries skip postings


def test_search_takes_the_pruned_path_above_the_threshold_with_the_same_scores(index, monkeypatch):
    found, reference = index
    tokens = [WORDS[0], WORDS[3], WORDS[40], WORDS[700], WORDS[0]]
    exhaustive = found.search(tokens, 20)
    monkeypatch.setattr(bm25_scoring, "EXHAUSTIVE_MAX_POSTINGS", 0)
    returned = []
    original = bm25_scoring.pruned
    monkeypatch.setattr(
        bm25_scoring, "pruned", lambda *a: returned.append(original(*a, sum_max=100)) or returned[-1]
    )
    pruned = found.search(tokens, 20)
    assert returned and returned[0] is not None  # the pruned path answered
    assert pruned == reference_top(reference, tokens, 20)
    assert sorted(s for _, s in pruned) == sorted(s for _, s in exhaustive)


def test_exhaustive_path_scores_every_passage_as_bm25s(index):
    found, reference = index
    for tokens in queries(seed=13, count=10):
        known = [t for t in tokens if t in reference.vocab_dict]
        if not known:
            continue
        ids = np.asarray(found.token_ids(tokens), dtype=np.int64)
        assert np.array_equal(found.postings.scores(ids), reference.get_scores(known))


def test_lookup_finds_scores_and_zeros_for_absent_rows():
    # three passages, two tokens: token 0 in rows 0 and 2, token 1 in row 1
    postings = Postings(
        np.array([1.5, 2.5, 0.5], dtype=np.float32), np.array([0, 2, 1]), np.array([0, 2, 3]), n_docs=3
    )
    assert postings.lookup(0, np.array([0, 1, 2])).tolist() == [1.5, 0.0, 2.5]
    assert postings.lookup(1, np.array([0, 1, 2])).tolist() == [0.0, 0.5, 0.0]
    assert postings.count(np.array([0, 0, 1])) == 5
