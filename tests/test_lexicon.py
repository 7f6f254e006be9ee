"""The cross-language bridges: glossary in both directions, and names checked in the right script."""

from __future__ import annotations

from qa.answer import _entity_coverage
from qa.lexicon import cross_language_words, english_glosses, korean_glosses
from qa.question import analyse


def test_english_question_gets_korean_domain_words() -> None:
    glosses = korean_glosses("Which firms will relocate their headquarters?")
    assert "이전" in glosses and "본사" in glosses


def test_korean_question_gets_english_domain_words() -> None:
    glosses = english_glosses("배터리 공장 기공식 참석자는 몇 명이었어?")
    assert {"battery", "groundbreaking", "factory"} <= set(glosses)


def test_one_syllable_korean_words_are_not_glossed() -> None:
    # 시, 군, 식 turn up inside nearly every Korean word: glossing them would flood the query
    assert english_glosses("시 군 식") == []


def test_two_syllable_name_must_begin_a_word() -> None:
    query = analyse("서해 경제자유구역청장은 누구야?")
    across_words = "청림시는 본사를 판교에서 해솔지구로 옮겼다. 경제자유구역청장이 참석했다."
    named = "서해 경제자유구역청장이 참석했다."
    assert _entity_coverage(query, named) == 1.0
    assert _entity_coverage(query, across_words) < 1.0


def test_korean_question_carries_its_names_romanized() -> None:
    words = cross_language_words("서해 경제자유구역청장은 누구야?")
    assert "seohae" in words and "commissioner" in words
    assert cross_language_words("Who heads the Seohae authority?") == korean_glosses(
        "Who heads the Seohae authority?"
    )


def test_hangul_names_are_not_held_against_an_english_release() -> None:
    # "브라이트웰" can't be found in "Brightwell": absence in English text proves nothing
    query = analyse("브라이트웰 푸드는 본사를 어디로 옮겨?")
    assert _entity_coverage(query, "Brightwell Foods will move its headquarters to Indianapolis.") == 1.0


def test_acronym_of_a_name_in_the_question_is_not_an_answer() -> None:
    from index.models import Fact
    from qa.answer import _named_in_question

    query = analyse("Which firms signed MOUs with the Namhae Free Economic Zone Authority?")
    text = "NFEZ signed MOUs with Larkfield Motors."
    acronym = Fact("firm", {"name": "NFEZ", "role": "mou"}, 0, len(text), 0, 4)
    firm = Fact("firm", {"name": "Larkfield Motors", "role": "mou"}, 0, len(text), 22, 38)
    assert _named_in_question(query, acronym, text)
    assert not _named_in_question(query, firm, text)
