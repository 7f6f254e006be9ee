"""What a question asks for, as signals the answer features compare candidates against.

The question type (`qa.question`) is one rule-based guess; the intent spells out the finer asks
that decide between candidates of the right type: which role of a place (where a firm moved
*from*, where an event was *held*), what a number counts, how fine a date must be, how many items
a list should have, which event a date or place belongs to, and which title a person must hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.units import NUMBER_WORDS_EN, unit_class
from index.vocabulary import (
    EN_ASKS_PLACE_ROLE,
    EN_SPEECH_VERB,
    EN_TITLES,
    KO_ASKS_PLACE_ROLE,
    KO_MOVE_VERB,
    KO_SPEECH_VERB,
    KO_TITLES,
    PRODUCT_Q,
    event_classes,
)
from qa.question.query import Query

_KO_SPEECH_Q = re.compile(
    rf"{KO_SPEECH_VERB.pattern}|말한|말했|발언|인용|코멘트|소감|강조|약속|다짐|밝힌|밝혔|라고\s?한|고\s?한|며\s?한|이라\s?한"
)
_PERSON_Q = re.compile(
    r"누구|누가|누군|사람|인물|인사|성함|이름|\bwho\b|\bwhom\b|\bwhose\b|\bperson\b|\bofficial\b|\bexecutive\b|"
    r"\bspeaker\b|\bgovernor\b|\bmayor\b|\bceo\b|\bpresident\b|\bsecretary\b|\bdirector\b|\bminister\b|"
    r"\bchairman\b|\bambassador\b|\bcommissioner\b|\bprofessor\b|\bleader\b|\bspokes\w+",
    re.I,
)
_ORG_Q = re.compile(
    r"기업|업체|회사|기관|단체|곳|개사|주최|주관|\bcompan\w*|\bfirms?\b|\bbusiness\w*|\bmakers?\b|\bbrand\b|"
    r"\bconglomerate\b|\borgani[sz]ation\w*|\binstitution\w*|\bgroup\b|\bagency\b|\bwhose\b|\bprojects?\b",
    re.I,
)
_TITLE_Q = re.compile(r"직함|직책|직위|역할|\brole\b|\bposition\b|\btitle\b|\bjob\b(?! creat)", re.I)
_LIST_Q = re.compile(
    r"어디어디|들[은는이가을를]|모두|각각|목록|명단|\bwhich\s+\w+s\b|\bcompanies\b|\bfirms\b|\bcities\b|"
    r"\bprojects\b|\bboth\b|\ball\b",
    re.I,
)
_NAMES_DESTINATION = re.compile(
    rf"[가-힣A-Za-z]+(?:으로|로)\s(?:\S+\s){{0,2}}?{KO_MOVE_VERB}|\b(?:mov\w*|relocat\w*|shift\w*)\b[^?]*\bto\s+[A-Z]",
)
_NAMES_ORIGIN = re.compile(
    rf"[가-힣A-Za-z]+에서\s(?:\S+\s){{0,2}}?{KO_MOVE_VERB}|\b(?:mov\w*|relocat\w*|shift\w*)\b[^?]*\bfrom\s+[A-Z]"
)
_EVENT_Q = re.compile(
    r"\b(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:event|conference|summit|forum|show|expo|fair|festival|"
    r"convention|exhibition|meeting|ceremony)\b|어떤\s?(?:행사|회의|포럼|박람회|축제|대회)|(?:행사|포럼|박람회|축제)\s?이름",
    re.I,
)
# both ends of a span: `언제부터 언제까지`, `기간`, `from when to when`, `what dates`
_RANGE_Q = re.compile(
    r"부터.*까지|기간|일정|\bfrom\b.*\bto\b|\bdates\b|\bperiod\b|\bhow long\b|\bbetween\b", re.I
)
# only the end of a span: `언제까지`, `until when`, `by when`, `deadline`
_UNTIL_Q = re.compile(r"까지|\buntil\b|\btill\b|\bby when\b|\bdeadline\b", re.I)
# the start of something still going on: `since when`, `언제부터 매년` (not `언제부터 언제까지`)
_SINCE_Q = re.compile(r"\bsince\b|언제\s?부터|몇\s?년\s?부터|부터\s?(?:언제|몇)", re.I)
_CLOCK_Q = re.compile(r"시각|몇\s?시|시간|what time|\bhour\b", re.I)
_DAY_Q = re.compile(r"며칠|날짜|무슨\s?요일|what date|which day|\bday\b|\bdate\b", re.I)
_YEAR_Q = re.compile(r"몇\s?년|연도|년도|what year|which year|since when|since what", re.I)
_MONEY_Q = re.compile(
    r"얼마(?!나)|금액|투자액|투자\s?(?:\S+\s?)?규모|비용|사업비|예산|how much|amount|\$|dollars|cost|worth"
    r"|investment figure|\binvest\w*\b.*\bhow much|\bhow much\b.*\binvest",
    re.I,
)
_SHARE_Q = re.compile(r"비율|비중|퍼센트|%|\bpercent\w*\b|\bshare\b|\brate\b", re.I)
_KO_COUNT_IN_Q = re.compile(
    r"(\d+|[한두세네]|다섯|여섯|일곱|여덟|아홉|열)\s?(?:개사|개\s?기업|개\s?업체|곳|개|명|社|사)"
    r"(?=[은는이가을를의도와과]|\s|[?？]|$)"
)
# The count is what is asked when the counted phrase is the question's subject, right before its
# question word (`맺은 4개사는 어디`, `기업 두 곳은?`, `which two companies`); elsewhere it names the
# occasion (`12개 기업과 맺은 협약에서 … 어느 회사`) and the answer may be one of them.
_KO_SIZE_ASKED = re.compile(
    _KO_COUNT_IN_Q.pattern + r"(?:은|는|이|가)?\s*(?:어디|어느|어떤|누구|무엇|뭐|[?？]|$)"
)
_KO_SMALL_NUMBERS = {
    "한": 1,
    "두": 2,
    "세": 3,
    "네": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
    "열": 10,
}
_EN_COUNTED = (
    r"(?:companies|firms|businesses|projects|cities|provinces|countries|people|officials|partners)\b"
)
_EN_COUNT_IN_Q = re.compile(rf"\b(\d+|{'|'.join(NUMBER_WORDS_EN)})\s+(?:[\w-]+\s+)?{_EN_COUNTED}", re.I)
_EN_SIZE_ASKED = re.compile(
    rf"\b(?:which|what|name the|list the)\s+({'|'.join(NUMBER_WORDS_EN)}|\d+)\s+(?:[\w-]+\s+){{0,2}}?{_EN_COUNTED}",
    re.I,
)
_HOW_MANY_UNIT = re.compile(
    r"몇\s?([가-힣]{1,3})|how many\s+(?:[\w-]+\s+){0,2}?([a-z]+s)\b|number of\s+(?:[\w-]+\s+)?([a-z]+s)\b",
    re.I,
)


@dataclass(frozen=True)
class Intent:
    """The asks of one question; every field is derived from its text alone."""

    speech: bool  # asks who said something
    person: bool  # asks for a person
    org: bool  # asks for an organisation
    title: bool  # asks for a person's position
    place_roles: frozenset[str]  # from / to / venue / site / base
    events: frozenset[str]  # event classes the question names (hold, sign, move, …)
    unit: str | None  # what a number should count (person, org, money, job, …)
    money: bool
    share: bool
    clock: bool  # time of day
    day: bool
    year: bool
    range: bool  # from … to …
    until: bool  # to when: the end alone
    since: bool  # since when
    event: bool  # a named event is asked ("at which event", "어떤 행사")
    plural: bool  # a list is wanted
    count: int | None  # how many items the list should hold ("4개사", "two companies")
    size_asked: bool  # that count is of the asked list itself, not of the occasion
    titles: tuple[str, ...]  # title words the question names (청장, governor)
    product: bool  # asks what a firm makes


def intent_of(query: Query) -> Intent:
    text = query.text
    ko = query.lang == "ko"
    roles = KO_ASKS_PLACE_ROLE if ko else EN_ASKS_PLACE_ROLE
    place_roles = frozenset(name for name, cue in roles.items() if cue.search(text))
    if query.type == "where" and not place_roles & {"from", "to"}:
        # the question names one end of a move, so it asks for the other: `X로 옮기기 전`, `move to X`
        if _NAMES_DESTINATION.search(text):
            place_roles |= {"from"}
        elif _NAMES_ORIGIN.search(text):
            place_roles |= {"to"}
    if query.type != "where":
        place_roles = frozenset(r for r in place_roles if r in ("from", "to"))
    speech = bool(
        _KO_SPEECH_Q.search(text) or EN_SPEECH_VERB.search(text) or re.search(r"\bquot\w+", text, re.I)
    )
    size = _KO_SIZE_ASKED.search(text) or _EN_SIZE_ASKED.search(text)
    count = _asked_count(text, size)
    return Intent(
        speech=speech,
        person=query.type in ("who_spoke", "who_is") or bool(_PERSON_Q.search(text)),
        org=query.type == "which_firms" or bool(_ORG_Q.search(text)),
        title=bool(_TITLE_Q.search(text)),
        place_roles=place_roles,
        events=event_classes(text),
        unit=_asked_unit(query),
        money=bool(_MONEY_Q.search(text)),
        share=bool(_SHARE_Q.search(text)),
        clock=bool(_CLOCK_Q.search(text)),
        day=bool(_DAY_Q.search(text)),
        year=bool(_YEAR_Q.search(text)),
        range=(range_asked := bool(_RANGE_Q.search(text)) or len(re.findall(r"언제|며칠", text)) >= 2),
        until=bool(_UNTIL_Q.search(text)) and not range_asked,
        since=bool(_SINCE_Q.search(text)) and not re.search(r"까지|\buntil\b|\bto\b", text),
        event=bool(_EVENT_Q.search(text)),
        plural=bool(_LIST_Q.search(text)) or count not in (None, 1),
        count=count,
        size_asked=size is not None,
        titles=_asked_titles(text),
        product=query.type == "what" and bool(PRODUCT_Q.search(text)),
    )


def _asked_unit(query: Query) -> str | None:
    """What the asked number counts. An explicit count (`몇 명`, `몇 개`, `how many jobs`) names its
    unit and wins over money words elsewhere in the question: `1,000억 투자로 고용되는 인원은 몇 명`
    asks for people, and `사업비 300억 원 산단으로 옮기는 업체는 몇 개` for firms."""
    hints = (query.focus, query.unit_hint)  # the counted noun before a bare counter (`부스 … 몇 개`)
    m = _HOW_MANY_UNIT.search(query.text)
    if m:
        for hint in (*hints, next(g for g in m.groups() if g)):
            cls = unit_class(hint)
            if cls:
                return cls
    if _MONEY_Q.search(query.text):
        return "money"
    if _SHARE_Q.search(query.text):
        return "percent"
    for hint in hints:
        cls = unit_class(hint)
        if cls:
            return cls
    return None


def _asked_count(text: str, size: re.Match[str] | None) -> int | None:
    """The size the question names: the asked one (`size`) first, so `which two … 2018 projects`
    asks two."""
    m = size or _KO_COUNT_IN_Q.search(text) or _EN_COUNT_IN_Q.search(text)
    if not m:
        return None
    word = m.group(1).lower()
    if word.isdigit():
        return int(word)
    return _KO_SMALL_NUMBERS.get(word) or NUMBER_WORDS_EN.get(word)


# After an asked title comes a particle or the question word (`대표이사는 누구`, `군수 누구야`); a
# title that goes on into another noun modifies it (`CEO 초청 설명회`, `시장 개척단`) and asks nothing.
_KO_AFTER_ASKED_TITLE = re.compile(
    r"^(?:(?:은|는|이|가|의|을|를|도|와|과|님|께서|에게|인|이던|였던|으로|로|이야|야|이죠|죠|이었|였)(?![가-힣])"
    r"|\s*(?:누구|누가|누군|이름|성함|직함|\(|[?？]|$))"
)


def _asked_titles(text: str) -> tuple[str, ...]:
    lower = text.lower()
    found = [
        t
        for t in KO_TITLES
        if len(t) >= 2 and t not in ("관계자", "담당") and _asked_somewhere(t, text, text)
    ]
    found += [t for t in EN_TITLES if _asked_somewhere(t, lower, text, english=True)]
    return tuple(dict.fromkeys(found))


def _asked_somewhere(title: str, haystack: str, text: str, english: bool = False) -> bool:
    pattern = rf"\b{re.escape(title)}\b" if english else re.escape(title)
    return any(
        _KO_AFTER_ASKED_TITLE.match(text[m.end() :]) or not re.match(r"^\s?[가-힣]", text[m.end() :])
        for m in re.finditer(pattern, haystack)
    )
