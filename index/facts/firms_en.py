"""English company names and their roles: legal suffixes (`Inc.`, `LLC`) and subjects of business verbs.

See `index.facts.firms` for what is found and how a role is read.
"""

from __future__ import annotations

import re

from index.facts._common import EN_NOT_NAME_WORDS, EN_TITLE_WORDS, Unit, fact, trim_en_place
from index.models import Fact

# A legal suffix ends a name: "Hanbit Precision Inc. and Sora Materials Co." is two firms
_EN_LEGAL_WORD = r"(?:Inc|Corp|Co|Ltd|LLC|PLC|plc)\b\.?,?"
_EN_CAP = rf"(?!{_EN_LEGAL_WORD}(?:\s|$))[A-Z0-9][\w&.'’-]*"
_EN_RUN = rf"{_EN_CAP}(?:\s+(?:&\s+|and\s+|of\s+|de\s+)?{_EN_CAP}){{0,5}}"
_EN_SUFFIX = re.compile(
    rf"(?<![\w&.-])(?P<name>{_EN_RUN}),?\s+(?P<suf>Co\.,?\s+Ltd\.?|Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|LLC|L\.L\.C\.|"
    r"Ltd\.?|Limited|PLC|plc|AG|GmbH|S\.A\.|N\.V\.|LP|L\.P\.|Group|Holdings)(?![\w])"
)
_EN_VERB = (
    r"announced|announces|is\s+(?:considering|expected|planning|relocating|moving|shifting|investing|opening|building)|"
    r"are\s+(?:considering|expected|planning)|will\s+(?:move|relocate|invest|build|open|shift|locate|create|bring|"
    r"occupy|expand|add|construct)|plans\s+to|has\s+(?:signed|chosen|selected|announced|decided|agreed)|signed|"
    r"selected|chose|relocated|moved|invested|broke\s+ground|breaks\s+ground|said\s+it\s+will|decided|agreed|"
    r"is\s+committed|intends\s+to|pledged|unveiled|opened|opens"
)
_EN_SUBJECT = re.compile(
    rf"(?<![\w&.'’-])(?P<name>{_EN_RUN})(?:\s+\((?P<abbr>[A-Z][\w&]+)\))?"
    rf"(?P<appos>,\s+(?:a|an|the|one\s+of)\s+[^,;]{{3,100}},)?\s+(?:{_EN_VERB})\b"
)
_EN_BASED = re.compile(r"^(?:[\w.’'-]+\s+){0,3}?[\w.’'-]+-based\s+")
_EN_TITLE = re.compile(rf"\b(?:{EN_TITLE_WORDS})(?=\s|$)")
_EN_NOT_FIRM = re.compile(
    r"^(?:The|This|That|It|He|She|They|We|Today|Also|In|On|At|As|For|With|By|And|But|If|When|While|After|"
    r"Since|Under|Once|Officials|State|City|County|Governor|Mayor|President|Secretary|Company|Companies|"
    r"U\.S\.|US|America|[A-Z][a-z]+day|January|February|March|April|May|June|July|August|September|October|"
    r"November|December)$"
)
_EN_RELOCATE = re.compile(
    r"\b(?:relocat\w*|mov(?:e|es|ed|ing)\s+(?:its\s+|their\s+)?(?:\w+\s+){0,3}?(?:headquarters|HQ|production|"
    r"operations|manufacturing|offices?|plant|jobs)|shift\w*\s+(?:\w+\s+){0,2}?production|move\b)",
    re.IGNORECASE,
)
_EN_INVEST = re.compile(r"\binvest\w*|\$\s?\d", re.IGNORECASE)
_EN_MOU = re.compile(r"\b(?:MOUs?|memorand(?:um|ums|a) of understanding|agreements?)\b", re.IGNORECASE)
_EN_PLACE = r"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_EN_FROM_TO = re.compile(
    rf"\bfrom\s+(?:its\s+(?:current\s+)?(?:location|base|home|headquarters)\s+in\s+)?(?:(?:northern|southern|eastern|western|central)\s+)?"
    rf"(?P<from>{_EN_PLACE})\s+to\s+(?P<to>{_EN_PLACE})"
)
_EN_TO_FROM = re.compile(
    rf"\bto\s+(?P<to>{_EN_PLACE})\s+from\s+(?:its\s+(?:current\s+)?(?:location|base|home|headquarters)\s+in\s+)?"
    rf"(?:(?:northern|southern|eastern|western|central)\s+)?(?P<from>{_EN_PLACE})"
)
_EN_TO = re.compile(rf"\b(?:relocat\w*|mov\w*|shift\w*)\b[^.;]{{0,50}}?\bto\s+(?P<to>{_EN_PLACE})")
_EN_LEGAL_END = re.compile(r",?\s+(?:Inc\.?|Corp\.?|Corporation|Co\.|LLC|Ltd\.?|Limited|PLC|plc)$")
_EN_MONEY = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|trillion))?", re.IGNORECASE)


def _en_clean(view: str, s: int, e: int) -> tuple[int, int] | None:
    """Drop leading `London-based`, sentence-initial words and titles from a captured name."""
    name = view[s:e]
    based = _EN_BASED.match(name)
    if based:
        s += based.end()
        name = view[s:e]
    toks = name.split()
    while toks and (_EN_NOT_FIRM.match(toks[0]) or re.fullmatch(r"[\d,.]+", toks[0])):
        s += len(toks[0])
        toks = toks[1:]
        while s < e and view[s].isspace():
            s += 1
    if not toks:
        return None
    name = view[s:e]
    if _EN_TITLE.search(name) or _EN_NOT_FIRM.match(name) or name in EN_NOT_NAME_WORDS:
        return None
    if re.fullmatch(r"[\d,.]+", name):
        return None
    return s, e


def _is_headline(text: str) -> bool:
    """Title-case lines (`Springfield Welcomes Harbor Foods Group Headquarters`) fool the name patterns."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if len(words) < 4 or text.rstrip().endswith((".", "”", '"')):
        return False
    small = {"a", "an", "the", "of", "in", "on", "for", "to", "and", "at", "by", "with", "from"}
    caps = [w for w in words if w.lower() not in small]
    return bool(caps) and sum(w[0].isupper() for w in caps) / len(caps) >= 0.8


def _place(view: str, m: re.Match[str], group: str) -> str | None:
    """A captured place, tightened like venues (`the U.S. Today` → `the U.S.`), whitespace collapsed."""
    if not m.group(group):
        return None
    s, e = trim_en_place(view, m.start(group), m.end(group))
    return " ".join(view[s:e].split()) or None


def extract(view: str, units: list[Unit], persons: set[str]) -> list[Fact]:
    facts = []
    for unit in units:
        if _is_headline(view[unit.start : unit.end]):
            continue
        mentions: dict[int, tuple[int, int]] = {}
        for m in _EN_SUFFIX.finditer(view, unit.start, unit.end):
            cleaned = _en_clean(view, m.start("name"), m.end("name"))
            if cleaned:
                mentions.setdefault(cleaned[0], (cleaned[0], m.end("suf")))
        for m in _EN_SUBJECT.finditer(view, unit.start, unit.end):
            cleaned = _en_clean(view, m.start("name"), m.end("name"))
            if not cleaned:
                continue
            name = view[cleaned[0] : cleaned[1]]
            if name in persons or any(name == p.split()[-1] for p in persons):
                continue
            if any(s <= cleaned[0] < e for s, e in mentions.values()):
                continue
            mentions.setdefault(cleaned[0], cleaned)
        spans = sorted(mentions.values())
        cues = _en_list_roles(view, spans, unit.start, unit.end)
        for (s, e), (role, (cue_start, cue_end)) in zip(spans, cues, strict=True):
            seg = view[cue_start:cue_end]
            frm = to = None
            ft = _EN_FROM_TO.search(view, cue_start, cue_end) or _EN_TO_FROM.search(view, cue_start, cue_end)
            if ft and role == "relocate":
                frm, to = _place(view, ft, "from"), _place(view, ft, "to")
            elif role == "relocate":
                t = _EN_TO.search(view, cue_start, cue_end)
                to = _place(view, t, "to") if t else None
            money = _EN_MONEY.search(seg)
            name = " ".join(view[s:e].split())
            while (bare := _EN_LEGAL_END.sub("", name)) != name:  # "Co., Ltd." is two suffixes
                name = bare
            fields = {
                "name": name,
                "role": role,
                "from": frm,
                "to": to,
                "amount": " ".join(money.group(0).split()) if money else None,
            }
            facts.append(fact("firm", fields, unit, (s, e)))
    return facts


_EN_LIST_GAP = re.compile(r"[\s,;]*(?:(?:and|as well as)\s+)?")


def _en_list_roles(
    view: str, spans: list[tuple[int, int]], start: int, end: int
) -> list[tuple[str, tuple[int, int]]]:
    """Each firm's role and the stretch of text it came from (where its from/to and amount are).

    Firms in a list ("A, B and C") share both: what follows the list ("… will relocate from X
    to Y"), else what leads into it ("signed MOUs with A, B and C")."""
    out: list[tuple[str, tuple[int, int]]] = []
    k, lead_from = 0, start
    while k < len(spans):
        j = k
        while j + 1 < len(spans) and _EN_LIST_GAP.fullmatch(view[spans[j][1] : spans[j + 1][0]]):
            j += 1
        tail = (spans[j][1], spans[j + 1][0] if j + 1 < len(spans) else end)
        # "… Materials Co. Together the firms …": the abbreviation ended the sentence
        if view[tail[0] - 1] == "." and re.match(r"\s+[A-Z]", view[tail[0] : tail[1]]):
            tail = (tail[0], tail[0])
        lead = (lead_from, spans[k][0])
        if role := _en_role(view[tail[0] : tail[1]]):
            source = tail
        else:
            role, source = _en_role(view[lead[0] : lead[1]]) or "mention", lead
        out += [(role, source)] * (j - k + 1)
        lead_from, k = spans[j][1], j + 1
    return out


def _en_role(text: str) -> str | None:
    if _EN_RELOCATE.search(text):
        return "relocate"
    if _EN_INVEST.search(text):
        return "invest"
    if _EN_MOU.search(text):
        return "mou"
    return None
