"""Story groups in a generation's SQLite: kept right as releases are added, changed and removed.

A writer calls `forget` for every release it drops (a changed release is dropped and added again)
and `regroup` once before committing: releases without a signature are signed, looked up in the
LSH buckets, verified against their candidates (`index.dedup.same_story`), and the groups are then
recomputed from all verified pairs, so a group whose linking member left splits or dissolves.
A group's id is its canonical release's id (earliest date, then longest text).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

import numpy as np

from index.dedup import (
    DedupConfig,
    Profile,
    band_keys,
    canonical_key,
    components,
    profile,
    same_story,
    shingles,
    signature,
)

DISABLED = "off"
# Candidates whose signatures estimate them this far below both thresholds are not verified
# exactly (MinHash's error at 126 permutations is about ±0.09 at two standard deviations).
ESTIMATE_SLACK = 0.15


@dataclass
class RegroupReport:
    signed: int = 0
    candidates: int = 0  # pairs sharing an LSH bucket
    verified: int = 0  # of those, compared exactly
    pairs: int = 0
    groups: int = 0
    seconds: float = 0.0


def forget(conn: sqlite3.Connection, release_id: str) -> None:
    """Drop one release's signature, buckets and pairs (its group is recomputed by `regroup`)."""
    conn.execute("DELETE FROM dup_signatures WHERE release_id = ?", (release_id,))
    conn.execute("DELETE FROM dup_bands WHERE release_id = ?", (release_id,))
    conn.execute("DELETE FROM dup_pairs WHERE a = ? OR b = ?", (release_id, release_id))
    conn.execute("DELETE FROM dup_groups WHERE release_id = ?", (release_id,))


def _recorded(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'dedup'").fetchone()
    return row[0] if row else None


def regroup(conn: sqlite3.Connection, config: DedupConfig | None) -> RegroupReport:
    """Sign the unsigned releases, verify their candidates, rewrite the groups (no commit)."""
    started = time.monotonic()
    report = RegroupReport()
    version = config.version if config else DISABLED
    if _recorded(conn) != version:  # other parameters (or switched off): start over
        for table in ("dup_signatures", "dup_bands", "dup_pairs", "dup_groups"):
            conn.execute(f"DELETE FROM {table}")
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('dedup', ?)", (version,))
    if config is None:
        return report
    unsigned = conn.execute(
        "SELECT id, text, date FROM releases WHERE id NOT IN (SELECT release_id FROM dup_signatures)"
        " ORDER BY id"
    ).fetchall()
    profiles: dict[str, Profile] = {}

    def profile_of(rid: str) -> Profile | None:
        if rid not in profiles:
            row = conn.execute("SELECT text, date FROM releases WHERE id = ?", (rid,)).fetchone()
            if row is None:
                return None
            profiles[rid] = profile(row[0], row[1], config)
        return profiles[rid]

    signatures: dict[str, tuple[np.ndarray, int]] = {}

    def signature_of(rid: str) -> tuple[np.ndarray, int] | None:
        if rid not in signatures:
            row = conn.execute(
                "SELECT sig, shingles FROM dup_signatures WHERE release_id = ?", (rid,)
            ).fetchone()
            if row is None:
                return None
            signatures[rid] = (np.frombuffer(row[0], dtype=np.uint32), row[1])
        return signatures[rid]

    def promising(mine: tuple[np.ndarray, int], theirs: tuple[np.ndarray, int]) -> bool:
        """MinHash estimates of Jaccard and containment, close enough to the thresholds to check."""
        jaccard = float((mine[0] == theirs[0]).mean())
        contained = jaccard * (mine[1] + theirs[1]) / ((1 + jaccard) * max(1, min(mine[1], theirs[1])))
        return jaccard >= config.jaccard - ESTIMATE_SLACK or contained >= config.containment - ESTIMATE_SLACK

    for rid, text, rdate in unsigned:
        hashes = shingles(text, config.shingle)
        sig = signature(hashes)
        signatures[rid] = (sig, len(hashes))
        keys = band_keys(sig)
        found: set[str] = set()
        for band, key in enumerate(keys):
            found.update(r[0] for r in conn.execute(
                "SELECT release_id FROM dup_bands WHERE band = ? AND key = ?", (band, key)
            ))  # fmt: skip
        found.discard(rid)
        conn.execute(
            "INSERT INTO dup_signatures VALUES (?, ?, ?)", (rid, sig.astype(np.uint32).tobytes(), len(hashes))
        )
        conn.executemany("INSERT INTO dup_bands VALUES (?, ?, ?)", [(b, k, rid) for b, k in enumerate(keys)])
        report.signed += 1
        for other in sorted(found):
            report.candidates += 1
            other_sig = signature_of(other)
            if other_sig is None or not promising(signatures[rid], other_sig):
                continue
            report.verified += 1
            if rid not in profiles:
                profiles[rid] = profile(text, rdate, config)
            theirs = profile_of(other)
            score = same_story(profiles[rid], theirs, config) if theirs else None
            if score is not None:
                a, b = sorted((rid, other))
                conn.execute("INSERT OR REPLACE INTO dup_pairs VALUES (?, ?, ?)", (a, b, score))
    _rewrite_groups(conn)
    report.pairs = conn.execute("SELECT COUNT(*) FROM dup_pairs").fetchone()[0]
    report.groups = conn.execute("SELECT COUNT(DISTINCT group_id) FROM dup_groups").fetchone()[0]
    report.seconds = time.monotonic() - started
    return report


def _rewrite_groups(conn: sqlite3.Connection) -> None:
    edges = conn.execute("SELECT a, b FROM dup_pairs").fetchall()
    nodes = {n for edge in edges for n in edge}
    conn.execute("DELETE FROM dup_groups")
    for members in components(nodes, edges):
        marks = ",".join("?" * len(members))
        rows = conn.execute(
            f"SELECT id, date, length(text) FROM releases WHERE id IN ({marks})", members
        ).fetchall()
        canonical = min(rows, key=lambda r: canonical_key(r[1], r[2], r[0]))[0]
        conn.executemany("INSERT INTO dup_groups VALUES (?, ?)", [(rid, canonical) for rid in members])
