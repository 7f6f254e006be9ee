"""Validate the bundled sample corpus (examples/releases) and its gold questions.

Encoding is declared by the file name: ``*cp949*`` files are CP949, everything else is UTF-8
(a leading BOM is allowed). For ``.json`` releases the searchable text is ``title`` + ``body``;
for ``.html`` releases it is the raw page.
"""

import collections
import datetime as dt
import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RELEASES = EXAMPLES / "releases"
TYPES = {"who_spoke", "where", "when", "which_firms", "how_many", "what", "who_is", "unanswerable"}
QUESTION_KEYS = {"question", "lang", "type", "gold_doc", "gold_answers", "gold_evidence"}
BOM = b"\xef\xbb\xbf"


def declared_encoding(path: Path) -> str:
    return "cp949" if "cp949" in path.name.lower() else "utf-8"


def release_files() -> list[Path]:
    return sorted(p for p in RELEASES.iterdir() if p.is_file() and p.suffix in {".txt", ".html", ".json"})


def release_text(path: Path) -> str:
    raw = path.read_bytes()
    enc = declared_encoding(path)
    text = raw.decode("cp949") if enc == "cp949" else raw.decode("utf-8-sig")
    if path.suffix == ".json":
        obj = json.loads(text)
        return obj["title"] + "\n" + obj["body"]
    return text


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


QUESTIONS = load_jsonl(EXAMPLES / "questions.jsonl")
FOLLOWUPS = load_jsonl(EXAMPLES / "followups.jsonl")
FOLLOWUP_TURNS = [(f"{c['id']}#{i}", t) for c in FOLLOWUPS for i, t in enumerate(c["turns"], 1)]
ALL_ITEMS = [(q["id"], q) for q in QUESTIONS] + FOLLOWUP_TURNS


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {p.name: release_text(p) for p in release_files()}


def test_release_set_composition():
    files = release_files()
    names = [p.name for p in files]
    assert len(files) >= 10
    assert sum(n.startswith("ko-") for n in names) >= 7
    assert sum(n.startswith("en-") for n in names) >= 3
    assert sum(p.suffix == ".html" for p in files) == 1
    assert sum(p.suffix == ".json" for p in files) == 1
    assert sum(declared_encoding(p) == "cp949" for p in files) == 1
    assert any(p.read_bytes().startswith(BOM) for p in files), "expected one UTF-8 file with a BOM"


@pytest.mark.parametrize("path", release_files(), ids=lambda p: p.name)
def test_release_readable_with_declared_encoding(path: Path):
    raw = path.read_bytes()
    if declared_encoding(path) == "cp949":
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        text = raw.decode("cp949")
        assert any("\uac00" <= c <= "\ud7a3" for c in text)
    else:
        raw.decode("utf-8")
    text = release_text(path)
    assert "\ufffd" not in text
    assert len(text) >= 1200


def test_html_release_shape():
    (page,) = [p for p in release_files() if p.suffix == ".html"]
    html = release_text(page)
    for tag in ("<html", "<head>", "<title>", '<meta name="date"', "<nav>", "<script>", "<style>"):
        assert tag in html, tag
    for tag in ("<article>", "<h1>", "<p>", "<footer>", "<aside"):
        assert tag in html, tag


def test_json_release_shape():
    (doc,) = [p for p in release_files() if p.suffix == ".json"]
    obj = json.loads(doc.read_text(encoding="utf-8"))
    assert {"title", "body", "date", "source", "url"} <= obj.keys()
    dt.date.fromisoformat(obj["date"])
    assert obj["url"].startswith("http")


def test_question_set_composition(texts):
    ids = [q["id"] for q in QUESTIONS]
    assert len(ids) == len(set(ids))
    types = collections.Counter(q["type"] for q in QUESTIONS)
    assert set(types) == TYPES
    assert types["unanswerable"] >= 5
    langs = collections.Counter(q["lang"] for q in QUESTIONS)
    assert langs["en"] >= 8 and langs["ko"] >= 20
    en_on_ko = [q for q in QUESTIONS if q["lang"] == "en" and (q["gold_doc"] or "").startswith("ko-")]
    assert len(en_on_ko) >= 4
    assert {q["gold_doc"] for q in QUESTIONS if q["gold_doc"]} == set(texts)


def test_followups_are_two_turn():
    assert len(FOLLOWUPS) >= 3
    for conv in FOLLOWUPS:
        assert len(conv["turns"]) == 2, conv["id"]


@pytest.mark.parametrize(("qid", "item"), ALL_ITEMS, ids=[i for i, _ in ALL_ITEMS])
def test_gold_item(qid, item, texts):
    assert item.keys() >= QUESTION_KEYS
    assert item["lang"] in {"ko", "en"}
    assert item["type"] in TYPES
    if item["type"] == "unanswerable":
        assert item["gold_doc"] is None
        assert item["gold_answers"] == []
        assert item["gold_evidence"] is None
        return
    assert item["gold_doc"] in texts, f"unknown doc {item['gold_doc']}"
    text = texts[item["gold_doc"]]
    evidence = item["gold_evidence"]
    answers = item["gold_answers"]
    assert answers and all(isinstance(a, str) and a for a in answers)
    assert evidence and evidence in text, "gold_evidence is not a verbatim substring"
    assert any(a in evidence for a in answers), "no gold answer inside gold_evidence"
    assert answers[0] in text, "first gold answer is not a verbatim span"
