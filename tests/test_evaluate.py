"""The metrics of `pressqa eval`, checked against their written definitions."""

from __future__ import annotations

from qa.evaluate import check_floors, normalise, score, summarise

GOLD = {
    "id": "t1",
    "question": "어디서 열렸어?",
    "lang": "ko",
    "type": "where",
    "gold_doc": "a.txt",
    "gold_answers": ["판교 이노베이션홀"],
    "gold_evidence": "행사는 판교 이노베이션홀 3층에서 열렸다.",
}
UNANSWERABLE = {"id": "t2", "question": "?", "lang": "en", "type": "unanswerable", "gold_doc": None}


def result(answer: str | None, source: str = "a.txt", quote: str = "", **extra) -> dict:
    return {
        "answerable": answer is not None,
        "answer": answer,
        "citations": [{"source": source, "quote": quote}],
        **extra,
    }


def test_normalise_is_nfkc_lowercase_without_spaces_or_punctuation() -> None:
    assert normalise("Ｐａｎｇｙｏ  Hall, 3F!") == "pangyohall3f"
    assert normalise("“판교” 이노베이션홀.") == "판교이노베이션홀"


def test_answer_must_contain_gold_and_stay_short() -> None:
    assert score(GOLD, result("판교 이노베이션홀 3층"))["answer"] == 1
    gold_len = len(normalise("판교 이노베이션홀"))
    padded = "판교 이노베이션홀" + "가" * (3 * gold_len + 12 + 1)  # one over 4×len(gold)+12
    assert score(GOLD, result(padded))["answer"] == 0
    assert score(GOLD, result("성남시청"))["answer"] == 0


def test_evidence_needs_the_gold_release_and_an_overlapping_quote() -> None:
    quote = "행사는 판교 이노베이션홀 3층에서 열렸다. 이어 만찬이 있었다."
    assert score(GOLD, result("x", quote=quote))["evidence@1"] == 1
    assert score(GOLD, result("x", source="b.txt", quote=quote))["evidence@1"] == 0
    partial = "이노베이션홀 3층에서 열렸다고 밝혔다"  # common substring ≥ half the evidence
    assert score(GOLD, result("x", quote=partial))["evidence@1"] == 1
    assert score(GOLD, result("x", quote="판교에서"))["evidence@1"] == 0


def test_abstaining_scores_false_abstain_or_abstain_ok() -> None:
    declined = score(GOLD, result(None))
    assert declined["false_abstain"] == 1 and declined["answer"] == 0 and declined["abstain_ok"] is None
    assert score(UNANSWERABLE, result(None))["abstain_ok"] == 1
    answered = score(UNANSWERABLE, result("something"))
    assert answered["abstain_ok"] == 0 and answered["doc@1"] is None


def test_search_at_1_only_when_a_search_ran() -> None:
    assert score(GOLD, result("x", search_top="a.txt"))["search@1"] == 1
    assert score(GOLD, result("x", search_top="b.txt"))["search@1"] == 0
    assert score(GOLD, result("x"))["search@1"] is None


def test_summary_groups_by_type_and_language_and_floors() -> None:
    rows = [
        (GOLD, score(GOLD, result("판교 이노베이션홀"))),
        (UNANSWERABLE, score(UNANSWERABLE, result("x"))),
    ]
    summary = summarise(rows)
    assert summary["overall"]["n"] == 2 and summary["overall"]["answer"] == 1.0
    assert summary["by_lang"]["en"]["abstain_ok"] == 0.0
    assert summary["by_type"]["where"]["doc@1"] == 1.0
    failures = check_floors(summary["overall"], {"answer": 0.7, "abstain_ok": 0.6, "false_abstain": 0.1})
    assert failures == ["abstain_ok 0.000 < 0.6"]
