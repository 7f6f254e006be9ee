"""Keep the index in line with folders as files come and go: watchfiles, debounced, then sync.

`watch_folders` syncs the folders once, then waits for changes to supported files (.txt .md .html
.htm .json .jsonl, hidden files ignored); a burst of changes within the debounce window becomes
one sync of the folders it touched. A failing sync is logged and watching goes on. It returns
when `stop_event` is set or on Ctrl-C (a sync interrupted by Ctrl-C leaves the previous
generation serving, like any interrupted sync).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

from index.errors import Busy
from index.sources import EXTENSIONS
from index.sync import SyncReport

logger = logging.getLogger("pressqa.watch")

DEBOUNCE_MS = 1000
WAKE_MS = 500  # the watcher wakes this often without changes (to start the first sync, to stop)
SyncFn = Callable[[Sequence[Path]], SyncReport]


class ReleaseFilter(DefaultFilter):
    """Changes to files a sync would read (hidden files and folders inside the roots are ignored)."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__()
        self.roots = list(roots)

    def __call__(self, change: Change, path: str) -> bool:
        p = Path(path)
        if p.suffix.lower() not in EXTENSIONS or not super().__call__(change, path):
            return False
        for root in self.roots:
            if p.is_relative_to(root):
                return not any(part.startswith(".") for part in p.relative_to(root).parts)
        return True


def describe(report: SyncReport) -> str:
    data = report.as_dict()
    text = (
        f"generation {data['generation']}: {data['added']} added, {data['updated']} updated, "
        f"{data['removed']} removed, {data['unchanged']} unchanged, {len(data['skipped'])} skipped "
        f"in {data['seconds']} s"
    )
    for skipped in data["skipped"]:
        text += f"\n  skipped {skipped['source']}: {skipped['reason']}"
    return text


def _roots_of(paths: set[str], roots: Sequence[Path]) -> list[Path]:
    touched = []
    for root in roots:
        if any(Path(p).is_relative_to(root) for p in paths):
            touched.append(root)
    return touched or list(roots)


def watch_folders(
    dirs: Sequence[Path],
    sync: SyncFn,
    *,
    debounce_ms: int = DEBOUNCE_MS,
    stop_event: threading.Event | None = None,
    initial_sync: bool = True,
    on_report: Callable[[SyncReport], None] | None = None,
    force_polling: bool | None = None,
) -> None:
    """Sync `dirs` now and again after every (debounced) burst of file changes, until stopped."""
    roots = [Path(d).resolve() for d in dirs]
    for root in roots:
        if not root.is_dir():
            raise FileNotFoundError(f"not a folder: {root}")

    def run(targets: Sequence[Path]) -> bool:
        """Sync `targets`; False when the writer was busy and the sync should be tried again."""
        try:
            report = sync(targets)
        except Busy:
            logger.info("the index is busy; syncing %s again shortly", ", ".join(map(str, targets)))
            return False
        except Exception:
            logger.exception("sync of %s failed; still watching", ", ".join(map(str, targets)))
            return True
        if report.changed or report.skipped:
            logger.info("synced %s: %s", ", ".join(str(t) for t in targets), describe(report))
        if on_report is not None:
            on_report(report)
        return True

    logger.info("watching %s (debounce %d ms)", ", ".join(map(str, roots)), debounce_ms)
    # The first sync runs once the watcher is listening (its first yield, on a change or on the
    # wake-up timeout): a file written while that sync scans is then seen by the watcher, and one
    # written before it by the sync. Syncing first and watching after would miss the files written
    # in between. A sync that finds the writer busy (an upload) is tried again at the next wake-up.
    pending: list[Path] = list(roots) if initial_sync else []  # roots still to sync (a busy writer)
    for changes in watch(
        *roots,
        watch_filter=ReleaseFilter(roots),
        debounce=debounce_ms,
        stop_event=stop_event,
        raise_interrupt=False,
        force_polling=force_polling,
        rust_timeout=WAKE_MS,
        yield_on_timeout=True,
    ):
        if changes:
            paths = {path for _, path in changes}
            logger.info("%d file change(s)", len(paths))
            pending += [r for r in _roots_of(paths, roots) if r not in pending]
        if pending and run(pending):
            pending = []
        if stop_event is not None and stop_event.is_set():
            break
    logger.info("stopped watching")


class WatchThread:
    """`watch_folders` in a daemon thread (`pressqa serve --watch`), stopped with `stop()`."""

    def __init__(self, dirs: Sequence[Path], sync: SyncFn, debounce_ms: int = DEBOUNCE_MS) -> None:
        self.stop_event = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(list(dirs), sync, debounce_ms), name="pressqa-watch", daemon=True
        )

    def _run(self, dirs: list[Path], sync: SyncFn, debounce_ms: int) -> None:
        try:
            watch_folders(dirs, sync, debounce_ms=debounce_ms, stop_event=self.stop_event)
        except Exception:
            logger.exception("the folder watcher stopped")

    def start(self) -> WatchThread:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        self._thread.join(timeout)
