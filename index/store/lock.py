"""`WriterLock`: one writer per index home, so two syncs never build the same next generation."""

from __future__ import annotations

import fcntl
import time
from pathlib import Path

from index.errors import Busy


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
