"""Answer features (`qa.features`): the relations between a question and each candidate span.

The fitted scorer can only separate right from wrong candidates through these relations, so each
test pins one that the failure classes of issue 8 hinge on: origin vs destination of a move, site
vs venue, the speaker of a quote vs an official merely mentioned, a person's own title vs a
neighbour's, a number's unit vs the asked unit, a list of the asked size. Bundles are built by
hand from fictional releases (no index, no embedding model): `featurize` is a pure function of
(query, bundle).
"""

from __future__ import annotations

import math

import pytest

from index.facts import extract_facts
from index.mentions import extract_mentions
from index.sentences import split_sentences
from qa.answer import eligible, featurize
from qa.bundle import EvidenceBundle, PassageEvidence, ReleaseEvidence
from qa.candidates import shown_list
from qa.cite import ReleaseInfo
from qa.features.text import span_cut
from qa.question.analysis import analyse

Rows = dict[str, list[dict[str, float]]]


def release(rid: str, text: str, lang: str, rank: int = 0, dense: float = 0.8) -> ReleaseEvidence:
    """One release as `qa.bundle.gather` would read it: sentences, one passage, facts and mentions."""
    sentences = split_sentences(text)
    facts = extract_facts(text, sentences, lang) + extract_mentions(text, sentences, lang)
    info = ReleaseInfo(rid, f"{rid}.txt", text.split("\n", 1)[0], "2025-03-03", text)
    passages = [PassageEvidence(rank * 100 + 1, 0, len(text), dense, rank)]
    return ReleaseEvidence(info, lang, rank, False, False, sentences, passages, facts)


def rows_by_text(question: str, text: str, lang: str) -> Rows:
    """Feature rows of every candidate of a one-release bundle, keyed by the candidate's text."""
    bundle = EvidenceBundle(analyse(question), [], [release("r0", text, lang)])
    candidates, rows = featurize(bundle)
    assert len(candidates) == len(rows)
    out: Rows = {}
    for cand, row in zip(candidates, rows, strict=True):
        out.setdefault(cand.text, []).append(row)
    return out


def values(rows: Rows, text: str, feature: str) -> set[float]:
    """The values one feature takes over the candidates showing `text` (one per span)."""
    assert text in rows, f"no candidate {text!r} among {sorted(rows)}"
    return {row.get(feature, 0.0) for row in rows[text]}


# -- origin and destination of a move ---------------------------------------------------------

KO_MOVE = "가온테크, 본사 이전\n가온테크는 보람시에서 누리시로 본사를 이전한다고 밝혔다."


def test_korean_origin_and_destination_of_a_move() -> None:
    rows = rows_by_text("가온테크 본사는 원래 어디에 있었어?", KO_MOVE, "ko")
    assert values(rows, "보람시", "pl_from") == {1.0}
    assert values(rows, "보람시", "pl_to") == {0.0}
    assert values(rows, "누리시", "pl_to") == {1.0}
    assert values(rows, "누리시", "pl_from") == {0.0}


def test_the_moved_plant_and_the_firms_seat_are_origins() -> None:
    text = (
        "새벽정밀, 가온산단으로 이전\n보람시에 소재한 새벽정밀은 누리시 청하공장을 가온산단으로 이전한다. "
        "새 공장은 내년에 문을 연다."
    )
    rows = rows_by_text("새벽정밀이 가온산단으로 옮기는 공장은 원래 어디에 있었어?", text, "ko")
    assert values(rows, "누리시 청하공장", "x_from") == {1.0}
    assert values(rows, "보람시", "x_from") == {1.0}
    assert values(rows, "가온산단", "x_from") == {0.0}


def test_origin_matches_an_origin_question_and_conflicts_with_a_destination_question() -> None:
    origin = rows_by_text("가온테크 본사는 원래 어디에 있었어?", KO_MOVE, "ko")
    assert values(origin, "보람시", "x_from") == {1.0}
    assert values(origin, "누리시", "pl_conflict") == {1.0}
    destination = rows_by_text("가온테크는 본사를 어디로 옮겨?", KO_MOVE, "ko")
    assert values(destination, "누리시", "x_to") == {1.0}
    assert values(destination, "보람시", "x_to") == {0.0}
    assert values(destination, "보람시", "pl_conflict") == {1.0}


def test_english_origin_and_destination_with_their_states() -> None:
    text = (
        "Kestrel Labs relocates\n"
        "Kestrel Labs Inc. will move its headquarters from Millbrook, Ohio, to Harborview, Oregon, "
        "the company said on Monday."
    )
    rows = rows_by_text("Where did Kestrel Labs move its headquarters to?", text, "en")
    assert values(rows, "Millbrook", "pl_from") == {1.0}
    assert values(rows, "Millbrook", "pl_to") == {0.0}
    assert values(rows, "Harborview", "pl_to") == {1.0}
    assert values(rows, "Harborview", "pl_from") == {0.0}


def test_english_destination_right_after_the_origin_is_not_an_origin() -> None:
    text = (
        "Kestrel Labs relocates\nKestrel Labs Inc. will move its headquarters from Millbrook to Harborview."
    )
    rows = rows_by_text("Where did Kestrel Labs move its headquarters to?", text, "en")
    assert values(rows, "Harborview", "pl_to") == {1.0}
    assert values(rows, "Harborview", "pl_from") == {0.0}


def test_site_of_a_plant_is_not_the_venue_of_the_signing() -> None:
    """`가온호텔에서 협약을 맺고 가람산단에 공장을 짓는다`: the site question wants the industrial park."""
    text = "한솔팜 새 공장 착공\n한솔팜은 20일 가온호텔에서 누리군과 투자협약을 맺고 가람산단에 새 공장을 짓는다."
    rows = rows_by_text("한솔팜 새 공장은 어느 산단에 들어서?", text, "ko")
    assert values(rows, "가람산단", "x_site") == {1.0}
    assert values(rows, "가람산단", "pl_venue") == {0.0}
    assert values(rows, "가온호텔", "pl_venue") == {1.0}
    assert values(rows, "가온호텔", "x_site") == {0.0}
    assert values(rows, "가온호텔", "pl_conflict") == {1.0}


# -- speakers --------------------------------------------------------------------------------------


def test_speaker_of_a_quote_and_an_official_merely_mentioned_in_the_same_sentence() -> None:
    text = (
        "가온시, 드론 기업 유치\n"
        "협약식에는 마서준 누리군수와 기업 관계자 40여명이 참석했다.\n"
        "한지호 가온시장은 마서준 누리군수에게 감사를 전하며 “드론 산업의 새 중심이 되겠다”고 말했다."
    )
    rows = rows_by_text("가온시 드론 협약식에서 새 중심이 되겠다고 말한 사람은 누구야?", text, "ko")
    assert values(rows, "한지호", "p_speaker") == {1.0}
    assert values(rows, "한지호", "x_speech_speaker") == {1.0}
    assert values(rows, "마서준", "p_speaker") == {0.0}
    assert values(rows, "마서준", "x_speech_speaker") == {0.0}


def test_english_speaker_and_an_official_who_only_attended() -> None:
    text = (
        "Acme County welcomes Calloway plant\n"
        "Acme County Chairman John Doe and Mayor Ellen Park attended the ceremony. "
        '"We are ready for this plant," said Jane Roe, chief executive of Calloway Instruments.'
    )
    rows = rows_by_text("Who said the county was ready for the Calloway plant?", text, "en")
    assert values(rows, "Jane Roe", "p_speaker") == {1.0}
    assert values(rows, "Jane Roe", "p_said_next") == {1.0}
    assert values(rows, "John Doe", "p_speaker") == {0.0}
    assert values(rows, "Ellen Park", "p_speaker") == {0.0}


# -- a person's own title ------------------------------------------------------------------------


def test_own_title_written_after_the_name() -> None:
    text = "가온시 투자협약\n협약식에는 한지호 가온시장과 마서준 가온시 경제국장이 참석했다."
    rows = rows_by_text("가온시 경제국장은 누구야?", text, "ko")
    assert values(rows, "마서준", "p_own_title") == {1.0}
    assert values(rows, "한지호", "p_own_title") == {0.0}


def test_own_title_of_the_first_person_of_a_pair() -> None:
    text = "누리소재, 가온시에 공장\n협약식에는 누리소재 한지호 대표와 마서준 이사가 참석했다."
    rows = rows_by_text("누리소재 대표는 누구야?", text, "ko")
    assert values(rows, "한지호", "p_own_title") == {1.0}


def test_a_neighbours_title_is_not_ones_own() -> None:
    text = "누리소재, 가온시에 공장\n협약식에는 누리소재 한지호 대표와 마서준 이사가 참석했다."
    rows = rows_by_text("누리소재 대표는 누구야?", text, "ko")
    assert values(rows, "마서준", "p_own_title") == {0.0}


def test_english_own_title_before_the_name() -> None:
    text = (
        "Calloway opens plant\n"
        "The ceremony drew Acme County Chairman John Doe and Jane Roe, a vice president of sales for "
        "Calloway Instruments."
    )
    rows = rows_by_text("Who is the chairman of Acme County?", text, "en")
    assert values(rows, "John Doe", "p_own_title") == {1.0}


def test_english_title_of_the_previous_name_is_not_ones_own() -> None:
    text = (
        "Calloway opens plant\n"
        "The ceremony drew Acme County Chairman John Doe and Jane Roe, a vice president of sales for "
        "Calloway Instruments."
    )
    rows = rows_by_text("Who is the chairman of Acme County?", text, "en")
    assert values(rows, "Jane Roe", "p_own_title") == {0.0}


def test_candidate_repeating_the_question_is_marked() -> None:
    """`누리소재 대표는 누구야?` is not answered by `누리소재`: the question already says it."""
    text = "누리소재, 가온시에 공장\n협약식에는 누리소재 한지호 대표와 마서준 이사가 참석했다."
    rows = rows_by_text("누리소재 대표는 누구야?", text, "ko")
    assert values(rows, "누리소재", "c_in_question") == {1.0}
    assert values(rows, "한지호", "c_in_question") == {0.0}


# -- numbers -------------------------------------------------------------------------------------

KO_COUNTS = "가온시, 투자설명회 개최\n설명회에는 기업인 90여명이 참석했고, 참석 기업들은 모두 340여억원을 투자하기로 했다."


def test_head_count_matches_a_head_count_question_and_money_conflicts() -> None:
    rows = rows_by_text("가온시 투자설명회에는 몇 명이 참석했어?", KO_COUNTS, "ko")
    assert values(rows, "90여명", "n_unit_match") == {1.0}
    assert values(rows, "90여명", "n_unit_conflict") == {0.0}
    assert values(rows, "모두 340여억원", "n_unit_conflict") == {1.0}
    assert values(rows, "모두 340여억원", "n_unit_match") == {0.0}


def test_money_matches_a_money_question_and_a_head_count_conflicts() -> None:
    rows = rows_by_text("설명회 참석 기업들의 투자액은 얼마야?", KO_COUNTS, "ko")
    assert values(rows, "모두 340여억원", "n_unit_match") == {1.0}
    assert values(rows, "모두 340여억원", "n_money") == {1.0}
    assert values(rows, "90여명", "n_unit_conflict") == {1.0}


def test_english_jobs_against_dollars() -> None:
    text = "Calloway expands\nCalloway Instruments will invest $2.5 billion and create over 350 new jobs."
    rows = rows_by_text("How many jobs will Calloway create?", text, "en")
    assert values(rows, "over 350 new jobs", "n_unit_match") == {1.0}
    assert values(rows, "$2.5 billion", "n_unit_conflict") == {1.0}


def test_a_head_count_and_a_count_of_firms_exclude_each_other() -> None:
    text = "누리군, 투자박람회 성료\n박람회에는 24개 기업이 참가했고, 외국인 투자가 35명이 상담에 나섰다."
    rows = rows_by_text("누리군 투자박람회에 참가한 기업은 몇 곳이야?", text, "ko")
    assert values(rows, "24개 기업", "n_unit_exclusive") == {0.0}
    assert values(rows, "35명", "n_unit_exclusive") == {1.0}


def test_a_bare_counter_defers_to_the_noun_it_counts() -> None:
    text = "하람시, 특산물 장터 개막\n장터에는 모두 140개 부스가 차려졌고, 농가 60곳이 참여했다."
    rows = rows_by_text("하람시 특산물 장터의 부스는 몇 개였어?", text, "ko")
    assert values(rows, "모두 140개 부스", "n_unit_match") == {1.0}
    assert values(rows, "60곳", "n_unit_match") == {0.0}


# -- lists -------------------------------------------------------------------------------------------


QUESTION_3 = "가온시와 협약을 맺은 3개사는 어디야?"


def test_list_of_the_asked_size() -> None:
    text = "가온시, 3개사와 협약\n가온시는 다온정밀·새솔소재·한빛로보틱스 등 3개사와 투자협약을 맺었다."
    every = rows_by_text(QUESTION_3, text, "ko")
    rows = {t: [r for r in rs if r.get("l_members")] for t, rs in every.items()}
    rows["다온정밀"] = every["다온정밀"]
    whole = "다온정밀·새솔소재·한빛로보틱스"  # shown as the release writes it
    assert values(rows, whole, "l_count_match") == {1.0}
    assert values(rows, whole, "l_members") == {3.0}
    assert values(rows, whole, "x_plural_list") == {1.0}
    assert values(rows, "다온정밀·새솔소재", "l_count_match") == {0.0}
    assert values(rows, "다온정밀·새솔소재", "l_count_miss") == {1.0}
    assert values(rows, "다온정밀", "l_count_miss") == {1.0}  # one firm is not the three asked


@pytest.mark.parametrize(
    ("text", "names", "shown"),
    [
        (
            "다온정밀과 새솔소재, 한빛로보틱스 등",
            ["다온정밀", "새솔소재", "한빛로보틱스"],
            "다온정밀과 새솔소재, 한빛로보틱스",
        ),
        (
            "Kestrel Labs, Larkspur Foods and Dover Robotics",
            ["Kestrel Labs", "Larkspur Foods", "Dover Robotics"],
            None,
        ),
        ("다온정밀(대표 한지호), 새솔소재(대표 마서준)", ["다온정밀", "새솔소재"], "다온정밀, 새솔소재"),
    ],
)
def test_a_list_written_as_one_run_is_shown_as_written(
    text: str, names: list[str], shown: str | None
) -> None:
    """The answer is found verbatim in the passage it cites; a list whose members stand apart
    (`다온정밀(대표 …), 새솔소재(…)`) is shown as its members joined."""
    members = tuple((text.index(n), text.index(n) + len(n)) for n in names)
    assert shown_list(text, members) == (shown or text)


# -- the release --------------------------------------------------------------------------------------


def test_release_rank_and_relative_similarity_are_features() -> None:
    """Candidates from the second release carry its rank and its distance to the best passage."""
    first = release("r0", KO_MOVE, "ko", rank=0, dense=0.85)
    second = release("r1", KO_COUNTS, "ko", rank=1, dense=0.80)
    bundle = EvidenceBundle(analyse("가온테크 본사는 원래 어디에 있었어?"), [], [first, second])
    candidates, rows = featurize(bundle)
    by_release = {c.release.release_id: row for c, row in zip(candidates, rows, strict=True)}
    assert set(by_release) == {"r0", "r1"}
    assert by_release["r0"]["r_top"] == 1.0 and by_release["r0"]["r_dense"] == 0.0
    assert by_release["r1"]["r_rank"] == 1.0 and by_release["r1"]["r_dense"] < 0.0


def test_each_row_carries_its_own_release_and_sentence() -> None:
    """Release and sentence features are computed once per release and sentence and shared by their
    candidates: every row still holds its own release's rank and its own sentence's position."""
    first = release("r0", KO_MOVE, "ko", rank=0)
    second = release("r1", KO_COUNTS, "ko", rank=1)
    bundle = EvidenceBundle(analyse("가온테크 본사는 원래 어디에 있었어?"), [], [first, second])
    candidates, rows = featurize(bundle)
    assert len({(c.release.release_id, c.unit) for c in candidates}) >= 3
    for cand, row in zip(candidates, rows, strict=True):
        assert row["r_rank"] == cand.release.rank
        assert row["s_order"] == cand.unit[0] / len(cand.release.text)
        assert row["s_chars"] == pytest.approx(math.log1p(cand.unit[1] - cand.unit[0]))


# -- what a firm makes -------------------------------------------------------------------------------


def test_what_a_firm_makes_korean() -> None:
    text = "새벽정밀, 가온산단에 공장 신설\n새벽정밀은 가온산단에 전기차 배터리 케이스 제조 공장을 짓는다. 공장은 내년 3월 완공된다."
    rows = rows_by_text("새벽정밀이 가온산단에 짓는 공장은 무엇을 만들어?", text, "ko")
    assert values(rows, "전기차 배터리 케이스", "x_product") == {1.0}
    assert values(rows, "가온산단", "x_product") == {0.0}


def test_what_a_firm_makes_english() -> None:
    text = (
        "Kestrel Labs opens plant\nKestrel Labs, which makes solar roof tiles, will open a plant in Harborview "
        "next spring."
    )
    rows = rows_by_text("What does Kestrel Labs make?", text, "en")
    products = {t for t, rs in rows.items() if any(r.get("x_product") for r in rs)}
    assert any("solar roof tiles" in t for t in products)
    assert not any("Harborview" in t for t in products)


def test_a_product_role_is_not_asked_by_a_where_question() -> None:
    text = "새벽정밀, 가온산단에 공장 신설\n새벽정밀은 가온산단에 전기차 배터리 케이스 제조 공장을 짓는다."
    rows = rows_by_text("새벽정밀은 어디에 공장을 지어?", text, "ko")
    assert all(not r.get("x_product") for rs in rows.values() for r in rs)


def test_an_english_name_with_an_abbreviation_inside_is_offered_whole() -> None:
    text = (
        "Harborview forum\nKestrel Labs announced the plant at the Dover-U.K. Trade Forum on Monday. "
        "The plant will open in Dover next year."
    )
    rows = rows_by_text("Where did Kestrel Labs announce the plant?", text, "en")
    assert "the Dover-U.K." not in rows  # cut spans are marked by `span_cut` (test below)
    assert values(rows, "the Dover-U.K. Trade Forum", "c_cut") == {0.0}
    assert values(rows, "Dover", "c_cut") == {0.0}


def test_a_list_of_public_bodies_is_marked_against_a_firms_question() -> None:
    text = (
        "가온시, 고용우수기업 시상\n가온시는 고용노동부, 산업통상자원부와 함께 새벽전자, 누리정밀을 고용우수기업으로 "
        "선정해 시상했다."
    )
    rows = rows_by_text("고용우수기업으로 뽑힌 회사는 어디어디야?", text, "ko")
    public = {t for t, rs in rows.items() if any(r.get("x_org_public") == 1.0 for r in rs)}
    firms = {t for t, rs in rows.items() if "새벽전자" in t and all(not r.get("c_public") for r in rs)}
    assert any("고용노동부" in t for t in public), sorted(rows)
    assert firms, sorted(rows)


@pytest.mark.parametrize(
    ("text", "span", "lang", "cut"),
    [
        ("“It’s an honor,” she said.", "s an honor", "en", True),
        ("at the Dover-U.K. Trade Forum on Monday", "the Dover-U.K.", "en", True),
        ("at the Dover-U.K. Trade Forum on Monday", "the Dover-U.K. Trade Forum", "en", False),
        ("in Dover. The plant opens", "Dover", "en", False),
        ("가온시청에서 열렸다", "가온시청", "ko", False),
    ],
)
def test_span_cut(text: str, span: str, lang: str, cut: bool) -> None:
    start = text.index(span)
    assert span_cut(text, start, start + len(span), lang) is cut


def test_a_number_written_in_words_has_a_unit() -> None:
    text = "Kestrel plant\nKestrel Labs will build a 40,000-square-foot plant over four years in Dover."
    rows = rows_by_text("How many square feet will the Kestrel plant cover?", text, "en")
    durations = [r for shown, rs in rows.items() if "four years" in shown for r in rs]
    assert durations and all(r.get("n_unit_exclusive") == 1.0 for r in durations)


def test_a_day_of_the_month_counts_nothing() -> None:
    """A date (`12일`) cannot answer `몇 개`; a span of days (`사흘간`, `3일간`) is a duration, not a date."""
    text = "보람 꽃박람회 폐막\n보람 꽃박람회가 12일 사흘간 일정을 마쳤다. 모두 95개 부스가 참가했다."
    rows = rows_by_text("보람 꽃박람회 부스는 모두 몇 개였어?", text, "ko")
    dates = [r for shown, rs in rows.items() if shown.startswith("12일") for r in rs]
    assert dates and all(r.get("n_unit_exclusive") == 1.0 for r in dates)
    assert values(rows, "모두 95개 부스", "n_unit_match") == {1.0}


@pytest.mark.parametrize(
    ("question", "lang", "text", "span", "feature"),
    [
        (
            "누리 책축제는 며칠부터 며칠까지 열렸어?",
            "ko",
            "누리 책축제가 4일부터 6일까지 열렸다.",
            "4일부터 6일까지",
            "t_match_range",
        ),
        (
            "누리 책축제는 며칠부터 며칠까지 열렸어?",
            "ko",
            "누리 책축제가 4~6일 열렸다.",
            "4~6일",
            "t_match_range",
        ),
        (
            "새솔소재는 언제까지 공장을 완공해?",
            "ko",
            "새솔소재는 2031년까지 공장을 완공한다.",
            "2031년까지",
            "t_match_until",
        ),
        (
            "When is the Fenwick book fair?",
            "en",
            "The Fenwick book fair runs from May 4 to May 6.",
            "May 4 to May 6",
            "t_range",
        ),
    ],
)
def test_a_range_has_both_ends_and_an_end_alone_is_an_until(
    question: str, lang: str, text: str, span: str, feature: str
) -> None:
    rows = rows_by_text(question, "제목\n" + text, lang)
    matching = [r for shown, rs in rows.items() if span in shown for r in rs]
    assert matching and any(r.get(feature) == 1.0 for r in matching), sorted(rows)
    ends = [r for shown, rs in rows.items() if shown.endswith("6일까지") and "부터" not in shown for r in rs]
    assert all(r.get("t_range") == 0.0 for r in ends)  # `6일까지` alone is an end, not a span


def test_an_abbreviated_name_is_found_in_its_long_form() -> None:
    text = "가온군, 기업 유치\n새벽정밀 등 5개 업체가 가온군 누리일반산업단지로 공장을 옮긴다."
    rows = rows_by_text("누리산단으로 공장을 옮기는 업체는 몇 개야?", text, "ko")
    assert values(rows, "5개 업체", "r_entities") == {1.0}


# -- the asked kind (`which city`, `산업단지는 어디`) -------------------------------------------------

EN_CITY = (
    "Larkspur to build plant in Ohio\n"
    "Larkspur Robotics, a U.S. maker of farm drones, will build a plant in Fenwick, Ohio, "
    "in the Millbrook Business Park, the company said."
)


def test_a_city_question_marks_a_country_as_the_wrong_kind() -> None:
    rows = rows_by_text("In which Ohio city will Larkspur build its plant?", EN_CITY, "en")
    assert values(rows, "U.S.", "h_kind_conflict") == {1.0}
    assert values(rows, "Fenwick", "h_kind_match") == {1.0}
    assert values(rows, "Fenwick", "h_kind_conflict") == {0.0}


def test_a_park_question_finds_the_noun_in_the_name() -> None:
    rows = rows_by_text("Which business park will host the Larkspur plant?", EN_CITY, "en")
    park = next(t for t in rows if t.endswith("Millbrook Business Park"))
    assert values(rows, park, "h_in") == {1.0}
    assert values(rows, park, "h_kind_match") == {1.0}
    assert values(rows, "Fenwick", "h_in") == {0.0}


KO_FAIR = (
    "가온 드론 박람회 개막\n"
    "가온 드론 박람회가 보람시 누리컨벤션센터에서 개막했다. 박람회는 한빛드론협회가 주최하고 "
    "보람시가 후원했다. 새벽정밀은 누리일반산업단지에 드론 부품 공장을 짓는다고 밝혔다."
)


def test_a_korean_park_question_prefers_the_park_over_the_hall() -> None:
    rows = rows_by_text("새벽정밀이 공장을 짓는 산업단지는 어디야?", KO_FAIR, "ko")
    assert values(rows, "누리일반산업단지", "h_in") == {1.0}
    assert values(rows, "누리일반산업단지", "h_kind_match") == {1.0}
    hall = next(t for t in rows if t.endswith("누리컨벤션센터"))
    assert values(rows, hall, "h_kind_conflict") == {1.0}


def test_an_organisation_question_matches_organisations_only() -> None:
    rows = rows_by_text("가온 드론 박람회를 주최한 단체는 어디야?", KO_FAIR, "ko")
    assert values(rows, "한빛드론협회", "h_kind_match") == {1.0}
    assert values(rows, "가온 드론 박람회", "h_kind_match") == {0.0}


def test_the_hall_of_an_event_is_marked_when_an_organisation_is_asked() -> None:
    """A hall named in letters reads as an organisation; its role in the sentence tells it apart."""
    text = (
        "가온 드론 박람회 개막\n가온 드론 박람회가 보람 NURIX에서 개막했다. 박람회는 한빛드론협회가 주최했다."
    )
    rows = rows_by_text("가온 드론 박람회를 주최한 단체는 어디야?", text, "ko")
    hall = next(t for t in rows if t.endswith("NURIX"))
    assert values(rows, hall, "x_org_venue") == {1.0}
    assert values(rows, "한빛드론협회", "x_org_venue") == {0.0}
    where = rows_by_text("가온 드론 박람회는 어디서 열렸어?", text, "ko")
    assert values(where, hall, "x_org_venue") == {0.0}  # where is asked: the hall is the answer


def test_an_event_name_is_not_a_city() -> None:
    text = (
        "Norland trade mission\nAt the Norland-Ostmark Trade Forum, the mission from Norland said it "
        "will visit Leipzig, Germany and Lyon, France next month."
    )
    rows = rows_by_text("Which cities will the Norland trade mission visit?", text, "en")
    forum = next(t for t in rows if t.endswith("Trade Forum"))
    assert values(rows, forum, "h_kind_match") == {0.0}
    assert values(rows, forum, "h_kind_conflict") == {1.0}


def test_a_list_of_places_named_with_their_countries_is_of_the_city_kind() -> None:
    text = "보람시 무역사절단 출국\n보람시 무역사절단은 스페인 마드리드, 포르투갈 리스본을 방문한다."
    rows = rows_by_text("보람시 무역사절단이 방문하는 도시는 어디야?", text, "ko")
    listed = [t for t in rows if "마드리드" in t and "리스본" in t]
    assert listed and all(values(rows, t, "h_kind_match") == {1.0} for t in listed)
    assert values(rows, "스페인 마드리드", "h_kind_match") == {1.0}


def test_a_person_question_leaves_the_kind_to_the_title_features() -> None:
    rows = rows_by_text("한빛드론협회 회장은 누구야?", KO_FAIR, "ko")
    assert all(row.get("h_in", 0.0) == 0.0 for rs in rows.values() for row in rs)


def test_the_asked_noun_inside_a_name_the_question_gives_does_not_count() -> None:
    text = (
        "Larkspur Vehicles expands\nLarkspur Vehicles, Inc. makes electric delivery vehicles at its plant "
        "in Fenwick, the company said."
    )
    rows = rows_by_text("What kind of vehicles does Larkspur Vehicles make?", text, "en")
    named = [t for t in rows if t.startswith("Larkspur Vehicles")]
    assert named and all(values(rows, t, "h_in") == {0.0} for t in named)
    made = [t for t in rows if t.endswith("electric delivery vehicles")]
    assert made and all(values(rows, t, "h_in") == {1.0} for t in made)


def test_a_compound_asked_noun_has_the_kind_of_its_last_part() -> None:
    from qa.features.kind import asked_kind

    assert asked_kind("carmaker") == "org"
    assert asked_kind("일반산업단지") == "zone"
    assert asked_kind("sector") is None


def test_a_quote_is_marked_when_a_noun_was_asked() -> None:
    text = (
        "Larkspur Vehicles expands\n“We are proud to grow here,” said Dana Wells, CEO of Larkspur. "
        "The new plant will make battery packs for the farm machinery sector."
    )
    asked_noun = rows_by_text("Which sector will the Larkspur plant serve?", text, "en")
    quotes = [t for t, rs in asked_noun.items() if any(r.get("c_QUOTE") for r in rs)]
    assert quotes and all(values(asked_noun, t, "h_clause") == {1.0} for t in quotes)
    said = rows_by_text("What did Dana Wells say?", text, "en")
    assert all(values(said, t, "h_clause") == {0.0} for t in quotes)


def test_a_start_year_matches_a_since_question() -> None:
    text = (
        "보람도, 출향 기업인 초청 설명회\n보람도는 2009년부터 해마다 출향 기업인을 초청해 왔다. "
        "올해 설명회는 18일 누리호텔에서 열렸다."
    )
    rows = rows_by_text("보람도는 언제부터 출향 기업인을 초청했어?", text, "ko")
    start = [t for t in rows if t.startswith("2009년")]
    assert start and all(values(rows, t, "t_match_since") == {1.0} for t in start)
    assert values(rows, "18일", "t_match_since") == {0.0}


def test_a_common_noun_is_never_a_candidate() -> None:
    """`다른 지역` names no place: the origin asked is the named city, never the common noun."""
    text = (
        "누리도, 4개 기업 유치\n"
        "다른 지역에 있는 4개 기업이 누리도로 옮겨 온다. 보람시에서 누리시로 이전하는 가온식품은 공장을 짓는다."
    )
    rows = rows_by_text("가온식품은 어디에서 누리시로 이전해?", text, "ko")
    assert "보람시" in rows
    assert not {"지역", "다른 지역", "기업"} & set(rows)


def test_an_english_legal_name_offers_no_tails() -> None:
    text = "Larkspur expands\nLarkspur Vehicles, Inc. makes electric delivery vans in Fenwick, Ohio."
    rows = rows_by_text("What does Larkspur Vehicles make?", text, "en")
    assert "Larkspur Vehicles, Inc." in rows
    assert "Vehicles, Inc." not in rows and "Inc." not in rows


# -- the decision's gates (`qa.answer.eligible`) ----------------------------------------------------


def test_a_place_in_another_role_than_the_asked_one_is_not_eligible() -> None:
    text = (
        "가온테크, 누리시로 본사 이전\n"
        "가온테크는 보람시에서 누리시로 본사를 이전한다. 협약식은 누리시청 대회의실에서 열렸다."
    )
    rows = rows_by_text("가온테크는 어디서 누리시로 본사를 옮겨?", text, "ko")
    assert not any(eligible(r) for r in rows["누리시청 대회의실"])  # the signing's venue, not the origin
    assert any(eligible(r) for r in rows["보람시"])


def test_a_date_coarser_than_asked_is_not_eligible() -> None:
    text = "보람 꽃박람회 일정 확정\n보람 꽃박람회가 2031년 5월 12일 개막한다. 시는 2031년까지 정원 10곳을 새로 꾸민다."
    rows = rows_by_text("보람 꽃박람회는 며칠에 개막해?", text, "ko")
    years = [r for shown, rs in rows.items() if shown.startswith("2031년까지") for r in rs]
    assert years and not any(eligible(r) for r in years)  # a year answers no `며칠`
    days = [r for shown, rs in rows.items() if "12일" in shown for r in rs]
    assert any(eligible(r) for r in days)


def test_a_list_of_another_size_than_asked_is_not_eligible() -> None:
    text = (
        "별내군, 3개 기업과 투자협약\n"
        "별내군은 가온식품, 다솜정밀, 누리케미칼 등 3개사와 투자협약을 맺었다. "
        "가온식품과 다솜정밀은 공장을 짓는다."
    )
    rows = rows_by_text("별내군과 투자협약을 맺은 3개사는 어디야?", text, "ko")
    whole = [r for shown, rs in rows.items() if shown.count(",") == 2 and "누리케미칼" in shown for r in rs]
    assert whole and any(eligible(r) for r in whole)
    pair = [
        r
        for shown, rs in rows.items()
        if "가온식품" in shown and "다솜정밀" in shown and "누리" not in shown
        for r in rs
    ]
    assert pair and not any(eligible(r) for r in pair)  # two of the three asked
    assert not any(eligible(r) for r in rows["누리케미칼"])


def test_a_count_naming_the_occasion_leaves_single_firms_eligible() -> None:
    text = "별내군, 3개 기업과 투자협약\n별내군은 가온식품 등 3개사와 투자협약을 맺었다. 가온식품은 본사를 별내로 옮긴다."
    rows = rows_by_text("3개 기업과 맺은 협약에서 본사를 옮기는 회사는 어디야?", text, "ko")
    assert any(eligible(r) for r in rows["가온식품"])


def test_a_korean_questions_words_count_in_the_releases_own_wording() -> None:
    """A question's `일자리` is often written `고용` or `채용` in the release: the release's wording
    counts as the question's word (`qa.lexicon.korean_synonyms`), below the question's own words."""
    from types import SimpleNamespace

    from qa.features.terms import release_terms

    bundle = SimpleNamespace(names=[], glosses=[])
    terms = release_terms(analyse("솔빛 배터리 새 공장에서 일자리가 몇 개 생겨?"), bundle, "ko")  # type: ignore[arg-type]
    assert "고용" in terms.weights and terms.weights["고용"] < terms.weights["일자리"]
    assert terms.found_in("신규 고용 200명을 계획하고 있다") >= {"고용"}
    english = release_terms(analyse("How many jobs will the new plant create?"), bundle, "en")  # type: ignore[arg-type]
    assert "고용" not in english.weights


def test_a_quoted_title_answers_a_question_asking_for_a_name() -> None:
    """`협약의 제목은 뭐야` asks for the agreement as it is called, often quoted in the release: the
    quote holds the asked noun and is not counted as a clause offered where a noun was asked."""
    text = (
        "청림시, 누리상사와 업무협약\n"
        "청림시는 3일 시청에서 누리상사와 ‘청림형 첨단소재 상생 협력 협약’을 체결했다.\n"
    )
    rows = rows_by_text("청림시와 누리상사가 체결한 협약의 제목은 뭐야?", text, "ko")
    title = "청림형 첨단소재 상생 협력 협약"
    assert values(rows, title, "h_in") == {1.0} and values(rows, title, "h_clause") == {0.0}
    field = rows_by_text("청림시와 누리상사가 체결한 협약은 어떤 분야야?", text, "ko")
    assert values(field, title, "h_clause") == {1.0}  # a field asked: the quote is not one
