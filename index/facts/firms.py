"""Companies and what the release says they do: relocate, invest, sign an MOU, or are just mentioned.

Korean names are found by their legal markers (`㈜X`, `(주)X`, `X㈜`, `주식회사 X`), by appositions
(`반도체 소재 업체인 X는`, `X(대표 홍길동)`), by lists ending in `등 N개 기업` and by company-like
endings (`…산업`, `…테크`) on the subject of an investment or relocation verb. English names by legal
suffixes (`Inc.`, `Corp.`, `LLC`) and as the subject of business verbs (`Kestrel announced`, `Harbor
Foods, a Canadian snack maker, announced`). The role comes from the verbs in the firm's own
stretch of the sentence (up to the next firm that is a subject), so each firm in a coordinated list
gets its own fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.facts._common import (
    EN_NOT_NAME_WORDS,
    EN_TITLE_WORDS,
    KO_TITLES,
    Unit,
    fact,
    is_ko_name,
    trim_en_place,
)
from index.models import Fact

_KO_TOKEN = r"[가-힣A-Za-z0-9&·\-]+"
_KO_MARKED = re.compile(
    rf"(?P<pre>주식회사\s?|㈜\s?|\(주\)\s?|\(유\)\s?|유한회사\s?|농업회사법인\s?)(?P<name>{_KO_TOKEN})(?P<post>㈜|\(주\))?"
    rf"|(?<![가-힣A-Za-z0-9&])(?P<name2>{_KO_TOKEN})(?P<post2>㈜|\(주\)|\s주식회사)"
)
_KO_SUFFIX = (
    r"산업|테크|테크놀로지|테크날리지|시스템|씨스템|정보기술|정보통신|전자|바이오|케미칼|케미컬|공업|제약|건설|화학|"
    r"엔지니어링|솔루션|소프트|이엔지|머티리얼즈|메탈|정공|물산|상사|식품|푸드|에너지|모터스|코리아|"
    r"인터내셔널|홀딩스|소재|제철|철강|물류|네트웍스|디스플레이|파마|메디칼|메디텍|로보틱스|모빌리티|텍|플라텍|"
    r"기계|중공업|통상|무역|산전|전기|섬유|제지|수산|농산|실업|개발|랩스|피앤씨|앤씨|엔터테인먼트"
)
_KO_SUFFIXED = re.compile(
    rf"(?<![가-힣A-Za-z0-9&])(?P<name>[가-힣A-Za-z0-9&]{{1,12}}(?:{_KO_SUFFIX}))(?P<josa>은|는|이|가)(?=\s)"
)
_KO_APPOS = re.compile(
    rf"(?:업체|기업|회사|제조사|제조업체|생산업체|전문기업|전문업체|중견기업|중소기업|벤처기업|법인|계열사|자회사)인\s"
    rf"(?:(?:주식회사|㈜|\(주\))\s?)?(?P<name>{_KO_TOKEN})(?:㈜|\(주\))?(?P<josa>은|는)(?=\s)"
)
_KO_CEO_BRACKET = re.compile(
    rf"(?<![가-힣A-Za-z0-9&])(?P<name>{_KO_TOKEN})\((?:대표|대표이사|사장|회장|공동대표)\s?[가-힣]{{2,4}}\)"
)
_KO_LIST = re.compile(
    rf"(?<![가-힣A-Za-z0-9&])(?P<list>(?:{_KO_TOKEN}(?:\s{_KO_TOKEN})?\s?,\s?){{1,12}}{_KO_TOKEN}(?:\s{_KO_TOKEN})?)\s?(?:등|을\s비롯한|를\s비롯한)\s"
    rf"(?:[^.]{{0,25}}?)(?:\d+\s?(?:개|곳)\s?(?:사|기업|업체|회사)|기업|업체|회사|社)"
)
_KO_LIST_HEAD = re.compile(
    rf"(?:맺은|체결한|참여한|입주한|이전하는|이전한|투자한|유치한|입주하는|선정된|밝힌|확정한)\s(?:기업|업체|회사)(?:은|는|으로는)\s(?P<list>(?:{_KO_TOKEN}\s?,\s?){{2,15}}{_KO_TOKEN})\s?등"
)
_KO_SINGLE_ETC = re.compile(
    rf"(?<![가-힣A-Za-z0-9&,])(?<!,\s)(?P<name>{_KO_TOKEN})\s등\s(?:[^.,]{{0,15}}?)\d+\s?(?:개|곳)\s?(?:사|기업|업체)"
)
_KO_STRIP = re.compile(r"(?:에서|으로|로부터|와의|과의|에는|이며|이다|와|과|은|는|을|를|에|로|도|의|이|가)$")
_KO_NOT_FIRM = re.compile(
    r"^(?:\d.*|[가-힣]{1,2}|.*(?:시|군|구|도|청|부|원|처|단|회|대학교|대학|지역|국가|산업단지|단지|센터)|기업|업체|회사|"
    r"수도권|해외|국내|서울|경기|인천|대구|부산|광주|대전|울산|세종)$"
)
_KO_RELOCATE = re.compile(r"이전(?!받|에|보다|과\s?같|처럼|까지)|옮기|옮긴|옮겨|이주|둥지")
_KO_TECH_TRANSFER = re.compile(r"기술\s?(?:의\s)?이전")
_KO_INVEST = re.compile(r"투자|들여|투입|출자|증설|신설|건립|세운다|건설")
_KO_MOU = re.compile(r"협약|MOU|양해각서|협정|체결")
_KO_FROM = re.compile(
    rf"(?P<place>{_KO_TOKEN}(?:\s{_KO_TOKEN}){{0,2}}?)(?:에|에서)\s?(?:있는|위치한|소재한|소재하는|본사를\s?둔|본사가\s?있는)\s?$"
    rf"|(?P<place2>{_KO_TOKEN}(?:\s{_KO_TOKEN})?)\s소재\s?$"
)
_KO_FROM_AFTER = re.compile(
    rf"(?P<place>{_KO_TOKEN})(?:에|에서)\s?(?:있는|위치한|소재한)\s(?:본사|공장|사업장|생산시설)"
)
_KO_PLACE_WORD = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<place>[가-힣A-Za-z0-9]+(?:시|군|구|도|단지|산단|밸리|벨리|혁신도시|클러스터|특구|지구|지역|권))"
    r"(?=\s|으로|로|에|내|의)"
)
_KO_MONEY = re.compile(r"\d[\d,]*(?:\.\d+)?\s?(?:조\s?\d[\d,]*\s?)?[억만]\s?원|\d[\d,]*\s?원")

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


@dataclass
class _Mention:
    name: str
    span: tuple[int, int]  # the answer span: name with its legal marker as written
    name_end: int
    subject: bool  # followed by a topic/subject particle


def _ko_clean(view: str, s: int, e: int, marked_after: bool) -> tuple[int, int] | None:
    """Strip a trailing particle from a name token (`해솔텍과` → `해솔텍`)."""
    if marked_after:
        return (s, e)
    word = view[s:e]
    m = _KO_STRIP.search(word)
    if m and len(word) - len(m.group(0)) >= 1:
        stem = word[: m.start()]
        # ambiguous endings (`이/가/도/의` may belong to the name): strip only if the stem occurs alone too
        if m.group(0) in ("이", "가", "도", "의") and not re.search(
            rf"{re.escape(stem)}(?![{m.group(0)}])", view
        ):
            return (s, e)
        return (s, s + len(stem))
    return (s, e)


_KO_VERBISH = re.compile(
    r"(?:[은는을를]|하는|되는|있는|없는|[가-힣]한|[가-힣]된|하고|하며|[가-힣]해|이다|였다|[가-힣]다|업체|기업|회사)$"
)
_NOT_FIRM_WORDS = set(
    "한국 중국 일본 미국 홍콩 대만 독일 영국 프랑스 베트남 인도 싱가포르 캐나다 호주 러시아 유럽 아시아 해외 국내 "
    "정부 지자체 도내 관내 지역 수도권 대기업 중소기업 벤처기업 협력사 계열사".split()
)
_KO_GENERIC_SUFFIX = re.compile(rf"^(?:{_KO_SUFFIX})$")


def _ko_mentions(view: str, unit: Unit) -> list[_Mention]:
    out: dict[int, _Mention] = {}

    def add(s: int, e: int, ns: int, ne: int, listed: bool = False) -> None:
        name = view[ns:ne]
        marked = bool(re.search(r"㈜|\(주\)|주식회사|\(유\)", view[s:e]))
        if not name or (_KO_VERBISH.search(name) and not marked):
            return
        short_listed = listed and re.fullmatch(r"[가-힣A-Za-z]{2}", name)
        if _KO_NOT_FIRM.match(name) and not marked and not short_listed:
            return
        if (is_ko_name(name) or name.endswith(tuple(KO_TITLES)) or name in _NOT_FIRM_WORDS) and not marked:
            return
        if marked and _KO_GENERIC_SUFFIX.match(name):  # `한빛 에너지(주)`: the name is two words
            prev = re.search(r"([가-힣A-Za-z0-9&]+)\s$", view[max(unit.start, ns - 15) : ns])
            if prev and not is_ko_name(prev.group(1)) and not _KO_STRIP.search(prev.group(1)):
                ns = s = ns - len(prev.group(0))
                name = view[ns:ne]
        subject = bool(re.match(r"(?:㈜|\(주\))?(?:은|는|이|가)(?![가-힣])", view[ne : ne + 4]))
        if ns not in out:
            out[ns] = _Mention(name, (s, e), ne, subject)

    for m in _KO_MARKED.finditer(view, unit.start, unit.end):
        if m.group("name"):
            post = bool(m.group("post"))
            cleaned = _ko_clean(view, m.start("name"), m.end("name"), post)
            if cleaned is None:
                continue
            ns, ne = cleaned
            add(m.start(), m.end() if post else ne, ns, ne)
        else:
            ns, ne = m.start("name2"), m.end("name2")
            marker_end = m.end("post2")
            add(ns, marker_end if "주식회사" not in m.group("post2") else ne, ns, ne)
    for rx in (_KO_APPOS, _KO_SUFFIXED, _KO_CEO_BRACKET):
        for m in rx.finditer(view, unit.start, unit.end):
            ns, ne = m.start("name"), m.end("name")
            if rx is _KO_SUFFIXED:
                seg_end = _next_sentence_stop(view, ne, unit.end)
                if not (_KO_RELOCATE.search(view, ne, seg_end) or _KO_INVEST.search(view, ne, seg_end)):
                    continue
            add(ns, ne, ns, ne)
    for rx in (_KO_LIST, _KO_LIST_HEAD):
        for m in rx.finditer(view, unit.start, unit.end):
            items = list(re.finditer(r"[^,]+", view[m.start("list") : m.end("list")]))
            names = [view[m.start("list") + i.start() : m.start("list") + i.end()] for i in items]
            if (
                rx is _KO_LIST
                and not any(re.search(rf"(?:{_KO_SUFFIX})$|㈜|\(주\)", n.strip()) for n in names)
                and not re.search(r"\d+\s?(?:개|곳)", view[m.end("list") : m.end()])
            ):
                continue
            for i in items:
                s = m.start("list") + i.start()
                e = m.start("list") + i.end()
                while s < e and view[s].isspace():
                    s += 1
                while e > s and view[e - 1].isspace():
                    e -= 1
                word = view[s:e]
                first = word.split()[0]
                if " " in word and (
                    re.search(r"\d", word) or (_KO_STRIP.search(first) and not first.endswith("의"))
                ):
                    s = s + word.rfind(" ") + 1  # `대구에는 X`, `매출 50억원대 X`: keep the last word only
                add(s, e, s, e, listed=True)
    for m in _KO_SINGLE_ETC.finditer(view, unit.start, unit.end):
        add(m.start("name"), m.end("name"), m.start("name"), m.end("name"))
    return sorted(out.values(), key=lambda x: x.span[0])


def _next_sentence_stop(view: str, pos: int, end: int) -> int:
    m = re.search(r"다[.\s]|다$", view[pos:end])
    return pos + m.end() if m else end


_KO_CLAUSE_CUT = re.compile(r"(?:있으며|했으며|하며|으며|하고|했고|있고|되고|면서|지만|는데),\s")
_KO_TO = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<place>[가-힣A-Za-z0-9·\-]+?)(?<!적|례)(?:으로|로|에)\s(?!있는|위치한|소재한)"
    r"(?:[^\s.]+(?<![로에])\s){0,3}?(?:이전|옮기|옮긴|옮겨|이주|둥지)"
)
_KO_GENERIC_PLACE = {"부지", "곳", "공장", "사업장", "내", "본사", "일원", "일대"}


def _ko_place_tail(place: str) -> str:
    """The trailing words of a captured place that carry no particle (`A와 서울 마포구` → `서울 마포구`)."""
    keep: list[str] = []
    for w in reversed(place.split()):
        if keep and (_KO_STRIP.search(w) or _KO_VERBISH.search(w)):
            break
        keep.insert(0, w)
    return " ".join(keep)


def _ko_role(seg: str) -> str:
    if _KO_RELOCATE.search(_KO_TECH_TRANSFER.sub("", seg)):
        return "relocate"
    if _KO_INVEST.search(seg):
        return "invest"
    if _KO_MOU.search(seg):
        return "mou"
    return "mention"


def _korean(view: str, units: list[Unit]) -> list[Fact]:
    facts = []
    for unit in units:
        mentions = _ko_mentions(view, unit)
        for k, mn in enumerate(mentions):
            nxt = next((o.span[0] for o in mentions[k + 1 :] if o.subject), unit.end)
            seg_end = min(nxt, _next_sentence_stop(view, mn.name_end, unit.end))
            seg = view[mn.name_end : seg_end]
            # a listed (non-subject) firm belongs to its own clause: `A 등 … 자리 잡고 있고, B와 … 이전`
            cut = _KO_CLAUSE_CUT.search(seg)
            clause = seg[: cut.start()] if cut and not mn.subject else seg
            role = _ko_role(clause)
            frm = to = None
            before = view[max(unit.start, mn.span[0] - 30) : mn.span[0]]
            fm = _KO_FROM.search(before)
            if fm:
                frm = _ko_place_tail((fm.group("place") or fm.group("place2")).strip())
                frm = re.sub(r"^.*[,·]\s?", "", frm)
            if role == "relocate":
                fa = _KO_FROM_AFTER.search(clause)
                if fa and not frm:
                    frm = fa.group("place")
                tm = _KO_TO.search(clause)
                to = tm.group("place") if tm else None
                if to is None or to in _KO_GENERIC_PLACE or to == frm:
                    places = [
                        p.group("place") for p in _KO_PLACE_WORD.finditer(clause) if p.group("place") != frm
                    ]
                    to = places[0] if places else (None if to in _KO_GENERIC_PLACE else to)
            money = _KO_MONEY.search(seg)
            fields = {
                "name": mn.name,
                "role": role,
                "from": frm,
                "to": to,
                "amount": money.group(0) if money else None,
            }
            facts.append(fact("firm", fields, unit, mn.span))
    return facts


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


def _english(view: str, units: list[Unit], persons: set[str]) -> list[Fact]:
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


def extract(view: str, units: list[Unit], persons: set[str] | None = None) -> list[Fact]:
    """Firm facts; the span is the name as written (with `㈜`, `Inc.` when present)."""
    return _korean(view, units) + _english(view, units, persons or set())
