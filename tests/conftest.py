"""Shared fixtures: a fake embedder for plumbing, the real bundled one (loaded once) for quality,
the bundled examples indexed once with the real model, and small fictional corpora."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "releases"

MINI_RELEASES = {
    "ko-a.txt": (
        "한빛경제자유구역청, 판교 기업 유치 설명회 개최\n"
        "[한빛=이서연기자] 한빛경제자유구역청(청장 문재현)은 12일 오후 2시 서울 롯데호텔 2층 크리스탈볼룸에서 "
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


# The test modules that use the real examples index: under pytest-xdist (`make test` runs two
# workers) they share one worker, so the index is built once while the other worker runs the rest.
EXAMPLES_INDEX_MODULES = {
    "tests/test_answer.py",
    "tests/test_api.py",
    "tests/test_browser.py",
    "tests/test_cli.py",
}


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope`, with the modules above as one scope (xdist's own `xdist_group` marks are
    lost under pytest 9, whose node ids xdist can no longer suffix)."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ExamplesIndexTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return "examples-index" if module in EXAMPLES_INDEX_MODULES else module

    return ExamplesIndexTogether(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        if "examples_index" in getattr(item, "fixturenames", ()) and module not in EXAMPLES_INDEX_MODULES:
            raise pytest.UsageError(f"{module} uses examples_index: add it to EXAMPLES_INDEX_MODULES")


def write_corpus(folder: Path, releases: dict[str, str] = MINI_RELEASES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in releases.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def embedder():
    """The real bundled e5 model: only where answer quality or the model itself is tested."""
    from index.embed import load_embedder

    return load_embedder()


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
def examples_index(tmp_path_factory, embedder) -> Iterator[Path]:
    """The bundled examples indexed once with the real model (the suite's most expensive step).

    Read-only: a test that changes an index copies it first (`copy_index`)."""
    from index.settings import Settings
    from index.store.reader import Store
    from index.sync import Indexer

    home = tmp_path_factory.mktemp("examples-index") / "home"
    Indexer(Settings(home=home), embedder).sync([EXAMPLES])
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
