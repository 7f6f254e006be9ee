"""BM25 over passage tokens: built in bounded memory, memory-mapped when searched.

The scores are bm25s's own (its `lucene` method, computed by its scoring function), stored as its
CSC arrays in `bm25/` and memory-mapped, so opening reads nothing but small headers and a query
touches only its tokens' postings. Searching needs neither bm25s nor scipy (which bm25s imports
eagerly: ~0.2 s of a cold `pressqa search`): the arrays are mapped here as `bm25s.BM25.load(mmap=True)`
maps them; bm25s is imported to build, and to open a generation scored by another of its methods. Queries are scored over those arrays
by `index.bm25_scoring` (bm25s's own sum while a query's postings are few, an exact pruned top-k
above), with bm25s's scores to the bit. Two things differ from
`bm25s.BM25.index`/`save`, both for scale: the corpus is streamed and scored a chunk of passages at
a time (`index` holds every token of the corpus as a Python string: tens of GB at a million
passages), and the vocabulary lives in `bm25/vocab.sqlite` instead of a JSON file that every open
would parse (over a million entries at that size). Generations written before keep their
`vocab.index.json` and still open.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.bm25_scoring import Postings, select, top_k

if TYPE_CHECKING:
    import bm25s

IDS_FILE = "bm25_ids.npy"
BM25_DIR = "bm25"
VOCAB_DB = "vocab.sqlite"
JSON_VOCAB = "vocab.index.json"
PARAMS_FILE = "params.index.json"
ARRAY_FILES = ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy")  # bm25s's names
CHUNK_PASSAGES = 50_000  # passages scored at a time while building
EMPTY_TOKEN = ""  # bm25s's stand-in for a passage without tokens


def _chunks(rows: Iterable[tuple[int, list[str]]], size: int) -> Iterable[list[tuple[int, list[str]]]]:
    chunk: list[tuple[int, list[str]]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write(directory: Path, rows: Iterable[tuple[int, list[str]]]) -> int:
    """Build the BM25 index of (passage id, tokens) rows, in id order; returns the passage count.

    Two streaming passes over `rows` would need them twice, so the first pass keeps every passage
    as token ids in one int32 array (4 bytes a token) and the second scores it a chunk at a time.
    """
    import bm25s
    from bm25s.scoring import (
        _build_idf_array,
        _build_scores_and_indices_for_matrix,
        _select_idf_scorer,
    )

    model = bm25s.BM25()
    vocab: dict[str, int] = {}
    ids: list[int] = []
    lengths: list[int] = []
    parts: list[np.ndarray] = []
    for pid, tokens in rows:
        tokens = tokens or [EMPTY_TOKEN]
        ids.append(pid)
        lengths.append(len(tokens))
        parts.append(np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens), np.int32, len(tokens)))
    np.save(directory / IDS_FILE, np.asarray(ids, dtype=np.int64))
    if not ids:
        return 0
    vocab.setdefault(EMPTY_TOKEN, len(vocab))
    n_docs, n_vocab = len(ids), len(vocab)
    flat = np.concatenate(parts)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    del parts
    # document frequency: each passage's distinct tokens counted once
    doc_frequencies = np.zeros(n_vocab, dtype=np.int64)
    for start in range(0, n_docs, CHUNK_PASSAGES):
        stop = min(n_docs, start + CHUNK_PASSAGES)
        docs = np.repeat(np.arange(start, stop), lengths[start:stop])
        pairs = np.unique(docs.astype(np.int64) * n_vocab + flat[offsets[start] : offsets[stop]])
        np.add.at(doc_frequencies, pairs % n_vocab, 1)
    df = dict(enumerate(doc_frequencies.tolist()))
    idf = _build_idf_array(df, n_docs, _select_idf_scorer(model.idf_method), model.dtype)
    avg_doc_len = np.array(lengths).mean()  # as bm25s computes it, so scores match to the bit
    scores, docs_idx, vocab_idx = [], [], []
    for start in range(0, n_docs, CHUNK_PASSAGES):
        stop = min(n_docs, start + CHUNK_PASSAGES)
        chunk = [flat[offsets[i] : offsets[i + 1]].tolist() for i in range(start, stop)]
        distinct = sum(len(set(doc)) for doc in chunk)
        s, d, v = _build_scores_and_indices_for_matrix(
            corpus_token_ids=chunk, idf_array=idf, avg_doc_len=avg_doc_len,
            doc_frequencies={0: distinct}, k1=model.k1, b=model.b, delta=model.delta,
            nonoccurrence_array=None, method=model.method, dtype=model.dtype,
            int_dtype=model.int_dtype, show_progress=False,
        )  # fmt: skip
        scores.append(s)
        docs_idx.append(d + np.int32(start))
        vocab_idx.append(v)
    del flat
    data, indices, indptr = model._np_csc(
        np.concatenate(scores), np.concatenate(docs_idx), np.concatenate(vocab_idx), (n_docs, n_vocab)
    )
    out = directory / BM25_DIR
    out.mkdir()
    for name, array in zip(ARRAY_FILES, (data.astype(model.dtype), indices, indptr), strict=True):
        np.save(out / name, array)
    params = {"k1": model.k1, "b": model.b, "delta": model.delta, "method": model.method,
              "idf_method": model.idf_method, "dtype": model.dtype, "int_dtype": model.int_dtype,
              "num_docs": n_docs, "version": bm25s.__version__, "backend": model.backend}  # fmt: skip
    (out / PARAMS_FILE).write_text(json.dumps(params, indent=4), encoding="utf-8")
    conn = sqlite3.connect(out / VOCAB_DB)
    with conn:
        conn.execute("CREATE TABLE vocab (token TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID")
        conn.executemany("INSERT INTO vocab VALUES (?, ?)", vocab.items())
    conn.close()
    return n_docs


class Lexical:
    """One generation's BM25, opened for search. Read-only; safe to share between threads."""

    def __init__(self, directory: Path) -> None:
        self.ids = np.load(directory / IDS_FILE, mmap_mode="r")
        self.model: bm25s.BM25 | None = None  # only for a generation scored by another bm25s method
        self._vocab: dict[str, int] | None = None  # a JSON vocabulary (generations before vocab.sqlite)
        self._vocab_db: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # one SQLite connection, shared by the server's threads
        self.postings: Postings | None = None
        self._prunable = False
        if not len(self.ids):
            return
        path = directory / BM25_DIR
        params = json.loads((path / PARAMS_FILE).read_text(encoding="utf-8"))
        if (path / VOCAB_DB).exists():
            self._vocab_db = sqlite3.connect(
                f"file:{path / VOCAB_DB}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
        if params.get("method") == "lucene":  # what `write` writes, and bm25s's default
            data, indices, indptr = (np.load(path / name, mmap_mode="r") for name in ARRAY_FILES)
            self.postings = Postings(data, indices, indptr, int(params.get("num_docs", len(self.ids))))
            # the bounds that let a query skip postings hold for lucene scores (no constant term)
            self._prunable = True
            if self._vocab_db is None:  # written by bm25s.save before this module: read into memory
                self._vocab = json.loads((path / JSON_VOCAB).read_text(encoding="utf-8"))
            return
        import bm25s

        self.model = bm25s.BM25.load(str(path), mmap=True, load_vocab=self._vocab_db is None)
        self._vocab = None if self._vocab_db is not None else self.model.vocab_dict
        arrays = self.model.scores
        self.postings = Postings(arrays["data"], arrays["indices"], arrays["indptr"], int(arrays["num_docs"]))

    def token_ids(self, tokens: Sequence[str]) -> list[int]:
        """Ids of the tokens the index knows, in query order (repeats kept, as bm25s does)."""
        found = self._found(tokens)
        return [found[t] for t in tokens if t in found]

    def _found(self, tokens: Iterable[str]) -> dict[str, int]:
        """The ids of those of `tokens` the vocabulary has."""
        unique = list(dict.fromkeys(tokens))
        if self._vocab_db is None:
            vocab = self._vocab or {}
            return {t: vocab[t] for t in unique if t in vocab}
        found: dict[str, int] = {}
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            with self._lock:
                rows = self._vocab_db.execute(f"SELECT token, id FROM vocab WHERE token IN ({marks})", chunk)
                found.update(rows.fetchall())
        return found

    def known(self, tokens: Iterable[str]) -> set[str]:
        """Which of `tokens` the vocabulary has (`index.query_tokens` splits a query by them)."""
        return set(self._found(tokens))

    def search(self, tokens: Sequence[str], k: int) -> list[tuple[int, float]]:
        """The k passages with the best BM25 score for `tokens` (score > 0), best first."""
        if self.postings is None:
            return []
        known = self.token_ids(tokens)
        if not known:
            return []
        if self._prunable:
            hits = top_k(self.postings, np.asarray(known, dtype=np.int64), k)
        else:  # another scoring method (a generation bm25s wrote itself): bm25s's own sum
            assert self.model is not None
            hits = select(self.model.get_scores(known), k)
        return [(int(self.ids[row]), score) for row, score in hits]
