"""Kiwi in a child process (index/kiwi_process.py) tokenises exactly as Kiwi in this process, and
the console script (api/main.py) starts it only for commands that analyse text here.

Fictional texts and names; one child for the module (Kiwi takes ~1 s to load), plus one that is
killed to check the fallback.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from conftest import ROOT, copy_index

from api.main import idle_core, needs_kiwi
from index import tokens
from index.kiwi_process import KiwiProcess

TEXTS = [
    "한빛경제자유구역청은 12일 서울 롯데호텔에서 투자유치 설명회를 열었다.",
    "㈜누리별소재는 2026년까지 340억원을 들여 청림시 제2산업단지로 본사를 옮긴다고 밝혔다.",
    "가온누리테크 대표는 “지역 인재와 함께 성장하겠다”고 말했다.",
    "Northwind Robotics는 Raleigh로 본사를 이전한다.",
    "",
]
NAMES = ["누리별소재", "가온누리테크"]
LATE_NAME = "별하늘정밀"  # taught after the first analysis: the child rebuilds, as Kiwi would here
LATE_TEXT = "별하늘정밀이 청림시에 연구소를 세운다."


LOCAL_KIWIS: dict[tuple[str, ...], object] = {}  # this process's Kiwis by taught words, for the module


@pytest.fixture(scope="module", autouse=True)
def _drop_local_kiwis():
    yield
    LOCAL_KIWIS.clear()  # ~270 MB each


def local_kiwi(words: tuple[str, ...]):
    """A Kiwi of this process taught `words`, and never more: one per set of words for the module
    (each ~1.2 s to load and build)."""
    if words not in LOCAL_KIWIS:
        from kiwipiepy import Kiwi

        kiwi = Kiwi(**tokens.KIWI_OPTIONS)
        for word in words:
            kiwi.add_user_word(word, "NNP")
        LOCAL_KIWIS[words] = kiwi
    return LOCAL_KIWIS[words]


def local_tokens(words: list[str], texts: list[str]) -> list[list[tuple]]:
    kiwi = local_kiwi(tuple(words))
    return [[(t.form, t.tag, t.start, t.len) for t in kiwi.tokenize(text)] for text in texts]


@pytest.fixture(scope="module")
def child():
    process = KiwiProcess(tokens.KIWI_OPTIONS)
    yield process
    process.close()


def test_the_child_tokenises_as_kiwi_in_this_process(child):
    child.add_user_words(NAMES)
    got = [[tuple(t) for t in child.tokenize(text)] for text in TEXTS]
    assert got == local_tokens(NAMES, TEXTS)
    assert any(t[0] == "누리별소재" for t in got[1])  # the taught name stays whole
    child.add_user_words([LATE_NAME])
    late = [tuple(t) for t in child.tokenize(LATE_TEXT)]
    assert late == local_tokens([*NAMES, LATE_NAME], [LATE_TEXT])[0]
    assert late[0][:2] == (LATE_NAME, "NNP")


def test_a_bad_request_raises_here_and_the_child_keeps_serving(child):
    with pytest.raises(ValueError, match="requires a `str`"):  # what Kiwi raises in this process
        child.tokenize(12)  # type: ignore[arg-type]
    assert [t.form for t in child.tokenize("서울에서 설명회를 열었다")][:3] == ["서울", "에서", "설명회"]


def test_a_dead_child_is_replaced_by_kiwi_in_this_process():
    process = KiwiProcess(tokens.KIWI_OPTIONS)
    try:
        process.add_user_words(NAMES)
        first = [tuple(t) for t in process.tokenize(TEXTS[1])]
        os.kill(process.pid, signal.SIGKILL)
        after = [tuple(t) for t in process.tokenize(TEXTS[1])]  # the same words taught again
        assert after == first == local_tokens(NAMES, TEXTS[1:2])[0]
    finally:
        process.close()


def test_tokens_after_start_kiwi_process_are_the_in_process_ones(monkeypatch):
    """`index.tokens` hands words taught before and after the start to the child."""
    monkeypatch.setattr(tokens, "_kiwi", None)  # as in a fresh process
    monkeypatch.setattr(tokens, "_kiwi_in_child", False)
    monkeypatch.setattr(tokens, "_user_words", set())
    tokens.add_user_words(NAMES[:1])
    tokens.start_kiwi_process()
    process = tokens.get_kiwi()
    try:
        assert isinstance(process, KiwiProcess)
        tokens.add_user_words(NAMES[1:])
        assert tokens.kiwi_loading()  # no analysis has come back yet
        got = [tokens.tokenize(text, "both") for text in TEXTS]
        assert not tokens.kiwi_loading()
        monkeypatch.setattr(tokens, "_kiwi", local_kiwi(tuple(NAMES)))  # the same words, Kiwi in this process
        monkeypatch.setattr(tokens, "_kiwi_in_child", False)
        assert got == [tokens.tokenize(text, "both") for text in TEXTS]
        assert "누리별소재" in got[1] and "가온누리테크" in got[2]
    finally:
        process.close()


def test_only_commands_that_analyse_text_here_start_kiwi_early():
    assert needs_kiwi(["ask", "어디서 열렸어?"], env={})
    assert not needs_kiwi(["search", "설명회", "--k", "3"], env={})  # its query tokens need no Kiwi
    assert needs_kiwi(["chat"], env={})
    assert not needs_kiwi([], env={})
    assert not needs_kiwi(["index", "sync", "releases"], env={})
    assert not needs_kiwi(["ask", "--help"], env={})
    served = {"PRESSQA_URL": "http://127.0.0.1:8000"}
    assert not needs_kiwi(["ask", "어디서 열렸어?"], env=served)  # the server answers
    assert needs_kiwi(["ask", "어디서 열렸어?", "--home", "/tmp/x"], env=served)  # an explicit index: here
    assert needs_kiwi(["ask", "어디서 열렸어?", "--model=m"], env=served)


# The console script as installed, with a core taken as idle whatever the machine's load, and a
# report of whether the parent ever imported kiwipiepy.
CONSOLE_SCRIPT = """
import atexit, sys
import api.main
atexit.register(lambda: print("kiwipiepy imported here:", "kiwipiepy" in sys.modules, file=sys.stderr))
api.main.idle_core = lambda: True
api.main.main()
"""


@pytest.mark.slow
def test_the_console_script_answers_as_the_cli_in_this_process(examples_index, tmp_path):
    """`pressqa ask`/`search` through the console entry (Kiwi in a child) print what the typer app
    prints with Kiwi in its own process."""
    from typer.testing import CliRunner

    from qa.cli import app

    home = str(copy_index(examples_index, tmp_path / "home"))
    commands = [
        ["ask", "설명회는 어디서 열렸어?", "--home", home, "--json"],
        ["ask", "Who spoke at the investment briefing?", "--home", home, "--json"],
        ["search", "본사 이전 협약", "--home", home, "--json", "--k", "3"],
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PRESSQA_URL", None)
    for args in commands:
        done = subprocess.run(
            [sys.executable, "-c", CONSOLE_SCRIPT, *args], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == "kiwipiepy imported here: False"  # Kiwi ran in the child
        expected = CliRunner().invoke(app, args, catch_exceptions=False).stdout
        assert json.loads(done.stdout) == json.loads(expected), args


def test_the_console_script_ends_with_the_commands_exit_code_and_its_exit_handlers(tmp_path):
    """`ask`, `search` and `chat` skip the interpreter's teardown (`api.main.quick_exit`): the exit
    code, the error line and the exit handlers (here the report) are the ones a normal exit gives."""
    script = CONSOLE_SCRIPT.replace("lambda: True", "lambda: False")  # no Kiwi needed for errors
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PRESSQA_URL", None)
    cases = [(["ask"], 3, "give a question"), (["search", "설명회", "--home", str(tmp_path)], 7, "no index")]
    for args, code, message in cases:
        done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env)
        assert done.returncode == code, done.stderr
        assert message in done.stderr
        assert done.stderr.splitlines()[-1] == "kiwipiepy imported here: False"


def test_kiwi_gets_its_own_process_only_beside_an_idle_core():
    """The running-task count of /proc/loadavg includes this process."""
    assert idle_core("0.52 0.40 0.35 1/250 4242", cores=2)  # only this process runs
    assert not idle_core("3.10 3.93 4.28 3/95 16038", cores=2)  # two others hold both cores
    assert not idle_core("1.00 1.00 1.00 2/95 16038", cores=2)
    assert idle_core("1.00 1.00 1.00 2/95 16038", cores=4)
    assert idle_core("garbled", cores=2)  # unknown: assume a free core
