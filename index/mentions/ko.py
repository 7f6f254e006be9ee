"""Korean mentions from Kiwi's tags: noun phrases, people with titles, and coordinated lists.

A noun phrase is a run of nominal morphemes (proper and common nouns, numbers, foreign words,
noun affixes) written together or one space apart, ended by a particle, a verb or punctuation:
`서울 누리엑스포 컨퍼런스룸 300호|에서`, `농업회사법인 새솔팜|과`. Dates inside a run split it
(`20일 오후 3시 | 서울 누리엑스포…`). Its label comes from how it ends: a legal form or an
organisation ending → ORG, an administrative unit, zone or room → PLACE, else NP. People are
`NAME TITLE` / `TITLE NAME` pairs (`윤재혁 청장`, `(청장 윤재혁)`, `임채원 해오름군수`). Phrases joined by
`와/과`, `,`, `·` or `및` form a LIST.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.facts._common import Unit, is_ko_name, is_ko_title, ko_persons
from index.mentions.model import Mention
from index.script import HANGUL_RUN
from index.tokens import get_kiwi
from index.vocabulary import (
    KO_ADMIN_ENDINGS,
    KO_CLAUSE_END_NOUNS,
    KO_LEGAL_FORMS,
    KO_ORG_ENDINGS,
    KO_VENUE_ENDINGS,
    KO_ZONE_ENDINGS,
)

_NOMINAL = frozenset({"NNG", "NNP", "NNB", "NR", "SN", "SL", "SH", "XPN", "XSN", "NP"})
_PROPER = frozenset({"NNP", "SL", "SH"})
_NAME_HEAD = frozenset({"MM", "MAG", "XR", "IC"})  # glued to a noun, these are part of a name
_GLUE = frozenset("&-.")  # inside a name when written without spaces: KT&G, 호텔&리조트
_LIST_JOIN = re.compile(r"^\s?(?:와|과|,|·|및|、)\s?(?:및\s)?$")
_TIME_WORD = re.compile(
    r"^(?:\d{1,4}(?:년|월|일|시|분)(?:께|경|쯤|부터|까지)?|오전|오후|이날|당일|지난|오는|지난달|이달|올해|내년|"
    r"작년|지난해|금일|매년|새벽|저녁|낮|밤)$"
)
_NOT_HEAD = frozenset("등 및 중 간 내 외 측 쪽 관련 대상 가운데".split())
_NOT_LEAD = frozenset(
    "가운데 이번 이날 당시 현재 올해 지난해 내년 한편 또 특히 관련 이후 이어 또한 아울러 당일".split()
)
_NOT_MEMBER = re.compile(r"\d")


@dataclass(frozen=True)
class _Tok:
    form: str
    tag: str
    start: int
    end: int


def extract(view: str, units: list[Unit]) -> list[Mention]:
    out: list[Mention] = []
    kiwi = get_kiwi()
    for unit in units:
        text = view[unit.start : unit.end]
        if not HANGUL_RUN.search(text):
            continue
        toks = [
            _Tok(t.form, t.tag, unit.start + t.start, unit.start + t.start + t.len)
            for t in kiwi.tokenize(text)
        ]
        phrases = _phrases(view, toks)
        for s, e in phrases:
            proper = all(t.tag in _PROPER for t in toks if s <= t.start and t.end <= e and t.tag in _NOMINAL)
            out.append(Mention(_label(view[s:e]), s, e, unit.start, unit.end, proper=proper))
        out += _lists(view, phrases, unit)
        out += _people(view, unit)
    return out


def _phrases(view: str, toks: list[_Tok]) -> list[tuple[int, int]]:
    """Maximal nominal runs, split at dates and list words, as (start, end) spans."""
    runs: list[list[_Tok]] = []
    run: list[_Tok] = []
    for i, tok in enumerate(toks):
        nominal = tok.tag in _NOMINAL or _is_legal_mark(view, toks, i)
        glued = tok.tag in ("SW", "SO", "SP") and tok.form in _GLUE and run and run[-1].end == tok.start
        if (nominal or glued) and tok.form not in ("등",):
            gap = view[run[-1].end : tok.start] if run else ""
            if run and gap not in ("", " "):
                runs.append(run)
                run = []
            if not run and i and toks[i - 1].end == tok.start and toks[i - 1].tag in _NAME_HEAD:
                run.append(
                    toks[i - 1]
                )  # `한별시청`: Kiwi reads the name's first syllable as 한 (a determiner)
            run.append(tok)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    spans: list[tuple[int, int]] = []
    for run in runs:
        while run and (run[-1].form in _GLUE or run[-1].form in _NOT_HEAD):
            run = run[:-1]
        while run and run[0].form in _NOT_LEAD and (len(run) == 1 or run[1].start > run[0].end):
            run = run[1:]  # `가운데 A, B`: a word of the sentence, not of the name
        if run:
            spans += _split_dates(view, run[0].start, run[-1].end)
    return spans


def _is_legal_mark(view: str, toks: list[_Tok], i: int) -> bool:
    """`㈜` and the brackets of `(주)` belong to the firm name they mark."""
    tok = toks[i]
    if tok.form == "㈜":
        return True
    if tok.form == "(" and view[tok.start : tok.start + 3] == "(주)":
        return True
    return tok.form == ")" and view[max(0, tok.end - 3) : tok.end] == "(주)"


def _split_dates(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run at its date words: `20일 오후 3시 서울 누리엑스포` → the place part (dates are TIME elsewhere)."""
    words = list(re.finditer(r"\S+", view[start:end]))
    out: list[tuple[int, int]] = []
    seg: list[re.Match[str]] = []
    for w in words:
        if _TIME_WORD.match(w.group()):
            if seg:
                out.append((start + seg[0].start(), start + seg[-1].end()))
            seg = []
        else:
            seg.append(w)
    if seg:
        out.append((start + seg[0].start(), start + seg[-1].end()))
    return [(s, e) for s, e in out if e - s >= 1 and not view[s:e].isdigit()]


def _label(phrase: str) -> str:
    last = phrase.split()[-1]
    if any(form in phrase for form in KO_LEGAL_FORMS):
        return "ORG"
    if last.endswith(KO_ZONE_ENDINGS) or last.endswith(KO_VENUE_ENDINGS):
        return "PLACE"
    if last.endswith(KO_ORG_ENDINGS) and len(last) >= 3:
        return "ORG"
    if last.endswith(KO_ADMIN_ENDINGS) and len(last) >= 2:
        return "PLACE"
    if re.search(r"[A-Za-z]{2,}", last):
        return "ORG"
    return "NP"


def _lists(view: str, phrases: list[tuple[int, int]], unit: Unit) -> list[Mention]:
    """Runs of two or more phrases joined by 와/과, commas, middle dots or 및: every contiguous stretch."""
    out: list[Mention] = []
    groups: list[list[tuple[int, int]]] = []
    for span in phrases:
        phrase = view[span[0] : span[1]]
        words = phrase.split()
        # `A와 B, 68억원 규모`, `A, B 준공식 개최`: a list of names holds no amount or clause
        if _NOT_MEMBER.search(phrase) or len(words) > 4 or words[-1] in KO_CLAUSE_END_NOUNS:
            groups.append([])
        elif groups and groups[-1] and _LIST_JOIN.match(view[groups[-1][-1][1] : span[0]]):
            groups[-1].append(span)
        else:
            groups.append([span])
    for group in groups:
        for i in range(len(group)):
            for j in range(i + 2, min(len(group), i + 8) + 1):
                members = tuple(group[i:j])
                out.append(Mention("LIST", members[0][0], members[-1][1], unit.start, unit.end, members))
    return out


def _people(view: str, unit: Unit) -> list[Mention]:
    """`NAME TITLE` (with the title glued to a place: `보람시장`) and `(TITLE NAME)`."""
    out: list[Mention] = []
    for person in ko_persons(view, unit.start, unit.end):
        (ns, ne), (ts, te) = person.name, person.title
        out.append(Mention("PERSON", ns, ne, unit.start, unit.end))
        out.append(Mention("PERSON", ns, te, unit.start, unit.end))
        out.append(Mention("TITLE", ts, te, unit.start, unit.end))
        if person.org and person.org[0] >= ne:  # `홍길동 가온시 경제국장`: the organisation is the title's
            out.append(Mention("TITLE", person.org[0], te, unit.start, unit.end))
        elif person.org:  # `가온대 홍길동 교수`
            out.append(Mention("PERSON", person.org[0], te, unit.start, unit.end))
    for m in re.finditer(r"[(（]\s?([가-힣]{1,10})\s([가-힣]{2,4})\s?[)）]", view[unit.start : unit.end]):
        title, name = m.group(1), m.group(2)
        if is_ko_title(title) and is_ko_name(name):
            s = unit.start + m.start(2)
            out.append(Mention("PERSON", s, s + len(name), unit.start, unit.end))
    return out
