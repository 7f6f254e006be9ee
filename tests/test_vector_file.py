"""Rows of the exact vector file read with pread (index/vector_file.py), against faiss's own reads."""

import faiss
import numpy as np
import pytest

from index import dense
from index.dense import DenseConfig, DenseIndex, SearchParams
from index.vector_file import VectorFile

DIM = 16


def vectors(n: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.mark.parametrize(
    "ids", [np.arange(5, 1205), np.random.default_rng(3).permutation(np.arange(100, 1300))]
)
def test_rows_are_faiss_vectors_by_id_in_sorted_and_shuffled_files(tmp_path, ids):
    exact = dense.empty_exact(DIM)
    exact.add_with_ids(vectors(len(ids), 1), ids.astype(np.int64))
    exact.remove_ids(np.asarray(ids[[3, 500]], dtype=np.int64))  # as a re-sync removes a release's passages
    faiss.write_index(exact, str(tmp_path / dense.EXACT_FILE))
    found = VectorFile.open(tmp_path / dense.EXACT_FILE)
    assert found is not None and found.ntotal == exact.ntotal == len(ids) - 2
    wanted = [int(ids[i]) for i in (700, 0, 1199, 4, 42)]
    assert np.array_equal(found.rows(wanted), np.stack([exact.reconstruct(i) for i in wanted]))
    assert found.rows([]).shape == (0, DIM)
    with pytest.raises(KeyError):
        found.rows([int(ids[3])])  # removed
    with pytest.raises(KeyError):
        found.rows([10**9])


def test_other_layouts_are_left_to_faiss(tmp_path):
    plain = faiss.IndexFlatIP(DIM)  # no id map
    plain.add(vectors(10, 2))
    faiss.write_index(plain, str(tmp_path / "plain.faiss"))
    assert VectorFile.open(tmp_path / "plain.faiss") is None
    exact = dense.empty_exact(DIM)
    exact.add_with_ids(vectors(1200, 2), np.arange(1, 1201))
    ann = dense.build_ann(exact, "ivfpq")
    faiss.write_index(ann, str(tmp_path / "ann.faiss"))
    assert VectorFile.open(tmp_path / "ann.faiss") is None
    (tmp_path / "short.faiss").write_bytes(b"IxM2")
    assert VectorFile.open(tmp_path / "short.faiss") is None


def test_approximate_generation_searches_without_reading_the_exact_faiss_index(tmp_path):
    exact = dense.empty_exact(DIM)
    data = vectors(3000, 4)
    exact.add_with_ids(data, np.arange(1, 3001))
    dense.write(tmp_path, exact, DenseConfig(index="ivfpq"))
    opened = DenseIndex.open(tmp_path)
    query = data[10]
    hits = opened.search(query, 5)
    assert opened._exact is None  # the 1.5 KB-a-passage index is not mapped, nor its id map built
    assert hits[0][0] == 11 and hits[0][1] == pytest.approx(float(data[10] @ query), abs=1e-6)
    assert opened.scores(query, [11, 12]) == dict(zip([11, 12], (data[10:12] @ query).tolist(), strict=True))
    reference = DenseIndex(
        dense.read_index(tmp_path / dense.EXACT_FILE), opened.ann, SearchParams(kind="ivfpq")
    )
    assert hits == reference.search(query, 5)  # reads by pread score exactly as faiss's reconstruct
    assert opened.exact.ntotal == 3000  # still there on demand


def test_search_runs_faiss_on_one_thread_and_puts_the_thread_setting_back(tmp_path):
    exact = dense.empty_exact(DIM)
    data = vectors(50, 5)
    exact.add_with_ids(data, np.arange(1, 51))
    seen = []

    class Spy:
        """The exact index, noting how many OpenMP threads FAISS may use when it is searched."""

        ntotal = exact.ntotal

        def search(self, *args, **kwargs):
            seen.append(faiss.omp_get_max_threads())
            return exact.search(*args, **kwargs)

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(2)
    try:
        hits = DenseIndex(Spy(), None, SearchParams()).search(data[3], 3)
        assert seen == [dense.SEARCH_THREADS] == [1] and hits[0][0] == 4
        assert faiss.omp_get_max_threads() == 2
    finally:
        faiss.omp_set_num_threads(before)
