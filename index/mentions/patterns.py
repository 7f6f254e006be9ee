"""Numbers, dates, ranges and quoted titles: shapes that read the same whatever the tagger says.

Numbers keep their qualifier and what they count when it follows (`약 80여명`, `over 400 new jobs`,
`$1.5 billion`), so an answer reads as the release wrote it; a date range is one mention
(`7월12일부터 15일까지`, `September 12-24, 2022`) as well as its two ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.dates import MONTH_NAME
from index.facts._common import Unit
from index.mentions.model import Mention
from index.units import APPROX_EN, NUMBER_WORDS_EN

_NUM = r"\d(?:[\d,]*\d)?(?:\.\d+)?"
_KO_MAG = rf"(?:{_NUM}\s?[조억만천백십]|(?<![가-힣\d])[천백](?=\s?\d))"
_KO_NUMBER = rf"(?:{_KO_MAG}\s?)*(?:{_KO_MAG}|{_NUM})"
_KO_COUNTER = (
    r"개사|개소|개국|개월|개\s?업체|개\s?기업|개|명|곳|사(?=[\s,.)·]|$|[와과가는의를도에])|社|건|원|억원|만원|조원|달러|"
    r"불|엔|유로|위안|평|톤|대|㎡|m²|㎢|헥타르|%|퍼센트|배|년간|일간|시간|주간|년|일|부스|곳"
)
_KO_QTY = re.compile(
    rf"(?<![\d,.A-Za-z])(?:(?:약|총|모두|최대|최소|연간|무려|모두\s?합쳐)\s?)?"
    rf"{_KO_NUMBER}(?:\s?[~∼-]\s?{_KO_NUMBER})?(?:\s?여)?\s?(?:{_KO_COUNTER})"
    r"(?:\s?(?:이상|가량|남짓|안팎|내외|정도|규모))?"
)
# the noun right after a Korean quantity: `140개 부스`, `7개 기업`
_KO_COUNTED = re.compile(r"\s?(?:의\s)?([가-힣A-Za-z]{1,8}?)(?=[\s,.)]|[이가을를은는의에와과도]|$)")
_KO_NOT_COUNTED = re.compile(
    r"^(?:등|이상|중|규모|가량|정도|이|가|을|를|의|에|와|과|및|또는|씩|당|내외|안팎|남짓)$"
)

_EN_WORD_NUM = "|".join(NUMBER_WORDS_EN)
_EN_APPROX = "|".join(re.escape(a) for a in sorted(APPROX_EN, key=len, reverse=True))
_EN_QTY = re.compile(
    rf"(?:\b(?:{_EN_APPROX})\s+)?(?:(?:US|USD|KRW)?\$\s?|€|£|₩)?"
    rf"(?:(?<![\w.,]){_NUM}|\b(?:{_EN_WORD_NUM})\b)"
    r"(?:\s?-\s?(?:\d[\d,.]*))?"
    r"(?:\s*(?:million|billion|trillion|thousand|hundred|M\b|B\b|bn\b|mil\.))?"
    r"(?:\s*(?:percent|per cent|%|won|dollars|euros|yuan))?",
    re.I,
)
_EN_COUNTED = re.compile(r"[\s-]+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")

_MONTH = rf"{MONTH_NAME}\.?"
_EN_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:\s?[-–]\s?(?:{_MONTH}\s+)?\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"|\b{_MONTH}\s+\d{{4}}"
    r"|\b(?:Q[1-4]|(?:the\s+)?(?:first|second|third|fourth|last)\s+(?:quarter|half))\s+(?:of\s+)?\d{4}"
    r"|\b(?:early|mid|late|end of|spring|summer|fall|autumn|winter)[\s-]+(?:of\s+)?\d{4}"
    r"|\b(?:in|since|by|until|from)\s+\d{4}\b"
    r"|\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm)\b",
    re.I,
)
_KO_DAY = r"(?:(?:지난|오는|이달|다음\s?달|지난\s?달)\s?)?(?:\d{4}\s?년\s?)?(?:\d{1,2}\s?월\s?)?\d{1,2}\s?일"
_KO_CLOCK = r"(?:오전|오후|낮|저녁|밤|새벽)?\s?\d{1,2}\s?시(?:\s?\d{1,2}\s?분|\s?반)?"
_KO_DATE = re.compile(
    rf"(?<![\d가-힣])(?:"
    rf"{_KO_DAY}(?:\s?\([월화수목금토일]\))?(?:\s?{_KO_CLOCK})?"
    rf"(?:\s?(?:부터|~|∼|-|에서)\s?(?:{_KO_DAY}|\d{{1,2}}\s?일)(?:\s?까지)?)?(?:\s?간)?"
    rf"|\d{{1,2}}\s?[~∼-]\s?\d{{1,2}}\s?일(?:\s?간)?"
    rf"|{_KO_CLOCK}"
    rf"|\d{{4}}\s?년(?:\s?\d{{1,2}}\s?월)?(?:\s?(?:상반기|하반기|초|말|중))?(?:\s?(?:까지|부터|께|경))?"
    rf"|\d{{1,2}}\s?월(?:\s?(?:초|말|중순|하순|상순))?(?:\s?(?:까지|부터))?"
    rf")"
)
# An apostrophe inside or after a word (`It's`, `firms'`) opens or closes no quote
_QUOTED = re.compile(
    r"(?<![A-Za-z0-9])[‘'「『]([^’'」』\n]{2,60})[’'」』](?![A-Za-z])|[“\"]([^”\"\n]{2,40})[”\"]"
)


def extract(view: str, units: list[Unit]) -> list[Mention]:
    out: list[Mention] = []
    for unit in units:
        out += _korean_quantities(view, unit)
        out += _english_quantities(view, unit)
        out += [Mention("TIME", s, e, unit.start, unit.end) for s, e in _dates(view, unit)]
        out += _quoted(view, unit)
    return out


def _trimmed(view: str, s: int, e: int) -> tuple[int, int]:
    while s < e and view[s].isspace():
        s += 1
    while e > s and (view[e - 1].isspace() or view[e - 1] in ",."):
        e -= 1
    return s, e


def _korean_quantities(view: str, unit: Unit) -> Iterator[Mention]:
    for m in _KO_QTY.finditer(view, unit.start, unit.end):
        s, e = _trimmed(view, m.start(), m.end())
        if not re.search(r"\d", view[s:e]):
            continue
        yield Mention("NUMBER", s, e, unit.start, unit.end)
        counted = _KO_COUNTED.match(view, e, unit.end)
        if counted and not _KO_NOT_COUNTED.match(counted.group(1)) and not counted.group(1)[0].isdigit():
            yield Mention("NUMBER", s, counted.end(1), unit.start, unit.end)


def _english_quantities(view: str, unit: Unit) -> Iterator[Mention]:
    for m in _EN_QTY.finditer(view, unit.start, unit.end):
        s, e = _trimmed(view, m.start(), m.end())
        text = view[s:e]
        if not re.search(r"\d|[a-z]", text, re.I) or re.fullmatch(r"(?:19|20)\d\d", text):
            continue  # a bare year is a date, not a count
        if not re.search(r"\d", text) and not re.search(rf"\b(?:{_EN_WORD_NUM})\b", text, re.I):
            continue
        yield Mention("NUMBER", s, e, unit.start, unit.end)
        counted = _EN_COUNTED.match(view, e, unit.end)
        if counted:
            yield Mention("NUMBER", s, counted.end(1), unit.start, unit.end)


def _dates(view: str, unit: Unit) -> Iterator[tuple[int, int]]:
    for pattern in (_KO_DATE, _EN_DATE):
        for m in pattern.finditer(view, unit.start, unit.end):
            s, e = _trimmed(view, m.start(), m.end())
            if e - s >= 2 and re.search(r"\d", view[s:e]):
                yield s, e


def _quoted(view: str, unit: Unit) -> Iterator[Mention]:
    for m in _QUOTED.finditer(view, unit.start, unit.end):
        single = m.group(1) is not None  # a slogan in single quotes may end like a sentence
        group = 1 if single else 2
        s, e = _trimmed(view, m.start(group), m.end(group))
        inner = view[s:e]
        if e - s >= 2 and not re.search(r"[.!?]\s" if single else r"[.!?]\s|다\.?$", inner):
            yield Mention("QUOTE", s, e, unit.start, unit.end)
