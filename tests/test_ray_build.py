"""`pressqa index build --ray local` writes the index the local build writes.

On a local Ray instance with 2 CPUs (two actors, small batches so that blocks come back in any
order): the same release ids, passage ids, facts, BM25 tokens, vectors and answers. What is tested
is the build's plumbing, so both builds, Ray's actors included, embed with the hash embedder of
`tests/fakes.py`. The comparison with the real model, on the shared evaluation set, is
`make ray-check` (too slow for the suite).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import sys

import numpy as np
import pytest
from conftest import MINI_RELEASES, write_corpus
from fakes import FakeEmbedder, FakePassageEncoder
from typer.testing import CliRunner

import index.distributed as distributed_module
import index.tokens as tokens
from index.settings import Settings
from index.store.reader import Store
from index.sync import Indexer
from qa.cli import app
from qa.service import Assistant

pytestmark = pytest.mark.slow
needs_ray = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="Ray is not installed: pip install 'pressqa[ray]'"
)
runner = CliRunner()

# Fictional releases, beside the three shared ones, so the corpus spans several batches.
MORE_RELEASES = {
    "ko-d.txt": (
        "청림시, 바이오 기업 3곳과 2천억원 투자협약\n"
        "[청림=박지훈기자] 청림시(시장 오세린)는 20일 시청 대회의실에서 누리바이오, 다온제약, 해솔메디칼 등 "
        "바이오 기업 3곳과 총 2천억원 규모의 투자협약을 체결했다고 밝혔다.\n"
        "세 기업은 2026년까지 청림 첨단의료단지에 생산시설을 짓고 신규 인력 320명을 채용할 계획이다.\n"
        "오세린 시장은 “바이오 산업이 청림의 새로운 성장 동력이 되도록 행정 지원을 아끼지 않겠다”고 말했다.\n"
        "시는 협약 기업의 인허가를 전담할 지원팀을 꾸리고, 기반시설 공사를 연내에 마무리할 방침이다.\n"
    ),
    "ko-e.txt": (
        "한빛경제자유구역청, 해외 투자자 초청 팸투어 진행\n"
        "한빛경제자유구역청은 13일부터 사흘 동안 유럽과 동남아 투자자 25명을 초청해 팸투어를 진행했다.\n"
        "참가자들은 한빛 스마트항만과 물류단지를 둘러보고 입주 기업 관계자들과 간담회를 가졌다.\n"
        "문재현 청장은 “현장을 직접 본 투자자들의 관심이 실제 투자로 이어지도록 후속 상담을 이어가겠다”고 밝혔다.\n"
        "청은 다음 달 싱가포르에서 투자설명회를 열어 이번 팸투어 참가 기업들과 추가 협의를 진행할 예정이다.\n"
    ),
    "en-f.txt": (
        "Bluefin Analytics Opens Data Center in Ashford County\n"
        "ASHFORD, Ore., June 12, 2024 -- Bluefin Analytics Corp. opened a $90 million data center in the "
        "Ashford County business park on Tuesday, creating 85 jobs.\n"
        '"Ashford gave us room to grow and a skilled workforce," said Daniel Reyes, chief operating officer of '
        "Bluefin Analytics.\nThe company plans a second building by 2027.\n"
        "County commissioners approved a property tax agreement for the project in March.\n"
    ),
}
QUESTIONS = [
    "청림시와 투자협약을 맺은 바이오 기업은 어디야?",
    "청림시 바이오 기업 투자로 몇 명을 채용해?",
    "한빛경제자유구역청 팸투어에 참가한 투자자는 몇 명이야?",
    "가온테크는 본사를 어디로 옮겨?",
    "Who is the chief operating officer of Bluefin Analytics?",
    "How many jobs will the Bluefin Analytics data center create?",
]


def passages_by_release(store: Store) -> dict[str, list[int]]:
    return {rid: store.release_passage_ids(rid) for rid in store.release_ids()}


def fresh_kiwi(mp: pytest.MonkeyPatch) -> None:
    """Kiwi as a new process has it: it keeps the names it was taught (by earlier tests, or the
    other build) for the life of the process, and they change tokens and mentions."""
    mp.setattr(tokens, "_kiwi", None)
    mp.setattr(tokens, "_user_words", set())


def tables(store: Store) -> list[list[tuple]]:
    """Facts, passages with their BM25 tokens, and the names taught to Kiwi, as stored."""
    conn = sqlite3.connect(f"file:{store.path / 'meta.sqlite'}?mode=ro", uri=True)
    try:
        return [
            conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("facts", "passages", "user_words")
        ]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Settings, Settings]:
    """The same folder built locally and with `--ray local --ray-cpus 2` (batches of 4 passages)."""
    tmp = tmp_path_factory.mktemp("ray-build")
    folder = write_corpus(tmp / "releases", {**MINI_RELEASES, **MORE_RELEASES})
    local = Settings(home=tmp / "local", batch_size=4)
    distributed = Settings(home=tmp / "ray", batch_size=4)
    mp = pytest.MonkeyPatch()
    try:
        fresh_kiwi(mp)
        local_report = Indexer(local, FakeEmbedder(local.model)).sync([folder], full=True)
        fresh_kiwi(mp)
        mp.setenv("PRESSQA_BATCH_SIZE", "4")
        # the actors load the fake model: Ray's workers (started by this build) import tests/fakes.py
        mp.setattr(distributed_module, "PassageEncoder", FakePassageEncoder)
        tests = os.path.dirname(os.path.abspath(__file__))
        mp.setenv("PYTHONPATH", os.pathsep.join(p for p in (tests, os.environ.get("PYTHONPATH")) if p))
        args = ["index", "build", str(folder), "--home", str(distributed.home), "--json", "-q"]
        result = runner.invoke(app, [*args, "--ray", "local", "--ray-cpus", "2"], catch_exceptions=False)
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["added"] == len(MINI_RELEASES) + len(MORE_RELEASES)
    assert report["passages_embedded"] == local_report.passages_embedded > 8  # > 2 batches: 2 actors
    return local, distributed


@needs_ray
def test_same_releases_passages_facts_tokens_and_vectors(builds):
    local, distributed = (Store.open(s.home) for s in builds)
    try:
        assert local.counts() == distributed.counts()
        assert local.release_ids() == distributed.release_ids()
        ids = passages_by_release(local)
        assert ids == passages_by_release(distributed)
        flat = [pid for pids in ids.values() for pid in pids]
        a = np.stack([local.dense.reconstruct(pid) for pid in flat])
        b = np.stack([distributed.dense.reconstruct(pid) for pid in flat])
        assert a.shape == (len(flat), local.dim) and distributed.dim == local.dim
        np.testing.assert_allclose(b, a, rtol=0, atol=1e-5)
        assert tables(local) == tables(distributed)
    finally:
        local.close()
        distributed.close()


@needs_ray
def test_same_answers(builds):
    local, distributed = (Assistant(s, FakeEmbedder(s.model)) for s in builds)
    for question in QUESTIONS:
        want, got = local.ask(question).as_dict(), distributed.ask(question).as_dict()
        # a real model's vectors agree to ~1e-6, not bit for bit (batches differ), which can move the
        # rounded confidence
        assert got.pop("confidence") == pytest.approx(want.pop("confidence"), abs=0.002), question
        assert got == want, question
    # the questions do reach the fictional facts, so equal answers are not two empty ones
    assert "320" in (local.ask(QUESTIONS[1]).answer or "")


def test_ray_embedder_returns_vectors_in_the_order_asked(fake_embedder):
    """The writing pass's misses go to the cluster, whose batches come back in any order (the
    order is what is tested: the fake model)."""
    embedder = fake_embedder
    texts = ["첫째 문장입니다.", "Second passage.", "첫째 문장입니다.", "셋째 문단"]

    class Cluster:  # a cluster answering batch by batch, last first
        model_id, dim = embedder.model_id, embedder.dim

        def embed(self, wanted: dict[str, str]):
            assert len(wanted) == 3  # each distinct text once
            for h, t in reversed(list(wanted.items())):
                yield [h], embedder.encode_passages([t])

    vectors = distributed_module.RayEmbedder(Cluster()).encode_passages(texts)
    np.testing.assert_allclose(vectors, embedder.encode_passages(texts), rtol=0, atol=1e-6)
    assert distributed_module.RayEmbedder(Cluster()).encode_passages([]).shape == (0, embedder.dim)


def test_ray_flag_without_ray_installed_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    folder = write_corpus(tmp_path / "releases")
    result = runner.invoke(
        app, ["index", "build", str(folder), "--home", str(tmp_path / "h"), "--ray", "local"]
    )
    assert result.exit_code == 7  # Unavailable: a missing component
    assert "pip install 'pressqa[ray]'" in result.output
    assert not (tmp_path / "h" / "manifest.json").exists()


def test_ray_cpus_needs_ray(tmp_path):
    folder = write_corpus(tmp_path / "releases")
    result = runner.invoke(
        app, ["index", "build", str(folder), "--home", str(tmp_path / "h"), "--ray-cpus", "2"]
    )
    assert result.exit_code == 3 and "--ray-cpus needs --ray" in result.output  # UserError
