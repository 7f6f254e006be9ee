"""The cross-language bridges: glossary in both directions, and names checked in the right script."""

from __future__ import annotations

from qa.lexicon import cross_language_words, english_glosses, korean_glosses


def test_english_question_gets_korean_domain_words() -> None:
    glosses = korean_glosses("Which firms will relocate their headquarters?")
    assert "이전" in glosses and "본사" in glosses


def test_korean_question_gets_english_domain_words() -> None:
    glosses = english_glosses("배터리 공장 기공식 참석자는 몇 명이었어?")
    assert {"battery", "groundbreaking", "factory"} <= set(glosses)


def test_the_words_releases_report_with_cross_both_ways() -> None:
    """Beyond relocation and investment: what was pledged, approved, supplied, selected."""
    glosses = korean_glosses("What did the subsidiary pledge to supply once the expansion was approved?")
    assert {"자회사", "약속", "공급", "확장", "승인"} <= set(glosses)
    assert {"selected", "cooperation", "sector"} <= set(english_glosses("누리테크가 선정한 협력 분야는?"))


def test_a_korean_word_is_not_read_as_an_unrelated_english_one() -> None:
    # 시장 is a mayor in these releases, not a market; 이사 a director, not a house move
    assert english_glosses("청림시장은 누구야?") == ["mayor"]
    assert "director" not in english_glosses("본사를 이사한 곳은?")


def test_one_syllable_korean_words_are_not_glossed() -> None:
    # 시, 군, 식 turn up inside nearly every Korean word: glossing them would flood the query
    assert english_glosses("시 군 식") == []


def test_korean_question_carries_its_names_romanized() -> None:
    words = cross_language_words("서해 경제자유구역청장은 누구야?")
    assert "seohae" in words and "commissioner" in words
    assert cross_language_words("Who heads the Seohae authority?") == korean_glosses(
        "Who heads the Seohae authority?"
    )
