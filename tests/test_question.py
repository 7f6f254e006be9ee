"""Question analysis: types, key terms, entities, focus and follow-up detection.

The questions are written for these tests about fictional releases; none come from an evaluation set.
"""

from __future__ import annotations

import dataclasses

import pytest

from qa.question import (
    EN_RULES,
    KO_QUESTION_WORDS,
    KO_RULES,
    QUESTION_TYPES,
    Query,
    analyse,
    detect_lang,
    is_followup,
)

TYPE_CASES: dict[str, list[str]] = {
    "who_spoke": [
        "남해안경자청 네트워킹데이에 대해 뜻깊은 자리였다고 말한 사람은 누구야?",
        "협약식에서 소감을 밝힌 기업 대표는 누구인가요?",
        "누가 기업 유치에 최선을 다하겠다고 했어?",
        "설명회에서 인사말을 한 사람은?",
        "서림시 투자협약과 관련해 코멘트한 담당자는?",
        "“함께 성장하겠다”고 말한 대표는 누구야?",
        "축사를 한 사람은 누구?",
        "감사의 뜻을 전한 분은 누구신가요?",
        "Who said the new plant would transform Bramble County?",
        "Who explained why Brightwell Foods chose Indianapolis?",
        "Which official commented on the Westmoor County agreements?",
        "Who was quoted about the Seohae investment forum?",
        "Who thanked the capital-area companies at the Namhaean networking day?",
    ],
    "who_is": [
        "청림시 투자설명회에서 산업단지 현황을 발표한 사람은 누구야?",
        "가온테크 대표는 누구인가요?",
        "네트워킹데이 강연자는 누구였어?",
        "누가 행사를 주관했어?",
        "기조강연을 맡은 사람은?",
        "남해안경제자유구역청 청장의 성함은?",
        "Who is the chief executive of Tidewater Cell Components?",
        "Who presented the relocation case at the Namhaean networking day?",
        "Who will lead the new Indianapolis headquarters?",
        "Who is 윤재혁?",
        "What is the name of the speaker at the forum?",
    ],
    "where": [
        "남해안 네트워킹데이는 어디서 열렸어?",
        "서림시 합동 투자협약식 장소가 어디야?",
        "가온테크 본사는 어디로 옮겨?",
        "투자설명회가 열린 호텔 이름은?",
        "가온테크는 어느 도시로 이전해?",
        "새 공장이 들어설 곳은?",
        "수도권 기업들이 이전하는 곳은 어디어디야?",
        "청림시 설명회 개최지는?",
        "Where was the Seohae FEZ Investment Forum held?",
        "Which city is Brightwell Foods moving its headquarters to?",
        "In which building was the Westmoor signing ceremony held?",
        "What venue hosted the 청림시 investment briefing?",
        "Where will Tidewater build its separator plant?",
    ],
    "when": [
        "네트워킹데이는 언제 열렸어?",
        "서림시 투자협약 체결 날짜랑 시간 알려줘",
        "청림시 설명회는 며칠이었어?",
        "행사는 몇 시에 시작했어?",
        "첨단의료복합산단 준공 시기는?",
        "가온테크는 언제부터 서림 제3산단에 입주해?",
        "착공식 개최일은?",
        "When did Tidewater break ground in Bramble County?",
        "What date was the Westmoor signing ceremony?",
        "What time did the Seohae forum start?",
        "Since what year has the province hosted the forum?",
        "When will Brightwell's new lease begin?",
    ],
    "which_firms": [
        "서림시로 이전을 결정한 수도권 기업은 어디어디야?",
        "판교에서 본사를 통째로 옮기는 회사는?",
        "어떤 기업들이 투자협약에 참여했어?",
        "어느 업체가 해솔지구로 이전해?",
        "협약을 체결한 곳은 어디어디야?",
        "이전하는 업체 명단 알려줘",
        "Which company is relocating its headquarters from Chicago to Indianapolis?",
        "What company broke ground on a separator plant in Georgia?",
        "Which robotics firm is leaving Pittsburgh?",
        "Which battery separator maker is building in Bramble County?",
        "Name the company moving to Indianapolis.",
    ],
    "how_many": [
        "네트워킹데이에 참석한 사람은 몇 명이야?",
        "서림시와 협약한 기업은 모두 몇 곳이야?",
        "몇 개 기업이 투자협약에 참여했어?",
        "가온테크 이전으로 일자리가 얼마나 생겨?",
        "청림시 설명회 참석 기업 수는?",
        "협약에 참여한 업체는 총 몇 개사야?",
        "신규 채용 인원은?",
        "How many jobs will the Tidewater plant create?",
        "How many employees will move to Indianapolis?",
        "How many companies attended the Seoul forum?",
        "What is the number of manufacturers that signed with Westmoor County?",
        "How many SW companies attended the 남해안 networking day?",
    ],
    "what": [
        "서림시 투자협약의 총 투자액은 얼마야?",
        "가온테크는 얼마를 투자해?",
        "청림시가 제시한 보조금은 어떤 내용이야?",
        "해솔지구에는 어떤 업종 기업이 들어가?",
        "이번 설명회에서 무엇을 소개했어?",
        "투자 규모는?",
        "What will the Tidewater plant produce?",
        "How much will Tidewater invest in the plant?",
        "What is the average annual wage at the new plant?",
        "What did the Seohae authority offer relocating firms?",
    ],
}

TYPE_PARAMS = [(kind, q) for kind, questions in TYPE_CASES.items() for q in questions]


@pytest.mark.parametrize(("expected", "question"), TYPE_PARAMS)
def test_question_type(expected: str, question: str) -> None:
    assert analyse(question).type == expected


def test_every_type_is_covered_and_none_is_unanswerable() -> None:
    assert set(TYPE_CASES) == set(QUESTION_TYPES)
    assert "unanswerable" not in QUESTION_TYPES
    for _, pattern in KO_RULES + EN_RULES:
        assert pattern.pattern  # the rules are data: (type, compiled pattern)


def test_query_is_frozen_and_text_is_stripped() -> None:
    query = analyse("  가온테크 본사는 어디야?  \n")
    assert isinstance(query, Query)
    assert query.text == "가온테크 본사는 어디야?"
    with pytest.raises(dataclasses.FrozenInstanceError):
        query.type = "what"  # type: ignore[misc]
    hash(query)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("서림시 투자협약식은 어디서 열렸어?", "ko"),
        ("2023 남해안 SW 네트워킹데이는 어디서 열렸나요?", "ko"),
        ("Brightwell Foods는 어디로 이전해?", "ko"),
        ("Bank of the West는 어디로 본사를 옮겨?", "ko"),
        ("Where did Brightwell Foods move?", "en"),
        ("Who is 윤재혁?", "en"),
        ("Where was the 남해안 네트워킹데이 held?", "en"),
    ],
)
def test_language(question: str, lang: str) -> None:
    assert detect_lang(question) == lang
    assert analyse(question).lang == lang


# -- terms --------------------------------------------------------------------------------------


def test_korean_terms_drop_particles_endings_and_question_words() -> None:
    query = analyse("남해안경자청은 판교 이노베이션홀에서 누구를 초청했어?")
    assert {"남해안경자청", "판교", "이노베이션홀", "초청"} <= set(query.terms)
    assert not any(t.endswith(("은", "에서", "를")) and t not in {"남해안경자청"} for t in query.terms)
    assert not set(query.terms) & KO_QUESTION_WORDS
    assert "했어" not in query.terms and "누구" not in query.terms


def test_korean_terms_drop_generic_words_and_keep_verb_stems() -> None:
    query = analyse("가온테크 본사를 옮기는 것과 관련해 말한 사람이 누구야?")
    assert "옮기" in query.terms
    assert not {"것", "관련", "사람", "누구"} & set(query.terms)


def test_compound_noun_kept_whole_and_in_parts() -> None:
    query = analyse("SW투자네트워킹데이는 언제 열렸어?")
    assert "sw투자네트워킹데이" in query.terms
    assert {"sw", "투자"} <= set(query.terms)


def test_counted_compound_and_numbers_kept() -> None:
    query = analyse("2023 서림 제3산단에 입주하는 기업은 몇 곳이야?")
    assert "2023" in query.terms
    assert "제3산단" in query.terms


def test_english_terms_lowercased_without_stopwords_with_name_phrases() -> None:
    query = analyse("How many jobs will Brightwell Foods bring to Indianapolis?")
    assert query.terms[:2] == ("jobs", "brightwell")
    assert "brightwell foods" in query.terms
    assert not {"how", "many", "will", "to", "the"} & set(query.terms)


def test_english_question_about_korean_topic_keeps_hangul_terms() -> None:
    query = analyse("Where was the 청림시 투자설명회 held?")
    assert query.lang == "en"
    assert {"청림시", "투자", "설명회", "held"} <= set(query.terms)


# -- entities -----------------------------------------------------------------------------------


def test_korean_entities_are_proper_nouns_and_latin_names() -> None:
    query = analyse("남해안경자청 2023 SW 네트워킹데이는 판교 어디서 열렸어?")
    assert {"남해안경자청", "SW", "판교"} <= set(query.entities)
    assert "네트워킹데이" in query.entities
    assert "어디" not in query.entities


def test_korean_question_keeps_spaced_english_name_whole() -> None:
    query = analyse("Brightwell Foods는 어디로 이전해?")
    assert "Brightwell Foods" in query.entities
    assert "brightwell foods" in query.terms


def test_english_entities_keep_casing_and_multiword_names() -> None:
    query = analyse("Which company is moving from St. Petersburg to Cox Harbor City?")
    assert "St. Petersburg" in query.entities
    assert "Cox Harbor City" in query.entities
    assert "Which" not in query.entities
    assert "st. petersburg" in query.terms


def test_english_entities_strip_possessive_and_question_words() -> None:
    query = analyse("At the Seohae Free Economic Zone Authority's forum, who spoke about Tidewater?")
    assert query.entities == ("Seohae Free Economic Zone Authority", "Tidewater")


def test_role_acronyms_are_not_entities() -> None:
    assert analyse("Who is the CEO of Tidewater Cell Components?").entities == ("Tidewater Cell Components",)


# -- focus and unit_hint ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "focus", "unit"),
    [
        ("네트워킹데이에 온 수도권 SW 기업 대표는 몇 곳이야?", "기업", "곳"),  # 곳 counts firms
        ("초청한 수도권 기업 CEO는 몇 명?", "CEO", "명"),
        ("협약에 참여한 업체는 총 몇 개사야?", "업체", "개사"),
        ("몇 명의 직원이 서림시로 이전해?", "직원", "명"),
        ("이전으로 일자리가 얼마나 생겨?", "일자리", "일자리"),
        ("서림시와 협약한 기업 수는?", "기업", "기업"),
        ("기업이 모두 몇 곳 참여했어?", "기업", "곳"),
        ("How many staff will relocate to Indianapolis?", "staff", "staff"),
        ("How many jobs will the plant create?", "jobs", "jobs"),
        ("How many local business owners attended?", "owners", "owners"),
        ("What is the number of companies at the forum?", "companies", "companies"),
    ],
)
def test_how_many_focus_and_unit(question: str, focus: str, unit: str) -> None:
    query = analyse(question)
    assert query.type == "how_many"
    assert (query.focus, query.unit_hint) == (focus, unit)


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("네트워킹데이에서 SW 산업 동향 강연을 한 사람은 누구야?", "강연"),
        ("이전 사례를 발표한 사람은?", "발표"),
        ("강연자는 누구였어?", "강연"),
        ("사회를 맡은 사람은 누구?", "사회"),
        ("가온테크 대표는 누구야?", "대표"),
        ("Who is the chairman of Brightwell Foods?", "chairman"),
        ("Who gave the keynote lecture at the forum?", "lecture"),
        ("Who is 윤재혁?", None),
    ],
)
def test_who_is_focus(question: str, focus: str | None) -> None:
    query = analyse(question)
    assert query.type == "who_is"
    assert query.focus == focus
    assert query.unit_hint is None


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("서림시 협약의 총 투자액은 얼마야?", "투자액"),
        ("해솔지구에는 어떤 업종 기업이 들어가?", "업종"),
        ("가온테크는 얼마를 투자해?", "투자"),
        ("What is the total investment in the plant?", "investment"),
        ("What products will the plant make?", "products"),
        ("What did the governor say?", None),
    ],
)
def test_what_focus(question: str, focus: str | None) -> None:
    query = analyse(question)
    assert query.type == "what"
    assert query.focus == focus


def test_no_focus_for_other_types() -> None:
    for question in ("가온테크 본사는 어디야?", "When did Tidewater break ground?", "어떤 기업이 이전해?"):
        query = analyse(question)
        assert query.focus is None and query.unit_hint is None


# -- follow-ups ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "그 행사는 어디서 열렸어?",
        "이번 협약으로 일자리가 얼마나 생겨?",
        "거기서 강연한 사람은 누구야?",
        "해당 기업 대표는 누구야?",
        "그곳에 입주하는 업체는 몇 개사야?",
        "그럼 다른 기업은?",
        "Where did they move?",
        "When does it open?",
        "What else was announced?",
        "Who spoke at that event?",
        "How many jobs will the plant also create?",
        "And who hosted it?",
    ],
)
def test_followup_detected(question: str) -> None:
    assert is_followup(question)


@pytest.mark.parametrize(
    "question",
    [
        "서림시 투자협약식은 어디서 열렸어?",
        "이번 2023 남해안 SW 네트워킹데이는 어디서 열렸어?",
        "가온테크는 몇 명을 고용해?",
        "수도권 기업이 이전하는 지역은 어디야?",
        "When will Brightwell Foods move?",
        "How many companies are there in the Hasol district?",
        "How many jobs did Tidewater add this year?",
        "Which company is relocating from Chicago to Indianapolis?",
    ],
)
def test_self_contained_not_followup(question: str) -> None:
    assert not is_followup(question)
