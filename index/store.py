"""Versioned on-disk index: SQLite metadata + FAISS vectors + BM25, one directory per generation.

The vectors (`index.dense`) and BM25 (`index.lexical`) are written and opened by their own modules,
memory-mapped, so opening a generation costs milliseconds whatever its size.

A writer builds generation N+1 beside the current one (copy of the SQLite file, FAISS index with
ids removed/added, BM25 rebuilt from stored tokens), fsyncs it, renames the directory into place
and only then replaces `manifest.json`. Readers open whatever the manifest names, so a crash at any
moment leaves the previous generation complete and serving.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np

from index import dense as dense_files
from index import groups
from index import lexical as lexical_files
from index.dense import DenseConfig, DenseIndex
from index.errors import Busy, Conflict, Unavailable, UserError
from index.lexical import Lexical
from index.models import Fact, Passage, Release, Sentence
from index.tokens import TokenMode

if TYPE_CHECKING:  # imported where used: ~0.5 s that commands reading only SQLite never pay
    import faiss

    from index.dedup import DedupConfig

SCHEMA_VERSION = 2
KEEP_GENERATIONS = 2  # the current one and the one before, for readers still holding it
# Romanized names match by prefix ("Byeolmuri Soft" → byeolmurisopeuteu): long keys, short tails.
ROMAN_PREFIX_MIN = 6
ROMAN_PREFIX_SLACK = 10
MAX_PAGE = 10_000  # rows one list query may return
MAX_OFFSET = 10_000_000  # beyond any real index; keeps offsets far inside SQLite's 64-bit integers

# Each entry upgrades the schema from version i to i+1. Never edit a shipped step: append one.
MIGRATIONS: list[list[str]] = [
    [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE roots (path TEXT PRIMARY KEY, label TEXT NOT NULL)",
        """CREATE TABLE releases (
            id TEXT PRIMARY KEY, root TEXT NOT NULL, source TEXT NOT NULL, content_hash TEXT NOT NULL,
            title TEXT, subtitles TEXT NOT NULL DEFAULT '[]', date TEXT, dateline TEXT, reporter TEXT,
            publisher TEXT, url TEXT, lang TEXT NOT NULL, text TEXT NOT NULL, added_at REAL NOT NULL,
            UNIQUE (root, source))""",
        "CREATE INDEX releases_date ON releases(date)",
        """CREATE TABLE sentences (
            release_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (release_id, idx))""",
        """CREATE TABLE passages (
            id INTEGER PRIMARY KEY, release_id TEXT NOT NULL, first_sentence INTEGER NOT NULL,
            last_sentence INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text_hash TEXT NOT NULL, tokens TEXT NOT NULL)""",
        "CREATE INDEX passages_release ON passages(release_id)",
        """CREATE TABLE facts (
            id INTEGER PRIMARY KEY AUTOINCREMENT, release_id TEXT NOT NULL, kind TEXT NOT NULL,
            fields TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            span_start INTEGER NOT NULL, span_end INTEGER NOT NULL)""",
        "CREATE INDEX facts_release ON facts(release_id)",
        "CREATE INDEX facts_kind ON facts(kind)",
        "CREATE TABLE user_words (word TEXT PRIMARY KEY)",
        "CREATE TABLE romanized (roman TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (roman, word))",
    ],
    [  # near-duplicate groups (index.dedup): signatures, LSH buckets, verified pairs, groups
        "CREATE TABLE dup_signatures (release_id TEXT PRIMARY KEY, sig BLOB NOT NULL, shingles INTEGER NOT NULL)",
        "CREATE TABLE dup_bands (band INTEGER NOT NULL, key INTEGER NOT NULL, release_id TEXT NOT NULL)",
        "CREATE INDEX dup_bands_key ON dup_bands(band, key)",
        "CREATE INDEX dup_bands_release ON dup_bands(release_id)",
        "CREATE TABLE dup_pairs (a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (a, b))",
        "CREATE INDEX dup_pairs_b ON dup_pairs(b)",
        "CREATE TABLE dup_groups (release_id TEXT PRIMARY KEY, group_id TEXT NOT NULL)",
        "CREATE INDEX dup_groups_group ON dup_groups(group_id)",
    ],
]


class StoreError(Unavailable):
    """Base for index problems a user can act on."""


class ModelMismatchError(Conflict, StoreError):
    """The index was built with another embedding model or BM25 tokenisation than configured."""


class NoIndexError(StoreError):
    def __init__(self, message: str) -> None:
        super().__init__(message, public="no index yet: upload releases (POST /releases) or sync a folder")


def check_page(limit: int | None, offset: int) -> None:
    """Bounds for list queries, so no caller can hand SQLite an out-of-range integer."""
    if limit is not None and not 0 <= limit <= MAX_PAGE:
        raise UserError(f"limit must be between 0 and {MAX_PAGE}")
    if not 0 <= offset <= MAX_OFFSET:
        raise UserError(f"offset must be between 0 and {MAX_OFFSET}")


def migrate(conn: sqlite3.Connection) -> None:
    """Bring a metadata database up to SCHEMA_VERSION, one recorded step at a time."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"index schema {version} is newer than this pressqa ({SCHEMA_VERSION}); upgrade")
    for step in range(version, SCHEMA_VERSION):
        with conn:
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step + 1}")


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    for child in path.rglob("*"):
        if child.is_file():
            _fsync_path(child)
    _fsync_path(path)


@dataclass(frozen=True)
class Manifest:
    generation: int
    dir: str
    model_id: str
    dim: int
    created_at: float

    @classmethod
    def read(cls, home: Path) -> Manifest | None:
        path = home / "manifest.json"
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: data[k] for k in ("generation", "dir", "model_id", "dim", "created_at")})

    def write(self, home: Path) -> None:
        tmp = home / "manifest.json.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.__dict__, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, home / "manifest.json")
        _fsync_path(home)


@dataclass(frozen=True)
class GroupMember:
    """One release of a story group (the canonical one first when listed)."""

    release_id: str
    source: str
    title: str | None
    date: str | None
    publisher: str | None
    canonical: bool

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PassageRow:
    """A stored passage joined with what a citation needs from its release."""

    id: int
    release_id: str
    start: int
    end: int
    text: str
    source: str
    title: str | None
    date: str | None
    publisher: str | None
    lang: str


def _row_to_release(row: sqlite3.Row, with_text: bool = True) -> Release:
    return Release(
        id=row["id"],
        root=row["root"],
        source=row["source"],
        content_hash=row["content_hash"],
        text=row["text"] if with_text else "",
        title=row["title"],
        subtitles=json.loads(row["subtitles"]),
        date=row["date"],
        dateline=row["dateline"],
        reporter=row["reporter"],
        publisher=row["publisher"],
        url=row["url"],
        lang=row["lang"],
    )


def _row_to_fact(row: sqlite3.Row) -> Fact:
    return Fact(
        kind=row["kind"],
        fields=json.loads(row["fields"]),
        start=row["start"],
        end=row["end"],
        span_start=row["span_start"],
        span_end=row["span_end"],
        release_id=row["release_id"],
    )


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
        return _row_to_release(rows[0]) if rows else None

    def find_release(self, key: str) -> Release | None:
        """By id, id prefix or source path: what a user is likely to type."""
        rows = self._query(
            "SELECT * FROM releases WHERE id = ? OR source = ? OR id LIKE ? ORDER BY id LIMIT 2",
            (key, key, key + "%"),
        )
        return _row_to_release(rows[0]) if len(rows) == 1 or (rows and rows[0]["id"] == key) else None

    def release_with_hash(self, root: str, content_hash: str) -> Release | None:
        """The release of `root` whose file has this content hash (an upload seen before), if any."""
        rows = self._query(
            "SELECT * FROM releases WHERE root = ? AND content_hash = ? ORDER BY id LIMIT 1",
            (root, content_hash),
        )
        return _row_to_release(rows[0], with_text=False) if rows else None

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
        return total, [_row_to_release(r, with_text=False) for r in rows]

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
        return [_row_to_fact(r) for r in rows]

    def facts_where(self, where: str, params: Sequence) -> list[Fact]:
        """Facts joined with their release (`f.`, `r.` columns) under a caller-built condition."""
        rows = self._query(
            f"SELECT f.* FROM facts f JOIN releases r ON r.id = f.release_id WHERE {where}"
            " ORDER BY r.date, f.release_id, f.start, f.id",
            params,
        )
        return [_row_to_fact(r) for r in rows]

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


class WriterLock:
    """One writer per index home, across threads and processes (flock on a lock file)."""

    def __init__(self, home: Path, timeout: float = 600.0) -> None:
        """`timeout`: seconds to wait for another writer before giving up with `Busy`."""
        self.path = home / "writer.lock"
        self.timeout = timeout
        self._fh = None

    def __enter__(self) -> WriterLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "a+")  # noqa: SIM115 - held for the lock's lifetime
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self._fh.close()
                    raise Busy(
                        f"another pressqa process is writing {self.path.parent}; try again shortly",
                        public="another writer is updating the index; try again shortly",
                        retry_after=5.0,
                    ) from None
                time.sleep(0.05)

    def __exit__(self, *exc: object) -> None:
        assert self._fh is not None
        fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        self._fh.close()


class GenerationWriter:
    """Builds the next generation from the current one; nothing is visible until `commit`."""

    def __init__(
        self,
        home: Path,
        model_id: str,
        dim: int,
        base: Store | None,
        fresh: bool = False,
        token_mode: TokenMode = "both",
        dense: DenseConfig | None = None,
    ) -> None:
        self.home = home
        self.model_id = model_id
        self.dim = dim
        self.dense_config = dense or DenseConfig()
        home.mkdir(parents=True, exist_ok=True)
        self._clean_stale_dirs()
        previous = Manifest.read(home)
        self.generation = (previous.generation if previous else 0) + 1
        self.final_dir = home / f"gen-{self.generation:06d}"
        self.tmp_dir = home / f"gen-{self.generation:06d}.tmp-{os.getpid()}"
        if self.final_dir.exists():
            shutil.rmtree(self.final_dir)  # left by a crash after rename, before the manifest switch
        self.tmp_dir.mkdir()
        self.conn = sqlite3.connect(self.tmp_dir / "meta.sqlite")
        self.conn.row_factory = sqlite3.Row
        self._base_path = base.path if base is not None and not fresh else None
        if base is not None and not fresh:
            base.check_model(model_id, dim)
            base.check_tokens(token_mode)
            with base._lock:
                base._conn.backup(self.conn)
            self.dense = dense_files.read_exact_copy(base.path)  # in memory: the base stays as it is
        else:
            self.dense = dense_files.empty_exact(dim)
        self.conn.execute("PRAGMA journal_mode=DELETE")
        migrate(self.conn)
        self._set_meta("model_id", model_id)
        self._set_meta("dim", str(dim))
        self._set_meta("bm25_tokens", token_mode)
        self.conn.commit()

    def _clean_stale_dirs(self) -> None:
        for path in self.home.glob("gen-*.tmp-*"):
            shutil.rmtree(path, ignore_errors=True)

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _next_passage_id(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'next_passage_id'").fetchone()
        return int(row[0]) if row else 1

    def add_root(self, path: str, label: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO roots VALUES (?, ?)", (path, label))

    def remove_release(self, release_id: str) -> None:
        ids = [r[0] for r in self.conn.execute("SELECT id FROM passages WHERE release_id = ?", (release_id,))]
        if ids:
            self.dense.remove_ids(np.asarray(ids, dtype=np.int64))
        for table, column in (("passages", "release_id"), ("sentences", "release_id"),
                              ("facts", "release_id"), ("releases", "id")):  # fmt: skip
            self.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (release_id,))
        groups.forget(self.conn, release_id)

    def regroup(self, config: DedupConfig | None) -> groups.RegroupReport:
        """Bring the story groups up to date with the releases now stored (None: no grouping)."""
        return groups.regroup(self.conn, config)

    def add_release(
        self,
        release: Release,
        sentences: Sequence[Sentence],
        passages: Sequence[Passage],
        tokens: Sequence[Sequence[str]],
        vectors: np.ndarray,
        facts: Sequence[Fact],
    ) -> None:
        """Store one release with everything derived from it; passage ids are assigned here."""
        self.conn.execute(
            "INSERT INTO releases VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (release.id, release.root, release.source, release.content_hash, release.title,
             json.dumps(release.subtitles, ensure_ascii=False), release.date, release.dateline,
             release.reporter, release.publisher, release.url, release.lang, release.text, time.time()),
        )  # fmt: skip
        self.conn.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?)", [(release.id, s.idx, s.start, s.end) for s in sentences]
        )
        next_id = self._next_passage_id()
        ids = np.arange(next_id, next_id + len(passages), dtype=np.int64)
        for pid, passage in zip(ids, passages, strict=True):
            passage.id = int(pid)
        self.conn.executemany(
            "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?)",
            [(p.id, release.id, p.first_sentence, p.last_sentence, p.start, p.end, p.text_hash, " ".join(t))
             for p, t in zip(passages, tokens, strict=True)],
        )  # fmt: skip
        self._set_meta("next_passage_id", str(next_id + len(passages)))
        if len(passages):
            self.dense.add_with_ids(np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim), ids)
        self._insert_facts(release.id, facts)

    def replace_facts(self, release_id: str, facts: Sequence[Fact]) -> None:
        """New facts for an unchanged release, when the extractors changed (no re-embedding)."""
        self.conn.execute("DELETE FROM facts WHERE release_id = ?", (release_id,))
        self._insert_facts(release_id, facts)

    def set_extractors(self, version: str) -> None:
        self._set_meta("extractors", version)

    def _insert_facts(self, release_id: str, facts: Sequence[Fact]) -> None:
        self.conn.executemany(
            "INSERT INTO facts (release_id, kind, fields, start, \"end\", span_start, span_end)"
            " VALUES (?,?,?,?,?,?,?)",
            [(release_id, f.kind, json.dumps(f.fields, ensure_ascii=False), f.start, f.end,
              f.span_start, f.span_end) for f in facts],
        )  # fmt: skip

    def add_romanized(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO romanized VALUES (?, ?)", list(pairs))

    def add_user_words(self, words: Iterable[str]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO user_words VALUES (?)", [(w,) for w in words])

    def _iter_tokens(self) -> Iterator[tuple[int, list[str]]]:
        for pid, tokens in self.conn.execute("SELECT id, tokens FROM passages ORDER BY id"):
            yield pid, tokens.split(" ") if tokens else []

    def commit(self) -> Manifest:
        """Write, fsync, move into place, then switch the manifest: the one visible step."""
        self._set_meta("generation", str(self.generation))
        self.conn.commit()
        lexical_files.write(self.tmp_dir, self._iter_tokens())
        dense_files.write(self.tmp_dir, self.dense, self.dense_config, self._base_path)
        self.conn.close()
        _fsync_tree(self.tmp_dir)
        os.rename(self.tmp_dir, self.final_dir)
        _fsync_path(self.home)
        manifest = Manifest(self.generation, self.final_dir.name, self.model_id, self.dim, time.time())
        manifest.write(self.home)
        self._prune()
        return manifest

    def abort(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        shutil.rmtree(self.tmp_dir, ignore_errors=True)

    def _prune(self) -> None:
        gens = sorted(p for p in self.home.glob("gen-*") if p.is_dir() and ".tmp-" not in p.name)
        for old in gens[:-KEEP_GENERATIONS]:
            shutil.rmtree(old, ignore_errors=True)
