"""Kill a real `pressqa index sync` mid-build: the previous generation must stay complete and searchable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import write_corpus

from index.store import Store
from qa.retrieve import Retriever

pytestmark = pytest.mark.slow


def many_releases(n: int) -> dict[str, str]:
    return {
        f"bulk-{i:03d}.txt": (
            f"청림시, {i}번째 기업과 투자협약 체결\n"
            f"청림시는 {i}일 시청 대회의실에서 ㈜미래소재{i}와 {i * 10}억원 규모의 투자협약을 맺었다. "
            f"회사는 공장을 청림 산업단지로 옮기고 {i + 20}명을 새로 채용한다. "
            f"박하늘 시장은 “기업이 뿌리내리도록 돕겠다”고 말했다.\n"
        )
        for i in range(n)
    }


def run_sync(home, folder) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "qa.cli", "index", "sync", str(folder), "--home", str(home), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )


def test_killed_sync_leaves_previous_index_serving(settings, corpus, tmp_path, embedder):
    first = run_sync(settings.home, corpus)
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    before = Store.open(settings.home)
    generation, counts = before.generation, before.counts()

    write_corpus(corpus, many_releases(60))
    victim = run_sync(settings.home, corpus)
    deadline = time.monotonic() + 120
    while not list(settings.home.glob("gen-*.tmp-*")):  # the new generation is being written
        assert victim.poll() is None, "sync finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)  # well inside embedding 60 releases
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)

    after = Store.open(settings.home)
    assert after.generation == generation and after.counts() == counts
    hits = Retriever(after, embedder, settings).search("가온테크 본사 이전", k=3)
    assert hits and hits[0].passage.source == "ko-b.txt"

    # the next sync cleans up the half-written generation and completes
    again = run_sync(settings.home, corpus)
    assert again.wait(timeout=600) == 0, again.stderr.read().decode()
    final = Store.open(settings.home)
    assert final.generation == generation + 1 and final.counts()["releases"] == 63
    assert not list(settings.home.glob("gen-*.tmp-*"))
