"""Where an event was held, or where firms move or build.

Korean: the noun phrase before `에서` (or `서` after a venue noun) when a holding verb follows
(`개최/열린/진행/체결/가졌`), walked back word by word and stopped at dates, times and particles, so
`15일 오전 11시 보람 누리엑스포 제1전시장 3홀에서 … 개최` gives `보람 누리엑스포 제1전시장 3홀`; and the
destination list of a move (`가람시와 누리군, 새솔군 등지로 함께 이전`). English: `held at/in X`,
`lease at the X Building, 120 …`, `plant in Kentucky`, `a new Ohio assembly plant`,
`move … from A to B`.
"""

from __future__ import annotations

import re

from index.facts._common import Unit, fact, trim_en_place
from index.models import Fact

HOLD_REACH = 150  # `…에서 (기업 대표 등 70여명이 참석한 가운데) …를 개최했다`: the verb can come late
_KO_AT = re.compile(r"(?<=[가-힣A-Za-z0-9)’'」])(에서|서)(?=[\s,]|$|는|도|의|만)")
_KO_HOLD = re.compile(
    r"개최|열린|열렸|열리|열어|열었|열고|연다|여는|진행|체결|가졌|갖는|가진|갖고|갖기|가질|개막|출범|거행|치러|치렀|"
    r"선포|협약|설명회를|행사를|회의를|마련된|마련한|갖는다|가진다|개소|착공|준공|기공|입주식|발대식"
)
_KO_EVENT = re.compile(
    r"[가-힣A-Za-z0-9 ]{0,12}?(?:설명회|협약식|체결식|행사|네트워킹데이|MOU|기념식|입주식|간담회|포럼|박람회|전시회|세미나|"
    r"회의|착공식|준공식|기공식|개막식|발대식|투자협약|업무협약|협약|양해각서|설명회|상담회|컨퍼런스|심포지엄|대회|축제|"
    r"시상식|토론회|워크숍|출범식|개소식|교류회|만찬|투어|현판식)"
)
_STOP_WORD = re.compile(
    r"^(?:(?:지난|오는|이달|다음달)\s?\d+일.*|.*\d+\s?(?:일|시|분)(?:부터|까지|께|경|간)?|오전|오후|낮|저녁|밤|새벽|지난|오는|오늘|내일|어제|최근|이날|당일|이번|앞서|현재|올해|내년|"
    r"지난해|매년|\d+월|\d+년|\d+일부터|\d+일까지|[가-힣]*\(\d+일\)|이후|또|또한|특히|한편|이어|그리고|및|등)$"
)
_PARTICLE_END = re.compile(
    r"(?:[은는이가을를와과의로에]|에서|부터|까지|하고|하며|위해|통해|대해|의해|하여|해서|고|며|면서)$"
)
_ADNOMINAL_END = re.compile(r"(?:린|된|한|될|할|던|인|운|는|진|난|온|간|친|른|싼|둔|있는|없는)$")
_PROVINCE = re.compile(
    r"(?:경기|강원|충청남|충청북|전라남|전라북|경상남|경상북|제주|충남|충북|전남|전북|경남|경북)도$"
)
# words that end a non-place phrase before 에서 (events, abstractions), and whole words that are no place
_NOT_PLACE = re.compile(
    r"(?:설명회|행사|회의|기념사|축사|인사말|인터뷰|간담회|세미나|포럼|협약식|체결식|자리|과정|가운데|측면|분야|차원|부문|"
    r"방송|발표|입장|보도|결과|조사|경쟁|상황|상태|분위기|업계|기간|방식|단계|이곳|그곳|사례|강연|주제|문제|관계|사이|"
    r"자료|보고서|연설|브리핑|대회|박람회|전시회|투어|만찬|대상|의미|취지|목적|관점|맥락|선상|범위)$"
    r"|^(?:면|점|중|속|앞|뒤|내|외|곳|현장|지역|시장|해외|국내|전국|세계|기업|업체|정부|모두|모임|영상|온라인|자체|부지|"
    r"공장|산단|단지|사업)$"
)
_VENUE_NOUN = re.compile(
    r"(?:호텔|홀|룸|볼룸|센터|청사|시청|군청|구청|도청|청|회관|회의실|상황실|대강당|강당|실|관|빌딩|타워|"
    r"컨벤션|전시장|공원|광장|캠퍼스|대학교|학교|본사|사옥|층|호|서울)$"
)
_KO_MOVE = re.compile(
    r"(?<=[가-힣A-Za-z0-9])(?P<tail>\s?등지|\s일대|\s?일원)?(?:으로|로)\s"
    r"(?:(?:본사|공장|사업장|생산시설|연구소)(?:와|과|를|을|및)?\s?){0,3}"
    r"(?:(?:집단|함께|모두|일괄|전부|차례로|순차적으로|잇따라|대거|각각|본격)\s?){0,2}(?:이전|이주|옮기|옮긴|옮겨|둥지)"
)
_LIST_TOKEN = re.compile(r"^[가-힣A-Za-z·]{1,10}(?:와|과|,)$|^및$")

# --------------------------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------------------------

_CAP = r"[A-Z0-9][\w.'’&-]*"
_CAPRUN = rf"{_CAP}(?:\s+(?:of\s+|de\s+|the\s+|and\s+)?{_CAP})*"
_PLACE = (
    rf"(?:the\s+)?{_CAPRUN}(?:,\s+\d+[\w-]*\s+{_CAPRUN})?(?:\s+(?:in|at)\s+(?:the\s+)?{_CAPRUN})?"
    rf"(?:,\s+(?:[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+)?|[A-Z]{{2}})(?=[\s,.;]|$))?"
)
_EN_HELD = re.compile(
    rf"\b(?P<ev>held|hosted|located|built|constructed|headquartered|based|housed|situated|lease|leased|opened|"
    rf"open|opening|groundbreaking|ceremony|conference|event|signed)\b[^.;]{{0,25}}?\b(?:at|in)\s+(?P<place>{_PLACE})"
)
# gatherings name their place with `at` only (`made in America` is not a venue)
_EN_GATHERING = re.compile(
    rf"\b(?P<ev>took place|was made|were made|announced|unveiled|gathered|met|spoke|celebration|meeting|"
    rf"news conference|press conference|reception|forum|summit)\b[^.;]{{0,25}}?\bat\s+(?P<place>{_PLACE})"
)
_EN_FACILITY = re.compile(
    rf"\b(?P<ev>facility|facilities|plant|factory|headquarters|HQ|office|offices|campus|center|centre|site|"
    rf"operations|production|warehouse|hub|building)\s+(?:in|at|near)\s+(?P<place>{_PLACE})"
)
_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|"
    "North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|"
    "Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|U\\.S\\.|US"
)
_EN_NEW_STATE = re.compile(
    rf"\bnew\s+(?:\$[\d.,]+\s+(?:million|billion)\s+)?(?P<place>{_US_STATES})(?:-based)?\s+"
    rf"(?:[a-z-]+\s+){{0,2}}(?P<ev>facility|plant|factory|headquarters|center|campus|site|office)"
)
_EN_MOVE = re.compile(
    rf"\b(?P<ev>relocat\w*|mov\w*|shift\w*|bring\w*)\b[^.;]{{0,60}}?\bto\s+(?P<place>{_PLACE})"
)
_EN_MODIFIED = re.compile(
    r"\s+(?:location|facility|facilities|site|plant|campus|office|offices|headquarters|market|operations|"
    r"operation|team|division|unit|business|group|company|brand|store|project)\b"
)
_EN_AREA = re.compile(r"\s+(?:metro(?:politan)? area|area|region)\b")
_EN_NOT_PLACE = re.compile(
    r"^(?:the\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|\d+|I|It|This|The|A|An|We|Our|Its|His|Her|Their|Q[1-4])(?:\b|$)"
)


def _breaks_place(w: str, core: str, list_mode: bool) -> bool:
    """Whether word `w`, found before the place's last word, is outside the place phrase."""
    if any(ch in w for ch in '‘’“”"「」()[]'):
        return True
    if list_mode:  # `가람시와 누리군, 새솔군 …`: every earlier word must carry a list connector
        bare = w[:-1] if w.endswith((",", "와", "과")) else w
        return (
            not _LIST_TOKEN.match(w)
            or bool(_STOP_WORD.match(core.rstrip(",와과")))
            or bool(_NOT_PLACE.search(bare) or _PARTICLE_END.search(bare) or _ADNOMINAL_END.search(bare))
        )
    if w.endswith((",", "、", "·")):
        return True
    if _PARTICLE_END.search(w) and not _PROVINCE.search(w):
        return True
    if _ADNOMINAL_END.search(w):  # `열린`, `조성된`; long venue names ending like that are kept
        return len(w) <= 3 and not re.search(r"[A-Za-z0-9]", w) or len(w) > 3 and not _VENUE_NOUN.search(w)
    return False


def _walk_back(view: str, pos: int, floor: int, list_mode: bool = False) -> tuple[int, int] | None:
    """The place phrase ending at `pos`: preceding words until a date, time, particle or verb."""
    words = list(re.finditer(r"[^\s]+", view[floor:pos]))
    start = None
    limit = 8 if list_mode else 6
    for count, m in enumerate(reversed(words)):
        w = m.group(0)
        core = w.strip("‘’“”\"'「」()[]")
        if count >= limit or not core or _STOP_WORD.match(core) or not re.search(r"[가-힣A-Za-z0-9]", core):
            break
        if count and _breaks_place(w, core, list_mode):
            break
        start = floor + m.start() + (len(w) - len(w.lstrip("‘’“”\"'「」([")))
    return None if start is None else (start, pos)


def _event_near(view: str, s: int, e: int) -> str | None:
    m = _KO_EVENT.search(view, s, e)
    if not m:
        return None
    return m.group(0).strip(" ‘’“”'\"").split()[-1] if m.group(0).strip() else None


def _korean(view: str, units: list[Unit]) -> list[Fact]:
    facts = []
    for unit in units:
        for m in _KO_AT.finditer(view, unit.start, unit.end):
            tail_end = min(unit.end, m.end() + HOLD_REACH)
            nxt = _KO_AT.search(view, m.end(), tail_end)
            hold = _KO_HOLD.search(view, m.end(), nxt.start() if nxt else tail_end)
            if not hold:
                continue
            pos = m.start()
            if view[pos - 1] == ")":  # `창업지원관(이하 지원관)에서` → the name before the bracket
                br = view.rfind("(", max(unit.start, pos - 40), pos)
                if br > unit.start and not view[br - 1].isspace():
                    pos = br
            word_start = view.rfind(" ", unit.start, pos) + 1
            word = view[max(word_start, unit.start) : pos]
            if m.group(1) == "서" and not _VENUE_NOUN.search(word):
                continue
            if (
                _NOT_PLACE.search(word.strip("‘’“”\"'"))
                or len(word.strip()) < 2
                and not word.strip().isdigit()
            ):
                continue
            span = _walk_back(view, pos, unit.start)
            if span is None:
                continue
            s, e = span
            event = _event_near(view, m.end(), min(unit.end, hold.end() + 25)) or _event_near(
                view, unit.start, s
            )
            facts.append(fact("venue", {"place": view[s:e], "event": event}, unit, span))
        for m in _KO_MOVE.finditer(view, unit.start, unit.end):
            end = m.start()
            while end > unit.start and view[end - 1] in " ":
                end -= 1
            floor = max(unit.start, end - 90)
            while floor > unit.start and floor < end and not view[floor - 1].isspace():
                floor += 1  # start at a word boundary
            span = _walk_back(view, end, floor, list_mode=True)
            if span is None:
                continue
            place = view[span[0] : span[1]]
            last = place.split()[-1]
            if _NOT_PLACE.search(last) or re.search(r"\d", place) or _PARTICLE_END.search(last):
                continue
            facts.append(fact("venue", {"place": place, "event": "이전"}, unit, span))
    return facts


def _english(view: str, units: list[Unit]) -> list[Fact]:
    facts = []
    for unit in units:
        for rx in (_EN_HELD, _EN_GATHERING, _EN_FACILITY, _EN_NEW_STATE, _EN_MOVE):
            for m in rx.finditer(view, unit.start, unit.end):
                place = m.group("place")
                if _EN_NOT_PLACE.match(place) or re.search(r"['’]s$", place):
                    continue
                s = m.start("place")
                e = m.end("place")
                area = _EN_AREA.match(view, e, unit.end)
                if area:
                    e = area.end()
                elif place.startswith("the ") and _EN_MODIFIED.match(view, e):
                    continue  # `the Ohio location`: an adjective, not the place
                s, e = trim_en_place(view, s, e)
                if e <= s:
                    continue
                facts.append(
                    fact("venue", {"place": view[s:e], "event": m.group("ev").lower()}, unit, (s, e))
                )
    return facts


def extract(view: str, units: list[Unit]) -> list[Fact]:
    """Venue facts; the span is the place phrase itself."""
    return _korean(view, units) + _english(view, units)
