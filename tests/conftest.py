"""Shared fixtures: a fake embedder for plumbing, the real bundled one (loaded once) for quality,
the bundled examples indexed once with the real model, and small fictional corpora."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# One thread per worker for OpenMP (FAISS's k-means and adds, the e5 engine) and OpenBLAS: `make test`
# runs two workers on two cores, and a library's second thread only competed with the other worker
# while its idle threads spun (test_scale: 10.8 s of CPU, 5.1 s on one thread). Read when those
# libraries load, which is after this file; the processes the tests start inherit it.
for _threads in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")
# Temporary folders (tmp_path) in memory where the machine has room: every generation a test commits
# is fsynced, and while other processes wrote to the disk those waits more than doubled the wall time
# of the writing tests (49 s against 20 s for six modules here; equal on an idle disk). No test
# depends on a real disk: the crash tests kill processes, they do not cut the power. A run takes
# ~45 MB; pytest keeps the last three.
_SHM = Path("/dev/shm")
if _SHM.is_dir() and os.access(_SHM, os.W_OK) and shutil.disk_usage(_SHM).free > 2**30:
    os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", str(_SHM))

# Compiled code kept between runs, as Python keeps it by default. This machine's environment sets
# PYTHONDONTWRITEBYTECODE, so each worker rewrote and compiled every test module again (~3 s of CPU
# a worker, half its collection) and each process the suite starts (servers, console scripts, Kiwi
# children, Ray's workers) compiled the project again. Python and pytest check every cached file
# against its source; `__pycache__` is ignored by git. A first run (a fresh clone) pays the same.
if sys.dont_write_bytecode:
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # for the processes the tests start

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "releases"

MINI_RELEASES = {
    "ko-a.txt": (
        "한빛경제자유구역청, 판교 기업 유치 설명회 개최\n"
        "[한빛=이서연기자] 한빛경제자유구역청(청장 문재현)은 12일 오후 2시 서울 누리호텔 2층 크리스탈볼룸에서 "
        "수도권 기업 대표 등 80여명이 참석한 가운데 투자유치 설명회를 열었다.\n"
        "문재현 청장은 “수도권 기업이 지역에서 성장할 수 있도록 지원을 아끼지 않겠다”고 밝혔다.\n"
        "[ⓒ 한빛경제TV, 무단 전재 및 재배포 금지]\n관련뉴스\n- 다른 기사 제목\n"
    ),
    "ko-b.txt": (
        "가온테크, 본사 이전 협약 체결\n"
        "경기도 판교에 본사를 둔 ㈜가온테크는 2025년까지 120억원을 들여 본사와 연구소를 청림시 산업단지로 "
        "이전한다고 밝혔다. 이전으로 150명의 일자리가 생길 것으로 기대된다.\n"
    ),
    "en-c.txt": (
        "Northwind Robotics to Move Headquarters to Raleigh\n"
        "AUSTIN, Texas, May 3, 2024 -- Northwind Robotics Inc. will relocate its headquarters from Austin to "
        'Raleigh, bringing about 400 jobs. "Raleigh gives us the talent we need," said Maria Lopez, chief '
        "executive of Northwind Robotics.\nRelated\nOther story headline\n"
    ),
}


# Rough seconds of the costly test modules on a quiet 2-core machine, CPU and waits (Ray's start, a
# server's, Chromium's), heaviest first. `--dist loadscope` hands whole modules to the workers in
# this order, then the rest as collected: the long ones start at once on both workers and the short
# ones fill the gaps at the end. The first worker builds the shared examples index (test_answer);
# the second runs the fuzz test, then Ray, neither of which waits for that index (the modules that
# do would wait idle for it on a first run, the longer the busier the machine).
MODULE_COST = {
    "tests/test_answer.py": 45,  # the shared examples index (real-model vectors ~30 s), the gold set; 15 once kept
    "tests/test_api_fuzz.py": 31,  # 700 generated cases, 2,100 requests
    "tests/test_ray_build.py": 30,  # a local Ray (its own processes ~13 s of CPU), two builds; 24-50 s
    "tests/test_kiwi_process.py": 28,  # Kiwi in children and in-process, console-script runs
    "tests/test_cli.py": 17,  # a second model (sentence-transformers, torch), fresh CLI processes
    "tests/test_api_server.py": 15,  # three `pressqa serve` processes
    "tests/test_browser.py": 12,  # Chromium
    "tests/test_api.py": 11,
    "tests/test_api_hardening.py": 10,
    "tests/test_scale.py": 4,
    "tests/test_crash_safety.py": 4,
    "tests/test_tokens.py": 3,
    "tests/test_sync.py": 2,
    "tests/test_bm25_scoring.py": 2,
    "tests/test_archive.py": 1,
    "tests/test_scorer.py": 1,
    "tests/test_bad_files.py": 1,
}


def module_of(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Costliest modules first; within a module the order stays as written."""
    items.sort(key=lambda item: -MODULE_COST.get(module_of(item), 0))


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope` in the collection's order (xdist would sort modules by test count)."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False
    return LoadScopeScheduling(config, log)


def write_corpus(folder: Path, releases: dict[str, str] = MINI_RELEASES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in releases.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def embedder(request):
    """The real bundled e5 model: only where answer quality or the model itself is tested.

    One thread: `make test` runs two workers on two cores, so a second thread per worker would
    only compete with the other worker. Single questions it encoded in an earlier run with the same
    engine and embedding code come back from `tests/kept.py` (the same vectors)."""
    from kept import kept_file, remember_questions

    from index.embed import EmbeddingCache, load_embedder

    model = load_embedder(threads=1)
    kept = kept_file(request.config, "questions")
    if kept is not None:
        cache = EmbeddingCache(kept)
        request.addfinalizer(cache.close)
        remember_questions(model, cache)
    return model


@pytest.fixture(scope="session")
def fake_embedder():
    """Deterministic vectors from text hashes (tests/fakes.py): for every test of plumbing."""
    from fakes import FakeEmbedder

    return FakeEmbedder()


@pytest.fixture
def fake_settings(settings):
    """Settings naming the fake model, for code that loads the configured model itself."""
    from fakes import FAKE_MODEL_ID

    return settings.model_copy(update={"model": FAKE_MODEL_ID})


@pytest.fixture(scope="session")
def examples_index(request, tmp_path_factory, worker_id, embedder) -> Iterator[Path]:
    """The bundled examples indexed once per run with the real model (the suite's most expensive step).

    Under pytest-xdist the first worker that asks builds it in the run's common temp folder, under
    a file lock; the other finds it there. Its embedding cache is kept between runs (`tests/kept.py`:
    embedding the passages is ~30 s of CPU); everything else is built anew. Read-only: a test that
    changes an index copies it first (`copy_index`)."""
    from kept import kept_file

    from index.settings import Settings
    from index.store.reader import Store
    from index.sync import Indexer

    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # each worker's basetemp is a folder of the run's
        root = root.parent
    home = root / "examples-index" / "home"
    with open(root / "examples-index.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not home.exists():
            building = home.with_name("home.building")
            shutil.rmtree(building, ignore_errors=True)
            settings = Settings(home=building)
            kept = kept_file(request.config, "examples", (p for p in EXAMPLES.rglob("*") if p.is_file()))
            if kept is not None and kept.exists():
                building.mkdir(parents=True)
                shutil.copyfile(kept, settings.cache_path)
            Indexer(settings, embedder).sync([EXAMPLES])
            if kept is not None:
                partial = kept.with_name(kept.name + ".partial")
                shutil.copyfile(settings.cache_path, partial)
                os.replace(partial, kept)  # whole or absent, for a run alongside
            building.rename(home)  # whole or absent, for a worker that failed midway
    before = sorted(p.name for p in home.iterdir())
    yield home
    # no test may change it: the tests after it would see another index
    assert sorted(p.name for p in home.iterdir()) == before and Store.open(home).generation == 1


def copy_index(home: Path, to: Path) -> Path:
    """A private copy of an index home (generations, manifest, embedding cache)."""
    shutil.copytree(home, to, ignore=shutil.ignore_patterns("writer.lock"))
    return to


@pytest.fixture
def settings(tmp_path):
    from index.settings import Settings

    return Settings(home=tmp_path / "home")


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "releases")
