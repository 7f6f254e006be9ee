"""Bring the index in line with folders of releases: add new, re-index changed, drop removed.

Content hashes decide what changed; passage vectors come from the embedding cache by text hash,
so an unchanged passage is never embedded twice, even inside a changed release. Every sync writes
a new generation (see `index.store`), so a crash mid-sync leaves the previous index serving.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.dense import DenseConfig
from index.derive import EXTRACTORS_VERSION, derive_facts
from index.embed import Embedder, EmbeddingCache, load_embedder
from index.leftovers import clean_leftovers
from index.models import RawDoc, Release, SkippedFile, sha256_hex
from index.prepare import PreparedRelease, prepare_releases
from index.scan import scan_folders
from index.settings import Settings
from index.sources import ReadLimits
from index.store.errors import ModelMismatchError, NoIndexError
from index.store.lock import WriterLock
from index.store.reader import Store
from index.store.writer import GenerationWriter

# Cleaning, facts, passages and tokens are imported where a release is prepared (~0.4 s with
# tqdm): a sync that finds nothing changed never needs them.

CHUNK_RELEASES = 64  # releases prepared and embedded together: bounded memory, full batches


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[SkippedFile] = field(default_factory=list)  # indexed, with a caveat (bytes replaced)
    cleaned: list[str] = field(default_factory=list)  # crash leftovers removed from the index home
    passages_embedded: int = 0
    passages_reused: int = 0
    refreshed: int = 0  # kept releases whose facts were re-extracted (the extractors changed)
    groups: int = 0  # story groups of near-duplicate releases after the sync
    group_seconds: float = 0.0  # time spent signing, verifying and regrouping
    generation: int | None = None
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def as_dict(self) -> dict:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "warnings": [{"source": w.source, "reason": w.reason} for w in self.warnings],
            "cleaned": self.cleaned,
            "passages_embedded": self.passages_embedded,
            "passages_reused": self.passages_reused,
            "refreshed": self.refreshed,
            "groups": self.groups,
            "group_seconds": round(self.group_seconds, 3),
            "generation": self.generation,
            "seconds": round(self.seconds, 2),
        }


class Indexer:
    """Owns the embedder and cache; runs syncs, builds and removals as single generations."""

    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, lock_timeout: float = 600.0
    ) -> None:
        """`lock_timeout`: how long to wait for another writer (the HTTP service waits seconds)."""
        self.settings = settings
        self._embedder = embedder
        self.lock_timeout = lock_timeout

    @property
    def embedder(self) -> Embedder:
        """Loaded on first use: a sync that embeds nothing never pays for the model."""
        if self._embedder is None:
            self._embedder = load_embedder(self.settings.model, self.settings.threads)
        return self._embedder

    @property
    def model_id(self) -> str:
        """The configured model's id, known without loading it (the index records id and dim)."""
        return self._embedder.model_id if self._embedder is not None else self.settings.model

    def _open_base(self) -> Store | None:
        try:
            return Store.open(self.settings.home)
        except NoIndexError:
            return None

    def sync(
        self,
        roots: Sequence[Path],
        full: bool = False,
        only: Sequence[Path] | None = None,
        progress: bool = False,
    ) -> SyncReport:
        """Sync `roots` (all files, or just `only` inside them); `full` rebuilds from nothing."""
        started = time.monotonic()
        report = SyncReport()
        roots = [Path(r).resolve() for r in roots]
        for root in roots:
            if not root.is_dir():
                raise FileNotFoundError(f"not a folder: {root}")
        with WriterLock(self.settings.home, self.lock_timeout):
            report.cleaned = clean_leftovers(self.settings.home, locked=True)
            base = None if full else self._open_base()
            if base is not None:
                base.check_model(self.model_id, self._embedder.dim if self._embedder else None)
            states = base.release_states() if base else {}
            taken_ids = {rid: key for key, (rid, _) in states.items()}
            scan = scan_folders(roots, only, ReadLimits.of(self.settings))
            report.skipped, report.warnings = scan.skipped, scan.warnings
            todo: list[tuple[RawDoc, str | None]] = []
            for raw in scan.docs:
                key = (str(raw.root), raw.source)
                old = states.get(key)
                if old and old[1] == raw.content_hash:
                    report.unchanged += 1
                    continue
                todo.append((raw, old[0] if old else None))
            gone = scan.gone(states, roots, only)
            stale = base is not None and base.extractors != EXTRACTORS_VERSION
            dedup = self.settings.dedup_config
            regroup = base is not None and base.dedup_version != (dedup.version if dedup else "off")
            if not todo and not gone and not stale and not regroup and base is not None:
                report.generation = base.generation
                report.groups = base.group_count()
                report.seconds = time.monotonic() - started
                return report
            writer = GenerationWriter(
                self.settings.home,
                self.model_id,
                base.dim if base is not None else self.embedder.dim,
                base,
                fresh=full,
                token_mode=self.settings.bm25_tokens,
                dense=DenseConfig.from_settings(self.settings),
            )
            try:
                for root in roots:
                    writer.add_root(str(root), root.name)
                for rid in gone:
                    writer.remove_release(rid)
                    report.removed.append(rid)
                if stale and base is not None:
                    report.refreshed = self._refresh_facts(
                        base, writer, skip=set(gone) | {old for _, old in todo if old is not None}
                    )
                self._add(writer, todo, taken_ids, report, progress)
                writer.set_extractors(EXTRACTORS_VERSION)
                self._regroup(writer, report)
                report.generation = writer.commit().generation
            except BaseException:
                writer.abort()
                raise
            finally:
                if base is not None:
                    base.close()
        report.seconds = time.monotonic() - started
        return report

    def remove(self, release_ids: Iterable[str]) -> SyncReport:
        """Drop releases by id (the files stay where they are)."""
        report = SyncReport()
        with WriterLock(self.settings.home, self.lock_timeout):
            report.cleaned = clean_leftovers(self.settings.home, locked=True)
            base = Store.open(self.settings.home)
            try:
                known = [rid for rid in release_ids if base.release(rid) is not None]
                if not known:
                    report.generation = base.generation
                    return report
                writer = GenerationWriter(
                    self.settings.home,
                    base.model_id,
                    base.dim,
                    base,
                    token_mode=base.token_mode,
                    dense=DenseConfig.from_settings(self.settings),
                )
                try:
                    for rid in known:
                        writer.remove_release(rid)
                        report.removed.append(rid)
                    self._regroup(writer, report)
                    report.generation = writer.commit().generation
                except BaseException:
                    writer.abort()
                    raise
            finally:
                base.close()
        return report

    def _regroup(self, writer: GenerationWriter, report: SyncReport) -> None:
        grouped = writer.regroup(self.settings.dedup_config)
        report.groups, report.group_seconds = grouped.groups, grouped.seconds

    @staticmethod
    def _refresh_facts(base: Store, writer: GenerationWriter, skip: set[str]) -> int:
        """Re-extract the facts of releases kept as they are, after the extractors changed."""
        count = 0
        for rid in base.release_ids():
            release = base.release(rid)
            if rid in skip or release is None:
                continue
            writer.replace_facts(rid, derive_facts(release, base.sentences(rid)))
            count += 1
        return count

    def _add(
        self,
        writer: GenerationWriter,
        todo: list[tuple[RawDoc, str | None]],
        taken_ids: dict[str, tuple[str, str]],
        report: SyncReport,
        progress: bool,
    ) -> None:
        from tqdm import tqdm

        from index.clean import clean_release
        from index.facts import names_for_tokenizer

        cache = EmbeddingCache(self.settings.cache_path)
        bar = tqdm(total=len(todo), desc="indexing", unit="release", disable=not progress, file=sys.stderr)
        try:
            for i in range(0, len(todo), CHUNK_RELEASES):
                chunk = todo[i : i + CHUNK_RELEASES]
                releases = []
                for raw, old_id in chunk:
                    release = clean_release(raw)
                    release.id = self._unique_id(release, old_id, taken_ids)
                    releases.append(release)
                prepared = prepare_releases(releases, self.settings)
                vectors = self._vectors(prepared, cache, report, writer.dim)
                for prep, (_, old_id) in zip(prepared, chunk, strict=True):
                    if old_id is not None:
                        writer.remove_release(old_id)
                        report.updated.append(prep.release.id)
                    else:
                        report.added.append(prep.release.id)
                    writer.add_release(
                        prep.release,
                        prep.sentences,
                        prep.passages,
                        prep.tokens,
                        np.stack([vectors[sha256_hex(t)] for t in prep.embed_inputs])
                        if prep.passages
                        else np.zeros((0, writer.dim), dtype=np.float32),
                        prep.facts,
                    )
                    writer.add_user_words(names_for_tokenizer(prep.facts))
                    writer.add_romanized(prep.romanized)
                    bar.update(1)
        finally:
            bar.close()
            cache.close()

    @staticmethod
    def _unique_id(release: Release, old_id: str | None, taken: dict[str, tuple[str, str]]) -> str:
        """Keep the natural id unless another file already owns it (same folder name and path)."""
        key = (release.root, release.source)
        rid = old_id or release.id
        if rid in taken and taken[rid] != key:
            rid = hashlib.sha1(f"{release.root}/{release.source}".encode()).hexdigest()[:16]
        taken[rid] = key
        return rid

    def _vectors(
        self, prepared: Sequence[PreparedRelease], cache: EmbeddingCache, report: SyncReport, dim: int
    ) -> dict[str, np.ndarray]:
        """Cached vectors first; the model is loaded only if some passage is new."""
        texts = {sha256_hex(t): t for p in prepared for t in p.embed_inputs}
        model_id = self.model_id
        found = cache.get_many(model_id, list(texts), dim)
        missing = [h for h in texts if h not in found]
        report.passages_reused += len(texts) - len(missing)
        if missing:
            if self.embedder.dim != dim:
                raise ModelMismatchError(
                    f"the index at {self.settings.home} has {dim}-d vectors but {model_id!r} makes "
                    f"{self.embedder.dim}-d ones. Rebuild it with `pressqa index build DIR…`."
                )
            new = self.embedder.encode_passages([texts[h] for h in missing], self.settings.batch_size)
            fresh = dict(zip(missing, new, strict=True))
            cache.put_many(model_id, fresh)
            found.update(fresh)
            report.passages_embedded += len(missing)
        return found
