"""Passage vectors on disk: an exact flat index always, an approximate one above a size.

Every generation keeps `dense.faiss`, an `IndexIDMap2(IndexFlatIP)` of all vectors keyed by passage
id (the format of every generation so far). It is the writer's source for the next generation and
the exact scorer for the answer layer. Above `dense_flat_max` passages (or when a kind is forced)
`dense.ann.faiss` adds an approximate index over the same vectors and ids; a search asks it for
`refine` × k candidates and re-scores them exactly, so the order is by true inner product. Both
files are memory-mapped (`IO_FLAG_MMAP_IFC`, zero-copy): opening costs milliseconds whatever the
size, and only the pages a search touches become resident. The exact vectors of chosen passages
(re-scoring, the answer layer) are read with `pread` (`index.vector_file`): scattered reads through
the mapping would map a large page-cache folio each and soon most of the file. `dense.json` records
the kind, its search parameters and how much changed since the quantizer was trained (a small
re-sync carries the IVF-PQ index over instead of training it again), so a reader needs no
settings; a generation without it is flat.

Kinds and why (benchmarks/README.md has the figures): flat is exact and needs no training, but every
query reads every vector (~1.5 KB each). IVF-PQ keeps 48-byte codes and probes a few lists, so
queries read ~1 % of the codes plus the re-scored vectors: fast, small and cheap to build from a
training sample. HNSW keeps full vectors and a graph, takes much longer to build and all of it ends
up resident; it is offered for comparison and for indexes that are rebuilt rarely.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from index.vector_file import VectorFile

if TYPE_CHECKING:
    import faiss

    from index.settings import Settings

DenseKind = Literal["flat", "hnsw", "ivfpq"]
EXACT_FILE = "dense.faiss"
ANN_FILE = "dense.ann.faiss"
PARAMS_FILE = "dense.json"
DIMS_PER_PQ_BYTE = 8  # 384-d → 48-byte codes; coarser codes needed a larger `refine` for the same recall
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 40
TRAIN_PER_LIST = 40  # faiss warns below 39 training points per list
TRAIN_MAX = 100_000  # k-means on a sample: the 1M build stays within minutes on 2 cores
TRAIN_SEED = 1234
MIN_APPROXIMATE = 1000
ADD_CHUNK = 100_000  # vectors added per call: bounded temporary memory while building
# OpenMP threads for one query's FAISS search. A query is one vector: its team of two threads on
# these shared cores spent most of its time spinning at barriers (flat, 100k: p50 95 → 16 ms and a
# third of the CPU with one thread; benchmarks/README.md). Building keeps every thread.
SEARCH_THREADS = 1
RETRAIN_CHANGE = 0.10  # share of the trained-on vectors that may change before k-means runs again


@dataclass(frozen=True)
class DenseConfig:
    """Which index to build and how to search it; what is chosen is recorded with the generation."""

    index: Literal["auto", "flat", "hnsw", "ivfpq"] = "auto"
    flat_max: int = 100_000
    nprobe: int = 32
    refine: int = 8
    hnsw_ef: int = 128

    @classmethod
    def from_settings(cls, settings: Settings) -> DenseConfig:
        return cls(
            settings.dense_index,
            settings.dense_flat_max,
            settings.dense_nprobe,
            settings.dense_refine,
            settings.dense_hnsw_ef,
        )

    def kind_for(self, n: int) -> DenseKind:
        """`auto`: exact while small enough to scan, approximate (IVF-PQ) above the threshold.

        Below MIN_APPROXIMATE vectors every kind is flat: product quantizers cannot even be
        trained on fewer than 256 points, and scanning a thousand vectors is instant anyway.
        """
        if n < MIN_APPROXIMATE:
            return "flat"
        if self.index != "auto":
            return self.index
        return "flat" if n <= self.flat_max else "ivfpq"


def ivf_lists(n: int) -> int:
    """About 2·√n lists: probing 32 of them reads ~1.5 % of the codes at 1M passages."""
    return max(16, min(65_536, int(2 * math.sqrt(n))))


def pq_bytes(dim: int) -> int:
    """Code size: about one byte per 8 dimensions, a divisor of `dim` as product quantizers need."""
    m = max(1, dim // DIMS_PER_PQ_BYTE)
    while dim % m:
        m -= 1
    return m


def empty_exact(dim: int) -> faiss.Index:
    import faiss

    return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))


def _all_vectors(exact: faiss.Index) -> tuple[np.ndarray, np.ndarray]:
    """A zero-copy view of the exact index's vectors (rows) and their passage ids."""
    import faiss

    flat = faiss.downcast_index(exact.index)
    n, d = exact.ntotal, exact.d
    vectors = faiss.rev_swig_ptr(flat.get_xb(), n * d).reshape(n, d) if n else np.zeros((0, d), "float32")
    return vectors, faiss.vector_to_array(exact.id_map).astype(np.int64)


def build_ann(exact: faiss.Index, kind: DenseKind) -> faiss.Index | None:
    """The approximate index over `exact`'s vectors, keyed by the same passage ids."""
    import faiss

    if kind == "flat":
        return None
    vectors, ids = _all_vectors(exact)
    n, d = vectors.shape
    if kind == "ivfpq":
        lists = ivf_lists(n)
        ann = faiss.IndexIVFPQ(faiss.IndexFlatIP(d), d, lists, pq_bytes(d), 8, faiss.METRIC_INNER_PRODUCT)
        sample = min(n, max(TRAIN_PER_LIST * lists, min(TRAIN_MAX, n)))
        rows = np.sort(np.random.default_rng(TRAIN_SEED).choice(n, sample, replace=False))
        ann.train(np.ascontiguousarray(vectors[rows]))
    else:
        ann = faiss.IndexIDMap(faiss.IndexHNSWFlat(d, HNSW_M, faiss.METRIC_INNER_PRODUCT))
        faiss.downcast_index(ann.index).hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    for start in range(0, n, ADD_CHUNK):
        ann.add_with_ids(
            np.ascontiguousarray(vectors[start : start + ADD_CHUNK]), ids[start : start + ADD_CHUNK]
        )
    return ann


def write(directory: Path, exact: faiss.Index, config: DenseConfig, base: Path | None = None) -> DenseKind:
    """Write the exact index, the approximate one if `config` calls for it, and what was chosen.

    With `base` (the generation this one was made from), an IVF-PQ index whose quantizer was
    trained on nearly the same vectors is carried over: the removed passages are taken out and the
    new ones added, instead of training k-means again and re-encoding every vector.
    """
    import faiss

    kind = config.kind_for(exact.ntotal)
    faiss.write_index(exact, str(directory / EXACT_FILE))
    carried = _carry_over(base, exact) if base is not None and kind == "ivfpq" else None
    if carried is not None:
        ann, training = carried
    else:
        ann = build_ann(exact, kind)
        training = {"trained_n": exact.ntotal, "changed": 0} if ann is not None else {}
    if ann is not None:
        faiss.write_index(ann, str(directory / ANN_FILE))
    params = {"kind": kind, "nprobe": config.nprobe, "refine": config.refine, "hnsw_ef": config.hnsw_ef,
              **training}  # fmt: skip
    (directory / PARAMS_FILE).write_text(json.dumps(params), encoding="utf-8")
    return kind


def _carry_over(base: Path, exact: faiss.Index) -> tuple[faiss.Index, dict[str, int]] | None:
    """The base generation's IVF-PQ index brought up to `exact`'s passages, or None when it has
    none, or when more than RETRAIN_CHANGE of the vectors it was trained on have changed since
    (removed + added, counted over every carry-over): then the quantizer is trained afresh.
    A base written before carry-overs has no count: it was trained on its own vectors."""
    import faiss

    path = base / PARAMS_FILE
    before = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    old_rows = VectorFile.open(base / EXACT_FILE)
    if before.get("kind") != "ivfpq" or old_rows is None:
        return None
    trained_n = int(before.get("trained_n", old_rows.ntotal))
    vectors, ids = _all_vectors(exact)
    removed = np.setdiff1d(old_rows.ids, ids)
    added = np.isin(ids, old_rows.ids, invert=True)
    changed = int(before.get("changed", 0)) + len(removed) + int(added.sum())
    if changed > RETRAIN_CHANGE * trained_n:
        return None
    ann = read_index(base / ANN_FILE, mmap=False)
    if ann.ntotal != old_rows.ntotal:
        return None
    if len(removed) and ann.remove_ids(faiss.IDSelectorBatch(removed)) != len(removed):
        return None
    rows = np.flatnonzero(added)
    for start in range(0, len(rows), ADD_CHUNK):
        chunk = rows[start : start + ADD_CHUNK]
        ann.add_with_ids(np.ascontiguousarray(vectors[chunk]), ids[chunk])
    return ann, {"trained_n": trained_n, "changed": changed}


@dataclass(frozen=True)
class SearchParams:
    kind: DenseKind = "flat"
    nprobe: int = 32
    refine: int = 8
    hnsw_ef: int = 128

    @classmethod
    def read(cls, directory: Path) -> SearchParams:
        path = directory / PARAMS_FILE
        if not path.exists():  # generations written before approximate indexes: flat
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: data[k] for k in asdict(cls()) if k in data})


def read_index(path: Path, mmap: bool = True) -> faiss.Index:
    import faiss

    return faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC if mmap else 0)


def read_exact_copy(directory: Path) -> faiss.Index:
    """The exact index read into memory, for a writer to change (a mapped one cannot grow)."""
    return read_index(directory / EXACT_FILE, mmap=False)


class DenseIndex:
    """One generation's vectors, opened for search. Read-only; safe to share between threads.

    Exact scores of chosen passages (re-scoring, the answer layer) come from `VectorFile` reads
    when the file has the flat layout, so they map no page of it. An approximate generation then
    reads its exact faiss index only if something asks for it (`exact`): search needs the
    approximate index and those reads alone.
    """

    def __init__(
        self,
        exact: faiss.Index | None,
        ann: faiss.Index | None,
        params: SearchParams,
        rows: VectorFile | None = None,
        directory: Path | None = None,
        mmap: bool = True,
    ) -> None:
        if exact is None and (directory is None or rows is None):
            raise ValueError("an exact index, or its directory and rows, is needed")
        self._exact = exact
        self.ann = ann
        self.params = params
        self.rows = rows
        self._directory = directory
        self._mmap = mmap
        self._lock = threading.Lock()

    @classmethod
    def open(cls, directory: Path, mmap: bool = True) -> DenseIndex:
        params = SearchParams.read(directory)
        rows = VectorFile.open(directory / EXACT_FILE)
        lazy = params.kind != "flat" and rows is not None
        exact = None if lazy else read_index(directory / EXACT_FILE, mmap)
        ann = read_index(directory / ANN_FILE, mmap) if params.kind != "flat" else None
        return cls(exact, ann, params, rows, directory, mmap)

    @property
    def exact(self) -> faiss.Index:
        """The exact faiss index (flat search, and what the next generation starts from)."""
        if self._exact is None:
            with self._lock:
                if self._exact is None:
                    assert self._directory is not None
                    self._exact = read_index(self._directory / EXACT_FILE, self._mmap)
        return self._exact

    @property
    def ntotal(self) -> int:
        return self.rows.ntotal if self.rows is not None else self.exact.ntotal

    @property
    def kind(self) -> DenseKind:
        return self.params.kind

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The k passages most similar to `vector` (inner product), best first."""
        ntotal = self.ntotal
        if ntotal == 0:
            return []
        k = min(k, ntotal)
        query = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        if self.ann is None:
            with _omp_threads(SEARCH_THREADS):
                scores, ids = self.exact.search(query, k)
            return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        candidates = self._candidates(query, min(ntotal, k * self.params.refine))
        if not len(candidates):
            return []
        rescored = self.scores(query, candidates)
        best = sorted(rescored.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [(int(i), float(s)) for i, s in best]

    def _candidates(self, query: np.ndarray, n: int) -> list[int]:
        import faiss

        if self.params.kind == "ivfpq":
            params = faiss.SearchParametersIVF(nprobe=self.params.nprobe)
        else:
            params = faiss.SearchParametersHNSW(efSearch=max(self.params.hnsw_ef, n))
        assert self.ann is not None
        with _omp_threads(SEARCH_THREADS):
            _, ids = self.ann.search(query, n, params=params)
        return [int(i) for i in ids[0] if i >= 0]

    def scores(self, vector: np.ndarray, ids: list[int]) -> dict[int, float]:
        """Exact similarity of the query to chosen passages (any passage, not only the top k)."""
        if not ids:
            return {}
        if self.rows is not None:
            vectors = self.rows.rows(ids)
        else:
            vectors = np.stack([self.exact.reconstruct(int(i)) for i in ids])
        scores = vectors @ np.asarray(vector, dtype=np.float32).reshape(-1)
        return dict(zip(ids, scores.tolist(), strict=True))


@contextmanager
def _omp_threads(n: int) -> Iterator[None]:
    """FAISS's OpenMP threads for calls made in this block. The setting belongs to the calling
    thread only (OpenMP keeps it per thread), and is put back: a sync later run by the same
    worker thread trains with all of them."""
    import faiss

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(n)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)
