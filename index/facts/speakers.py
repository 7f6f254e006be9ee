"""Quoted speakers: who said the quoted words, with title, organisation, quote and speech verb.

Korean releases attribute quotes as `[기관] 이름 직함은 “…”고 밝혔다`, sometimes after the quote
(`“…”라고 이름 직함은 말했다`), and continue a speaker's quote in the next sentence without naming
them again (`이어 “…”고 덧붙였다`). English ones use `"…," said NAME, TITLE of ORG.` or `NAME said`,
later referring back by surname only. A quote only counts when a quotative ending (`고/라고/며`) and a
speech verb attach to it (Korean) or an attribution sits next to it (English), so scare quotes
(`“혁신”이라는 단어`) give nothing. For a continued quote the answer span points at the earlier mention
of the speaker's name while `start/end` is the sentence holding the quote.
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
    is_ko_name,
    ko_persons,
    quote_spans,
)
from index.models import Fact

# what may follow a Korean speech quote's closing mark (not `이라는`, `로`, `를` …)
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
_KO_ORG_SUBJECT = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<org>[가-힣A-Za-z0-9·㈜()]*(?:시|군|구|도|청|부|처|원|공사|공단|회사|협회|재단|센터|측|㈜|\(주\))|"
    r"시|군|도|구|회사)(?:는|은|이|가)(?![가-힣])"
)
_KO_LEAD_OK = re.compile(
    r"^(?:이어서?|또한?|아울러|그러면서|특히|그는|그녀는|이와 함께|이어 그는|한편)?\s*,?$"
)
_KO_INTERVIEW = re.compile(r"인터뷰\s*:\s*(?P<name>[가-힣]{2,4})\s*/\s*(?P<title>[^\n]{1,40}?)\s*$", re.M)
_NO_ORG = re.compile(r"[은는이가을를의에]$|^(?:이날|이번|한편|또|이어)$")

_EN_SAY = r"(?:said|says|added|adds|noted|notes|explained|stated|continued|remarked|commented|told\s+\w+)"
_EN_TITLE_RE = re.compile(rf"\b(?:{EN_TITLE_WORDS})(?=\s|$|,)")
_EN_PHRASE = r"(?:[A-Z][\w.'’&-]*|and|of|the|for)(?:\s+(?:[A-Z][\w.'’&-]*|and|of|the|for))*"
_EN_AFTER = re.compile(
    rf"^\s*,?\s*(?P<verb>{_EN_SAY})\s+(?P<who>{_EN_PHRASE})(?P<appos>,\s*[^.;“”\"]{{2,120}})?"
)
_EN_AFTER_REV = re.compile(rf"^\s*,?\s*(?P<who>{_EN_PHRASE})\s+(?P<verb>{_EN_SAY})\b")
_EN_BEFORE = re.compile(
    rf"(?P<who>{_EN_PHRASE})(?P<appos>,\s*[^.;“”\"]{{2,160}},)?\s+(?P<verb>{_EN_SAY})"
    r"(?:\s+(?:in|during|at)\s+(?:a|an|the)\s+\w+(?:\s+\w+)?)?(?:\s+that)?\s*[,:]?\s*$"
)
_EN_LEAD_OK = re.compile(r"(?:(?:He|She)\s+(?:added|continued|said)[,:]?)?")


@dataclass
class _Speaker:
    name: str | None
    title: str | None
    org: str | None
    span: tuple[int, int]


# --------------------------------------------------------------------------------------------
# Korean
# --------------------------------------------------------------------------------------------


def _from_person(view: str, p: KoPerson) -> _Speaker:
    org = view[p.org[0] : p.org[1]] if p.org else None
    return _Speaker(view[p.name[0] : p.name[1]], view[p.title[0] : p.title[1]], org, (p.name[0], p.title[1]))


def _ko_subject(view: str, start: int, end: int, last: bool = True) -> _Speaker | None:
    """The subject-marked person (`이름 직함은`) or `기관 관계자는` in view[start:end]."""
    found: list[tuple[int, _Speaker]] = []
    for p in ko_persons(view, start, end):
        if _KO_SUBJ_JOSA.match(view, p.end):
            found.append((p.name[0], _from_person(view, p)))
    for m in _KO_ANON.finditer(view, start, end):
        org = m.group("org")
        if org and _NO_ORG.search(org):
            org = None
        s = m.start("org") if org else m.start("title")
        found.append((s, _Speaker(None, m.group("title"), org, (s, m.end("title")))))
    if not found:
        return None
    found.sort(key=lambda x: x[0])
    return found[-1][1] if last else found[0][1]


def _ko_org_subject(view: str, start: int, end: int) -> _Speaker | None:
    """An organisation speaking for itself (`새솔시는 “…”고 밝혔다`)."""
    found = list(_KO_ORG_SUBJECT.finditer(view, start, end))
    if not found:
        return None
    m = found[-1]
    return _Speaker(None, None, m.group("org"), m.span("org"))


def _ko_speech_quotes(view: str, unit: Unit) -> list[tuple[int, int, int]]:
    """(open, close, end of quotative) for the quotes followed by a quotative ending."""
    out = []
    for o, c in quote_spans(view, unit.start, unit.end):
        m = _KO_QUOTATIVE.match(view, c + 1)
        if c - o >= 4 and m:
            out.append((o, c, m.end()))
    return out


def _speaker_fact(sp: _Speaker, unit: Unit, quote: str, verb: str | None, continued: bool) -> Fact:
    fields: dict[str, object] = {
        "name": sp.name,
        "title": sp.title,
        "org": sp.org,
        "quote": quote,
        "verb": verb,
    }
    if continued:
        fields["continued"] = True
    return fact("speaker", fields, unit, sp.span)


def _korean(view: str, units: list[Unit]) -> list[Fact]:
    facts: list[Fact] = []
    prev: tuple[_Speaker, int] | None = None  # last speaker and the index of its unit
    for ui, unit in enumerate(units):
        quotes = _ko_speech_quotes(view, unit)
        if not quotes:
            # broadcast interviews: `▶ 인터뷰 : 이름 / 직함` then `- "…"` on the next line
            m = _KO_INTERVIEW.search(view, unit.start, unit.end)
            if m and is_ko_name(m.group("name")):
                prev = (_Speaker(m.group("name"), m.group("title").strip(), None, m.span("name")), ui)
                continue
            bare = quote_spans(view, unit.start, unit.end)
            if prev and bare and ui - prev[1] == 1:
                o, c = bare[0]
                if view[unit.start : o].strip(" -–—") == "" and c - o > 8:
                    facts.append(_speaker_fact(prev[0], unit, view[o + 1 : c].strip(), None, False))
            continue
        floor = unit.start
        i = 0
        while i < len(quotes):
            # quotes chained without a new subject between them belong to one speaker
            j = i
            while j + 1 < len(quotes) and not _ko_subject(view, quotes[j][2], quotes[j + 1][0]):
                j += 1
            o, c, after = quotes[i][0], quotes[j][1], quotes[j][2]
            verb_m = _KO_VERB.search(view, after, unit.end)
            sp = _ko_subject(view, floor, o)
            if sp is None:  # `“…”라고 기관 이름 직함은 말했다`
                nxt = quotes[j + 1][0] if j + 1 < len(quotes) else unit.end
                sp = _ko_subject(view, after, verb_m.end() if verb_m else nxt, last=False)
            continued = False
            if sp is None:
                sp = _ko_org_subject(view, floor, o)
            if sp is None and prev and ui - prev[1] <= 3 and _KO_LEAD_OK.match(view[floor:o].strip()):
                sp, continued = prev[0], True
            if sp is not None and verb_m is not None:
                quote = " ".join(view[a + 1 : b].strip() for a, b, _ in quotes[i : j + 1])
                facts.append(_speaker_fact(sp, unit, quote, verb_m.group(1), continued))
                if sp.name:
                    prev = (sp, ui)
            floor = c + 1
            i = j + 1
    return facts


# --------------------------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------------------------


def _en_appositive(appos: str) -> tuple[str | None, str | None]:
    """`, president of Harbor Foods, makers of …` → ("president", "Harbor Foods")."""
    a = re.sub(r"^(?:the|a|an)\s+", "", appos.strip(" ,").split(",")[0].strip())
    tm = EN_TITLE_LOWER.search(a)
    if not tm:
        return None, None
    of = re.search(r"\s+(?:of|at|for|with)\s+(.+)$", a[tm.end() :])
    title = a[: tm.end() + of.start()] if of else a[: tm.end()]
    org = of.group(1).strip() if of else (a[: tm.start()].strip() or None)
    if org:
        org = re.sub(r"['’]s$", "", org)
        if org.lower() in ("company", "firm", "the company"):
            org = None
    if title and org and title.startswith(org):
        title = title[len(org) :].strip()
    return title, org


def _en_parse(start: int, who: str, appos: str | None) -> _Speaker | None:
    """Split `North Carolina Commerce Secretary Anthony M. Copeland` into org, title and name."""
    titles = list(_EN_TITLE_RE.finditer(who))
    name_off = 0
    title = org = None
    if titles:
        name_off = titles[-1].end()
        while name_off < len(who) and who[name_off] == " ":
            name_off += 1
        title = who[titles[0].start() : titles[-1].end()]
        org = who[: titles[0].start()].strip() or None
        if org and org.lower() in ("the", "and"):
            org = None
    name_part = re.sub(r"\s+(?:and|of|the|for)$", "", who[name_off:].strip())
    m = re.match(EN_NAME, name_part)
    if not m:
        return None
    name = m.group(0)
    tokens = name.split()
    if (len(tokens) == 1 and tokens[0].rstrip(".") in EN_NOT_NAME_WORDS) or (
        len(tokens) > 1 and not en_name_ok(name)
    ):
        return None
    if appos and not title:
        title, org = _en_appositive(appos)
    s = start + name_off
    return _Speaker(name, title, org, (s, s + len(name)))


def _resolve(view: str, sp: _Speaker, known: dict[str, _Speaker]) -> _Speaker:
    """`Brennan` → the full `Laura Brennan` seen earlier in the text (or anywhere in it)."""
    if sp.name is None or " " in sp.name:
        return sp
    full = known.get(sp.name)
    if full is not None:
        return _Speaker(full.name, sp.title or full.title, sp.org or full.org, full.span)
    pat = re.compile(rf"(?<![\w.])((?:{EN_NAME}\s+)?{re.escape(sp.name)})\b")
    for m in pat.finditer(view):
        tokens = m.group(1).split()
        # `Ohio Governor Ann Forde` → `Ann Forde`: keep what follows the last title or common word
        cut = [
            i for i, t in enumerate(tokens) if _EN_TITLE_RE.fullmatch(t) or t.rstrip(".") in EN_NOT_NAME_WORDS
        ]
        tokens = tokens[cut[-1] + 1 :] if cut else tokens
        name = " ".join(tokens)
        if len(tokens) >= 2 and en_name_ok(name):
            return _Speaker(name, sp.title, sp.org, (m.end(1) - len(name), m.end(1)))
    return sp


def _en_attribution(view: str, unit: Unit, o: int, c: int) -> tuple[_Speaker | None, str | None]:
    after = view[c + 1 : unit.end]
    for rx in (_EN_AFTER, _EN_AFTER_REV):
        m = rx.match(after)
        if m:
            appos = m.groupdict().get("appos")
            sp = _en_parse(c + 1 + m.start("who"), m.group("who"), appos)
            if sp:
                return sp, m.group("verb")
    m = _EN_BEFORE.search(view[unit.start : o])
    if m:
        sp = _en_parse(unit.start + m.start("who"), m.group("who"), m.group("appos"))
        if sp:
            return sp, m.group("verb")
    return None, None


def _english(view: str, units: list[Unit]) -> list[Fact]:
    facts: list[Fact] = []
    known: dict[str, _Speaker] = {}
    prev: tuple[_Speaker, int] | None = None
    prev_end = 0  # where the previous attribution ended, for quotes continuing in the same unit
    for ui, unit in enumerate(units):
        for o, c in quote_spans(view, unit.start, unit.end):
            quote = view[o + 1 : c].strip(" ,")
            if c - o <= 12 or not re.search(r"[A-Za-z]{2}", quote):
                continue
            sp, verb = _en_attribution(view, unit, o, c)
            continued = False
            if sp is None and prev and ui - prev[1] <= 1:
                lead = view[max(unit.start, prev_end if ui == prev[1] else unit.start) : o].strip()
                if _EN_LEAD_OK.fullmatch(lead):
                    sp, continued = prev[0], True
            if sp is None:
                continue
            sp = _resolve(view, sp, known)
            if sp.name and " " in sp.name:
                known.setdefault(sp.name.split()[-1], sp)
            facts.append(_speaker_fact(sp, unit, quote, verb, continued))
            prev, prev_end = (sp, ui), _sentence_end_after(view, c + 1, unit.end)
    return facts


def _sentence_end_after(view: str, pos: int, end: int) -> int:
    """End of the attribution that follows a quote (`, said X, president of Y.`)."""
    m = re.search(r"[.!?](?=\s|$)", view[pos:end])
    return pos + m.end() if m else end


def extract(view: str, units: list[Unit]) -> list[Fact]:
    """Speaker facts for Korean and English attributions (both are tried; patterns don't overlap)."""
    return _korean(view, units) + _english(view, units)
