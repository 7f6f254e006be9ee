"""The SQLite metadata schema of a generation and the steps that bring an older one up to date."""

from __future__ import annotations

import sqlite3

from index.store.errors import StoreError

SCHEMA_VERSION = 2

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
