"""Kill a real sync process (SIGKILL) at every stage of writing a generation.

After each kill the previous generation must still serve (or the new one, once the manifest has
switched); the next sync, even one with nothing to change, must remove everything the dead writer
left and say what it removed; the sync after that must work. One driver process per stage
(tests/crash_driver.py) forks one syncing child per stage and kills it there.
`pressqa index status` cleans the same leftovers, but never a live writer's.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI_RELEASES, copy_index, write_corpus
from crash_driver import STAGES, light_prepare
from typer.testing import CliRunner

from index.settings import Settings
from index.store.lock import WriterLock
from index.store.reader import Store
from index.sync import Indexer
from qa.cli import app
from qa.retrieve import Retriever

DRIVER = Path(__file__).resolve().parent / "crash_driver.py"
NEW = {
    "new.txt": (
        "청림시, 드론 기업과 투자협약\n"
        "청림시는 5일 시청에서 ㈜하늘날개와 80억원 규모의 투자협약을 맺었다. 회사는 30명을 새로 채용한다.\n"
    )
}
SWITCHED = {"switched", "committed"}  # killed after the manifest named the new generation
TMP = "gen-000003.tmp-*"
LEFTOVERS = {  # what each kill leaves beside the clean index (TMP: the dead writer's folder)
    "lock-taken": set(),
    "tmp-created": {TMP},
    "release-added": {TMP, "embeddings.sqlite-wal", "embeddings.sqlite-shm"},
    "cache-written": {TMP, "embeddings.sqlite-wal", "embeddings.sqlite-shm"},
    "bm25-written": {TMP},
    "files-written": {TMP},
    "renamed": {"gen-000003"},  # in place, but the manifest never named it
    "manifest-tmp": {"gen-000003", "manifest.json.tmp"},
    "switched": {"gen-000001"},  # the prune of the oldest generation never ran
    "committed": set(),
}


def clean_entries(generation: int) -> set[str]:
    kept = {f"gen-{n:06d}" for n in (generation - 1, generation) if n > 0}
    return {"manifest.json", "writer.lock", "embeddings.sqlite", *kept}


def entries(home: Path) -> set[str]:
    return {p.name for p in home.iterdir()}


def as_pattern(names: set[str]) -> set[str]:
    return {re.sub(r"\.tmp-\d+$", ".tmp-*", n) for n in names}


def kill_at_every_stage(homes: dict[str, Path], folder: Path) -> None:
    """One driver process forks a syncing child per stage and SIGKILLs it there."""
    pairs = [f"{stage}={home}" for stage, home in homes.items()]
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(folder), *pairs], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    ended = json.loads(done.stdout.strip().splitlines()[-1])
    assert ended == {stage: -signal.SIGKILL for stage in homes}, ended  # each killed at its stage


@pytest.fixture(scope="module")
def crashes(tmp_path_factory, fake_embedder):
    """Every stage killed in its own copy of a two-generation index; then the next syncs.

    Releases are prepared as the driver prepares them (one passage each): what is tested here is
    the generation files, and Kiwi over thirty syncs would be most of the time."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("index.sync.prepare_releases", light_prepare)
        return crash_every_stage(tmp_path_factory.mktemp("crash"), fake_embedder)


def crash_every_stage(root: Path, fake_embedder) -> dict[str, dict]:
    """The scenario behind `crashes`; returns what each stage's checks need."""
    folder = write_corpus(root / "releases", {"ko-a.txt": MINI_RELEASES["ko-a.txt"]})
    base = root / "base"
    indexer = Indexer(Settings(home=base), fake_embedder)
    indexer.sync([folder])
    write_corpus(folder, {"ko-b.txt": MINI_RELEASES["ko-b.txt"]})
    indexer.sync([folder])  # generation 2: three generations after the crashing sync
    write_corpus(folder, NEW)  # what the killed syncs were adding
    homes = {stage: copy_index(base, root / stage) for stage in STAGES}
    kill_at_every_stage(homes, folder)

    results: dict[str, dict] = {stage: {} for stage in STAGES}
    for stage, home in homes.items():
        store = Store.open(home)
        hits = Retriever(store, fake_embedder, Settings(home=home)).search("가온테크 본사 이전", k=3)
        results[stage]["crashed"] = (store.generation, store.counts()["releases"], hits[0].passage.source)
        results[stage]["left"] = entries(home) - clean_entries(store.generation)
        store.close()

    def next_sync(stage: str) -> None:
        report = Indexer(Settings(home=homes[stage]), fake_embedder).sync([folder])
        results[stage]["next"] = report
        results[stage]["after_next"] = entries(homes[stage])

    # nothing to change in the next sync: the folder as the last committed generation saw it
    for stage in SWITCHED:
        next_sync(stage)
    (folder / "new.txt").unlink()
    for stage in set(STAGES) - SWITCHED:
        next_sync(stage)
    write_corpus(folder, NEW)
    for stage, home in homes.items():  # and the sync after that works
        report = Indexer(Settings(home=home), fake_embedder).sync([folder])
        store = Store.open(home)
        results[stage]["final"] = (report, store.counts()["releases"], entries(home), store.generation)
        store.close()
    return results


def test_the_driver_knows_every_stage():
    assert list(STAGES) == list(LEFTOVERS)


@pytest.mark.parametrize("stage", list(STAGES))
def test_killed_sync_leaves_a_serving_index_and_the_next_sync_cleans_up(crashes, stage):
    result = crashes[stage]
    generation, releases, top = result["crashed"]
    if stage in SWITCHED:
        assert (generation, releases) == (3, 3)
    else:
        assert (generation, releases) == (2, 2)  # the previous generation, complete
    assert top == "ko-b.txt"  # and searchable
    assert as_pattern(result["left"]) == LEFTOVERS[stage]

    report = result["next"]
    assert not report.changed and report.generation == generation  # nothing to change: no new generation
    assert sorted(report.cleaned) == sorted(result["left"])  # the report names what it removed
    assert result["after_next"] == clean_entries(generation)

    final, releases, left, generation = result["final"]
    assert releases == 3 and not final.cleaned
    assert left == clean_entries(generation)


def test_status_cleans_dead_writers_leftovers_but_never_a_live_writers(settings, tmp_path, fake_embedder):
    Indexer(settings, fake_embedder).sync([write_corpus(tmp_path / "releases", NEW)])
    home = settings.home
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()  # a writer that died: its pid is free
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead_dir = home / f"gen-000002.tmp-{finished.pid}"
        live_dir = home / f"gen-000002.tmp-{live.pid}"
        for path in (dead_dir, live_dir):
            path.mkdir()
            (path / "meta.sqlite").write_bytes(b"half-written")
        (home / "gen-000007").mkdir()  # renamed by a writer killed before its manifest switch
        runner = CliRunner()
        with WriterLock(home):  # a live sync holds the lock: only dead writers' folders go
            busy = runner.invoke(app, ["index", "status", "--home", str(home), "--json"])
        assert busy.exit_code == 0, busy.output
        assert json.loads(busy.stdout)["cleaned"] == [dead_dir.name]
        assert live_dir.exists() and (home / "gen-000007").exists()

        live.kill()
        live.wait()
        idle = runner.invoke(app, ["index", "status", "--home", str(home)])
        assert idle.exit_code == 0, idle.output
        assert f"removed crash leftovers: {live_dir.name}, gen-000007" in idle.output
        assert entries(home) == clean_entries(1)
        assert (
            json.loads(runner.invoke(app, ["index", "status", "--home", str(home), "--json"]).stdout)[
                "cleaned"
            ]
            == []
        )
    finally:
        if live.poll() is None:
            live.kill()
            live.wait()
