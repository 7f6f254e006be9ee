"""Korean company names and their roles: legal markers, appositions, `등 N개 기업` lists, company-like endings.

See `index.facts.firms` for what is found and how a role is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.facts._common import KO_TITLES, Unit, fact, is_ko_name
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


def extract(view: str, units: list[Unit]) -> list[Fact]:
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
