"""Bad files as a matrix: every kind is reported with its reason, never stops a sync, loses nothing.

Each case puts one bad entry beside a good release in a folder and reads the folder as a sync does;
a SIGALRM guard turns a hang (a FIFO opened for reading, /dev/zero read to the end) into a failure.
The sync-level tests then break files that were indexed before and check that their last good
version stays, that the rest is indexed and that the CLI exits 0 with the skips listed.
"""

from __future__ import annotations

import errno
import json
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from index.models import RawDoc, SkippedFile
from index.sources import ReadLimits, iter_raw_docs, read_raw_doc

KO = (
    "청림시, 바이오 기업과 투자협약 체결\n"
    "[청림=윤다온기자] 청림시는 14일 시청 대회의실에서 ㈜누리바이오와 420억원 규모의 투자협약을 맺었다.\n"
)
EN = "Northbay Tools opens plant\nNorthbay Tools said on Monday it will hire 40 people at its new plant.\n"
LIMITS = ReadLimits(max_file_bytes=5_000_000, max_json_depth=64)
AS_ROOT = os.geteuid() == 0  # root reads a chmod-000 file: the refusal is simulated for root


def put(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refuse(monkeypatch, target: Path, function: str) -> None:
    """Make `os.<function>(target)` fail with EACCES, as it does for a non-root user after chmod 000."""
    original = getattr(os, function)

    def guarded(path, *args, **kwargs):
        if os.fspath(path) == os.fspath(target):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, function, guarded)


# --- builders: each makes one bad entry in `folder` ------------------------------------------


def sparse_50mb(folder: Path, monkeypatch) -> None:
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB on paper, nothing written


def invalid_utf8_in_the_middle(folder: Path, monkeypatch) -> None:
    put(
        folder,
        "broken-bytes.txt",
        KO.encode() + b"\xff\xfe\xc3\x28" + "회사는 150명을 새로 채용한다.\n".encode(),
    )


def unreadable_file(folder: Path, monkeypatch) -> None:
    path = put(folder, "locked.txt", KO)
    path.chmod(0)
    if AS_ROOT:
        refuse(monkeypatch, path, "open")


def unreadable_folder(folder: Path, monkeypatch) -> None:
    path = put(folder, "closed/inside.txt", KO).parent
    path.chmod(0)
    if AS_ROOT:
        refuse(monkeypatch, path, "scandir")


def symlink(target: str, name: str) -> Callable[[Path, object], None]:
    def build(folder: Path, monkeypatch) -> None:
        (folder / name).symlink_to(target)

    return build


def outside_link(folder: Path, monkeypatch) -> None:
    put(folder.parent, "secret.txt", "비밀 문서\n밖에 있는 파일이다.\n")
    (folder / "secret.txt").symlink_to(folder.parent / "secret.txt")


def inside_alias(folder: Path, monkeypatch) -> None:
    put(folder, "real/original.txt", EN)
    (folder / "alias.txt").symlink_to("real/original.txt")


def folder_link(folder: Path, monkeypatch) -> None:
    put(folder, "elsewhere/in-linked.txt", EN)
    (folder / "linked").symlink_to(folder / "elsewhere", target_is_directory=True)


def loop_folder(folder: Path, monkeypatch) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to("..", target_is_directory=True)


def fifo(folder: Path, monkeypatch) -> None:
    os.mkfifo(folder / "pipe.txt")


def directory_named_txt(folder: Path, monkeypatch) -> None:
    put(folder, "x.txt/inner.txt", EN)


def file(name: str, data: str | bytes) -> Callable[[Path, object], None]:
    def build(folder: Path, monkeypatch) -> None:
        put(folder, name, data)

    return build


def undecodable_name(folder: Path, monkeypatch) -> None:
    with open(os.path.join(os.fsencode(folder), b"bad-\xff\xfe.txt"), "wb") as fh:
        fh.write(KO.encode())


def deep_jsonl(folder: Path, monkeypatch) -> None:
    good = json.dumps({"title": "Good line", "body": EN})
    put(folder, "feed.jsonl", f"{good}\n{'[' * 50_000}{']' * 50_000}\n{good.replace('Good', 'Next')}\n")


# --- expectations ---------------------------------------------------------------------------


@dataclass
class Case:
    build: Callable
    skipped: dict[str, str] = field(default_factory=dict)  # source → words its reason must contain
    indexed: dict[str, Callable[[RawDoc], bool]] = field(default_factory=dict)
    limits: ReadLimits = LIMITS


def text_has(*words: str) -> Callable[[RawDoc], bool]:
    return lambda doc: all(w in doc.text for w in words) and doc.warning is None


KO_JSON = {"title": "청림시 투자협약", "body": "청림시는 ㈜누리바이오와 투자협약을 맺었다."}
CASES = {
    "empty": Case(file("empty.txt", b""), skipped={"empty.txt": "empty"}),
    "whitespace only": Case(file("blank.md", " \n\t\n"), skipped={"blank.md": "whitespace"}),
    "binary": Case(file("binary.txt", b"\x00\x01PK\x03\x04" * 64), skipped={"binary.txt": "binary"}),
    "control bytes": Case(file("ctrl.txt", bytes(range(1, 9)) * 64), skipped={"ctrl.txt": "not text"}),
    "50 MB": Case(sparse_50mb, skipped={"huge.txt": "too large (50.0 MB; the limit is 5.0 MB)"}),
    "invalid UTF-8 in the middle": Case(
        invalid_utf8_in_the_middle,
        indexed={
            "broken-bytes.txt": lambda d: "\ufffd" in d.text
            and "150명을 새로 채용한다" in d.text
            and "420억원" in d.text
            and d.warning == "3 invalid UTF-8 byte sequences replaced with U+FFFD"
        },
    ),
    "CP949": Case(file("cp949.txt", "똠방각하 펲시 기업이 입주했다.\n본문이다.\n".encode("cp949")),
                  indexed={"cp949.txt": text_has("똠방각하 펲시")}),  # fmt: skip
    "EUC-KR": Case(file("euckr.txt", KO.replace("㈜", "(주)").encode("euc-kr")),
                   indexed={"euckr.txt": text_has("420억원 규모의 투자협약")}),  # fmt: skip
    "UTF-16 LE": Case(file("u16le.txt", KO.encode("utf-16")), indexed={"u16le.txt": text_has("420억원")}),
    "UTF-16 BE": Case(file("u16be.txt", b"\xfe\xff" + KO.encode("utf-16-be")),
                      indexed={"u16be.txt": text_has("420억원")}),  # fmt: skip
    "UTF-8 BOM": Case(file("bom.txt", b"\xef\xbb\xbf" + KO.encode()),
                      indexed={"bom.txt": lambda d: d.text == KO and d.encoding == "utf-8-sig"}),  # fmt: skip
    "symlink loop": Case(symlink("loop.txt", "loop.txt"), skipped={"loop.txt": "symlink loop"}),
    "symlink loop of two": Case(
        lambda f, m: (symlink("b.txt", "a.txt")(f, m), symlink("a.txt", "b.txt")(f, m)),
        skipped={"a.txt": "symlink loop", "b.txt": "symlink loop"},
    ),
    "dangling symlink": Case(symlink("missing.txt", "dangling.txt"), skipped={"dangling.txt": "dangling"}),
    "symlink leaving the folder": Case(
        outside_link, skipped={"secret.txt": "outside the synced folder: not followed"}
    ),
    "symlink leaving the folder, allowed": Case(
        outside_link,
        indexed={"secret.txt": text_has("밖에 있는 파일이다.")},
        limits=ReadLimits(5_000_000, 64, follow_external_links=True),
    ),
    "symlink to a file inside": Case(
        inside_alias,
        skipped={"alias.txt": "symlink to 'real/original.txt', which is indexed under its own name"},
        indexed={"real/original.txt": text_has("Northbay Tools")},
    ),
    "symlinked folder": Case(
        folder_link,
        skipped={"linked": "symlink to a folder: not followed"},
        indexed={"elsewhere/in-linked.txt": text_has("Northbay")},
    ),
    "folder symlink loop": Case(loop_folder, skipped={"sub/back": "symlink to a folder: not followed"}),
    "FIFO": Case(fifo, skipped={"pipe.txt": "named pipe (FIFO), not a regular file"}),
    "device file": Case(
        symlink("/dev/zero", "zero.txt"),
        skipped={"zero.txt": "device file, not a regular file"},
        limits=ReadLimits(5_000_000, 64, follow_external_links=True),  # past the outside check
    ),
    "directory named x.txt": Case(directory_named_txt, indexed={"x.txt/inner.txt": text_has("Northbay")}),
    "unreadable file": Case(unreadable_file, skipped={"locked.txt": "cannot read file: permission denied"}),
    "unreadable folder": Case(
        unreadable_folder, skipped={"closed/": "cannot list folder: permission denied; what the index holds"}
    ),
    "deeply nested JSON": Case(
        file("deep.json", "[" * 100_000 + "]" * 100_000),
        skipped={"deep.json": "JSON nested too deeply (100000 levels; the limit is 64)"},
    ),
    "deeply nested JSON object": Case(
        file("deep-obj.json", '{"title": "t", "body": "b", "x": ' + '{"a": ' * 5000 + "1" + "}" * 5001),
        skipped={"deep-obj.json": "nested too deeply"},
    ),
    "deeply nested JSONL line": Case(
        deep_jsonl,
        skipped={"feed.jsonl#2": "nested too deeply"},
        indexed={"feed.jsonl#1": text_has("Good line"), "feed.jsonl#3": text_has("Next line")},
    ),
    "brackets inside JSON strings": Case(
        file("brackets.json", json.dumps({"title": "[" * 500, "body": "{" * 500 + " 본문"})),
        indexed={"brackets.json": text_has("{" * 500)},
    ),
    "deeply nested HTML": Case(
        file("deep.html", "<html><body>" + "<div>" * 20_000 + "본문" + "</div>" * 20_000 + "</body></html>"),
        skipped={"deep.html": "HTML nested too deeply"},
    ),
    "huge JSON number": Case(
        file("number.json", '{"title": "큰 숫자", "id": ' + "9" * 5000 + ', "body": "본문 문장이다."}'),
        indexed={"number.json": text_has("큰 숫자\n본문 문장이다.")},
    ),
    "huge JSON number as body": Case(
        file("number-body.json", '{"title": "숫자", "body": ' + "7" * 5000 + "}"),
        indexed={"number-body.json": text_has("7" * 5000)},
    ),
    "NaN in JSON": Case(
        file("nan.json", '{"title": "값 없음", "score": NaN, "rank": -Infinity, "body": "본문이다."}'),
        indexed={"nan.json": text_has("값 없음\n본문이다.")},
    ),
    "NaN as JSON body": Case(file("nan-body.json", '{"title": "t", "body": NaN}'),
                             skipped={"nan-body.json": "no body text"}),  # fmt: skip
    "lone surrogate in JSON": Case(
        file("surrogate.json", '{"title": "제목\\ud800", "body": "본문 \\ud83d\\ude00 끝"}'),
        indexed={"surrogate.json": lambda d: d.text == "제목\ufffd\n본문 😀 끝" and d.fields["title"] == "제목\ufffd"},
    ),
    "invalid JSON": Case(file("broken.json", '{"title": "x",\n "body": '),
                         skipped={"broken.json": "invalid JSON at line 2"}),  # fmt: skip
    "name with a newline": Case(file("줄\n바꿈.txt", KO), indexed={"줄\n바꿈.txt": text_has("420억원")}),
    "Korean name with spaces": Case(file("보도 자료  2024.txt", KO), indexed={"보도 자료  2024.txt": text_has("420억원")}),
    "name with markup": Case(file("[red]x[/].md", "# 제목\n본문이다.\n"), indexed={"[red]x[/].md": text_has("본문")}),
    "name not UTF-8": Case(undecodable_name, skipped={"bad-\ufffd\ufffd.txt": "file name is not valid UTF-8"}),
}  # fmt: skip


@pytest.fixture
def alarm():
    """Fail instead of hanging forever (a FIFO open or an endless read would block the suite)."""

    def timeout(signum, frame):
        raise TimeoutError("reading the folder hung")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_is_reported_and_the_rest_is_read(name, tmp_path, monkeypatch, alarm):
    case = CASES[name]
    folder = tmp_path / "releases"
    put(folder, "good.txt", KO)
    case.build(folder, monkeypatch)
    results = list(iter_raw_docs(folder, case.limits))
    docs = {r.source: r for r in results if isinstance(r, RawDoc)}
    skipped = {r.source: r.reason for r in results if isinstance(r, SkippedFile)}
    assert docs.pop("good.txt").text == KO  # the rest is indexed
    assert set(skipped) == set(case.skipped), skipped
    for source, words in case.skipped.items():
        assert words in skipped[source], (source, skipped[source])
    assert set(docs) == set(case.indexed), docs
    for source, check in case.indexed.items():
        assert check(docs[source]), docs[source]


def test_a_folder_named_like_a_file_or_a_fifo_given_by_path_is_skipped_not_opened(tmp_path, alarm):
    """The sync's `only` path (watch, uploads) reads single paths: same checks, no walk."""
    put(tmp_path, "x.txt/inner.txt", EN)
    os.mkfifo(tmp_path / "pipe.jsonl")
    folder = read_raw_doc(tmp_path / "x.txt", tmp_path, LIMITS)
    pipe = read_raw_doc(tmp_path / "pipe.jsonl", tmp_path, LIMITS)
    assert isinstance(folder, SkippedFile) and folder.reason == "a folder, not a regular file"
    assert isinstance(pipe, SkippedFile) and "FIFO" in pipe.reason


def test_a_folder_that_vanishes_mid_walk_is_reported(tmp_path):
    folder = tmp_path / "releases"
    put(folder, "a.txt", KO)
    put(folder, "zz/b.txt", EN)
    walk = iter_raw_docs(folder, LIMITS)
    first = next(walk)
    (folder / "zz" / "b.txt").unlink()
    (folder / "zz").rmdir()  # gone after the root was listed, before the walk went in
    rest = list(walk)
    assert isinstance(first, RawDoc) and first.source == "a.txt"
    assert rest == [
        SkippedFile("zz/", "folder vanished during the sync; what the index holds from it is kept")
    ]


# --- through a whole sync -------------------------------------------------------------------

BREAKS: dict[str, Callable[[Path], None]] = {
    # a file indexed before, then broken in each way: its last good version must stay
    "emptied.txt": lambda p: p.write_bytes(b""),
    "binary.txt": lambda p: p.write_bytes(b"\x00" * 100),
    "grown.txt": lambda p: p.write_bytes(b"a" * 2_000_001),
    "looped.txt": lambda p: (p.unlink(), p.symlink_to(p.name)),
    "dangling.txt": lambda p: (p.unlink(), p.symlink_to("nowhere.txt")),
    "outside.txt": lambda p: (p.unlink(), p.symlink_to(p.parent.parent / "elsewhere.txt")),
    "piped.txt": lambda p: (p.unlink(), os.mkfifo(p)),
    "nested.json": lambda p: p.write_text("[" * 1000 + "]" * 1000),
    "records.jsonl": lambda p: p.write_text("[" * 1000 + "]" * 1000),  # its 2 records stay
    "gone/inside.txt": lambda p: None,  # its folder vanishes while the sync walks (see below)
}


def good_versions() -> dict[str, str]:
    files = {name: KO.replace("420", str(400 + i)) for i, name in enumerate(BREAKS)}
    files["nested.json"] = json.dumps(
        {"title": "JSON 보도자료", "body": "본문 문장이다."}, ensure_ascii=False
    )
    files["records.jsonl"] = "\n".join(
        json.dumps({"title": f"기록 {n}", "body": f"{n}번째 본문이다."}, ensure_ascii=False) for n in (1, 2)
    )
    return files


@pytest.fixture
def broken_folder(tmp_path, settings, fake_embedder, monkeypatch):
    """A folder indexed while good, then broken in every way; returns the folder and the first count."""
    from index.store.reader import Store
    from index.sync import Indexer

    folder = tmp_path / "releases"
    put(tmp_path, "elsewhere.txt", EN)
    for name, text in good_versions().items():
        put(folder, name, text)
    put(folder, "zz-new.txt", EN)
    (folder / "zz-new.txt").rename(folder / ".later")  # hidden until the second sync
    first = Indexer(settings.model_copy(update={"max_file_bytes": 2_000_000}), fake_embedder).sync([folder])
    assert not first.skipped and len(first.added) == len(BREAKS) + 1  # two JSONL records
    for name, breaks in BREAKS.items():
        breaks(folder / name)
    (folder / ".later").rename(folder / "new.txt")

    import index.scan

    walk = index.scan.iter_raw_docs

    def vanishing(root, limits):
        items = walk(root, limits)
        yield next(items)
        if (folder / "gone").exists():
            (folder / "gone" / "inside.txt").unlink()
            (folder / "gone").rmdir()
        yield from items

    monkeypatch.setattr(index.scan, "iter_raw_docs", vanishing)
    return folder, Store.open(settings.home).counts()["releases"]


EXPECTED_REASONS = {
    "emptied.txt": "file is empty",
    "binary.txt": "binary",
    "grown.txt": "too large",
    "looped.txt": "symlink loop",
    "dangling.txt": "dangling symlink",
    "outside.txt": "outside the synced folder",
    "piped.txt": "FIFO",
    "nested.json": "nested too deeply",
    "records.jsonl#1": "nested too deeply",
    "gone/": "folder vanished during the sync",
}


def test_sync_lists_every_skip_indexes_the_rest_and_loses_nothing(
    broken_folder, settings, fake_embedder, alarm
):
    from index.store.reader import Store
    from index.sync import Indexer

    folder, before = broken_folder
    report = Indexer(settings.model_copy(update={"max_file_bytes": 2_000_000}), fake_embedder).sync([folder])
    reasons = {s.source: s.reason for s in report.skipped}
    assert set(reasons) == set(EXPECTED_REASONS)
    for source, words in EXPECTED_REASONS.items():
        assert words in reasons[source], (source, reasons[source])
    assert report.added and not report.removed and not report.updated  # nothing lost
    store = Store.open(settings.home)
    assert store.counts()["releases"] == before + 1
    assert "420" not in store.find_release("emptied.txt").text  # the last good version, still served
    assert store.find_release("gone/inside.txt") is not None
    assert store.find_release("records.jsonl#2") is not None


def test_cli_sync_exits_0_and_lists_the_skips(tmp_path, settings, monkeypatch, alarm):
    import fakes
    from typer.testing import CliRunner

    from qa.cli import app

    fakes.install(monkeypatch)
    folder = tmp_path / "releases"
    put(folder, "good.txt", KO)
    put(folder, "줄\n바꿈.txt", EN)
    put(folder, "[bold]empty[/].txt", b"")
    put(folder, "broken-bytes.txt", KO.encode() + b"\xff" + KO.encode())
    os.mkfifo(folder / "pipe.txt")
    put(tmp_path, "elsewhere.txt", "바깥 파일\n폴더 밖에 있는 보도자료다.\n")
    (folder / "host.txt").symlink_to(tmp_path / "elsewhere.txt")
    args = ["index", "sync", str(folder), "--home", str(settings.home), "--quiet"]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "3 added" in out and "3 skipped" in out
    assert "skipped [bold]empty[/].txt: file is empty" in out  # printed as the name, not as markup
    assert "skipped pipe.txt: a named pipe (FIFO)" in out
    assert "skipped host.txt: symlink to a file outside" in out
    assert "warning broken-bytes.txt: 1 invalid UTF-8 byte sequence replaced" in out
    data = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)
    assert (
        data["added"] == 0
        and len(data["skipped"]) == 3
        and data["warnings"][0]["source"] == "broken-bytes.txt"
    )
    allowed = CliRunner().invoke(app, [*args, "--json", "--follow-external-links"])
    assert json.loads(allowed.stdout)["added"] == 1  # the flag lets the outside link in
