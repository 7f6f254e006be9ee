"""`Store`: a read-only view of one committed generation (SQLite metadata, vectors and BM25)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np

from index.dense import DenseIndex
from index.lexical import Lexical
from index.models import Fact, Release, Sentence
from index.store.errors import ModelMismatchError, NoIndexError
from index.store.manifest import Manifest
from index.store.rows import GroupMember, PassageRow, check_page, row_to_fact, row_to_release
from index.tokens import TokenMode

if TYPE_CHECKING:  # imported where used: ~0.5 s that commands reading only SQLite never pay
    import faiss

# Romanized names match by prefix ("Byeolmuri Soft" → byeolmurisopeuteu): long keys, short tails.
ROMAN_PREFIX_MIN = 6
ROMAN_PREFIX_SLACK = 10


class Store:
    """A read-only view of one committed generation. Safe to share between threads."""

    def __init__(self, home: Path, manifest: Manifest) -> None:
        self.home = home
        self.manifest = manifest
        self.path = home / manifest.dir
        self._conn = sqlite3.connect(
            f"file:{self.path / 'meta.sqlite'}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.Lock()

    # The search structures are opened (memory-mapped) on first use: a no-op sync, `status` or
    # `show` needs SQLite only.
    @cached_property
    def vectors(self) -> DenseIndex:
        return DenseIndex.open(self.path)

    @property
    def dense(self) -> faiss.Index:
        """The exact index of every vector (what the next generation starts from)."""
        return self.vectors.exact

    @cached_property
    def lexical(self) -> Lexical:
        return Lexical(self.path)

    @classmethod
    def open(cls, home: Path) -> Store:
        manifest = Manifest.read(home)
        if manifest is None:
            raise NoIndexError(f"no index at {home}: run `pressqa index sync DIR` first")
        return cls(home, manifest)

    @property
    def generation(self) -> int:
        return self.manifest.generation

    @property
    def model_id(self) -> str:
        return self.manifest.model_id

    @property
    def dim(self) -> int:
        return self.manifest.dim

    @cached_property  # a generation never changes: read it once, not on every query
    def token_mode(self) -> TokenMode:
        """How BM25 tokens were made at build time: queries must be tokenised the same way."""
        rows = self._query("SELECT value FROM meta WHERE key = 'bm25_tokens'")
        return cast(TokenMode, rows[0]["value"]) if rows else "both"  # indexes from before it was recorded

    @cached_property
    def extractors(self) -> str | None:
        """Version of the fact and mention extractors the stored facts came from."""
        rows = self._query("SELECT value FROM meta WHERE key = 'extractors'")
        return rows[0]["value"] if rows else None

    @cached_property
    def dedup_version(self) -> str | None:
        """Parameters the story groups were made with (None: an index from before groups)."""
        if not self._has_groups:
            return None
        rows = self._query("SELECT value FROM meta WHERE key = 'dedup'")
        return rows[0]["value"] if rows else None

    @cached_property
    def _has_groups(self) -> bool:
        return bool(self._query("SELECT 1 FROM sqlite_master WHERE name = 'dup_groups'"))

    def group_ids(self, release_ids: Iterable[str]) -> dict[str, str]:
        """Story group id (its canonical release) of each release that has copies elsewhere."""
        ids = list(dict.fromkeys(release_ids))
        if not ids or not self._has_groups:
            return {}
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self._query(
                f"SELECT release_id, group_id FROM dup_groups WHERE release_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            out.update({r["release_id"]: r["group_id"] for r in rows})
        return out

    def group_members(self, group_ids: Iterable[str]) -> dict[str, list[GroupMember]]:
        """The releases of each group, canonical first, then by date and source."""
        ids = list(dict.fromkeys(group_ids))
        if not ids or not self._has_groups:
            return {}
        rows = self._query(
            "SELECT g.group_id, r.id, r.source, r.title, r.date, r.publisher FROM dup_groups g"
            f" JOIN releases r ON r.id = g.release_id WHERE g.group_id IN ({','.join('?' * len(ids))})"
            " ORDER BY g.group_id, r.id != g.group_id, r.date, r.source",
            ids,
        )
        out: dict[str, list[GroupMember]] = {}
        for r in rows:
            member = GroupMember(
                r["id"], r["source"], r["title"], r["date"], r["publisher"], r["id"] == r["group_id"]
            )
            out.setdefault(r["group_id"], []).append(member)
        return out

    def group_count(self) -> int:
        """How many stories have copies from other outlets."""
        if not self._has_groups:
            return 0
        return self._query("SELECT COUNT(DISTINCT group_id) FROM dup_groups")[0][0]

    def group_of(self, release_id: str) -> list[GroupMember]:
        """All releases telling the same story as `release_id` (itself included); [] when alone."""
        gid = self.group_ids([release_id]).get(release_id)
        return self.group_members([gid]).get(gid, []) if gid else []

    def release_ids(self) -> list[str]:
        return [r["id"] for r in self._query("SELECT id FROM releases ORDER BY id")]

    def check_tokens(self, token_mode: TokenMode) -> None:
        if token_mode != self.token_mode:
            advice = "Rebuild it with `pressqa index build DIR…`, or set PRESSQA_BM25_TOKENS back."
            what = f"has {self.token_mode!r} BM25 tokens but {token_mode!r} are configured. {advice}"
            raise ModelMismatchError(f"the index at {self.home} {what}", public=f"the index {what}")

    def check_model(self, model_id: str, dim: int | None = None) -> None:
        """Vectors from different models are not comparable: refuse rather than return nonsense."""
        if model_id != self.model_id or (dim is not None and dim != self.dim):
            what = (
                f"was built with model {self.model_id!r} (dim {self.dim}) but the configured model is "
                f"{model_id!r}" + (f" (dim {dim})" if dim else "")
                + ". Rebuild it with `pressqa index build DIR… --model ...`, or set PRESSQA_MODEL back."
            )  # fmt: skip
            raise ModelMismatchError(f"the index at {self.home} {what}", public=f"the index {what}")

    def close(self) -> None:
        self._conn.close()

    def _query(self, sql: str, params: Sequence = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # --- reads -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("releases", "passages", "facts"):
            out[table] = self._query(f"SELECT COUNT(*) FROM {table}")[0][0]
        return out

    def roots(self) -> list[str]:
        return [r["path"] for r in self._query("SELECT path FROM roots ORDER BY path")]

    def user_words(self) -> list[str]:
        return [r["word"] for r in self._query("SELECT word FROM user_words")]

    def hangul_for(self, romanized: Sequence[str]) -> list[str]:
        """Hangul names whose romanization is one of `romanized` (see `index.romanize`)."""
        if not romanized:
            return []
        marks = ",".join("?" * len(romanized))
        rows = self._query(f"SELECT DISTINCT word FROM romanized WHERE roman IN ({marks})", list(romanized))
        words = [r["word"] for r in rows]
        for key in romanized:  # "Byeolmuri Soft" → 별무리소프트 (byeolmurisopeuteu): a long enough prefix
            if len(key) >= ROMAN_PREFIX_MIN:
                rows = self._query(
                    "SELECT DISTINCT word FROM romanized WHERE roman > ? AND roman < ? AND length(roman) <= ?",
                    (key, key + "{", len(key) + ROMAN_PREFIX_SLACK),
                )
                words.extend(r["word"] for r in rows if r["word"] not in words)
        return words

    def release(self, release_id: str) -> Release | None:
        rows = self._query("SELECT * FROM releases WHERE id = ?", (release_id,))
        return row_to_release(rows[0]) if rows else None

    def find_release(self, key: str) -> Release | None:
        """By id, id prefix or source path: what a user is likely to type."""
        rows = self._query(
            "SELECT * FROM releases WHERE id = ? OR source = ? OR id LIKE ? ORDER BY id LIMIT 2",
            (key, key, key + "%"),
        )
        return row_to_release(rows[0]) if len(rows) == 1 or (rows and rows[0]["id"] == key) else None

    def release_with_hash(self, root: str, content_hash: str) -> Release | None:
        """The release of `root` whose file has this content hash (an upload seen before), if any."""
        rows = self._query(
            "SELECT * FROM releases WHERE root = ? AND content_hash = ? ORDER BY id LIMIT 1",
            (root, content_hash),
        )
        return row_to_release(rows[0], with_text=False) if rows else None

    def release_states(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(root, source) → (id, content_hash) for every stored release."""
        rows = self._query("SELECT root, source, id, content_hash FROM releases")
        return {(r["root"], r["source"]): (r["id"], r["content_hash"]) for r in rows}

    def list_releases(
        self,
        offset: int = 0,
        limit: int = 50,
        date_from: str | None = None,
        date_to: str | None = None,
        publisher: str | None = None,
    ) -> tuple[int, list[Release]]:
        check_page(limit, offset)
        where, params = self._filters(date_from, date_to, publisher)
        total = self._query(f"SELECT COUNT(*) FROM releases {where}", params)[0][0]
        rows = self._query(
            f"SELECT * FROM releases {where} ORDER BY date DESC, source LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return total, [row_to_release(r, with_text=False) for r in rows]

    @staticmethod
    def _filters(date_from: str | None, date_to: str | None, publisher: str | None) -> tuple[str, list]:
        clauses, params = [], []
        if date_from:
            clauses.append("date >= ?")
            params.append(date_from)
        if date_to:
            clauses.append("date <= ?")
            params.append(date_to)
        if publisher:
            clauses.append("publisher = ?")
            params.append(publisher)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def release_ids_matching(
        self, date_from: str | None, date_to: str | None, publisher: str | None
    ) -> set[str]:
        where, params = self._filters(date_from, date_to, publisher)
        return {r["id"] for r in self._query(f"SELECT id FROM releases {where}", params)}

    def sentences(self, release_id: str) -> list[Sentence]:
        rows = self._query(
            'SELECT idx, start, "end" FROM sentences WHERE release_id = ? ORDER BY idx', (release_id,)
        )
        return [Sentence(r["idx"], r["start"], r["end"]) for r in rows]

    def passages(self, ids: Iterable[int]) -> dict[int, PassageRow]:
        ids = [int(i) for i in ids]
        out: dict[int, PassageRow] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._query(
                'SELECT p.id, p.release_id, p.start, p."end", r.source, r.title, r.date, r.publisher,'
                f' r.lang, substr(r.text, p.start + 1, p."end" - p.start) AS text FROM passages p'
                f" JOIN releases r ON r.id = p.release_id WHERE p.id IN ({marks})",
                chunk,
            )
            for r in rows:
                out[r["id"]] = PassageRow(**dict(r))
        return out

    def release_passage_ids(self, release_id: str) -> list[int]:
        rows = self._query("SELECT id FROM passages WHERE release_id = ? ORDER BY start", (release_id,))
        return [r["id"] for r in rows]

    def facts(
        self,
        release_ids: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Fact]:
        clauses, params = [], []
        if release_ids is not None:
            ids = list(release_ids)
            if not ids:
                return []
            clauses.append(f"release_id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        if kinds is not None:
            kinds = list(kinds)
            clauses.append(f"kind IN ({','.join('?' * len(kinds))})")
            params.extend(kinds)
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        check_page(limit, offset)
        tail = ""
        if limit is not None or offset:
            tail = " LIMIT ? OFFSET ?"
            params.extend([-1 if limit is None else limit, offset])
        rows = self._query(f"SELECT * FROM facts {where} ORDER BY release_id, start, id{tail}", params)
        return [row_to_fact(r) for r in rows]

    def facts_where(self, where: str, params: Sequence) -> list[Fact]:
        """Facts joined with their release (`f.`, `r.` columns) under a caller-built condition."""
        rows = self._query(
            f"SELECT f.* FROM facts f JOIN releases r ON r.id = f.release_id WHERE {where}"
            " ORDER BY r.date, f.release_id, f.start, f.id",
            params,
        )
        return [row_to_fact(r) for r in rows]

    # --- search ----------------------------------------------------------------------------

    def dense_search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        return self.vectors.search(vector, k)

    def dense_scores(self, vector: np.ndarray, ids: Iterable[int]) -> dict[int, float]:
        """Similarity of the query to chosen passages (any passage, not only the top k)."""
        return self.vectors.scores(vector, list(ids))

    def passage_spans(self, release_id: str) -> list[tuple[int, int, int]]:
        """(id, start, end) of a release's passages, in text order."""
        rows = self._query(
            'SELECT id, start, "end" FROM passages WHERE release_id = ? ORDER BY start', (release_id,)
        )
        return [(r["id"], r["start"], r["end"]) for r in rows]

    def bm25_search(self, tokens: Sequence[str], k: int) -> list[tuple[int, float]]:
        return self.lexical.search(tokens, k)

    def bm25_known(self, tokens: Iterable[str]) -> set[str]:
        """Which of `tokens` the BM25 vocabulary has."""
        return self.lexical.known(tokens)
