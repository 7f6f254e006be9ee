"""Chosen rows of a generation's exact vectors, read with `pread` instead of through a mapping.

An approximate search re-scores a few hundred candidates per query with their exact vectors, and
the answer layer scores a few dozen passages. Read through the memory-mapped `dense.faiss`, each of
those touches maps a page and, by the kernel's fault-around, up to 15 cached neighbours: after a few
hundred queries most of a 1.5 GB file (at 1M passages) counts as the server's resident memory,
for the sake of ~600 KB of vectors per query. Reading the rows with `pread` copies just those bytes
into a small array; the file's pages stay in the page cache, shared and reclaimable, and are not
mapped into the process. Ids are looked up in the file's own id list, not in faiss's reverse map
(an `unordered_map` of every id, ~40 MB at 1M passages, built when the index is read).

The layout read here is faiss's for `IndexIDMap2(IndexFlatIP|IndexFlatL2)` (fourcc, header, the
vectors as one float32 block, then the ids as int64): it is checked field by field, and `open`
returns None for anything else so that the caller falls back to faiss.
"""

from __future__ import annotations

import os
import struct
import weakref
from pathlib import Path

import numpy as np

# fourcc, d, ntotal, two unused int64, is_trained, metric type (faiss's write_index_header)
_HEADER = struct.Struct("<4siqqq?i")
_SIZE = struct.Struct("<Q")
_MAP_FOURCCS = (b"IxM2", b"IxMp")
_FLAT_FOURCCS = (b"IxFI", b"IxF2")  # inner product, L2 (metric types 0 and 1 carry no extra field)


class VectorFile:
    """Read-only rows of an exact index file by passage id. Safe to share between threads
    (`pread` takes its own offset)."""

    def __init__(self, path: Path, dim: int, offset: int, ids: np.ndarray) -> None:
        self.dim = dim
        self._offset = offset
        self._row_bytes = 4 * dim
        self.ids = ids
        self._order = None if bool(np.all(ids[1:] > ids[:-1])) else np.argsort(ids, kind="stable")
        self._sorted_ids = ids if self._order is None else ids[self._order]
        self._fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)

    @classmethod
    def open(cls, path: Path) -> VectorFile | None:
        """The file's vectors if it has the flat layout above (and the system has pread), else None."""
        if not hasattr(os, "pread"):
            return None
        with open(path, "rb") as f:
            head = f.read(2 * _HEADER.size + _SIZE.size)
            if len(head) < 2 * _HEADER.size + _SIZE.size:
                return None
            outer, inner = _HEADER.unpack_from(head, 0), _HEADER.unpack_from(head, _HEADER.size)
            if outer[0] not in _MAP_FOURCCS or inner[0] not in _FLAT_FOURCCS or inner[6] not in (0, 1):
                return None
            dim, n = inner[1], inner[2]
            if outer[1] != dim or outer[2] != n or _SIZE.unpack_from(head, 2 * _HEADER.size)[0] != n * dim:
                return None
            offset = 2 * _HEADER.size + _SIZE.size
            f.seek(offset + 4 * n * dim)
            count = f.read(_SIZE.size)
            if len(count) != _SIZE.size or _SIZE.unpack(count)[0] != n:
                return None
            ids = np.fromfile(f, dtype="<i8", count=n)
            if len(ids) != n or f.read(1):
                return None
        return cls(path, dim, offset, ids)

    @property
    def ntotal(self) -> int:
        return len(self.ids)

    def rows(self, ids: list[int]) -> np.ndarray:
        """Vectors of passage `ids`, in that order (KeyError for an id the file does not hold)."""
        wanted = np.asarray(ids, dtype=np.int64)
        if not len(wanted):
            return np.zeros((0, self.dim), dtype=np.float32)
        pos = np.searchsorted(self._sorted_ids, wanted)
        last = len(self._sorted_ids) - 1
        if last < 0 or (pos > last).any() or (self._sorted_ids[np.minimum(pos, last)] != wanted).any():
            raise KeyError("passage id not in the index")
        rows = pos if self._order is None else self._order[pos]
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        for i, row in enumerate(rows.tolist()):
            data = os.pread(self._fd, self._row_bytes, self._offset + row * self._row_bytes)
            out[i] = np.frombuffer(data, dtype="<f4")
        return out
