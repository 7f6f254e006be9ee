"""Fact extractors on invented sentences: positive patterns, negative cases and span invariants."""

from __future__ import annotations

import json

import pytest

from index.facts import extract_facts, names_for_tokenizer
from index.facts.counts import ko_value
from index.models import Fact
from index.sentences import split_sentences


def facts_of(text: str, kind: str | None = None, lang: str = "ko", date: str | None = None) -> list[Fact]:
    facts = extract_facts(text, split_sentences(text), lang, date)
    check_invariants(text, facts)
    return [f for f in facts if kind is None or f.kind == kind]


def check_invariants(text: str, facts: list[Fact]) -> None:
    sentences = split_sentences(text)
    for f in facts:
        assert 0 <= f.start <= f.end <= len(text)
        assert 0 <= f.span_start < f.span_end <= len(text)
        span = text[f.span_start : f.span_end]
        assert span == span.strip() and span, f
        # start/end is exactly one sentence, or consecutive pieces of one hard-wrapped sentence
        first = next(s for s in sentences if s.start == f.start)
        last = next(s for s in sentences if s.end == f.end)
        assert first.idx <= last.idx
        for a, b in zip(
            sentences[first.idx : last.idx], sentences[first.idx + 1 : last.idx + 1], strict=True
        ):
            gap = text[a.end : b.start]
            assert gap.count("\n") == 1 and not gap.strip(), "joined pieces must be consecutive wrapped lines"
        json.dumps(f.fields, ensure_ascii=False)
        assert f.release_id == ""


def spans(text: str, kind: str, **kw) -> list[str]:
    return [text[f.span_start : f.span_end] for f in facts_of(text, kind, **kw)]


def sentence_of(text: str, f: Fact) -> str:
    return text[f.start : f.end]


# ------------------------------------------------------------------------------------------------
# speakers
# ------------------------------------------------------------------------------------------------


def test_korean_speaker_org_name_title_curly_quotes():
    text = "행사는 성황리에 끝났다. 한빛투자진흥원 문재현 원장은 “지방으로 오는 연구소를 끝까지 돕겠다”고 밝혔다."
    [f] = facts_of(text, "speaker")
    assert text[f.span_start : f.span_end] == "문재현 원장"
    assert f.fields["name"] == "문재현" and f.fields["title"] == "원장"
    assert f.fields["org"] == "한빛투자진흥원"
    assert f.fields["quote"] == "지방으로 오는 연구소를 끝까지 돕겠다"
    assert f.fields["verb"] == "밝혔다"
    assert sentence_of(text, f).startswith("한빛투자진흥원 문재현")


def test_korean_speaker_straight_quotes_and_glued_title():
    text = '이수민 청림군수는 "청년이 머무는 군을 만들겠다"며 "인허가 기간을 절반으로 줄이겠다"고 강조했다.'
    [f] = facts_of(text, "speaker")
    assert text[f.span_start : f.span_end] == "이수민 청림군수"
    assert f.fields["title"] == "청림군수"
    assert "인허가" in f.fields["quote"] and "청년이" in f.fields["quote"]
    assert f.fields["verb"] == "강조했다"


def test_korean_speaker_name_org_title_order():
    text = '황보준 가온도 경제부지사는 "물류비 부담을 덜어 주겠다"고 말했다.'
    [f] = facts_of(text, "speaker")
    assert f.fields["name"] == "황보준" and f.fields["org"] == "가온도" and f.fields["title"] == "경제부지사"
    assert text[f.span_start : f.span_end] == "황보준 가온도 경제부지사"


def test_korean_speaker_after_quote():
    text = "“올해 안에 착공하겠다”라고 새솔시 한지훈 시장은 말했다."
    [f] = facts_of(text, "speaker")
    assert f.fields["name"] == "한지훈" and f.fields["org"] == "새솔시"
    assert text[f.span_start : f.span_end] == "한지훈 시장"


def test_korean_quote_continued_in_next_sentence():
    text = (
        "박서진 누리테크 대표는 “새 공장 가동과 함께 현지 인력을 우선 뽑겠다”고 설명했다. "
        "이어 “협력사도 함께 옮겨 올 것”이라고 덧붙였다."
    )
    facts = facts_of(text, "speaker")
    assert len(facts) == 2
    second = facts[1]
    assert second.fields["name"] == "박서진" and second.fields.get("continued") is True
    assert second.fields["verb"] == "덧붙였다"
    assert sentence_of(text, second).startswith("이어")
    assert text[second.span_start : second.span_end] == "박서진 누리테크 대표"


def test_korean_anonymous_official():
    text = "군 관계자는 “옮겨 오는 업체에 보조금을 줄 방침”이라며 웃었다고 전했다."
    [f] = facts_of(text, "speaker")
    assert f.fields["name"] is None and f.fields["title"] == "관계자"
    assert text[f.span_start : f.span_end] == "군 관계자"


@pytest.mark.parametrize(
    "text",
    [
        "회사는 “혁신”이라는 단어를 슬로건으로 내세웠다.",
        "시는 다음 달을 ‘공장 방문의 달’로 정했다.",
        "김하늘 대표는 신제품 개발에 힘쓰고 있다.",
        "“스마트 공장”을 주제로 한 전시가 열렸다.",
    ],
)
def test_korean_non_speech_quotes_give_no_speaker(text):
    assert facts_of(text, "speaker") == []


def test_english_said_name_title_of_org_and_surname_back_reference():
    text = (
        '"The new campus gives us room to grow," said Laura Brennan, president of Northwind Robotics. '
        '"We chose Raleigh for its talent," said Brennan.'
    )
    facts = facts_of(text, "speaker", lang="en")
    assert [f.fields["name"] for f in facts] == ["Laura Brennan", "Laura Brennan"]
    assert facts[0].fields["title"] == "president" and facts[0].fields["org"] == "Northwind Robotics"
    assert all(text[f.span_start : f.span_end] == "Laura Brennan" for f in facts)
    assert sentence_of(text, facts[1]).startswith('"We chose')


def test_english_name_said_and_title_before_name():
    text = (
        "Gov. Peter Halvorsen welcomed the company on Monday. "
        "“Our valley has waited years for news like this,” Halvorsen said. "
        "“Every new hire will come from the county,” said Harbor Foods CEO Dana Whitfield."
    )
    facts = facts_of(text, "speaker", lang="en")
    names = [f.fields["name"] for f in facts]
    assert names == ["Peter Halvorsen", "Dana Whitfield"]
    assert facts[1].fields["title"] == "CEO" and facts[1].fields["org"] == "Harbor Foods"


def test_english_speaker_before_quote():
    text = 'Dana Whitfield, chief executive of Harbor Foods, said "the plant will open next spring."'
    [f] = facts_of(text, "speaker", lang="en")
    assert f.fields["name"] == "Dana Whitfield" and f.fields["org"] == "Harbor Foods"


def test_english_unattributed_quote_is_not_a_speaker():
    text = 'The sign read "Welcome to the new headquarters of the company."'
    assert facts_of(text, "speaker", lang="en") == []


# ------------------------------------------------------------------------------------------------
# roles
# ------------------------------------------------------------------------------------------------


def test_roles_bracket_forms_and_context():
    text = (
        "한빛투자진흥원(원장 문재현)은 4일 포럼을 마련했다. 순서는 △세제 혜택 안내, "
        "△지방 이전 유치사례 소개(주식회사 누리랩 김도윤 대표), △반도체 시장 전망 강연(한빛대학교 이서연 교수)으로 짜였다."
    )
    roles = {f.fields["name"]: f for f in facts_of(text, "role")}
    assert roles["문재현"].fields["role"] == "원장" and roles["문재현"].fields["org"] == "한빛투자진흥원"
    assert roles["김도윤"].fields["org"] == "주식회사 누리랩" and roles["김도윤"].fields["role"] == "대표"
    assert roles["김도윤"].fields["context"] == "지방 이전 유치사례 소개"
    assert roles["이서연"].fields["org"] == "한빛대학교"
    assert roles["이서연"].fields["context"] == "반도체 시장 전망 강연"
    assert text[roles["이서연"].span_start : roles["이서연"].span_end] == "이서연 교수"


def test_roles_plain_korean_and_glued_title():
    text = "서명식에는 오민준 새솔시장과 가온산업㈜ 정하윤 대표이사 등 임직원 40여명이 자리했다."
    roles = {f.fields["name"]: f.fields for f in facts_of(text, "role")}
    assert roles["오민준"]["role"] == "새솔시장"
    assert roles["정하윤"]["role"] == "대표이사" and roles["정하윤"]["org"] == "가온산업㈜"


def test_roles_english_forms():
    text = (
        "The plan was unveiled by Harbor Foods CEO Dana Whitfield and Tom Reyes, director of the Port "
        "Authority, at a news conference."
    )
    roles = {f.fields["name"]: f.fields for f in facts_of(text, "role", lang="en")}
    assert roles["Dana Whitfield"]["role"] == "CEO" and roles["Dana Whitfield"]["org"] == "Harbor Foods"
    assert roles["Tom Reyes"]["role"] == "director"


@pytest.mark.parametrize(
    "text",
    [
        "국내 시장은 빠르게 성장하고 있다.",
        "한국 시장에 진출한 기업이 늘었다.",
        "새 공장은 내년에 완공된다.",
        "정부 실무진이 현장을 찾았다.",
    ],
)
def test_roles_negative(text):
    assert facts_of(text, "role") == []


# ------------------------------------------------------------------------------------------------
# venues
# ------------------------------------------------------------------------------------------------


def test_korean_venue_strips_dates_and_org():
    text = "한빛시(시장 오민준)는 15일 오전 11시 보람 누리엑스포 제1전시장 3홀에서 바이어 90명을 초청해 수출상담회를 개최했다."
    [f] = facts_of(text, "venue")
    assert text[f.span_start : f.span_end] == "보람 누리엑스포 제1전시장 3홀"
    assert f.fields["event"] == "수출상담회"


def test_korean_venue_seo_suffix_and_floor():
    text = "내달 2일 대전 유성호텔 5층 에메랄드홀서 개최하는 창업박람회에 스타트업 45곳이 나온다."
    [f] = facts_of(text, "venue")
    assert f.fields["place"] == "대전 유성호텔 5층 에메랄드홀"


def test_korean_venue_after_particle_word():
    text = "군은 새솔산업 등 6곳과 군청 소회의실에서 입지 협약을 맺고 서명식을 가졌다."
    [f] = facts_of(text, "venue")
    assert f.fields["place"] == "군청 소회의실"


def test_korean_relocation_destination_list():
    text = "서울 소재 공장 14곳이 가람시와\n누리군, 새솔군 등지로\n함께 이전한다."
    venues = facts_of(text, "venue")
    assert [text[f.span_start : f.span_end] for f in venues] == ["가람시와\n누리군, 새솔군"]
    assert venues[0].fields["event"] == "이전"


@pytest.mark.parametrize(
    "text",
    [
        "군수는 축사에서 청년 정착을 강조했다.",
        "설명회에서 다양한 의견이 나왔다.",
        "참가자들은 현장에서 질문을 이어갔다.",
        "특허 기술 이전을 둘러싼 협력을 논의했다.",
    ],
)
def test_korean_venue_negative(text):
    assert facts_of(text, "venue") == []


def test_english_venues():
    text = (
        "Northwind has signed a lease at the Harbor Building, 120 Water Street East in Bayside Commerce Park. "
        "The company will build a new Ohio assembly plant. "
        "It will move its headquarters from Austin to Raleigh later this year."
    )
    places = spans(text, "venue", lang="en")
    assert "the Harbor Building, 120 Water Street East in Bayside Commerce Park" in places
    assert "Ohio" in places and "Raleigh" in places
    assert not any(p.startswith(("April", "2014")) for p in places)


def test_english_venue_held_in():
    text = "The ceremony was held in Columbus, Ohio. Production starts in April."
    places = spans(text, "venue", lang="en")
    assert places == ["Columbus, Ohio"]


# ------------------------------------------------------------------------------------------------
# times
# ------------------------------------------------------------------------------------------------


def test_korean_times_with_release_date():
    text = "군은 지난 8일 오후 4시 군청 소회의실에서 협약을 맺고 서명했다. 박람회는 오는27일 열린다."
    facts = facts_of(text, "time", date="2023-03-23")
    by_text = {f.fields["text"]: f.fields for f in facts}
    assert by_text["지난 8일 오후 4시"]["iso"] == "2023-03-08"
    assert by_text["지난 8일 오후 4시"]["event"] == "체결"
    assert by_text["오는27일"]["iso"] == "2023-03-27"
    assert by_text["오는27일"]["event"] == "개최"


def test_korean_full_dates_years_and_ranges():
    text = "2024년 9월 2일 착공해 2026년까지 완공한다. 군은 2011년부터 해마다 박람회를 열었고 올해는 24, 25일 진행했다."
    facts = {f.fields["text"]: f.fields for f in facts_of(text, "time")}
    assert facts["2024년 9월 2일"]["iso"] == "2024-09-02" and facts["2024년 9월 2일"]["event"] == "착공"
    assert facts["2026년까지"]["iso"] == "2026"
    assert facts["2011년부터"]["iso"] == "2011"
    assert "24, 25일" in facts


def test_numeric_dates():
    text = "등록 2019-08-30 16:05 / 행사는 2024.10.07 열린다. 성장률은 3.5%다."
    facts = {f.fields["text"]: f.fields["iso"] for f in facts_of(text, "time")}
    assert facts == {"2019-08-30 16:05": "2019-08-30", "2024.10.07": "2024-10-07"}


@pytest.mark.parametrize(
    "text", ["공사는 3일간 중단됐다.", "산단 일대 부지를 매입했다.", "일자리 300개가 생긴다."]
)
def test_korean_time_negative(text):
    assert facts_of(text, "time") == []


def test_english_times():
    text = (
        "Occupancy will begin on Sept. 14, 2025 under a ten-year term. The move is planned for later this year, "
        "and hiring will be complete by 2027. Dayton, OH June 3, 2025 — announcement."
    )
    facts = {f.fields["text"]: f.fields for f in facts_of(text, "time", lang="en", date="2025-06-03")}
    assert facts["Sept. 14, 2025"]["iso"] == "2025-09-14" and facts["Sept. 14, 2025"]["event"] == "begin"
    assert facts["later this year"]["iso"] == "2025"
    assert facts["by 2027"]["iso"] == "2027"
    assert facts["June 3, 2025"]["iso"] == "2025-06-03"


def test_english_numbers_are_not_years():
    assert facts_of("The site covers 2018 acres and employs 1999 people.", "time", lang="en") == []


# ------------------------------------------------------------------------------------------------
# counts
# ------------------------------------------------------------------------------------------------


def test_korean_counts():
    text = (
        "협력사 임원 등 80여명이 참석했다. 40여개 바이오기업과 6개 업체가 18만 2210㎡ 부지에 2150억원을 투자한다. "
        "신청서를 낸 23개사 중 11개사가 뽑혔고 고용 유발은 3,480명이다."
    )
    counts = {f.fields["text"]: f.fields for f in facts_of(text, "count")}
    assert counts["80여명"]["approx"] is True and counts["80여명"]["context"] == "참석"
    assert counts["80여명"]["value"] == 80 and counts["80여명"]["unit"] == "명"
    assert counts["40여개"]["noun"] == "바이오기업" and counts["40여개"]["unit"] == "개"
    assert counts["6개 업체"]["unit"] == "업체" and counts["6개 업체"]["value"] == 6
    assert counts["18만 2210㎡"]["value"] == 182210 and counts["18만 2210㎡"]["unit"] == "㎡"
    assert counts["2150억원"]["value"] == 215_000_000_000 and counts["2150억원"]["unit"] == "억원"
    assert counts["23개사"]["unit"] == "개사" and counts["11개사"]["value"] == 11
    assert counts["3,480명"]["value"] == 3480 and "고용" in counts["3,480명"]["context"]


def test_korean_mixed_numerals():
    text = "이번 입주로 천 3백여개의 일터와 7백 40억원의 외부 자본이 들어온다. 군은 4,100억 원을 끌어왔다."
    counts = {f.fields["text"]: f.fields for f in facts_of(text, "count")}
    assert counts["천 3백여개"]["value"] == 1300 and counts["천 3백여개"]["noun"] == "일터"
    assert counts["7백 40억원"]["value"] == 74_000_000_000
    assert counts["4,100억 원"]["value"] == 410_000_000_000


@pytest.mark.parametrize(
    ("num", "value"),
    [
        ("천 3백", 1300),
        ("2천400", 2400),
        ("3백70", 370),
        ("2조5000억", 2_500_000_000_000),
        ("31만2,905", 312905),
    ],
)
def test_ko_value(num, value):
    assert ko_value(num) == value


@pytest.mark.parametrize(
    "text",
    [
        "공사는 3개월 동안 진행된다.",
        "2016년 문을 연 이 회사는 9년간 성장했다.",
        "행사는 제57회를 맞았고 3층에서 열렸다.",
        "1부 행사와 2부 만찬으로 나뉜다.",
    ],
)
def test_korean_count_negative(text):
    assert facts_of(text, "count") == []


def test_english_counts():
    text = (
        "About 410 workers will transfer. The mill will create almost 2,300 new jobs after a $12 billion "
        "investment, and the company will occupy 80,000 square feet in a 260,000-square-foot building."
    )
    counts = {f.fields["text"]: f.fields for f in facts_of(text, "count", lang="en")}
    assert counts["About 410 workers"]["approx"] and counts["About 410 workers"]["value"] == 410
    assert counts["almost 2,300 new jobs"]["noun"] == "jobs"
    assert counts["$12 billion"]["value"] == 12e9 and counts["$12 billion"]["noun"] == "investment"
    assert counts["80,000 square feet"]["value"] == 80000
    assert "260,000-square-foot" in counts


def test_english_years_are_not_counts():
    assert facts_of("The company was founded in 1987 and moved in 2009.", "count", lang="en") == []


# ------------------------------------------------------------------------------------------------
# firms
# ------------------------------------------------------------------------------------------------


def test_korean_relocation_list_from_to():
    text = "가람시 동구에 있는 ㈜누리랩와 서울 강남구에 있는 ㈜한빛소프트와 같은 신생기업들이 차례로 새솔시로 이전을 확정했다."
    firms = {f.fields["name"]: f for f in facts_of(text, "firm")}
    assert set(firms) == {"누리랩", "한빛소프트"}
    assert text[firms["누리랩"].span_start : firms["누리랩"].span_end] == "㈜누리랩"
    assert firms["누리랩"].fields["role"] == "relocate" and firms["누리랩"].fields["from"] == "가람시 동구"
    assert firms["한빛소프트"].fields["from"] == "서울 강남구"
    assert firms["한빛소프트"].fields["to"] == "새솔시"


def test_korean_marker_forms_and_roles_per_firm():
    text = (
        "광학 필름 업체인 ㈜다온이엔지는 2027년까지 245억원을 쏟아 투자한다. 밸브 제조사인 가람금속공업㈜은 "
        "인천에 있는 본사와 연구소를 새솔산업단지로 옮긴다. (주)누리산업은 군과 상생협약을 체결했다."
    )
    firms = {f.fields["name"]: f.fields for f in facts_of(text, "firm")}
    assert firms["다온이엔지"]["role"] == "invest" and firms["다온이엔지"]["amount"] == "245억원"
    assert firms["가람금속공업"]["role"] == "relocate"
    assert firms["가람금속공업"]["from"] == "인천" and firms["가람금속공업"]["to"] == "새솔산업단지"
    assert firms["누리산업"]["role"] == "mou"
    assert spans(text, "firm") == ["㈜다온이엔지", "가람금속공업㈜", "(주)누리산업"]


def test_korean_list_with_count_gives_one_fact_per_firm():
    text = "입지협약에 참여한 곳은 가온정공, 새솔식품, 누리케미칼 등 3개 기업으로 모두 330억원을 들인다."
    names = [f.fields["name"] for f in facts_of(text, "firm")]
    assert names == ["가온정공", "새솔식품", "누리케미칼"]


def test_english_firms():
    text = (
        "Northwind Robotics, Inc. will relocate its headquarters from Austin to Raleigh. "
        "Harbor Foods, a Canadian snack maker, announced it will shift production from Canada to the U.S. "
        "Today, Kestrel announced a $3 billion investment in Ohio."
    )
    firms = {f.fields["name"]: f for f in facts_of(text, "firm", lang="en")}
    nw = firms["Northwind Robotics"]
    assert text[nw.span_start : nw.span_end] == "Northwind Robotics, Inc."
    assert nw.fields["role"] == "relocate" and nw.fields["from"] == "Austin" and nw.fields["to"] == "Raleigh"
    assert firms["Harbor Foods"].fields["role"] == "relocate"
    assert (
        firms["Harbor Foods"].fields["from"] == "Canada" and firms["Harbor Foods"].fields["to"] == "the U.S."
    )
    assert firms["Kestrel"].fields["role"] == "invest" and firms["Kestrel"].fields["amount"] == "$3 billion"


def test_english_list_of_firms_with_legal_suffixes():
    text = (
        "The authority signed MOUs with three companies: Larkfield Motors Co., Ltd., "
        "Bellway Optics Inc. and Tamsin Chemical Co. on the spot."
    )
    firms = {f.fields["name"]: f for f in facts_of(text, "firm", lang="en")}
    assert set(firms) == {"Larkfield Motors", "Bellway Optics", "Tamsin Chemical"}
    lark = firms["Larkfield Motors"]
    assert text[lark.span_start : lark.span_end] == "Larkfield Motors Co., Ltd."
    assert all(f.fields["role"] == "mou" for f in firms.values())


def test_english_subject_list_shares_the_verb_and_its_places():
    text = "Acme Tools Corp., Brindle Labs Inc. and Corvid Systems LLC will relocate their offices from Ohio to Texas."
    facts = facts_of(text, "firm", lang="en")
    assert [f.fields["name"] for f in facts] == ["Acme Tools", "Brindle Labs", "Corvid Systems"]
    assert {(f.fields["role"], f.fields["from"], f.fields["to"]) for f in facts} == {
        ("relocate", "Ohio", "Texas")
    }


def test_markdown_links_do_not_hide_the_verb():
    text = "-   Kestrel\n    [announced](https://example.com/a) a\n    $3 billion investment in Ohio.\n"
    [f] = facts_of(text, "firm", lang="en")
    assert f.fields["name"] == "Kestrel" and f.fields["role"] == "invest"
    assert f.fields["amount"] == "$3 billion"
    assert "\n" in text[f.start : f.end]  # the hard-wrapped bullet is one logical sentence


@pytest.mark.parametrize(
    "text",
    [
        "독일, 영국 등 유럽 기업과 손잡는다.",
        "김하늘 대표는 신규 채용을 결심했다.",
        "특허 기술 이전을 받은 곳이 늘었다.",
    ],
)
def test_korean_firm_negative(text):
    assert facts_of(text, "firm") == []


@pytest.mark.parametrize(
    "text",
    ["The Company announced record results.", "Governor Jane Moss announced the plan.", "In 2014 it moved."],
)
def test_english_firm_negative(text):
    assert facts_of(text, "firm", lang="en") == []


# ------------------------------------------------------------------------------------------------
# package API
# ------------------------------------------------------------------------------------------------


def test_names_for_tokenizer_and_release_id_left_empty():
    text = "㈜누리랩은 새솔시로 본사를 옮긴다. 문재현 원장은 “반가운 소식”이라고 말했다."
    facts = facts_of(text)
    assert names_for_tokenizer(facts) >= {"누리랩", "문재현"}
    assert all(f.release_id == "" for f in facts)


def test_empty_and_plain_text():
    assert extract_facts("", [], "ko") == []
    assert facts_of("아무 사실도 없는 문장이다.") == []


def test_venue_with_attendance_clause_before_the_verb():
    text = (
        "한빛경제자유구역청(청장 문재현)은 15일 오후 2시 경기도 성남시 판교 누리홀 3층 대회의실에서 수도권 "
        "소프트웨어 기업 대표와 유관기관 관계자 등 70여명이 참석한 가운데 ‘2024 한빛 투자유치 네트워킹데이’를 개최했다."
    )
    venues = facts_of(text, "venue")
    assert [text[f.span_start : f.span_end] for f in venues] == ["경기도 성남시 판교 누리홀 3층 대회의실"]


def test_english_venue_goes_on_past_an_abbreviation_inside_a_name():
    text = "Larkspur news\nThe governor announced the plan at the Norland-U.K. Trade Partnership Summit in June. It was his last trip."
    [f] = facts_of(text, "venue")
    assert text[f.span_start : f.span_end] == "the Norland-U.K. Trade Partnership Summit"


def test_english_venue_stops_at_an_abbreviation_that_ends_the_sentence():
    text = "Larkspur news\nThe plant will be built in the U.S. Today the firm hired its first workers."
    [f] = facts_of(text, "venue")
    assert text[f.span_start : f.span_end] == "the U.S."


def test_english_venue_leaves_out_the_date_after_it():
    text = "Larkspur news\nThe drone expo was held at Fenwick Hall in 2023, drawing 4,000 visitors."
    [f] = facts_of(text, "venue")
    assert text[f.span_start : f.span_end] == "Fenwick Hall"
