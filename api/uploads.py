"""Upload staging: each uploaded file is checked whole, then committed to the uploads folder atomically.

1. `stage` (no lock held): the file is written into this request's private `.incoming-*` folder
   inside the uploads folder (hidden, so no sync reads it) and read there with the reader a sync
   uses. A file is taken whole or refused whole: one broken record, nesting deeper than
   `max_json_depth`, a huge number, or more releases than the request may still hold
   (`max_upload_records`) refuses the file, with the reason, and nothing of it is kept. A good
   file becomes one payload per release (a JSONL or JSON-list file: one `.json` per record, so
   each can be deleted alone), named `<stem>-<sha256[:12]>.<ext>`.
2. `commit` (under the service's write lock): a payload whose content an uploaded release already
   has is not added again, so a retried upload makes no duplicate; the rest are moved into the
   uploads folder (`os.replace`) and indexed with `Indexer.sync([uploads], only=…)`. If that
   fails, the moved files are removed again.
3. `recover` (at server start): removes the `.incoming-*` folders of a killed server and indexes
   any upload file the index does not know (a server killed between move and commit), so nothing
   is orphaned and the client's retry finds its release.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.limits import json_problem
from index.models import RawDoc, Release, SkippedFile, sha256_hex
from index.settings import Settings
from index.sources import EXTENSIONS, decode_bytes, read_records
from index.store.reader import Store
from index.sync import Indexer

logger = logging.getLogger("pressqa.api")

UNSAFE = re.compile(r"[^\w.-]+")
MAX_STEM = 60
MAX_LABEL = 200
STAGING_PREFIX = ".incoming-"


def safe_name(name: str, default_ext: str = ".txt") -> tuple[str, str]:
    """(stem, extension) of an uploaded file name with no path, no odd characters, bounded length."""
    stem, dot, ext = label_of(name).rpartition(".")
    if not dot:
        stem, ext = label_of(name), default_ext.lstrip(".")
    stem = UNSAFE.sub("_", stem).strip("._-")[:MAX_STEM] or "release"
    return stem, "." + UNSAFE.sub("_", ext.lower())[:10]


def label_of(name: str) -> str:
    """How a client's file is named back to it: its base name only (never a path), bounded."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c if c.isprintable() else "?" for c in base)[:MAX_LABEL] or "upload"


@dataclass
class StagedFile:
    label: str
    payloads: list[tuple[str, bytes]]  # (file name in the uploads folder, content): one per release


@dataclass
class Staging:
    """One request's files, checked, waiting in a private folder for `commit`."""

    folder: Path
    files: list[StagedFile] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    @property
    def releases(self) -> int:
        return sum(len(f.payloads) for f in self.files)

    def skip(self, label: str, reason: str) -> None:
        self.skipped.append({"file": label, "reason": reason})

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Committed:
    hashes: list[str]  # content hash of every release the request holds, in order
    existing: set[str]  # those already indexed before this request
    generation: int | None


class Uploads:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def root(self) -> Path:
        return self.settings.uploads_dir

    def holds(self, release: Release) -> bool:
        return Path(release.root).resolve() == self.root.resolve()

    def open(self) -> Staging:
        self.root.mkdir(parents=True, exist_ok=True)
        return Staging(Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.root)))

    # --- 1. stage -----------------------------------------------------------------------------

    def stage(self, staging: Staging, name: str, data: bytes) -> None:
        """Check one uploaded file; keep its payloads in `staging`, or record why it is refused."""
        label = label_of(name)
        stem, ext = safe_name(name)
        if ext not in EXTENSIONS:
            staging.skip(label, f"unsupported file type {ext!r}; use {' '.join(sorted(EXTENSIONS))}")
            return
        try:
            payloads = self._payloads(staging, stem, ext, data)
        except Exception:  # noqa: BLE001 - one unreadable file must not take the others with it
            logger.exception("could not read uploaded file %r", label)
            payloads = "the file could not be read"
        if isinstance(payloads, str):
            staging.skip(label, payloads)
            return
        room = self.settings.max_upload_records - staging.releases
        if len(payloads) > room:
            limit = self.settings.max_upload_records
            staging.skip(label, f"holds {len(payloads)} releases; one upload may hold {limit} in all")
            return
        for filename, payload in payloads:
            _write_synced(staging.folder / filename, payload)
        staging.files.append(StagedFile(label, payloads))

    def _payloads(self, staging: Staging, stem: str, ext: str, data: bytes) -> list[tuple[str, bytes]] | str:
        """The releases of one file as (name, bytes), or why the file is refused."""
        decoded = decode_bytes(data) if data else "file is empty"
        if isinstance(decoded, str):
            return decoded
        is_json = EXTENSIONS[ext] == "json"
        if is_json and (problem := json_problem(decoded[0], self.settings.max_json_depth)):
            return problem
        probe = Path(tempfile.mkstemp(dir=staging.folder, prefix="probe-", suffix=ext)[1])
        probe.write_bytes(data)
        try:
            records = read_records(probe, staging.folder, self.settings.max_file_bytes)
        finally:
            probe.unlink(missing_ok=True)
        bad = [r for r in records if isinstance(r, SkippedFile)]
        if bad:
            reasons = "; ".join(_where(r.source) + r.reason for r in bad[:5])
            more = f" (and {len(bad) - 5} more)" if len(bad) > 5 else ""
            kept = len(records) - len(bad)
            return reasons + more + (f"; the file's {kept} good records were not kept either" if kept else "")
        docs = [r for r in records if isinstance(r, RawDoc)]
        if not any("#" in d.source for d in docs):
            return [(f"{stem}-{sha256_hex(data)[:12]}{ext}", data)]
        values = _json_values(decoded[0], ext)  # several records: one .json file per record
        out = []
        for doc in docs:
            n = int(doc.source.rsplit("#", 1)[1])
            payload = json.dumps(values[n], ensure_ascii=False).encode("utf-8")
            out.append((f"{stem}-{n}-{sha256_hex(payload)[:12]}.json", payload))
        return out

    # --- 2. commit ----------------------------------------------------------------------------

    def commit(self, staging: Staging, indexer: Indexer, store: Store | None) -> Committed:
        """Move the staged payloads in and index them; call with the write lock held."""
        root = self.root.resolve()
        hashes: list[str] = []
        existing: set[str] = set()
        moved: dict[str, list[tuple[Path, str]]] = {}
        for staged in staging.files:
            for filename, payload in staged.payloads:
                digest = sha256_hex(payload)
                if digest in hashes:
                    continue
                hashes.append(digest)
                if store is not None and store.release_with_hash(str(root), digest) is not None:
                    existing.add(digest)
                    continue
                os.replace(staging.folder / filename, root / filename)
                moved.setdefault(staged.label, []).append((root / filename, digest))
        paths = [p for group in moved.values() for p, _ in group]
        if not paths:
            return Committed(hashes, existing, store.generation if store is not None else None)
        _fsync_dir(root)
        try:
            report = indexer.sync([root], only=paths)
        except BaseException:
            for path in paths:
                path.unlink(missing_ok=True)
            raise
        refused = {s.source.split("#", 1)[0]: s.reason for s in report.skipped}
        for label, group in moved.items():  # refused by the indexer after all: drop the whole file
            reasons = [refused[p.name] for p, _ in group if p.name in refused]
            if not reasons:
                continue
            staging.skip(label, reasons[0])
            for path, _ in group:
                path.unlink(missing_ok=True)
            fresh = Store.open(self.settings.home)
            try:
                ids = [r.id for _, d in group if (r := fresh.release_with_hash(str(root), d)) is not None]
            finally:
                fresh.close()
            if ids:
                report.generation = indexer.remove(ids).generation
        return Committed(hashes, existing, report.generation)

    # --- 3. recover, delete -------------------------------------------------------------------

    def recover(self, indexer: Indexer, store: Store | None) -> dict[str, int]:
        """Clean what a killed server left: staging folders go, unindexed uploads are indexed."""
        if not self.root.is_dir():
            return {"staging_removed": 0, "finished": 0, "dropped": 0}
        root = self.root.resolve()
        stale = list(root.glob(STAGING_PREFIX + "*"))
        for folder in stale:
            shutil.rmtree(folder, ignore_errors=True)
        known = {s.split("#", 1)[0] for (r, s) in (store.release_states() if store else {}) if r == str(root)}
        orphans = [
            p for p in sorted(root.iterdir())
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in EXTENSIONS and p.name not in known
        ]  # fmt: skip
        dropped = 0
        if orphans:
            report = indexer.sync([root], only=orphans)
            for skipped in report.skipped:
                (root / skipped.source.split("#", 1)[0]).unlink(missing_ok=True)
                dropped += 1
        return {"staging_removed": len(stale), "finished": len(orphans) - dropped, "dropped": dropped}

    def delete_file(self, release: Release) -> bool:
        """Delete an uploaded release's file, so a later sync of the uploads folder does not restore it."""
        if not self.holds(release) or "#" in release.source:
            return False
        path = (self.root / release.source).resolve()
        if path.is_relative_to(self.root.resolve()) and path.is_file():
            path.unlink()
            return True
        return False


def _where(source: str) -> str:
    where = source.partition("#")[2]
    return f"record {where}: " if where else ""


def _json_values(text: str, ext: str) -> dict[int, Any]:
    """Record number (as the reader counts them) → the JSON value, for a multi-record file."""
    if ext == ".jsonl":
        return {n: json.loads(line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()}
    return dict(enumerate(json.loads(text), start=1))


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
