"""`GenerationWriter`: builds generation N+1 beside the current one, then commits it in one step.

The order of `commit` is what crash safety rests on: write and fsync every file, rename the
directory into place, and only then switch the manifest (see `index.store`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index import dense as dense_files
from index import groups
from index import lexical as lexical_files
from index.dense import DenseConfig
from index.models import Fact, Passage, Release, Sentence
from index.store import durable
from index.store.manifest import Manifest
from index.store.reader import Store
from index.store.schema import migrate
from index.tokens import TokenMode

if TYPE_CHECKING:
    from index.dedup import DedupConfig

KEEP_GENERATIONS = 2  # the current one and the one before, for readers still holding it


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
        durable.fsync_tree(self.tmp_dir)
        os.rename(self.tmp_dir, self.final_dir)
        durable.fsync_path(self.home)
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
