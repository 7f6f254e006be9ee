"""What a killed writer leaves in an index home, found and removed.

A sync killed at any moment leaves the previous generation serving (see `index.store`), but it can
leave debris: its half-written `gen-N.tmp-PID` folder, a `gen-N` renamed into place whose manifest
switch never came, `manifest.json.tmp`, old generations the prune never reached, and the embedding
cache's WAL files. Under the writer lock every writer but the caller is dead, so all of it goes;
without the lock (`index status` while a sync runs) only folders of writers whose process is gone
are removed. Every sync and `index status` calls this, even when nothing else changes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
from pathlib import Path

from index.errors import Busy
from index.store.errors import StoreError
from index.store.lock import WriterLock
from index.store.writer import KEEP_GENERATIONS

TMP_GENERATION = re.compile(r"^gen-(\d+)\.tmp-(\d+)$")
GENERATION = re.compile(r"^gen-(\d+)$")
MANIFEST = "manifest.json"
CACHE = "embeddings.sqlite"


def clean_leftovers(home: Path, locked: bool) -> list[str]:
    """Remove what dead writers left in `home`; returns the names removed, for the report.

    `locked`: the caller holds the writer lock, so no other writer can be alive.
    """
    if not home.is_dir():
        return []
    removed = [name for name in _dead_tmp_generations(home, locked) if _remove(home / name)]
    if locked:
        removed += [name for name in _orphan_generations(home) if _remove(home / name)]
        if (home / f"{MANIFEST}.tmp").exists() and _remove(home / f"{MANIFEST}.tmp"):
            removed.append(f"{MANIFEST}.tmp")
        removed += _checkpoint_cache(home / CACHE)
    return removed


def clean_leftovers_unlocked(home: Path) -> list[str]:
    """For readers: everything when the writer lock is free, else only dead writers' folders."""
    if not home.is_dir():
        return []
    try:
        with WriterLock(home, timeout=0):
            return clean_leftovers(home, locked=True)
    except (Busy, StoreError):  # a live sync holds the lock: leave its work alone
        return clean_leftovers(home, locked=False)


def _dead_tmp_generations(home: Path, locked: bool) -> list[str]:
    names = []
    for entry in sorted(home.iterdir()):
        m = TMP_GENERATION.match(entry.name)
        if m and (locked or not _alive(int(m.group(2)))):
            names.append(entry.name)
    return names


def _orphan_generations(home: Path) -> list[str]:
    """`gen-N` folders no manifest will ever name: newer than the current generation (renamed,
    then killed before the switch), or older than the ones kept for readers (killed before the prune).
    Without a manifest every generation is an orphan; an unreadable manifest removes nothing."""
    gens = {int(m.group(1)): e.name for e in home.iterdir() if (m := GENERATION.match(e.name)) and e.is_dir()}
    manifest = home / MANIFEST
    if not manifest.exists():
        return sorted(gens.values())
    try:
        current = int(json.loads(manifest.read_text(encoding="utf-8"))["generation"])
    except (OSError, ValueError, KeyError, TypeError):
        return []
    kept = sorted(n for n in gens if n <= current)[-KEEP_GENERATIONS:]
    if current not in kept:  # the manifest names a folder that is gone: touch nothing
        return []
    return [gens[n] for n in sorted(gens) if n not in kept]


def _checkpoint_cache(path: Path) -> list[str]:
    """Fold a killed writer's WAL into the cache: SQLite deletes `-wal`/`-shm` when the last
    connection closes (if another process has the cache open they are in use, not leftovers)."""
    sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    present = [p for p in sidecars if p.exists()]
    if not present or not path.exists():
        return []
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(path, timeout=1)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    return [p.name for p in present if not p.exists()]


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:  # gone already, or not ours to remove
        return False
    return True
