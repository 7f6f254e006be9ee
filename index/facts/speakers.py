"""Quoted speakers: who said the quoted words, with title, organisation, quote and speech verb.

Korean releases attribute quotes as `[기관] 이름 직함은 “…”고 밝혔다`, sometimes after the quote
(`“…”라고 이름 직함은 말했다`), and continue a speaker's quote in the next sentence without naming
them again (`이어 “…”고 덧붙였다`). English ones use `"…," said NAME, TITLE of ORG.` or `NAME said`,
later referring back by surname only. A quote only counts when a quotative ending (`고/라고/며`) or a
speech verb attaches to it, so scare quotes (`“혁신”이라는 단어`) give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.facts._common import (
    EN_NAME,
    EN_NOT_NAME_WORDS,
    EN_TITLE_LOWER,
    EN_TITLE_WORDS,
    KoPerson,
    Unit,
    en_name_ok,
    fact,
    ko_persons,
    org_before,
    quote_spans,
)
from index.models import Fact

# what may follow a Korean speech quote's closing mark
_KO_QUOTATIVE = re.compile(
    r"\s?(?:이?라고|이?라며|이?라면서|라고도|고|며|면서|하고|하며)(?![가-힣]*(?:는|은)\s)"
)
_KO_SUBJ_JOSA = re.compile(r"(?:은|는|이|가|도|께서)(?![가-힣])")
_KO_VERB = re.compile(
    r"([가-힣]+?(?:했다|혔다|였다|했습니다|혔습니다|였습니다|했고|했으며|한다|했다고|혔다고|말했|밝혔|전했))"
)
_KO_ANON = re.compile(
    r"(?<![가-힣])(?:(?P<org>[가-힣A-Za-z0-9·]+)\s)?(?P<title>관계자|대변인|관계관)(?:는|은|가|도)(?![가-힣])"
)
_KO_PRONOUN = re.compile(r"(?<![가-힣])(?:그는|그녀는|그러면서|이어|또|또한|아울러|이와 함께|특히)")
_KO_INTERVIEW = re.compile(r"인터뷰\s*:\s*(?P<name>[가-힣]{2,4})\s*/\s*(?P<title>[^\n]{1,40}?)\s*$", re.M)

_EN_SAY = r"(?:said|says|added|adds|noted|notes|explained|stated|continued|remarked|commented|told\s+\w+)"
_EN_TITLE_RE = re.compile(rf"\b(?:{EN_TITLE_WORDS})(?=\s|$|,)")
_EN_PHRASE = r"(?:[A-Z][\w.'’&-]*|and|of|the|for)(?:\s+(?:[A-Z][\w.'’&-]*|and|of|the|for))*"
_EN_AFTER = re.compile(rf"^\s*,?\s*{_EN_SAY}\s+(?P<who>{_EN_PHRASE})(?P<appos>,\s*[^.;“”\"]{{2,120}})?")
_EN_AFTER_REV = re.compile(rf"^\s*,?\s*(?P<who>{_EN_PHRASE})\s+{_EN_SAY}\b")
_EN_BEFORE = re.compile(
    rf"(?P<who>{_EN_PHRASE})(?P<appos>,\s*[^.;“”\"]{{2,160}},)?\s+{_EN_SAY}"
    r"(?:\s+(?:in|during|at)\s+(?:a|an|the)\s+\w+(?:\s+\w+)?)?(?:\s+that)?\s*[,:]?\s*$"
)


@dataclass
class _Speaker:
    name: str | None
    title: str | None
    org: str | None
    span: tuple[int, int]


def _ko_subject(view: str, start: int, end: int, last: bool = True) -> _Speaker | None:
    """The subject-marked person (`이름 직함은`) or `기관 관계자는` in view[start:end]."""
    found: list[tuple[int, _Speaker]] = []
    for p in ko_persons(view, start, end):
        if _KO_SUBJ_JOSA.match(view, p.end):
            found.append((p.name[0], _speaker_from(view, p)))
    for m in _KO_ANON.finditer(view, start, end):
        org = m.group("org")
        if org and re.search(r"[은는이가을를의에]$|^(?:이날|이번|한편|또|이어)$", org):
            org = None
        s = m.start("org") if org else m.start("title")
        found.append((s, _Speaker(None, m.group("title"), org, (s, m.end("title")))))
    if not found:
        return None
    found.sort(key=lambda x: x[0])
    return found[-1][1] if last else found[0][1]


def _speaker_from(view: str, p: KoPerson) -> _Speaker:
    org = view[p.org[0] : p.org[1]] if p.org else None
    title = view[p.title[0] : p.title[1]]
    if p.org and p.org[0] > p.name[0]:  # NAME ORG TITLE: span runs over the org
        span = (p.name[0], p.title[1])
    else:
        span = (p.name[0], p.title[1])
    return _Speaker(view[p.name[0] : p.name[1]], title, org, span)


def _ko_speech_quotes(view: str, unit: Unit) -> list[tuple[int, int, int]]:
    """(open, close, after-quotative) for quotes followed by a quotative ending."""
    out = []
    for o, c in quote_spans(view, unit.start, unit.end):
        if c - o < 4:
            continue
        m = _KO_QUOTATIVE.match(view, c + 1)
        if m:
            out.append((o, c, m.end()))
    return out


def _korean(view: str, units: list[Unit]) -> list[Fact]:
    facts: list[Fact] = []
    prev: tuple[_Speaker, int] | None = None  # last speaker and its unit index
    for ui, unit in enumerate(units):
        quotes = _ko_speech_quotes(view, unit)
        if not quotes:
            m = _KO_INTERVIEW.search(view, unit.start, unit.end)
            if m and is_interview_name(m.group("name")):
                title = m.group("title").strip()
                prev = (_Speaker(m.group("name"), title, None, m.span("name")), ui)
                continue
            if prev and quote_spans(view, unit.start, unit.end) and ui - prev[1] == 1:
                (o, c) = quote_spans(view, unit.start, unit.end)[0]
                if view[unit.start : o].strip(" -–—") == "" and c - o > 8:  # interview answer line
                    sp = prev[0]
                    facts.append(_make(sp, view, unit, o, c, None, continued=False))
            continue
        # chains of quotes; a subject between chains starts a new speaker
        floor = unit.start
        i = 0
        while i < len(quotes):
            j = i
            while j + 1 < len(quotes) and not _ko_subject(view, quotes[j][2], quotes[j + 1][0]):
                j += 1
            o, _, _ = quotes[i]
            _, c, after = quotes[j]
            sp = _ko_subject(view, floor, o)
            verb_m = _KO_VERB.search(view, after, unit.end)
            if sp is None:
                nxt = quotes[j + 1][0] if j + 1 < len(quotes) else unit.end
                sp = _ko_subject(view, after, verb_m.end() if verb_m else nxt, last=False)
            continued = False
            if sp is None and prev and ui - prev[1] <= 3:
                sp, continued = prev[0], True
            if sp is not None and verb_m is not None:
                verb = verb_m.group(1)
                quote = " ".join(view[a + 1 : b].strip() for a, b, _ in quotes[i : j + 1])
                facts.append(_make(sp, view, unit, o, c, verb, continued, quote))
                prev = (sp, ui)
            floor = c + 1
            i = j + 1
    return facts


def is_interview_name(name: str) -> bool:
    from index.facts._common import is_ko_name

    return is_ko_name(name)


def _make(
    sp: _Speaker,
    view: str,
    unit: Unit,
    o: int,
    c: int,
    verb: str | None,
    continued: bool,
    quote: str | None = None,
) -> Fact:
    fields = {
        "name": sp.name,
        "title": sp.title,
        "org": sp.org,
        "quote": quote if quote is not None else view[o + 1 : c].strip(),
        "verb": verb,
    }
    if continued:
        fields["continued"] = True
    return fact("speaker", fields, unit, sp.span)


# --------------------------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------------------------


def _en_parse(view: str, start: int, who: str, appos: str | None, appos_start: int) -> _Speaker | None:
    """Split `North Carolina Commerce Secretary Anthony M. Copeland` into org, title and name."""
    titles = list(_EN_TITLE_RE.finditer(who))
    name_part, name_off = who, 0
    title = org = None
    if titles:
        first, last = titles[0], titles[-1]
        name_off = last.end()
        while name_off < len(who) and who[name_off] == " ":
            name_off += 1
        name_part = who[name_off:]
        title = who[first.start() : last.end()]
        org = who[: first.start()].strip() or None
        if org and org.lower() in ("the", "and"):
            org = None
    name_part = re.sub(r"\s+(?:and|of|the|for)$", "", name_part.strip())
    m = re.match(EN_NAME, name_part)
    if not m:
        return None
    name = m.group(0)
    if name.split()[0] in EN_NOT_NAME_WORDS and len(name.split()) == 1:
        return None
    if len(name.split()) > 1 and not en_name_ok(name):
        return None
    if appos and not title:
        a = appos.strip(" ,")
        a = re.sub(r"^(?:the|a|an)\s+", "", a)
        tm = EN_TITLE_LOWER.search(a)
        if tm:
            of = re.search(r"\s+(?:of|at|for|with)\s+(.+)$", a[tm.end() :])
            title = a[: tm.end()] if not of else a[: tm.end() + of.start()]
            org = of.group(1).strip() if of else (a[: tm.start()].strip() or None)
            if org and org.endswith("’s") or (org and org.endswith("'s")):
                org = org[:-2]
            if title and org and title.startswith(org):
                title = title[len(org) :].strip()
    s = start + name_off + (len(who[name_off:]) - len(who[name_off:].lstrip()))
    return _Speaker(name, title, org, (s, s + len(name)))


def _resolve(view: str, sp: _Speaker, known: dict[str, _Speaker]) -> _Speaker:
    """`Vivio` → the full `Michael Vivio` seen earlier in the text."""
    if sp.name is None or " " in sp.name:
        return sp
    full = known.get(sp.name)
    if full is not None:
        return _Speaker(full.name, sp.title or full.title, sp.org or full.org, full.span)
    pat = re.compile(
        rf"(?<![\w.])((?:[A-Z][a-z]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z]+|[A-Z]\.)){{0,2}}\s+{re.escape(sp.name)})\b"
    )
    for m in pat.finditer(view):
        cand = m.group(1)
        toks = cand.split()
        while toks and (_EN_TITLE_RE.fullmatch(toks[0]) or toks[0].rstrip(".") in EN_NOT_NAME_WORDS):
            toks = toks[1:]
        if len(toks) >= 2 and en_name_ok(" ".join(toks)):
            name = " ".join(toks)
            s = m.end(1) - len(name)
            return _Speaker(name, sp.title, sp.org, (s, m.end(1)))
    return sp


def _english(view: str, units: list[Unit]) -> list[Fact]:
    facts: list[Fact] = []
    known: dict[str, _Speaker] = {}
    prev: tuple[_Speaker, int] | None = None
    for ui, unit in enumerate(units):
        quotes = [(o, c) for o, c in quote_spans(view, unit.start, unit.end) if c - o > 12]
        if not quotes or not re.search(r"[A-Za-z]", view[quotes[0][0] : quotes[0][1]]):
            continue
        for o, c in quotes:
            sp = None
            after = view[c + 1 : unit.end]
            m = _EN_AFTER.match(after)
            if m:
                appos_start = c + 1 + m.start("appos") if m.group("appos") else 0
                sp = _en_parse(view, c + 1 + m.start("who"), m.group("who"), m.group("appos"), appos_start)
            if sp is None:
                m = _EN_AFTER_REV.match(after)
                if m:
                    sp = _en_parse(view, c + 1 + m.start("who"), m.group("who"), None, 0)
            if sp is None:
                before = view[unit.start : o]
                m = _EN_BEFORE.search(before)
                if m:
                    sp = _en_parse(view, unit.start + m.start("who"), m.group("who"), m.group("appos"), 0)
            continued = False
            if sp is None and prev and ui - prev[1] <= 1:
                lead = view[unit.start : o].strip()
                if lead == "" or re.fullmatch(r"(?:He|She)\s+(?:added|continued)[,:]?", lead):
                    sp, continued = prev[0], True
            if sp is None:
                continue
            sp = _resolve(view, sp, known)
            if sp.name and " " in sp.name:
                known.setdefault(sp.name.split()[-1], sp)
            fields = {
                "name": sp.name,
                "title": sp.title,
                "org": sp.org,
                "quote": view[o + 1 : c].strip(" ,"),
                "verb": None,
            }
            vm = re.search(_EN_SAY, view[max(unit.start, o - 80) : unit.end])
            fields["verb"] = vm.group(0) if vm else None
            if continued:
                fields["continued"] = True
            facts.append(fact("speaker", fields, unit, sp.span))
            prev = (sp, ui)
    return facts


def extract(view: str, units: list[Unit]) -> list[Fact]:
    """Speaker facts for Korean and English attributions (both are tried; patterns don't overlap)."""
    return _korean(view, units) + _english(view, units)


__all__ = ["extract", "org_before"]
