"""Story groups (near-duplicates), archive-wide list questions, `pressqa facts` and GET /facts.

All texts are fictional: the releases of examples/archive and the short ones written below.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from index import groups
from index.dedup import DedupConfig, profile, same_story
from index.store.schema import migrate

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "examples" / "archive"
CFG = DedupConfig()


def _text(name: str) -> str:
    return (ARCHIVE / "releases" / name).read_text(encoding="utf-8")


# --- verification of candidate pairs --------------------------------------------------------


def test_a_republished_copy_with_another_byline_and_boilerplate_is_one_story() -> None:
    a = profile(_text("ko-s01a-nuricell-daol.txt"), "2023-03-14", CFG)
    c = profile(_text("ko-s01c-nuricell-daol.txt"), "2023-03-15", CFG)  # cut short, other outlet
    assert same_story(a, c, CFG) is not None


def test_another_outlets_own_story_of_the_same_mou_is_not_a_copy() -> None:
    a = profile(_text("ko-s01a-nuricell-daol.txt"), "2023-03-14", CFG)
    feature = profile(_text("ko-s02-nuricell-feature.txt"), "2023-03-15", CFG)
    assert same_story(a, feature, CFG) is None


def test_a_reused_template_with_other_numbers_is_not_a_copy_even_undated() -> None:
    a = profile(_text("en-e01a-harrowbay-mou-2022.txt"), None, CFG)
    b = profile(_text("en-e02-harrowbay-mou-2023.txt"), None, CFG)
    assert same_story(a, b, CFG) is None


def test_copies_dated_far_apart_are_other_stories() -> None:
    text = _text("ko-s04a-darae-daol.txt")
    assert same_story(profile(text, "2022-09-05", CFG), profile(text, "2022-09-06", CFG), CFG) is not None
    assert same_story(profile(text, "2022-09-05", CFG), profile(text, "2023-09-05", CFG), CFG) is None


# --- groups kept right by add / change / remove ----------------------------------------------


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    return conn


def _put(conn: sqlite3.Connection, rid: str, text: str, date: str) -> None:
    groups.forget(conn, rid)
    conn.execute("DELETE FROM releases WHERE id = ?", (rid,))
    conn.execute(
        "INSERT INTO releases (id, root, source, content_hash, date, lang, text, added_at)"
        " VALUES (?, 'r', ?, 'h', ?, 'ko', ?, 0)",
        (rid, f"{rid}.txt", date, text),
    )


def _groups(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT release_id, group_id FROM dup_groups"))


def test_groups_follow_adds_changes_and_removals() -> None:
    conn = _db()
    _put(conn, "a", _text("ko-s01a-nuricell-daol.txt"), "2023-03-14")
    _put(conn, "b", _text("ko-s01b-nuricell-daol.txt"), "2023-03-14")
    _put(conn, "x", _text("ko-s02-nuricell-feature.txt"), "2023-03-15")
    groups.regroup(conn, CFG)
    assert _groups(conn) == {"a": "a", "b": "a"}  # same day: the longer text is canonical
    _put(conn, "c", _text("ko-s01c-nuricell-daol.txt"), "2023-03-13")  # an earlier copy arrives
    groups.regroup(conn, CFG)
    assert _groups(conn) == {"a": "c", "b": "c", "c": "c"}
    _put(conn, "b", _text("ko-s05-saebom-nuri.txt"), "2023-03-14")  # b changed into another story
    groups.regroup(conn, CFG)
    assert _groups(conn) == {"a": "c", "c": "c"}
    groups.forget(conn, "c")
    conn.execute("DELETE FROM releases WHERE id = 'c'")
    groups.regroup(conn, CFG)
    assert _groups(conn) == {}  # a alone again
    groups.regroup(conn, None)  # switched off: nothing grouped, recorded as off
    assert conn.execute("SELECT value FROM meta WHERE key = 'dedup'").fetchone()[0] == "off"


# --- archive typing ----------------------------------------------------------------------------

SINGLE_RELEASE = [  # fictional questions about one story: they keep the single-release path
    "다래소재가 본사를 옮기는 곳은 어디야?",
    "다올시로 이전하는 기업들은 어디어디야?",
    "한울만경자청과 1,040억원 규모 투자협약을 맺은 기업은 어디어디야?",
    "2022 한울만 투자유치 설명회에서 협약한 기업은?",
    "협약을 맺은 기업 세 곳은 어디야?",
    "Which company is moving its headquarters to Millbrook?",
    "Which three companies signed MOUs at the briefing?",
    "Which companies signed the agreement in 2022?",
    "Which firms did Larkspur Robotics partner with in 2023?",
    "2023년 누리셀바이오는 몇 명을 채용해?",
]


@pytest.mark.parametrize("question", SINGLE_RELEASE)
def test_questions_about_one_story_are_not_archive_wide(question: str) -> None:
    from qa.archive import plan
    from qa.question.analysis import analyse

    assert plan(analyse(question)) is None


def test_every_bundled_single_release_question_keeps_its_path() -> None:
    from qa.archive import plan
    from qa.question.analysis import analyse

    for path in (ROOT / "examples" / "questions.jsonl", ROOT / "examples" / "followups.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            for turn in item.get("turns") or [item]:
                assert plan(analyse(turn["question"])) is None, turn["question"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2023년에 충북으로 본사를 옮긴 기업은?",
         {"role": "relocate", "to": "충북", "date_from": "2023-01-01", "date_to": "2023-12-31"}),
        ("경기도에서 지방으로 이전한 기업 목록", {"role": "relocate", "to": "지방", "origin": "경기도"}),
        ("2022년부터 2023년까지 충북으로 이전한 기업 목록",
         {"role": "relocate", "to": "충북", "date_from": "2022-01-01", "date_to": "2023-12-31"}),
        ("Which companies signed MOUs with the Harrow Bay Free Economic Zone Authority in 2022?",
         {"role": "mou", "org": "Harrow Bay Free Economic Zone Authority", "date_from": "2022-01-01",
          "date_to": "2022-12-31"}),
        ("List all companies that moved from California.", {"role": "relocate", "origin": "California"}),
    ],
)  # fmt: skip
def test_archive_filters_are_read_from_the_question(question: str, expected: dict) -> None:
    from qa.archive import plan
    from qa.question.analysis import analyse

    found = plan(analyse(question))
    assert found is not None and found.filters == expected


# --- list scoring ------------------------------------------------------------------------------


def test_list_items_need_a_gold_name_and_a_citation_from_a_gold_doc() -> None:
    from qa.evaluate import score, score_stories

    question = {
        "gold_items": [
            {"names": ["다래소재"], "docs": ["a.txt"]},
            {"names": ["Pellworth Foods"], "docs": ["b.txt"]},
        ]
    }

    def item(name: str, source: str, quote: str) -> dict:
        return {"name": name, "variants": [name], "citation": {"source": source, "quote": quote}}

    result = {"answerable": True, "items": [
        item("㈜다래소재", "a.txt", "㈜다래소재가 본사를 옮긴다."),  # legal form ignored
        item("다래소재", "a.txt", "㈜다래소재가 본사를 옮긴다."),  # listed twice: the second is wrong
        item("Pellworth Foods", "c.txt", "Pellworth Foods Inc. will relocate"),  # cited from elsewhere
    ]}  # fmt: skip
    scores = score(question, result)
    assert scores["item_p"] == pytest.approx(1 / 3, abs=1e-3) and scores["item_r"] == 0.5
    assert score({"gold_items": []}, {"answerable": False})["abstain_ok"] == 1
    pairs = score_stories({"a1": "a1", "a2": "a1", "c": "a1"}, ["a1", "a2", "b", "c"], _stories_file())
    assert (pairs["pair_p"], pairs["pair_r"]) == (pytest.approx(1 / 3, abs=1e-3), 1.0)


def _stories_file() -> Path:
    import tempfile

    path = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    lines = [
        {"story": "s1", "members": ["a1", "a2"]},
        {"story": "s2", "members": ["b"]},
        {"story": "s3", "members": ["c"]},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    return path


# --- end to end on a small index ---------------------------------------------------------------

SMALL = [
    "ko-s01a-nuricell-daol.txt",
    "ko-s01b-nuricell-daol.txt",
    "ko-s02-nuricell-feature.txt",
    "ko-s03a-hangyeol-saeul.txt",
    "ko-s04a-darae-daol.txt",
    "en-e05-pellworth-bellmont.txt",
]


@pytest.fixture(scope="module")
def small_index(tmp_path_factory, fake_embedder):
    """Story groups and list answers come from facts and text, not from the model: the fake one."""
    from index.settings import Settings
    from index.sync import Indexer

    base = tmp_path_factory.mktemp("archive")
    folder = base / "releases"
    folder.mkdir()
    for name in SMALL:
        shutil.copy(ARCHIVE / "releases" / name, folder / name)
    settings = Settings(home=base / "home")
    report = Indexer(settings, fake_embedder).sync([folder])
    assert report.groups == 1
    return settings, folder, fake_embedder


@pytest.mark.slow
def test_archive_question_lists_each_firm_once_with_its_own_citation(small_index) -> None:
    from qa.service import Assistant

    settings, _, embedder = small_index
    result = Assistant(settings, embedder).ask("2023년에 충북으로 본사를 옮긴 기업은?").as_dict()
    assert result["scope"] == "archive" and result["answerable"]
    names = [item["name"] for item in result["items"]]
    assert names == ["누리셀바이오", "한결모빌리티"]  # 다래소재 moved in 2022; copies counted once
    for item, citation in zip(result["items"], result["citations"], strict=True):
        text = (small_index[1] / citation["source"]).read_text(encoding="utf-8")
        assert citation["quote"] in text and item["name"] in citation["quote"]
    assert [m["source"] for m in result["citations"][0]["also_published_by"]] in (
        ["ko-s01b-nuricell-daol.txt"],
        ["ko-s01a-nuricell-daol.txt"],
    )
    none = Assistant(settings, embedder).ask("2021년에 충북으로 본사를 옮긴 기업은?").as_dict()
    assert not none["answerable"] and none["items"] == []


@pytest.mark.slow
def test_search_and_ask_cite_a_story_once(small_index) -> None:
    from qa.service import Assistant

    settings, _, embedder = small_index
    assistant = Assistant(settings, embedder)
    hits = assistant.generation().retriever.search("누리셀바이오 본사 이전 협약", k=8)
    copies = {"ko-s01a-nuricell-daol.txt", "ko-s01b-nuricell-daol.txt"}
    assert len({h.passage.source for h in hits} & copies) == 1
    answer = assistant.ask("누리셀바이오가 새로 채용하는 인력은 몇 명이야?").as_dict()
    assert "scope" not in answer  # an ordinary question keeps the single-release path
    assert len({c["source"] for c in answer["citations"]} & copies) <= 1


@pytest.mark.slow
def test_facts_cli_and_api_filter_and_page(small_index) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from api.app import create_app
    from api.cli import app

    settings, _, embedder = small_index
    out = CliRunner().invoke(
        app,
        [
            "facts",
            "--home",
            str(settings.home),
            "--role",
            "relocate",
            "--to",
            "충북",
            "--json",
            "--limit",
            "1",
        ],
    )
    assert out.exit_code == 0, out.output
    page = json.loads(out.output)
    assert page["total"] == 3 and [i["name"] for i in page["items"]] == ["다래소재"]
    bad = CliRunner().invoke(app, ["facts", "--home", str(settings.home), "--from", "2023-13"])
    assert bad.exit_code == 3 and "not a date" in bad.output  # UserError

    from qa.service import Assistant

    client = TestClient(  # a local client: keyless servers answer loopback only
        create_app(settings, assistant=Assistant(settings, embedder)),
        base_url="http://127.0.0.1:8000",
        client=("127.0.0.1", 50000),
    )
    body = client.get(
        "/facts", params={"role": "relocate", "from_place": "Illinois", "distinct": True}
    ).json()
    assert "entries" in body, body
    assert [e["name"] for e in body["entries"]] == ["Pellworth Foods"] and body["total"] == 1
    assert body["entries"][0]["to"] == "Bellmont, Kentucky"
    raw = client.get("/facts", params={"role": "relocate", "date_from": "2023-01-01", "limit": 2}).json()
    assert raw["total"] >= 3 and len(raw["items"]) == 2
    assert client.get("/facts", params={"role": "bogus"}).status_code == 422
    assert client.get("/facts", params={"date_from": "2023"}).status_code == 422
    rid = next(i["release_id"] for i in body["entries"][0]["citations"])
    assert client.get(f"/releases/{rid}").json()["group"] == []
    copy = client.get("/facts", params={"name": "누리셀", "distinct": True}).json()["entries"][0]
    detail = client.get(f"/releases/{copy['citations'][0]['release_id']}").json()
    assert len(detail["group"]) == 2 and sum(m["canonical"] for m in detail["group"]) == 1
