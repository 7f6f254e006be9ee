"""Index types chosen by size, memory-mapped generations, and generations written before them.

Small synthetic vectors and token lists only: no model, a few seconds in all.
"""

import json
import shutil

import bm25s
import faiss
import numpy as np
import pytest

from index import dense, lexical
from index.dense import DenseConfig, DenseIndex
from index.lexical import Lexical
from index.models import Passage, Release, Sentence
from index.store.reader import Store
from index.store.writer import GenerationWriter

DIM = 32
WORDS = [f"낱말{i}" for i in range(400)] + ["harbor", "festival", "investment"]


def unit_rows(rng: np.random.Generator, n: int) -> np.ndarray:
    x = rng.standard_normal((n, DIM)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def build(home, n: int, config: DenseConfig, seed: int = 0) -> tuple[np.ndarray, list[list[str]]]:
    """A generation of `n` one-passage releases with random vectors and Zipf-like tokens."""
    rng = np.random.default_rng(seed)
    vectors = unit_rows(rng, n)
    corpus = [
        [WORDS[min(len(WORDS) - 1, int(rng.zipf(1.4)) - 1)] for _ in range(rng.integers(0, 30))]
        for _ in range(n)
    ]
    writer = GenerationWriter(home, "m", DIM, None, dense=config)
    for i in range(n):
        text = f"가상 보도자료 {i}번. 항구 축제가 열린다."
        release = Release(
            id=f"r{i:05d}", root="/data", source=f"r{i}.txt", content_hash=f"h{i}", text=text, lang="ko"
        )
        passage = Passage(release.id, 0, 0, 0, len(text), text)
        writer.add_release(
            release, [Sentence(0, 0, len(text))], [passage], [corpus[i]], vectors[i : i + 1], []
        )
    writer.commit()
    return vectors, corpus


def test_auto_switches_to_approximate_above_the_threshold(tmp_path):
    config = DenseConfig(flat_max=1500)
    assert config.kind_for(1500) == "flat" and config.kind_for(1501) == "ivfpq"
    assert DenseConfig(index="hnsw", flat_max=10**9).kind_for(5000) == "hnsw"
    assert DenseConfig(index="flat", flat_max=0).kind_for(10**7) == "flat"
    # too few vectors to train a quantizer: flat, whatever is asked
    assert DenseConfig(index="ivfpq").kind_for(dense.MIN_APPROXIMATE - 1) == "flat"
    build(tmp_path / "small", 1500, config)
    build(tmp_path / "large", 1501, config)
    small, large = Store.open(tmp_path / "small"), Store.open(tmp_path / "large")
    assert small.vectors.kind == "flat" and small.vectors.ann is None
    assert large.vectors.kind == "ivfpq" and large.vectors.ann is not None
    assert not (small.path / dense.ANN_FILE).exists() and (large.path / dense.ANN_FILE).exists()


@pytest.mark.parametrize("kind", ["ivfpq", "hnsw"])
def test_approximate_index_finds_planted_near_duplicates_first(tmp_path, kind):
    vectors, _ = build(tmp_path, 3000, DenseConfig(index=kind), seed=1)
    store = Store.open(tmp_path)
    assert store.vectors.kind == kind
    rng = np.random.default_rng(2)
    planted = rng.choice(len(vectors), 25, replace=False)
    for row in planted:
        query = vectors[row] + 0.05 * unit_rows(rng, 1)[0]
        query /= np.linalg.norm(query)
        hits = store.dense_search(query, 10)
        pid = store.release_passage_ids(f"r{row:05d}")[0]
        assert hits[0][0] == pid
        # scores are exact inner products, best first, whatever index found the candidates
        assert hits[0][1] == pytest.approx(float(vectors[row] @ query), abs=1e-5)
        assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_memory_mapped_generation_searches_as_in_memory(tmp_path):
    vectors, corpus = build(tmp_path, 1200, DenseConfig(flat_max=300), seed=5)
    store = Store.open(tmp_path)
    in_memory = DenseIndex.open(store.path, mmap=False)
    for query in unit_rows(np.random.default_rng(6), 20):
        assert store.dense_search(query, 10) == in_memory.search(query, 10)
    flat = DenseIndex(dense.read_index(store.path / dense.EXACT_FILE, mmap=False), None, dense.SearchParams())
    mapped = DenseIndex(store.vectors.exact, None, dense.SearchParams())
    query = vectors[7]
    assert mapped.search(query, 10) == flat.search(query, 10)  # flat: identical floats, identical order
    # BM25 from the mapped arrays scores exactly as bm25s indexing the same corpus in memory
    reference = bm25s.BM25()
    reference.index([tokens or [""] for tokens in corpus], show_progress=False)
    ids = np.load(store.path / lexical.IDS_FILE)
    for tokens in (["harbor", WORDS[1], WORDS[3]], [WORDS[0], "없는낱말"], [WORDS[2], WORDS[2], "festival"]):
        known = [t for t in tokens if t in reference.vocab_dict]
        scores = reference.get_scores(known)
        expected = sorted(
            ((int(ids[i]), float(scores[i])) for i in np.flatnonzero(scores > 0)), key=lambda x: -x[1]
        )
        got = store.bm25_search(tokens, len(corpus))
        assert dict(got) == dict(expected) and len(got) == len(expected)


def test_generation_written_before_memory_mapping_still_opens_and_grows(tmp_path):
    """Old layout: no dense.json (flat), bm25s.save's JSON vocabulary; search and the next sync work."""
    vectors, corpus = build(tmp_path, 1200, DenseConfig(), seed=7)
    store = Store.open(tmp_path)
    query = vectors[11]
    expected_dense = store.dense_search(query, 5)
    expected_bm25 = store.bm25_search([WORDS[2], "harbor"], 5)
    (store.path / dense.PARAMS_FILE).unlink()
    shutil.rmtree(store.path / lexical.BM25_DIR)
    old = bm25s.BM25()
    old.index([tokens or [""] for tokens in corpus], show_progress=False)
    old.save(str(store.path / lexical.BM25_DIR))
    reopened = Store.open(tmp_path)
    assert (reopened.path / lexical.BM25_DIR / lexical.JSON_VOCAB).exists()
    assert reopened.dense_search(query, 5) == expected_dense
    assert reopened.bm25_search([WORDS[2], "harbor"], 5) == expected_bm25
    writer = GenerationWriter(tmp_path, "m", DIM, reopened, dense=DenseConfig(flat_max=100))
    writer.remove_release("r00000")
    writer.commit()
    grown = Store.open(tmp_path)
    assert grown.vectors.kind == "ivfpq" and grown.dense.ntotal == 1199
    assert grown.dense_search(query, 1)[0][0] == expected_dense[0][0]
    assert isinstance(grown.lexical, Lexical) and grown.bm25_search([WORDS[2], "harbor"], 5)


def test_resync_carries_the_trained_quantizer_over_until_enough_has_changed(tmp_path):
    vectors, _ = build(tmp_path, 3000, DenseConfig(flat_max=1000), seed=9)
    first = Store.open(tmp_path)
    quantizer = faiss.extract_index_ivf(first.vectors.ann).quantizer
    centroids = quantizer.reconstruct_n(0, quantizer.ntotal)
    params = json.loads((first.path / dense.PARAMS_FILE).read_text())
    assert params["trained_n"] == 3000 and params["changed"] == 0
    # as a generation written before carry-overs: no counts (it was trained on its own vectors)
    del params["trained_n"], params["changed"]
    (first.path / dense.PARAMS_FILE).write_text(json.dumps(params))
    # a small re-sync: one release out, one in
    writer = GenerationWriter(tmp_path, "m", DIM, first, dense=DenseConfig(flat_max=1000))
    writer.remove_release("r00005")
    newcomer = unit_rows(np.random.default_rng(10), 1)
    text = "새로 들어온 가상 보도자료."
    release = Release(id="new", root="/data", source="new.txt", content_hash="n", text=text, lang="ko")
    writer.add_release(release, [Sentence(0, 0, len(text))], [Passage("new", 0, 0, 0, len(text), text)],
                       [["항구"]], newcomer, [])  # fmt: skip
    writer.commit()
    second = Store.open(tmp_path)
    params = json.loads((second.path / dense.PARAMS_FILE).read_text())
    assert params["trained_n"] == 3000 and params["changed"] == 2
    quantizer = faiss.extract_index_ivf(second.vectors.ann).quantizer
    assert np.array_equal(quantizer.reconstruct_n(0, quantizer.ntotal), centroids)  # not retrained
    assert second.vectors.ann.ntotal == 3000
    new_id = second.release_passage_ids("new")[0]
    assert second.dense_search(newcomer[0], 1)[0][0] == new_id
    gone = first.release_passage_ids("r00005")[0]
    assert gone not in {i for i, _ in second.dense_search(vectors[5], 50)}
    # more than a tenth changed since training: k-means again, on the vectors now stored
    writer = GenerationWriter(tmp_path, "m", DIM, second, dense=DenseConfig(flat_max=1000))
    for i in range(10, 310):
        writer.remove_release(f"r{i:05d}")
    writer.commit()
    third = Store.open(tmp_path)
    params = json.loads((third.path / dense.PARAMS_FILE).read_text())
    assert params["trained_n"] == 2700 and params["changed"] == 0
    assert third.vectors.ann.ntotal == 2700
    assert third.dense_search(vectors[400], 1)[0][0] == first.release_passage_ids("r00400")[0]
