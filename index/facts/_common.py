"""Shared helpers for the fact extractors: a same-length text view, logical sentences, names.

Extractors run regexes over a *view* of the release text that has exactly the same length (markdown
link targets and emphasis blanked out), so every match offset is also an offset into the real text
and `text[span_start:span_end]` stays verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from index.dates import MONTH_NAME
from index.models import Fact, Sentence
from index.script import HANGUL
from index.vocabulary import KO_COMPOUND_SURNAMES as COMPOUND_SURNAMES
from index.vocabulary import KO_SURNAMES as SURNAMES
from index.vocabulary import KO_TITLES

# --------------------------------------------------------------------------------------------
# Text view and logical sentences
# --------------------------------------------------------------------------------------------

_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)")
_MD_EMPH = re.compile(r"\*\*|__|`")
_END_MARKS = ".!?。？！…"
_CLOSERS = "”’\"')]」』》"
_BULLET = re.compile(r"\s*(?:[-*•·▶▷△▲■□◆◇○●※]|\d+[.)]\s)")
_KO_JOINING_END = re.compile(r"(?:[와과은는이가을를에의로및며고]|등|,|·)$")


def make_view(text: str) -> str:
    """`text` with markdown link syntax and emphasis replaced by spaces (same length)."""

    def link(m: re.Match[str]) -> str:
        inner = m.group(1)
        return " " + inner + " " * (len(m.group(0)) - len(inner) - 1)

    view = _MD_LINK.sub(link, text)
    return _MD_EMPH.sub(lambda m: " " * len(m.group(0)), view)


@dataclass(frozen=True)
class Unit:
    """A logical sentence: one `Sentence`, or several when a sentence was hard-wrapped over lines."""

    start: int
    end: int


def _continues(view: str, cur: Sentence, nxt: Sentence) -> bool:
    """Whether `nxt` continues the hard-wrapped sentence `cur` (one line break apart)."""
    gap = view[cur.end : nxt.start]
    if gap.count("\n") != 1 or gap.strip():
        return False
    line = view[cur.start : cur.end].rstrip()
    if not line or line[-1] in _END_MARKS or (line[-1] in _CLOSERS and line[-2:-1] in _END_MARKS):
        return False
    nxt_text = view[nxt.start : nxt.end]
    if _BULLET.match(nxt_text):
        return False
    first = nxt_text.lstrip()[:1]
    last_line = view[view.rfind("\n", 0, cur.end) + 1 : cur.end]
    if re.search(r"[A-Za-z]", line[-3:]) or first.isascii():
        # English: lower-case / `$` / digit start, a trailing comma, or an indented continuation
        if first.islower() or first in "$(0123456789—–" or line.endswith((",", "—", "–")):
            return True
        indented = gap.endswith((" ", "\t"))
        return bool(indented and (_BULLET.match(last_line) or last_line[:1].isspace()))
    return bool(_KO_JOINING_END.search(line))


def logical_units(view: str, sentences: list[Sentence]) -> list[Unit]:
    """Join sentences that were hard-wrapped over several lines back into one unit."""
    units: list[Unit] = []
    i = 0
    while i < len(sentences):
        start = sentences[i].start
        j = i
        while j + 1 < len(sentences) and _continues(view, sentences[j], sentences[j + 1]):
            j += 1
        units.append(Unit(start, sentences[j].end))
        i = j + 1
    return units


# --------------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------------

_QUOTE_RUN = re.compile(r"[\"“”„‟″]")


def quote_spans(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) positions of double-quoted stretches in view[start:end], paired in order.

    Curly quotes are paired like straight ones because releases mix them up (`“…“고 밝혔다`).
    """
    marks = [m.start() for m in _QUOTE_RUN.finditer(view, start, end)]
    return [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]


# --------------------------------------------------------------------------------------------
# Korean person names and titles
# --------------------------------------------------------------------------------------------

# Two-syllable words that look like `surname + given name` but are common words. Place names are
# not listed: a word the release also writes with an administrative ending (`X시`, `X군`, `X도`) is a
# place, whatever it looks like (`_is_place_word`).
NOT_NAMES = set(
    "이번 이날 이들 이후 이어 이와 이에 이는 이상 이미 이전 이하 이용 이사 정부 정책 정보 정상 정도 한국 한편 "
    "한인 한전 기업 기존 기타 기간 기념 기술 기반 지역 지난 지원 지사 지방 지금 지속 전국 전체 전략 전문 "
    "전자 전년 국내 국가 국제 국민 국회 국장 해외 현재 현지 최근 최대 최초 주요 주민 주식 주관 공동 공장 공단 "
    "공사 공공 관계 관련 관내 도내 도청 도지 시장 시청 시의 시민 시는 시군 군청 구청 각각 각종 모든 모두 동시 "
    "동안 유관 유치 유망 양측 양해 성공 성과 성장 신규 신설 신산 연간 연구 우리 우수 원장 인근 인력 "
    "인사 장관 장기 조성 조기 진행 차관 총장 하반 상반 상호 세계 소재 소속 수도 안내 안정 오늘 오는 오후 "
    "오전 올해 업체 방문 방침 부지 부문 사업 사장 사회 설명 마련 명의 문화 미래 민간 반도 변화 복지 예정 용지 "
    "위원 육성 은행 음식 제조 제품 좌석 채용 표준 허가 홍보 황금 남부 북부 동부 서부 중부 경제 경영 고용 "
    "기관 단체 각급 참석 담당 실무 주최 현장 업계 학계 노사 정계 재계 공무 민관 산학 도민 군민 구민".split()
)
# Words ending in 장 that are places or things, not positions.
_NOT_TITLE_JANG = re.compile(
    r"(?:공장|현장|입장|성장|확장|광장|농장|목장|주장|등장|극장|매장|내장|외장|긴장|출장|연장|시험장|운동장|경기장|행사장|"
    r"전시장|공연장|정거장|작업장|처리장|주차장|개장|시장점유|골프장|정류장|저장|포장|선장|환장|가장|막장|특장|보장|"
    r"신장|팽창장|파장|도장|인장|모장|회장단|면장갑|상장|시장성)$"
)
_TITLE_ALT = "|".join(re.escape(t) for t in KO_TITLES)
# Titles that never take a glued stem: `가온전자기술연구원` is an institute, not a researcher.
_STANDALONE_TITLES = {
    "연구원",
    "선임연구원",
    "책임연구원",
    "박사",
    "교수",
    "대표",
    "이사",
    "감사",
    "씨",
    "위원",
    "CEO",
}
_GLUED_ALT = "|".join(re.escape(t) for t in KO_TITLES if t not in _STANDALONE_TITLES)
# A title word: an optional Hangul stem glued to a known title (새솔군수, 기업지원과장) or ending in 장.
KO_TITLE_WORD = rf"(?:(?:{_TITLE_ALT})|[가-힣]{{1,8}}?(?:{_GLUED_ALT})|[가-힣]{{1,8}}장)"
KO_JOSA = r"(?:은|는|이|가|도|을|를|과|와|의|으로|로|에게|께서|께|측|님|이며|이고|이자|에|이었던)"


_COMMON_HEAD = re.compile(
    r"(?:기관장|단체장|부서장|학교장|기업체장|업체장|지점장|공장장|현장|시장군수|관계자)$"
)


def is_ko_name(name: str) -> bool:
    """Whether `name` looks like a Korean personal name (surname + 1–2 syllables)."""
    if not re.fullmatch(r"[가-힣]{2,4}", name) or name in NOT_NAMES:
        return False
    if name[-1] in "과와를을에의는은도":  # a particle, not a given-name syllable
        return False
    if len(name) == 4:
        return name[:2] in COMPOUND_SURNAMES
    return name[0] in SURNAMES or name[:2] in COMPOUND_SURNAMES


def is_ko_title(word: str) -> bool:
    """Whether `word` is a position title (청장, 새솔군수, 기업지원단장) rather than e.g. 공장."""
    if word.endswith("장") and not any(word.endswith(t) for t in KO_TITLES if t.endswith("장")):
        return not _NOT_TITLE_JANG.search(word) and len(word) >= 2
    if _NOT_TITLE_JANG.search(word):
        return False
    return any(word.endswith(t) for t in KO_TITLES)


# `[ORG] NAME [ORG2] TITLE` — ORG is looked up separately (the word before the name).
KO_PERSON = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<name>[가-힣]{2,4})\s?"
    r"(?:(?P<org2>(?:㈜|\(주\)|주식회사\s?)?[가-힣A-Za-z0-9·&]+(?:㈜|\(주\))?)\s)?"
    rf"(?P<title>{KO_TITLE_WORD})"
    rf"(?={KO_JOSA}?(?![가-힣]))"
)
_ORG_WORD = re.compile(r"(?:㈜|\(주\)|\(유\)|\(사\))?[가-힣A-Za-z0-9·&.\-]+(?:㈜|\(주\))?$")
_NOT_ORG = re.compile(
    r"(?:[은는이가을를와과의에]|으로|에서|에는|에게|께서|께|한테|로서|까지|부터|하고|하며|해|고|며|면서|한|된|인|등|및|또|이날|"
    r"이번|지난|오는|특히|한편|"
    r"아울러|이어|또한|이에|오늘|내일|그리고|\d+일|\d+시|오전|오후|[가-힣]*했다|[가-힣]*했고)$"
)
_ORG_HEAD = re.compile(r"(?:주식회사|㈜|\(주\)|\(유\))$")


def org_before(view: str, pos: int, floor: int) -> tuple[int, int] | None:
    """Span of the organisation word(s) right before `pos` (`누리과기원`, `주식회사 누리랩`), if any."""
    m = re.search(r"([^\s,;:'‘’“”\"()\[\]△▲·]+)\s+$", view[max(floor, pos - 40) : pos])
    if not m:
        return None
    s = max(floor, pos - 40) + m.start(1)
    e = max(floor, pos - 40) + m.end(1)
    word = view[s:e]
    if not _ORG_WORD.match(word) or _NOT_ORG.search(word) or not (HANGUL.search(word) or word[:1].isupper()):
        return None
    if is_ko_name(word) or re.fullmatch(r"[\d,.]+", word):
        return None
    head = re.search(r"(주식회사|㈜|\(주\)|\(유\))\s*$", view[max(floor, s - 8) : s])
    if head:
        s = max(floor, s - 8) + head.start(1)
    return (s, e)


def _is_place_word(view: str, word: str) -> bool:
    """A word the release also writes with an administrative ending (`원주시`, `보람도`, `석문면`) names
    a place, not a person, even next to a title (`원주 시장`, `보람도지사`)."""
    return re.search(rf"{re.escape(word)}(?:특별시|광역시|시|군|구|도|읍|면)", view) is not None


@dataclass(frozen=True)
class KoPerson:
    name: tuple[int, int]
    title: tuple[int, int]
    org: tuple[int, int] | None
    end: int  # end of the title word (before any particle)


def ko_persons(view: str, start: int, end: int) -> Iterator[KoPerson]:
    """Korean `[ORG] NAME [ORG2] TITLE` mentions in view[start:end], validated."""
    pos = start
    while True:
        m = KO_PERSON.search(view, pos, end)
        if m is None:
            return
        pos = m.start("name") + 1  # a rejected match may hide an overlapping valid one
        name, title = m.group("name"), m.group("title")
        if not is_ko_name(name) or not is_ko_title(title) or _is_place_word(view, name):
            continue
        if title.endswith("씨") and len(title) > 1:
            continue  # 솜씨, 맵씨 …
        if title.endswith("관계자") or title.endswith("기자"):
            continue
        if m.group("org2") and _NOT_ORG.search(m.group("org2")):
            continue
        if m.end("name") == m.start("title") and (
            name[-1] in "도시군구청" or _COMMON_HEAD.search(name + title)
        ):
            continue  # `가온도지사`, `소속기관장`: an org or common noun glued to a title
        pos = m.end("title")
        org = m.span("org2") if m.group("org2") else org_before(view, m.start("name"), start)
        yield KoPerson(m.span("name"), m.span("title"), org, m.end("title"))


# --------------------------------------------------------------------------------------------
# English names and titles
# --------------------------------------------------------------------------------------------

EN_TITLE_WORDS = (
    "President|Vice President|Executive Vice President|Senior Vice President|CEO|COO|CFO|CTO|CIO|CMO|"
    "Chief Executive Officer|Chief Executive|Chief Operating Officer|Chief Financial Officer|Chairman|"
    "Chairwoman|Chair|Founder|Co-Founder|Co-founder|Owner|Partner|Managing Partner|Managing Director|"
    "Director|Executive Director|General Manager|Manager|Plant Manager|Secretary|Commerce Secretary|"
    "Governor|Gov\\.|Lt\\. Gov\\.|Lieutenant Governor|Mayor|Senator|Sen\\.|Representative|Rep\\.|"
    "Commissioner|Administrator|Minister|Ambassador|Superintendent|Councilman|Councilwoman|"
    "Council Member|Professor|Prof\\.|Dr\\.|Head|Chief|Principal|Dean|Treasurer|Spokesman|Spokeswoman|"
    "Spokesperson|Officer|Supervisor|Chancellor|Provost|Judge|Attorney General|Premier|Prime Minister"
)
EN_TITLE_LOWER = re.compile(
    r"\b(?:president|vice president|ceo|coo|cfo|cto|chief executive(?: officer)?|chief \w+ officer|"
    r"chairman|chairwoman|chair|founder|co-founder|owner|partner|managing director|director|"
    r"general manager|manager|secretary|governor|mayor|senator|commissioner|administrator|minister|"
    r"ambassador|professor|head|spokesman|spokeswoman|spokesperson|officer|executive|principal|dean|"
    r"treasurer|chancellor|leader|analyst|economist|superintendent)\b",
    re.IGNORECASE,
)
# `Brennan`, `LaRue`, `McAdams`, `O'Neil`, `Smith-Jones`, an initial `M.`
_EN_NAME_TOKEN = (
    r"(?:(?:Mc|Mac|O'|De|Di|La|Le|Van)?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Z]?[a-z]+)?|[A-Z]\.)"
)
EN_NAME = rf"{_EN_NAME_TOKEN}(?:\s+{_EN_NAME_TOKEN}){{0,3}}(?![\w])"
EN_NOT_NAME_WORDS = set(
    "The This That These Those It Its We Our Us They Their He She His Her I You A An And Or But If In On At "
    "For From To Of By With As Inc Inc. Corp Corp. Co Co. LLC Ltd Ltd. Company Group Holdings Corporation "
    "City County State University Center Department Park Building Street Avenue Drive Road North South "
    "East West New Today Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept "
    "Oct Nov Dec Governor Gov Mayor President Secretary Senator Commerce Economic Development American "
    "America United States National International Business Area Bay Board Council Office".split()
)


def en_name_ok(name: str) -> bool:
    """Whether `name` looks like a person's name: 2–4 capitalised tokens, none a common word."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 4:
        return False
    if tokens[0].rstrip(".") in EN_NOT_NAME_WORDS or tokens[-1].rstrip(".") in EN_NOT_NAME_WORDS:
        return False
    if len(tokens[-1]) < 2 or tokens[-1].endswith("."):
        return False
    return sum(t.rstrip(".") in EN_NOT_NAME_WORDS for t in tokens) == 0


_EN_ABBR_END = re.compile(
    r"(?:\b[A-Z]\.)+$|\b(?:St|Calif|Fla|Mass|Penn|Pa|Ariz|Colo|Conn|Mich|Minn|Tenn|Wash|Wis|Ky|La|Md|Mo|Ga|Ala|Ill|"
    r"Ind|Kan|Neb|Nev|Okla|Ore|Tex|Va|Vt|Del|Miss|Ark|Mont|Wyo|Inc|Co|Corp|Ltd|Jr|Sr|Blvd|Ave|Rd|Dr)\.$"
)
_EN_PREFIX_ABBR = {"St.", "Ft.", "Mt.", "Pt."}


_EN_SENTENCE_START = re.compile(
    r"(?:The|This|That|These|Those|It|Its|We|Our|They|Their|He|She|His|Her|I|You|A|An|And|But|If|In|On|At|"
    r"For|As|Today|Yesterday|Now|Also|However|Meanwhile)\b"
)


def trim_en_place(view: str, s: int, e: int) -> tuple[int, int]:
    """Tighten an English place capture: stop after `U.S.` when a new sentence follows (the splitter keeps
    `U.S. Today` together), drop trailing function words, punctuation and a sentence-final period."""
    for m in re.finditer(r"\S+", view[s:e]):
        tok = m.group(0)
        rest = view[s + m.end() : e].strip()
        if (
            tok.endswith(".")
            and tok not in _EN_PREFIX_ABBR
            and not re.fullmatch(r"[A-Z]\.", tok)
            and rest
            # `the Norland-U.K. Trade Summit` goes on; `in the U.S. The plant` starts a sentence
            and (not re.search(r"\w\.\w", tok) or _EN_SENTENCE_START.match(rest))
        ):
            e = s + m.end()
            break
    text = view[s:e]
    # `Fenwick Hall in June`, `… in 2023`: the date after a place is not part of it
    text = re.sub(rf"\s+(?:in|on|at)\s+{MONTH_NAME}(?:\s+\d{{1,2}})?\.?$|\s+in\s+\d{{4}}\.?$", "", text)
    e = s + len(text)
    e -= len(text) - len(re.sub(r"(?:\s+(?:of|the|and|de))+$", "", text))
    while e > s and view[e - 1] in ",;: \n":
        e -= 1
    if e > s and view[e - 1] == "." and not _EN_ABBR_END.search(view[s:e]):
        e -= 1
    return s, e


# --------------------------------------------------------------------------------------------
# Fact construction
# --------------------------------------------------------------------------------------------


def fact(kind: str, fields: dict[str, Any], unit: Unit, span: tuple[int, int]) -> Fact:
    return Fact(
        kind=kind, fields=fields, start=unit.start, end=unit.end, span_start=span[0], span_end=span[1]
    )
