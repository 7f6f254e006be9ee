"""Kill a sync with SIGKILL at each named stage: `python crash_driver.py FOLDER STAGE=HOME…`.

For each stage this process forks a child that syncs FOLDER into HOME and, on reaching the stage,
writes a marker and sleeps; the parent then kills it with SIGKILL, so nothing of Python's cleanup
runs (no `finally`, no `abort`), as with a power cut or the OOM killer. Forking from one process
that imported everything once makes ten kills cost about one start-up. The embedder is the fake one
and release preparation is cut to one passage per release (no Kiwi): what is tested is the writer's
files on disk. Prints one JSON object: stage → the signal that ended its child.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bm25s  # noqa: E402, F401 - imported before forking, so children start warm
import faiss  # noqa: E402
import tqdm  # noqa: E402, F401
from fakes import FakeEmbedder  # noqa: E402

import index.clean  # noqa: E402, F401
import index.facts  # noqa: E402, F401
import index.store.durable  # noqa: E402
import index.sync  # noqa: E402
from index.embed import EmbeddingCache  # noqa: E402
from index.models import Passage, Sentence  # noqa: E402
from index.prepare import PreparedRelease  # noqa: E402
from index.settings import Settings  # noqa: E402
from index.store.manifest import Manifest  # noqa: E402
from index.store.writer import GenerationWriter  # noqa: E402
from index.sync import Indexer  # noqa: E402

# stage → (object, attribute, stop before the call or after it), in the order a sync reaches them
STAGES: dict[str, tuple[object, str, str]] = {
    "lock-taken": (index.sync, "clean_leftovers", "after"),
    "tmp-created": (GenerationWriter, "__init__", "after"),
    "release-added": (GenerationWriter, "add_release", "after"),
    "cache-written": (EmbeddingCache, "put_many", "after"),
    "bm25-written": (faiss, "write_index", "before"),
    "files-written": (index.store.durable, "fsync_tree", "before"),
    "renamed": (Manifest, "write", "before"),
    "manifest-tmp": (os, "replace", "before"),
    "switched": (GenerationWriter, "_prune", "before"),
    "committed": (GenerationWriter, "commit", "after"),
}


def halt(marker: Path) -> None:
    marker.write_text(str(os.getpid()))
    time.sleep(600)  # killed here
    os._exit(3)


def arm(stage: str, marker: Path) -> None:
    owner, name, when = STAGES[stage]
    original = getattr(owner, name)

    @functools.wraps(original)
    def stop(*args, **kwargs):
        if stage == "manifest-tmp" and not str(args[-1]).endswith("manifest.json"):
            return original(*args, **kwargs)
        if when == "before":
            halt(marker)
        result = original(*args, **kwargs)
        halt(marker)
        return result

    setattr(owner, name, stop)


def light_prepare(releases, settings) -> list[PreparedRelease]:
    """One sentence and one passage per release, whitespace tokens, no facts."""
    out = []
    for release in releases:
        end = len(release.text)
        passage = Passage(release.id, 0, 0, 0, end, release.text)
        out.append(
            PreparedRelease(
                release, [Sentence(0, 0, end)], [passage], [release.text], [release.text.split()], []
            )
        )
    return out


def kill_at(stage: str, home: Path, folder: Path, timeout: float = 120.0) -> int:
    """Fork a syncing child, SIGKILL it at `stage`; the signal (or exit code) that ended it."""
    marker = home.parent / f"{home.name}.reached"
    pid = os.fork()
    if pid == 0:  # the child: sync until the stage, then wait to be killed
        try:
            arm(stage, marker)
            Indexer(Settings(home=home), FakeEmbedder()).sync([folder])
        finally:
            os._exit(4)  # the sync ended (or failed) without reaching the stage
    deadline = time.monotonic() + timeout
    while not marker.exists():
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            break
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def main() -> None:
    folder = Path(sys.argv[1])
    index.sync.prepare_releases = light_prepare
    ended = {}
    for pair in sys.argv[2:]:
        stage, home = pair.split("=", 1)
        ended[stage] = kill_at(stage, Path(home), folder)
    print(json.dumps(ended))


if __name__ == "__main__":
    main()
