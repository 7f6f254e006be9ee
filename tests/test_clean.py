"""Cleaning: normalisation, site furniture removal, and metadata read from the text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from index.clean import clean_release, normalise_text, parse_date, strip_boilerplate
from index.models import RawDoc, release_id

ROOT = Path("/data/releases")

KO_ARTICLE = (
    "청림시, 판교 IT기업 5곳 유치\n"
    "청림시, 12일 오후 2시 시청에서 ‘IT 투자협약식’ 개최\n"
    "1만5,000㎡ 부지에 320억원 투자…일자리 200개\n"
    "\n"
    "[청림=박하늘기자] 청림시(시장 문재현)는 12일 오후 2시 시청 대회의실에서 ㈜가온소프트 등 판교 IT기업 5곳과 "
    "투자협약을 맺었다고 밝혔다.\n"
    "협약에 따라 기업들은 1만5,000㎡ 부지에 320억원을 들여 연구소와 사무실을 짓는다.\n"
    "문재현 시장은 “기업이 뿌리내릴 수 있도록 행정·재정 지원을 아끼지 않겠다”고 말했다."
)
KO_LAST = "문재현 시장은 “기업이 뿌리내릴 수 있도록 행정·재정 지원을 아끼지 않겠다”고 말했다."

EN_ARTICLE = (
    "Acme Robotics to Move Headquarters to Dover\n"
    "DOVER, Del., June 2, 2023 — Acme Robotics Inc. will move its headquarters to Dover, bringing 300 jobs.\n"
    "\n"
    "“Dover gives us the talent we need,” said Jane Roe, chief executive of Acme Robotics.\n"
    "The company expects the move to finish by the end of 2024."
)
EN_LAST = "The company expects the move to finish by the end of 2024."


def raw(text: str, source: str = "r.txt", fields: dict[str, str] | None = None) -> RawDoc:
    return RawDoc(ROOT, source, text, "txt", "utf-8", "hash", fields or {})


def clean(text: str, **kwargs):
    return clean_release(raw(text, **kwargs))


def last_line(text: str) -> str:
    return [line for line in text.split("\n") if line][-1]


# --- normalisation --------------------------------------------------------------------------


def test_normalise_whitespace_and_invisible_characters():
    text = "  제목\u00a0 줄 \r\n\r\n\r\n\r\n본문\u200b 첫\t\t줄이다.\u3000\r\n\ufeff둘째  줄.  \n\n\n"
    assert normalise_text(text) == "제목 줄\n\n본문 첫 줄이다.\n둘째 줄."


def test_normalise_is_nfc_and_leaves_symbols_alone():
    decomposed = unicodedata.normalize("NFD", "한빛 ㈜가온 1만㎡ · “인용” ‘작은’ — 끝")
    assert decomposed != "한빛 ㈜가온 1만㎡ · “인용” ‘작은’ — 끝"
    assert normalise_text(decomposed) == "한빛 ㈜가온 1만㎡ · “인용” ‘작은’ — 끝"


def test_release_text_keeps_article_characters_verbatim():
    release = clean(KO_ARTICLE)
    assert release.text == KO_ARTICLE
    assert release.id == release_id(ROOT, "r.txt")
    assert release.root == str(ROOT) and release.source == "r.txt" and release.content_hash == "hash"


# --- tail furniture -------------------------------------------------------------------------

KO_TAILS = {
    "related_news": "관련뉴스\n- 다른 시, 물류센터 착공\n- 한빛군, 청년 창업 지원",
    "related_articles": "관련기사\n청림시 예산안 발표",
    "main_news": "주요뉴스\n기획/취재\n주간 TOP뉴스\n- 1다른 기사 제목\n- 2또 다른 기사",
    "most_read": "많이 본 뉴스\n일간\n주간\n월간",
    "latest": "최신 기사\n\n많이 본 뉴스",
    "comments_count": "댓글\n(0)",
    "comments_inline": "댓글 (0)",
    "comment_list": "댓글목록\n등록된 댓글이 없습니다.",
    "no_comments": "등록된 댓글이 없습니다.",
    "tag": "#Tag\n관련뉴스",
    "tag_ko": "#태그\n#청림시 #투자",
    "copyright_bracket": "[ⓒ 한빛경제TV(www.hanbit.tv), 무단 전재 및 재배포 금지]\n#Tag",
    "copyright_owner": "저작권자 © 청림신문 무단전재 및 재배포 금지",
    "copyright_en": "Copyright © 2024 Hanbit News. All rights reserved.",
    "image_click": " ※ 이미지를 클릭하면 앱 스토어로 이동합니다.\n저작권자 © 청림신문 무단전재 및 재배포 금지",
    "site_run": "광역시 경기도강원도충청북도충청남도전라북도\n청림타임즈한빛타임즈가온타임즈누리타임즈다온타임즈",
    "reporter_line": "윤다온 기자 dayoon@chungrim.example.kr\n저작권자 © 청림신문 무단전재 및 재배포 금지",
    "agency": "/한빛통신",
    "app": "영상취재 : 오세린 VJ\n한빛TV APP 다운로드",
}


@pytest.mark.parametrize("name", sorted(KO_TAILS))
def test_korean_tail_furniture_is_cut(name):
    tail = KO_TAILS[name]
    release = clean(KO_ARTICLE + "\n" + tail + "\n")
    assert last_line(release.text) == KO_LAST
    for line in tail.split("\n"):
        if line.strip():
            assert line.strip() not in release.text


EN_TAILS = {
    "related": "Related\nAcme opens second plant",
    "related_articles": "Related Articles\n- Other story",
    "copyright": "© 2024 Acme Robotics Inc. All rights reserved.",
    "all_rights": "Dover Daily. All rights reserved.",
    "subscribe": "Subscribe to our newsletter\nEmail address",
    "back": "Back to news",
    "read_more": "Read more",
    "tags": "Tags: robotics, Delaware, jobs",
    "posted_by": "Posted by: editor@example.com AT 10:12 am | Permalink | Email\nMonday, June 1 2023\nOlder story",
    "wire_source": "SOURCE Acme Robotics Inc.\nRelated Links\nhttps://acme.example",
}


@pytest.mark.parametrize("name", sorted(EN_TAILS))
def test_english_tail_furniture_is_cut(name):
    tail = EN_TAILS[name]
    release = clean(EN_ARTICLE + "\n\n" + tail + "\n")
    assert last_line(release.text) == EN_LAST
    assert "All rights reserved" not in release.text
    for line in tail.split("\n"):
        assert line.strip() not in release.text


def test_a_body_sentence_starting_with_source_is_kept():
    text = EN_ARTICLE + "\nSource water for the plant will come from the Dover reservoir."
    assert "Source water" in clean(text).text


def test_share_widget_line_is_dropped_but_the_article_continues_after_it():
    text = EN_ARTICLE.replace("\n“Dover", "\nShare this story with your followers\n“Dover")
    release = clean(text)
    assert "Share this" not in release.text
    assert last_line(release.text) == EN_LAST
    assert "said Jane Roe" in release.text


def test_release_text_has_no_copyright_notices():
    text = KO_ARTICLE + "\n[ⓒ 한빛경제TV, 무단 전재 및 재배포 금지]\n관련뉴스\n- 제목"
    assert "무단 전재" not in clean(text).text
    assert "All rights reserved" not in clean(EN_ARTICLE + "\nCopyright © Acme. All rights reserved.").text


def test_body_lines_starting_with_related_words_are_not_cut():
    text = (
        KO_ARTICLE + "\n관련 기업들은 내년 상반기까지 입주를 마칠 계획이다.\n"
        "관련뉴스에 따르면 다른 시도 유치전에 나섰다.\n"
        "댓글 기능은 행사 누리집에서도 쓸 수 있다.\n"
        "한편 청림시는 다음 달 설명회를 한 차례 더 연다."
    )
    release = clean(text)
    assert release.text == text
    assert last_line(release.text) == "한편 청림시는 다음 달 설명회를 한 차례 더 연다."


def test_a_body_sentence_about_copyright_is_kept():
    text = KO_ARTICLE + "\n저작권자는 사진의 무단 전재를 금지한다고 밝혔다.\n행사는 오후 5시에 끝났다."
    assert clean(text).text == text


def test_footer_marker_right_under_the_title_is_not_treated_as_a_footer():
    text = "주요뉴스\n관련뉴스 편집 방침을 바꾼다고 밝혔다. 새 방침은 다음 달부터 적용된다."
    assert clean(text).text == text


# --- reporter e-mail tails ------------------------------------------------------------------


def test_trailing_slash_email_is_removed_from_the_last_sentence():
    release = clean(KO_ARTICLE + " /20241212@hanbit.example.com")
    assert last_line(release.text) == KO_LAST


def test_trailing_reporter_name_and_email_are_removed_and_recorded():
    text = KO_ARTICLE.replace("[청림=박하늘기자] ", "")
    release = clean(text + " 오세린 기자 serin@chungrim.example.kr")
    assert last_line(release.text) == KO_LAST
    assert release.reporter == "오세린"


def test_email_after_a_sentence_end_is_removed():
    release = clean(EN_ARTICLE + " roe@acme.example.com")
    assert last_line(release.text) == EN_LAST


def test_contact_email_inside_a_sentence_is_kept():
    text = EN_ARTICLE + "\nFor details contact press@acme.example.com"
    assert clean(text).text == text


def test_angle_bracket_byline_is_removed():
    release = clean(KO_ARTICLE.replace("[청림=박하늘기자] ", "") + " <한지우 기자>")
    assert last_line(release.text) == KO_LAST
    assert release.reporter == "한지우"


# --- head furniture -------------------------------------------------------------------------


def test_board_header_is_dropped_and_its_date_kept():
    text = (
        "청림시 기업 20곳 이전\n페이지 정보\n작성자 홍보팀 작성일2019.03.07 댓글0건본문\n"
        "판교 기업 20곳이 청림시로\n옮겨옵니다.\n댓글목록\n등록된 댓글이 없습니다."
    )
    release = clean(text)
    assert release.text == "청림시 기업 20곳 이전\n판교 기업 20곳이 청림시로\n옮겨옵니다."
    assert release.date == "2019-03-07"


def test_article_input_line_is_dropped_and_gives_date_and_reporter():
    text = (
        "가온군, 식품기업 3곳과 협약\n"
        "- 가온 농공단지에 150억 투자 -\n"
        "오세린 | 기사입력 2016-08-30 09:15:02\n"
        "[가온=한빛뉴스]가온군은 30일 식품기업 3곳과 투자협약을 맺었다고 밝혔다."
    )
    release = clean(text)
    assert "기사입력" not in release.text
    assert release.date == "2016-08-30"
    assert release.reporter == "오세린"
    assert release.dateline == "가온"
    assert release.publisher == "한빛뉴스"
    assert release.subtitles == ["가온 농공단지에 150억 투자"]


def test_repeated_headline_with_site_chrome_between_is_collapsed():
    text = (
        "누리시, 데이터센터 유치\n한빛 뉴스\n\n뉴스 > 경제\n\n누리시, 데이터센터 유치\n\n"
        "윤다온 기자\n\n입력 : 2021.07.15 10:04|수정 : 2021.07.15 11:20\n\n"
        "누리시는 15일 데이터센터 운영사와 2천억원 규모 투자협약을 맺었습니다.\n\n한빛 뉴스"
    )
    release = clean(text)
    assert (
        release.text
        == "누리시, 데이터센터 유치\n\n누리시는 15일 데이터센터 운영사와 2천억원 규모 투자협약을 맺었습니다."
    )
    assert release.date == "2021-07-15"
    assert release.reporter == "윤다온"
    assert release.title == "누리시, 데이터센터 유치"


def test_share_buttons_and_bylines_above_the_body_are_dropped():
    text = (
        "다온시, 반도체 부품社 유치\n"
        "  • 한지우 기자\n  • 승인 2022.11.03 14:10\n  • 댓글 0\n이 기사를 공유합니다\n"
        "카카오톡 네이버 밴드 공유\n\n"
        "부품 공장 2곳, 다온 산단에 입주\n"
        "다온시는 3일 반도체 부품 기업 2곳과 투자협약을 체결했다."
    )
    release = clean(text)
    assert release.text == (
        "다온시, 반도체 부품社 유치\n\n부품 공장 2곳, 다온 산단에 입주\n"
        "다온시는 3일 반도체 부품 기업 2곳과 투자협약을 체결했다."
    )
    assert release.subtitles == ["부품 공장 2곳, 다온 산단에 입주"]
    assert release.date == "2022-11-03"
    assert release.reporter == "한지우"


# --- metadata: Korean -----------------------------------------------------------------------


def test_korean_metadata():
    release = clean(KO_ARTICLE + "\n[ⓒ 한빛경제TV(www.hanbit.tv), 무단 전재 및 재배포 금지]")
    assert release.title == "청림시, 판교 IT기업 5곳 유치"
    assert release.subtitles == [
        "청림시, 12일 오후 2시 시청에서 ‘IT 투자협약식’ 개최",
        "1만5,000㎡ 부지에 320억원 투자…일자리 200개",
    ]
    assert release.dateline == "청림"
    assert release.reporter == "박하늘"
    assert release.publisher == "한빛경제TV"
    assert release.date is None  # "12일" alone has no year
    assert release.lang == "ko"
    assert "[청림=박하늘기자]" in release.text  # the dateline stays in the text


@pytest.mark.parametrize(
    ("bracket", "place", "reporter", "publisher"),
    [
        ("[가온]", "가온", None, None),
        ("[청림일보 오세린 기자]", None, "오세린", "청림일보"),
        ("[한빛경제/윤다온]", None, "윤다온", "한빛경제"),
        ("[누리=한빛통신]", "누리", None, "한빛통신"),
        ("[한빛신문]", None, None, "한빛신문"),
        ("[사진]", None, None, None),
    ],
)
def test_korean_datelines(bracket, place, reporter, publisher):
    release = clean(f"누리시 투자협약\n\n{bracket} 누리시는 9일 기업 4곳과 투자협약을 맺었다.")
    assert (release.dateline, release.reporter, release.publisher) == (place, reporter, publisher)


def test_subtitle_rules():
    text = (
        "청림시 기업 유치 설명회\n"
        "\n"
        '"수도권 기업 40곳 초청"\n'
        "\n"
        "청림시는 오는 9일 서울에서 기업 유치 설명회를 연다."
    )
    assert clean(text).subtitles == ['"수도권 기업 40곳 초청"']
    # a hard-wrapped sentence is not a subtitle
    wrapped = "기업 이전 협약\n판교 기업 12곳이 청림시와\n가온군으로 옮깁니다."
    assert clean(wrapped).subtitles == []
    # a long line or a sentence is body, not subtitle
    assert clean("제목\n본문 첫 문장이다.\n둘째 문장.").subtitles == []


def test_korean_date_in_first_lines():
    text = "청림시 협약식\n2023년 5월 11일 청림시청에서 협약식이 열렸다.\n기업 3곳이 참석했다."
    assert clean(text).date == "2023-05-11"


def test_publisher_from_copyright_owner_line():
    release = clean(KO_ARTICLE + "\n저작권자 © 청림신문 - 충청 대표 신문 무단전재 및 재배포 금지")
    assert release.publisher == "청림신문"
    assert "무단전재" not in release.text


# --- metadata: English ----------------------------------------------------------------------


def test_english_metadata():
    release = clean(EN_ARTICLE + "\nRelated\nOther story")
    assert release.title == "Acme Robotics to Move Headquarters to Dover"
    assert release.subtitles == []
    assert release.dateline == "DOVER, Del."
    assert release.date == "2023-06-02"
    assert release.lang == "en"


@pytest.mark.parametrize(
    ("first_line", "place", "date"),
    [
        ("Dover, DE June 2, 2023  Acme Robotics will hire 300 people in Dover.", "Dover, DE", "2023-06-02"),
        ("AUSTIN, Texas, Dec. 7, 2024 -- Acme Robotics will hire 300 people.", "AUSTIN, Texas", "2024-12-07"),
        ("Ruston, LA -- Acme Robotics will hire 300 people in Ruston.", "Ruston, LA", None),
        ("Acme Robotics, a maker of warehouse robots, will hire 300 people.", None, None),
    ],
)
def test_english_datelines(first_line, place, date):
    release = clean(f"Acme Robotics Expands\n{first_line}\nThe plant opens next year.")
    assert release.dateline == place
    assert release.date == date


def test_english_byline_and_date_line_at_top_are_dropped():
    text = "Acme Expands\nBy Jane Roe\nOctober 30, 2012\nAcme said on Tuesday it will add 120 jobs in Dover."
    release = clean(text)
    assert release.text == "Acme Expands\nAcme said on Tuesday it will add 120 jobs in Dover."
    assert release.reporter == "Jane Roe"
    assert release.date == "2012-10-30"


# --- fields from the format win -------------------------------------------------------------


def test_fields_override_guesses():
    fields = {
        "title": "가온테크, 본사 이전",
        "subtitle": "직원 150명 함께 이동",
        "date": "2024-03-05T09:00:00+09:00",
        "publisher": "청림일보",
        "url": "https://news.example.kr/a/1",
    }
    text = "가온테크, 본사 이전\n직원 150명 함께 이동\n[한빛=윤다온기자] ㈜가온테크는 본사를 옮긴다고 밝혔다.\n2020년 1월 2일 설립됐다."
    release = clean(text, fields=fields)
    assert release.title == "가온테크, 본사 이전"
    assert release.subtitles == ["직원 150명 함께 이동"]
    assert release.date == "2024-03-05"
    assert release.publisher == "청림일보"
    assert release.url == "https://news.example.kr/a/1"
    assert release.dateline == "한빛"
    assert release.reporter == "윤다온"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("기사입력 2011-06-21 12:27:24", "2011-06-21"),
        ("작성일2007.01.24", "2007-01-24"),
        ("2023년 5월 11일", "2023-05-11"),
        ("입력 2014년04월17일 09시47분", "2014-04-17"),
        ("2023.05.11", "2023-05-11"),
        ("2023. 5. 11.", "2023-05-11"),
        ("April 9, 2014", "2014-04-09"),
        ("Dec. 7, 2014", "2014-12-07"),
        ("Friday, March 31 2017", "2017-03-31"),
        ("9 June 2020", "2020-06-09"),
        ("2023-02-30", None),
        ("5월 11일", None),
        ("https://example.com/2025/03/24/story", None),
        ("", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_lang_detection():
    assert clean("Acme는 청림시에 공장을 짓는다고 밝혔다.").lang == "ko"
    assert clean("Acme Robotics (에이크미) will build a plant in Dover, Delaware, next year.").lang == "en"


def test_strip_boilerplate_reports_what_it_removed():
    text, furniture = strip_boilerplate(
        normalise_text(KO_ARTICLE + "\n저작권자 © 청림신문 무단전재 및 재배포 금지")
    )
    assert text == KO_ARTICLE
    assert furniture.publisher == "청림신문"


def test_footer_marker_above_the_article_is_dropped_not_cut_at():
    text = (
        "Harbor City Signs Deal With Two Shipbuilders\n"
        "Yard expansion to add 600 jobs\n\n"
        "Back to news\n"
        "HARBOR CITY, Maine, May 2, 2024 -- Harbor City signed agreements with two shipbuilders on Wednesday.\n"
        "The yards will add 600 jobs over four years.\n"
        "Back to news\n"
        "Other headline\n"
    )
    cleaned, _ = strip_boilerplate(normalise_text(text))
    assert "signed agreements with two shipbuilders" in cleaned
    assert cleaned.rstrip().endswith("over four years.")
    assert "Back to news" not in cleaned
