"""The index's user words (names Kiwi should keep whole), read straight from its SQLite file.

A cold `ask` or `chat` loads Kiwi in a child process that builds its analyser once it has
these words (`index.kiwi_process`). Read here, they reach it before the command imports the search
stack (numpy, FAISS) and opens the store, which is when `Store.user_words` would give them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from index.store.manifest import Manifest


def read_user_words(home: Path) -> list[str]:
    """The current generation's user words; none without an index or where it cannot be read (the
    store, opened next, says what is wrong)."""
    try:
        manifest = Manifest.read(home)
        if manifest is None:
            return []
        conn = sqlite3.connect(f"file:{home / manifest.dir / 'meta.sqlite'}?mode=ro&immutable=1", uri=True)
        try:
            return [word for (word,) in conn.execute("SELECT word FROM user_words")]
        finally:
            conn.close()
    except (OSError, ValueError, KeyError, sqlite3.Error):
        return []
