"""What a question asks (`qa.intent`): place role, unit, time granularity, list size, titles, speech.

The answer features compare every candidate against these asks, so a wrong ask (the destination
asked where the origin is wanted, a head count asked as a count of firms) misleads the scorer on
every candidate. The questions are about fictional releases written for these tests.
"""

from __future__ import annotations

import pytest

from qa.intent import Intent, intent_of
from qa.question.analysis import analyse


def intent(question: str) -> Intent:
    return intent_of(analyse(question))


# -- place roles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "asked", "not_asked"),
    [
        ("누리모터스 본사는 원래 어디에 있었어?", "from", "to"),
        ("다온정밀은 본사를 어디로 옮겨?", "to", "from"),
        ("별내군 드론축제는 어디서 열렸어?", "venue", "site"),
        ("한솔팜 새 공장은 어느 산단에 들어서?", "site", "venue"),
        ("Kestrel Labs는 어디에서 별내로 이전해?", "from", "to"),
        ("Where is Kestrel Labs relocating to?", "to", "from"),
        ("Where was the Harborview quilt show held?", "venue", "from"),
    ],
)
def test_place_role_asked(question: str, asked: str, not_asked: str) -> None:
    roles = intent(question).place_roles
    assert asked in roles
    assert not_asked not in roles


def test_english_move_origin_is_asked() -> None:
    assert "from" in intent("Where did Kestrel Labs move its headquarters from?").place_roles


def test_english_move_origin_question_does_not_ask_the_destination() -> None:
    assert "to" not in intent("Where did Kestrel Labs move its headquarters from?").place_roles


@pytest.mark.parametrize(
    "question",
    [
        "별내군으로 이전하는 누리모터스 본사는 어디야?",  # names the destination only
        "누리모터스가 별내군으로 옮기기 전 본사는 어디야?",
        "Which city was Kestrel Labs in before shifting to Harborview?",
    ],
)
def test_a_question_naming_the_destination_asks_for_the_origin(question: str) -> None:
    roles = intent(question).place_roles
    assert "from" in roles
    assert "to" not in roles


def test_english_question_naming_the_destination_does_not_ask_for_it() -> None:
    assert "to" not in intent("Where was Kestrel Labs based before it moved to Harborview?").place_roles


def test_a_question_naming_the_origin_asks_for_the_destination() -> None:
    roles = intent("별내군에서 이전하는 누리모터스의 새 본사는 어디야?").place_roles
    assert "to" in roles
    assert "from" not in roles


def test_only_move_roles_are_kept_outside_where_questions() -> None:
    """A firm question about a move may ask its from/to, never a venue or a site."""
    it = intent("Which company is moving its plant from Millbrook to Harborview?")
    assert analyse("Which company is moving its plant from Millbrook to Harborview?").type == "which_firms"
    assert it.place_roles <= {"from", "to"}
    assert it.org


# -- units ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("별내 드론축제에는 몇 명이 참석했어?", "person"),
        ("협약에 참여한 기업은 몇 개사야?", "org"),
        ("누리모터스의 투자액은 얼마야?", "money"),
        ("한솔팜은 새 온실에 얼마를 들여?", "money"),
        ("투자 지분은 몇 퍼센트야?", "percent"),
        ("How much will Kestrel Labs invest in Harborview?", "money"),
        ("How many people attended the Harborview fair?", "person"),
        ("How many jobs will the cannery create?", "job"),
        ("What share of the plant does Kestrel Labs own?", "percent"),
    ],
)
def test_asked_unit(question: str, unit: str) -> None:
    assert intent(question).unit == unit


def test_money_question_is_flagged_as_money() -> None:
    assert intent("누리모터스의 투자액은 얼마야?").money
    assert not intent("별내 드론축제에는 몇 명이 참석했어?").money


def test_counted_noun_decides_the_unit_over_a_bare_counter() -> None:
    assert intent("보람 수산물박람회 부스는 모두 몇 개야?").unit == "booth"


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("새벽전자가 120억원을 들여 짓는 공장의 고용 인원은 몇 명이야?", "person"),
        ("사업비 300억 원을 들인 새 산단으로 옮겨 오는 업체는 몇 개야?", "org"),
        ("How many jobs will the $40 million Kestrel plant create?", "job"),
    ],
)
def test_an_explicit_count_wins_over_money_words(question: str, unit: str) -> None:
    """`몇 명` asks for people, `몇 개` for things, even when the question also names an amount."""
    assert intent(question).unit == unit


# -- time granularity ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "granularity"),
    [
        ("불꽃축제는 몇 시에 시작해?", "clock"),
        ("What time does the Harborview fair open?", "clock"),
        ("박람회는 며칠에 열려?", "day"),
        ("What date is the Larkspur chess final?", "day"),
        ("누리모터스는 몇 년에 설립됐어?", "year"),
        ("In what year was Kestrel Labs founded?", "year"),
        ("박람회는 언제부터 언제까지 열려?", "range"),
        ("What are the dates of the Harborview fair?", "range"),
    ],
)
def test_time_granularity(question: str, granularity: str) -> None:
    it = intent(question)
    flags = {"clock": it.clock, "day": it.day, "year": it.year, "range": it.range, "until": it.until}
    assert flags[granularity]
    assert [name for name, on in flags.items() if on] == [granularity]  # and nothing coarser or finer


@pytest.mark.parametrize(
    ("question", "range_", "until"),
    [
        ("누리 책축제는 며칠부터 며칠까지 열려?", True, False),
        ("누리 책축제 기간은 언제야?", True, False),
        ("From when to when does the Fenwick book fair run?", True, False),
        ("새솔소재는 언제까지 공장을 완공해?", False, True),
        ("Until when will the Fenwick plant stay open?", False, True),
        ("새솔소재 공장은 언제 완공돼?", False, False),
    ],
)
def test_a_span_asks_both_ends_and_an_end_alone_asks_until(question: str, range_: bool, until: bool) -> None:
    """`언제까지` asks where something ends, which one end answers; `며칠부터 며칠까지` needs both."""
    it = intent(question)
    assert (it.range, it.until) == (range_, until)


# -- lists ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("별내군과 협약을 맺은 5개사는 어디야?", 5),
        ("협약을 맺은 기업 세 곳은 어디야?", 3),
        ("Which two companies signed with Acme County?", 2),
        ("Which 5 firms joined the Harborview port alliance?", 5),
        # the asked size, not a year written before the counted noun
        ("Which two flagship 2031 projects did the Larkmoor review praise?", 2),
        ("Which three new 2029 partners joined the Orrin Bay compact?", 3),
    ],
)
def test_asked_list_size(question: str, count: int) -> None:
    it = intent(question)
    assert it.count == count
    assert it.plural


@pytest.mark.parametrize(
    ("question", "size_asked"),
    [
        ("별내군과 협약을 맺은 5개사는 어디야?", True),
        ("협약을 맺은 기업 세 곳은?", True),
        ("Which two companies signed with Acme County?", True),
        ("Which three coastal partner cities hosted the fair?", True),
        # the count names the occasion; the answer may be one of those firms
        ("5개 기업과 맺은 협약에서 본사를 옮기는 회사는 어디야?", False),
        ("At the signing with 5 companies, which firm moved its plant?", False),
    ],
)
def test_a_count_is_the_asked_list_size_only_as_the_subject(question: str, size_asked: bool) -> None:
    assert intent(question).size_asked is size_asked


def test_no_list_size_when_none_is_named() -> None:
    assert intent("별내군과 협약을 맺은 기업은 어디어디야?").count is None


def test_did_something_person_question_has_no_list_size() -> None:
    assert intent("설명회에서 인사말을 한 사람은?").count is None


# -- titles and speech ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("누리모터스 대표이사는 누구야?", "대표이사"),
        ("별내군 경제국장은 누구야?", "국장"),
        ("Who is the governor of Fenwick?", "governor"),
        ("Who is the CEO of Kestrel Labs?", "ceo"),
    ],
)
def test_titles_named_in_the_question(question: str, title: str) -> None:
    it = intent(question)
    assert title in it.titles
    assert it.person


def test_no_title_named() -> None:
    assert intent("Who presented the bridge design at the Harborview town hall?").titles == ()


@pytest.mark.parametrize(
    ("question", "speech"),
    [
        ("Who said the ferry would change the county?", True),
        ("별내군수가 뭐라고 말했어?", True),
        ("축제 개막식에서 인사말을 한 사람은?", True),
        ("Which official was quoted about the levy?", True),
        ("누리모터스 대표는 누구야?", False),
        ("Who is the CEO of Kestrel Labs?", False),
    ],
)
def test_speech_asked(question: str, speech: bool) -> None:
    assert intent(question).speech is speech


def test_a_state_is_not_a_speech_verb() -> None:
    query = analyse("Who is the governor of the state?")
    assert not intent_of(query).speech
    assert query.type == "who_is"


# -- products ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "product"),
    [
        ("누리시에 공장을 짓는 새솔소재는 뭘 만드는 회사야?", True),
        ("새솔소재의 주력 제품은 뭐야?", True),
        ("What product does Larkspur Foods make at the Fenwick plant?", True),
        ("What will the Fenwick plant produce?", True),
        ("생산공장을 짓는 새솔소재는 어느 회사 자회사야?", False),  # a plant named, no product asked
        ("What is Kestrel Labs building in Dover?", False),
    ],
)
def test_a_product_is_asked_only_by_the_question_s_own_predicate(question: str, product: bool) -> None:
    assert intent(question).product is product
