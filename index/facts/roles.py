"""People with a role, for "who is X / who presented Y".

Korean: `기관(청장 최OO)`, `(주식회사 X 김OO 대표)`, `누리과기원 홍OO 교수`, `박OO 보람시장`; the phrase
before a bracket (`특별 강연(…)`) is kept as `context`, which is what a question like "who gave the
lecture" matches. English: `Jane Doe, president of X`, `X CEO Jane Doe`, `Gov. Jane Doe`.
"""

from __future__ import annotations

import re

from index.facts._common import (
    EN_NAME,
    EN_TITLE_LOWER,
    EN_TITLE_WORDS,
    KO_TITLE_WORD,
    Unit,
    en_name_ok,
    fact,
    is_ko_name,
    is_ko_title,
    ko_persons,
)
from index.models import Fact

_KO_BRACKET_TN = re.compile(
    rf"(?P<open>[(,]\s?)(?P<title>{KO_TITLE_WORD})\s?(?P<name>[가-힣]{{2,4}})(?=\s?[),])"
)
_CONTEXT_STOP = re.compile(
    # `이/가/과/도` are left out: nouns end in them too (`전문가`, `효과`)
    r"(?:[은는을를와의에]|에서|에는|으로|로|하는|보는|있는|한|된|인|고|며|서|등|및|\d+일|\d+시)$"
)
_EN_TITLE_NAME = re.compile(
    rf"(?P<org>(?:[A-Z][\w&.'’-]*\s+){{0,5}}?)"
    rf"(?P<title>(?:{EN_TITLE_WORDS})(?:\s+(?:and|&)\s+(?:{EN_TITLE_WORDS}))?)\s+(?P<name>{EN_NAME})"
)
_EN_NAME_APPOS = re.compile(rf"(?P<name>{EN_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?P<appos>[^,.;“”\"()]{{2,90}})")
_EN_ORG_STOP = re.compile(r"^(?:The|A|An|And|But|In|On|At|As|For|With|By|Today|Also|Since|When|While)\s+")


def _context(view: str, pos: int, floor: int) -> str | None:
    """Up to three words before `pos`, stopping at particles, verb endings and list marks."""
    words: list[str] = []
    end = pos
    for m in reversed(list(re.finditer(r"[^\s△▲▶·,;:()\[\]‘’“”\"']+", view[floor:pos]))):
        gap = view[floor + m.end() : end]
        if words and re.search(r"[,;△▲▶()\[\]‘’“”\"']", gap):
            break
        word = m.group(0)
        if _CONTEXT_STOP.search(word) or len(words) >= 4:
            break
        words.insert(0, word)
        end = floor + m.start()
    return " ".join(words) or None


def _bracket_open(view: str, s: int, floor: int) -> int | None:
    """Position of the `(` enclosing position `s`, if it is within the unit and not closed before s."""
    i = view.rfind("(", floor, s)
    if i < 0 or ")" in view[i:s]:
        return None
    return i


def _korean(view: str, units: list[Unit]) -> list[Fact]:
    facts = []
    for unit in units:
        for p in ko_persons(view, unit.start, unit.end):
            title = view[p.title[0] : p.title[1]]
            if title == "씨":
                continue
            org = view[p.org[0] : p.org[1]] if p.org else None
            left = min(p.name[0], p.org[0]) if p.org else p.name[0]
            br = _bracket_open(view, left, unit.start)
            fields = {
                "name": view[p.name[0] : p.name[1]],
                "role": title,
                "org": org,
                # `특별 강연(한빛대 홍OO 교수)`: the phrase the bracket annotates
                "context": _context(view, br, unit.start) if br is not None else None,
            }
            facts.append(fact("role", fields, unit, (p.name[0], p.title[1])))
        for m in _KO_BRACKET_TN.finditer(view, unit.start, unit.end):
            name, title = m.group("name"), m.group("title")
            if not is_ko_name(name) or not is_ko_title(title):
                continue
            # `기관(청장 홍OO)`: the organisation is the word glued to the bracket
            br = _bracket_open(view, m.start("title"), unit.start)
            w = re.search(r"([가-힣A-Za-z0-9㈜·&]+)$", view[unit.start : br]) if br is not None else None
            org = w.group(1) if w else None
            fields = {"name": name, "role": title, "org": org, "context": org}
            facts.append(fact("role", fields, unit, (m.start("title"), m.end("name"))))
    return facts


def _english(view: str, units: list[Unit]) -> list[Fact]:
    facts = []
    for unit in units:
        for m in _EN_TITLE_NAME.finditer(view, unit.start, unit.end):
            name = m.group("name")
            name = re.sub(r"\s+(?:and|of)$", "", name)
            toks = name.split()
            # `Gov. Ann Forde and Dayton Mayor …`: stop the name before a following title word
            if not en_name_ok(" ".join(toks[:3])) and not en_name_ok(" ".join(toks[:2])):
                continue
            while len(toks) > 2 and not en_name_ok(" ".join(toks)):
                toks = toks[:-1]
            name = " ".join(toks)
            org = _EN_ORG_STOP.sub("", m.group("org").strip()) or None
            s = m.start("name")
            fields = {"name": name, "role": m.group("title"), "org": org, "context": None}
            facts.append(fact("role", fields, unit, (s, s + len(name))))
        for m in _EN_NAME_APPOS.finditer(view, unit.start, unit.end):
            name = m.group("name")
            toks = name.split()
            while toks and re.fullmatch(rf"(?:{EN_TITLE_WORDS})", toks[0]):
                toks = toks[1:]
            name = " ".join(toks)
            if not en_name_ok(name):
                continue
            appos = m.group("appos")
            tm = EN_TITLE_LOWER.search(appos)
            if not tm or tm.start() > 40:
                continue
            of = re.match(r"\s+(?:of|at|for|with)\s+(.+)$", appos[tm.end() :])
            role = appos[: tm.end()]
            org = of.group(1).strip() if of else None
            if org is None and tm.start() > 0:
                org, role = appos[: tm.start()].strip() or None, appos[tm.start() : tm.end()]
            s = m.end("name") - len(name)
            fields = {"name": name, "role": role.strip(), "org": org, "context": None}
            facts.append(fact("role", fields, unit, (s, m.end("name"))))
    return facts


def extract(view: str, units: list[Unit]) -> list[Fact]:
    """Role facts; the answer span is the name (with its adjacent Korean title)."""
    return _korean(view, units) + _english(view, units)
