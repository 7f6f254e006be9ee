"""Question analysis: what kind of answer a question wants, and the words to look for.

The answerer picks an extractor by `type` (a person who spoke, a place, a date, firms, a count,
anything else), retrieves and scores sentences with `terms` and `entities`, and matches a count's
noun or a role's context with `focus` and `unit_hint`. Everything here is rules over Kiwi morphemes
(Korean) or words (English): questions are short and formulaic, rules are fast and explainable,
and the type only has to be right enough for the evidence scorer, which decides answerability.

Type rules are data: one ordered list of (type, pattern) per language. Korean puts the question
word last and uses many noun cues (`날짜`, `장소`), so the first rule in list order wins and the
list runs from specific to general. English puts the question word first, so the earliest match
in the question wins, and list order only breaks ties (`who ... said` before plain `who`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from kiwipiepy import Kiwi

QuestionType = Literal["who_spoke", "who_is", "where", "when", "which_firms", "how_many", "what"]
QUESTION_TYPES: tuple[QuestionType, ...] = (
    "who_spoke",
    "who_is",
    "where",
    "when",
    "which_firms",
    "how_many",
    "what",
)


@dataclass(frozen=True)
class Query:
    """An analysed question. Tuples keep it hashable, so answers can be cached by query."""

    text: str
    lang: Literal["ko", "en"]
    type: QuestionType
    terms: tuple[str, ...]
    entities: tuple[str, ...]
    focus: str | None = None
    unit_hint: str | None = None


def get_kiwi() -> Kiwi:
    """The process-wide Kiwi, shared with the indexer so names it learned tokenise the same way."""
    from index.tokens import get_kiwi as shared  # cached there; loading takes a second or two

    return shared()


# --------------------------------------------------------------------------------------------
# Type rules
# --------------------------------------------------------------------------------------------

Rule = tuple[QuestionType, re.Pattern[str]]


def _rules(pairs: Iterable[tuple[QuestionType, str]], flags: int = 0) -> list[Rule]:
    return [(kind, re.compile(pattern, flags)) for kind, pattern in pairs]


_KO_FIRM = r"(?:기업|업체|회사|기업체|제조사|제조업체|메이커|그룹|기관|스타트업|브랜드|개사|\d+\s*곳|단체|주관사|주최사|협회)"
_KO_MONEY = r"(?:투자액|투자금|금액|비용|예산|사업비|매출액?|가격|액수|자본금|투자\s*규모|돈)"
_KO_PERSON_Q = r"(?:누구|누가|누군|누굴|사람|담당자|관계자|인물|분(?:은|이|께서))"
_KO_SPEECH = (
    r"(?:말(?:한|했|하|씀)|밝(?:힌|혔)|소감|코멘트|강조(?:한|했|하)|감사|발언|인사(?:말|를|한|했)"
    r"|언급(?:한|했)|설명(?:한|했)|전(?:한|했)|[다라][’'\"”]?\s*(?:고\s*(?:한|했|말)|며)|축사|환영사|격려사"
    r"|평가(?:한|했)|약속|다짐|당부|호소|포부|소개(?:한|했)|보고(?:를|한|했)|연설|개회사|기념사|말씀)"
)
_KO_PLACE_VERB = r"이전|옮기|옮겨|들어서|열리|열린|개최|위치|짓|지을|세우|세울|건립|건설|있|설립|입지|조성"
_KO_ROLE = r"(?:청장|대표|사장|회장|시장|군수|지사|도지사|교수|장관|담당자|관계자|연사|강연자|발표자|이사장|원장|위원장|CEO)"
_KO_COPULA_END = r"(?:야|예요|이에요|에요|인가요?|인지|였어?요?|일까요?|이죠|니|냐)?\s*[?？.]?\s*$"

# Korean: first matching rule wins, so specific rules come first.
KO_RULES: list[Rule] = _rules(
    [
        # `...기업은 어디어디야?`: the firms themselves are asked, not a place.
        ("which_firms", rf"{_KO_FIRM}들?\s*(?:은|는|이|가)?\s*어디(?:\s*어디)?(?!\s*(?:에|로|서|으로))"),
        # `어디 회사야`: where the firm is from, not which firm
        ("where", r"어디\s*(?:회사|기업|업체)(?:야|예요|이에요|인가요?|죠|지)?\s*[?？]?\s*$"),
        (
            "which_firms",
            rf"(?:어느|어떤|무슨|어디)\s*{_KO_FIRM}|(?:기업|업체|회사)\s*(?:이름|명단|목록|리스트)|명단",
        ),
        # `곳은 어디어디야` lists firms, unless the 곳 is where something moves or is held.
        ("where", rf"(?:{_KO_PLACE_VERB})\S*\s+곳\s*(?:은|는|이|가)?\s*어디"),
        ("which_firms", r"곳들?\s*(?:은|는|이|가)?\s*어디\s*어디"),
        # `기업 두 곳은 어디`
        ("which_firms", rf"{_KO_FIRM}\s*(?:[한두세네]|\d+|다섯|여섯|일곱|여덟)\s*곳(?:은|는|이|가)?\s*어디"),
        ("who_spoke", rf"^(?=.*{_KO_PERSON_Q})(?=.*{_KO_SPEECH})"),
        (  # durations
            "how_many",
            r"몇\s*(?:시간|개월|주\s*(?:동안|간)|년\s*(?:동안|간)|일\s*(?:동안|간))|며칠\s*(?:이나\s*)?(?:걸|동안|간)",
        ),
        # amounts of money are numbers too
        ("how_many", rf"{_KO_MONEY}\S*\s*(?:은|는|이|가)?\s*(?:총|모두|전체|약)?\s*(?:얼마|몇|규모)"),
        (
            "how_many",
            r"몇\s*(?:억|조|천만|백만|만)?\s*(?:원|달러)|몇\s*(?:억|조)|얼마를?\s*(?:\S+\s)?(?:투자|들여|지원|받)",
        ),
        ("how_many", rf"{_KO_MONEY}(?:은|는|이|가)?\s*[?？]?\s*$"),  # `투자 규모는?` asks an amount
        (
            "when",
            r"언제|며칠|몇\s*시(?!간)|몇\s*(?:월|일|년|년도|요일)|무슨\s*요일"
            r"|(?<![가-힣])(?:날짜|일시|시각|시간|시점|시기|연도|년도|일정|기한|마감|기간)"
            r"|부터(?:야|이야|인가요?|였어?|예요|이에요)?\s*[?？]?\s*$"
            r"|(?:개최|시작|종료|체결|착공|준공|개소|개장|개관|출범|입주|가동|완공|오픈|설립|창립|예정)\s*일(?!자리)",
        ),
        (
            "how_many",
            r"몇|얼마나|(?<![가-힣])수(?:는|가|를|도)?(?![가-힣])|(?:업체|기업|회사|인원|직원|참가자|참석자"
            r"|일자리|고용|방문객|관람객)\s*수|(?<![가-힣])(?:개수|인원)|규모(?:는|가|은)?\s*(?:얼마|몇|[?？]|$)"
            r"|(?:면적|일자리|고용|인력)\S*\s*(?:은|는|이|가)?\s*"
            r"(?:총|모두)?\s*얼마",
        ),
        (
            "where",
            r"어디|어딘|어느\s*(?:곳|장소|지역|도시|건물|나라|국가|동네|층|호텔|산단|산업단지|단지|공장|부지|시설"
            r"|사업장|행사장)|어느\s*(?:시|군|도)(?![가-힣])|어떤\s*(?:곳|장소|지역|도시|건물)"
            r"|(?<![가-힣])(?:장소|위치(?!한|해|하)|소재지|개최지|주소)"
            r"|(?:호텔|건물|빌딩|센터|컨벤션|공장|사업장|부지)\s*(?:이름|명)(?:은|는|이|가)?\s*[?？]?\s*$"
            r"|(?:지역|도시|곳|건물|예정지|부지|후보지|입지)(?:은|는|이|가)\s*[?？]?\s*$",
        ),
        (
            "who_is",
            r"누구|누가|누군|누굴|(?<!몇)(?<!몇\s)사람|강연자|발표자|연사|인물|담당자|관계자|어느\s*분|성함"
            rf"|{_KO_ROLE}\S*\s*(?:의\s*)?이름",
        ),
        ("what", r"(?:어떤|무슨)\s"),  # `어떤 업종 회사`: the kind is asked, not the firm
        ("which_firms", rf"{_KO_FIRM}들?\s*(?:은|는|이|가)?\s*{_KO_COPULA_END}"),
        ("what", r"어떤|무엇|무슨|뭐|뭔|무얼|어떻게|왜|얼마"),
    ]
)

_EN_FIRM = (
    r"(?:compan(?:y|ies)|firms?|business(?:es)?|(?:car|auto)makers?|makers?|manufacturers?|brands?"
    r"|corporations?|enterprises?|employers?|retailers?|suppliers?|developers?|start-?ups?"
    r"|conglomerates?|chaebol|producers?|vendors?|tenants?|investors?|groups?|distiller(?:y|ies)"
    r"|agenc(?:y|ies)|organi[sz]ations?|institutions?)"
)
_EN_FILLER = r"(?:(?!(?:is|are|was|were|did|does|do|will|would|has|have|had|can|could)\b)[\w'’-]+\s+)"
_EN_PLACE = (
    r"(?:building|city|cities|town|venue|place|location|site|state|country|county|province|region|area"
    r"|district|facility|hall|hotel|address|campus|complex|park|neighbou?rhood|floor|street|room)s?"
)
_EN_SPEECH = (
    r"(?:said|say|says|saying|explain\w*|comment\w*|quot\w*|stated|remark\w*|noted|told"
    r"|stress\w*|emphasi[sz]\w*|thank\w*|describ\w*|express\w*|spoke|speak\w*|welcom\w*|prais\w*|pledg\w*"
    r"|promis\w*|vow\w*|tweet\w*|cit(?:ed|es|e)\b)"
)
_EN_MONEY = (
    r"(?:money|invest\w*|cost\w*|spen[dt]\w*|worth|pa(?:y|id|ying)|fund\w*|budget\w*|price\w*|valu\w*"
    r"|dollars?|won|capital|financ\w*|grants?|incentives?)"
)

_EN_PERSON_NOUN = (
    r"(?:official|person|executive|spokes\w+|leader|one|governor|mayor|secretary|director|minister|ceo|president"
    r"|chairman|chairwoman|commissioner|senator|representative|officer|chief|head|manager|founder|professor"
    r"|ambassador|speaker|lawmaker|politician)s?"
)

# English: the earliest match wins (the question word comes first); list order breaks ties.
EN_RULES: list[Rule] = _rules(
    [
        (
            "who_spoke",
            rf"\b(?:who|whom|which\s+(?:[\w.'’-]+\s+){{0,3}}?{_EN_PERSON_NOUN})\b.*\b{_EN_SPEECH}\b"
            r"|\baccording to whom\b|\bwhose\s+(?:words|remarks|comments|quote)",
        ),
        # a position asked: "What is X's role", "What position does X hold"
        (
            "who_is",
            r"\bwhat\s+(?:is|was|are)\s+[\w.'’ -]+?['’]s?\s+(?:role|position|title|job)\b"
            r"|\bwhat\s+(?:role|position|title|job)\b",
        ),
        # amounts, shares and totals are numbers
        (
            "how_many",
            r"\bwhat\s+(?:percentage|share|proportion|portion|fraction|amount|sum)\b"
            r"|\bwhat\s+(?:total\s+)?(?:investment|dollar|amount)\s+(?:figure|amount|total)\b"
            r"|\bby\s+(?:about\s+)?what\s+percent",
        ),
        (
            "when",
            r"\bwhen\b|\b(?:what|which)\s+(?:date|time|day|year|month|week|hour)s?\b|\bhow long ago\b"
            r"|\bdates?\b|\bdeadline\b|\btimeline\b",
        ),
        ("how_many", r"\bhow many\b|\bnumber of\b|\bhow much\b|\bheadcount\b|\bcount of\b"),
        (
            "which_firms",
            rf"\b(?:which|what)\s+{_EN_FILLER}{{0,3}}?{_EN_FIRM}\b(?!\s+(?:park|center|centre|district|complex|zone))"
            rf"|\bname\s+(?:of\s+)?the\s+{_EN_FIRM}\b",
        ),
        (
            "where",
            rf"\bwhere\b|\b(?:which|what)\s+{_EN_FILLER}{{0,2}}{_EN_PLACE}\b|\blocation\b|\bvenue\b|\baddress\b"
            r"|\b(?:at|in|during)\s+(?:which|what)\s+(?:[\w-]+\s+)?(?:event|conference|forum|summit|ceremony"
            r"|meeting|show|expo|fair|exhibition|convention|park)\b",
        ),
        (
            "who_is",
            rf"\bwho\b|\bwhom\b|\bwhose\b|\bwhich\s+(?:[\w.'’-]+\s+){{0,3}}?(?:{_EN_PERSON_NOUN}|expert)\b"
            r"|\bname\s+of\s+the\s+(?:speaker|person|official"
            r"|ceo|president|chairman|governor|mayor|lecturer|presenter|host)\b",
        ),
    ],
    re.IGNORECASE,
)


def _classify_ko(text: str) -> QuestionType:
    for kind, pattern in KO_RULES:
        if pattern.search(text):
            return kind
    return "what"


def _classify_en(text: str) -> QuestionType:
    best: tuple[int, int, QuestionType] | None = None
    for order, (kind, pattern) in enumerate(EN_RULES):
        match = pattern.search(text)
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, kind)
    return best[2] if best else "what"


def classify(text: str, lang: str) -> QuestionType:
    """The question type by the rules of `lang`, falling back to the other language's rules,
    since mixed questions (`Where was 네트워킹데이 held?`) may carry the cue in either."""
    first, second = (_classify_ko, _classify_en) if lang == "ko" else (_classify_en, _classify_ko)
    kind = first(text)
    return kind if kind != "what" else second(text)


# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

KO_QUESTION_WORDS = frozenset(
    "누구 누가 누군 어디 어딘 어느 언제 며칠 몇 얼마 얼마나 무엇 뭐 뭔 무얼 무슨 어떤 어떻 어떻게 왜".split()
)
KO_GENERIC = frozenset(
    "사람 곳 관련 것 거 등 수 때 중 분 점 측 쪽 경우 정도 모두 총 내용 이름 장소 위치 날짜 시각 시간 일시 "
    "연도 년도 이번 해당 당시 그때 앞서 여기 거기 그곳 이곳 대해 대하 알리 주 하 되 있 없 같 말씀 "
    "그러 이러 저러 지금 현재 알려주 궁금 가운데".split()
)
_KO_NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SN", "SH"})
_KO_VERB_TAGS = frozenset({"VV", "VA"})
# Morphemes that make up a noun phrase, including affixes (`수도`+`권`, `제`+`2`+`농공단지`).
_KO_NOUN_LIKE = frozenset({"NNG", "NNP", "SL", "SN", "SH", "XSN", "XPN"})
# Bound nouns may end a word written as one (`청림`+`시`, `12`+`개`) but never start one.
_KO_COMPOUND_TAIL = _KO_NOUN_LIKE | {"NNB"}
# Nouns ending like an organisation, site or event name, which Kiwi often tags NNG.
_KO_NAME_SUFFIX = re.compile(
    r"..+(?:청|시청|군청|도청|공사|공단|재단|진흥원|연구원|협회|데이|엑스포|박람회|포럼|페어|페스티벌"
    r"|산단|산업단지|농공단지|테크노파크|밸리|시티|시|군)$"
)
_KO_PERSON_NOUNS = frozenset(
    "대표 대표이사 사람 직원 임직원 관계자 참가자 참석자 인원 인력 근로자 회장 사장 CEO 명 분".split()
)
_KO_ORG_NOUNS = frozenset("기업 업체 회사 그룹 기관 단체 공장 사업장 법인 스타트업".split())
_KO_THING_COUNTERS = frozenset("곳 개 개사 군데 社".split())
_KO_FOLLOWUP_WORDS = frozenset(
    "거기 그곳 이곳 여기 저기 그때 이번 해당 당시 그분 이분 그녀 그들 이들 앞서 상기".split()
)
_KO_FOLLOWUP_RE = re.compile(r"(?<![가-힣])(?:그곳|이곳|거기|그때|그\s*행사|그\s*기업|그\s*회사)")
_KO_CONTINUATION = re.compile(
    r"^(?:그럼|그러면|그리고|또|그\s*외|그\s*밖에|그밖에)(?![가-힣])|말고|또\s*다른"
)

EN_STOPWORDS = frozenset(
    """a an the and or but if then than so of in on at to for from by with about as into onto over under
    after before between through during since until up down out off again also too very just only
    is are was were be been being am do does did done doing have has had having will would shall
    should can could may might must i me my we our you your he him his she her they them their it its
    this that these those there here what which who whom whose when where why how many much
    tell please name list give show find know let us any some all each every other such no not nor
    own same more most both either neither one ones yet still already ever s""".split()
)
_EN_IMPERATIVES = frozenset("tell name list give show find explain describe please".split())
_EN_AUX = frozenset(
    "is are was were be been am do does did will would shall should can could may might must has have had".split()
)
_EN_NP_STOP = EN_STOPWORDS | frozenset("that which who whom whose when where how why".split())
EN_COUNT_NOUNS = frozenset(
    """people persons employees workers staff jobs positions companies firms businesses enterprises
    participants attendees visitors guests members executives ceos representatives officials
    plants factories facilities stores sites locations offices units vehicles cars products
    projects contracts agreements investors tenants students residents households""".split()
)
_EN_LIGHT_VERBS = frozenset("gave give gives delivered made make makes held hold holds did do does".split())
_EN_NOT_ENTITY = frozenset(
    """I HQ CEO CEOs CFO COO CTO MOU MoU CEO's January February March April May June July August
    September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
# Acronyms that name a field, not a particular thing: they do not resolve a follow-up.
_GENERIC_ACRONYMS = frozenset("AI ICT IT CEO CEOS HQ MOU R&D CFO COO CTO IOT SW HW".split())
_EN_CONNECTORS = frozenset({"of", "de", "du", "la", "von", "van", "der", "&"})
_EN_ABBREV = re.compile(r"^(?:[A-Z][a-z]{0,2}\.|(?:[A-Za-z]\.){2,})$")  # St. Co. Inc. U.S.

_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
_EN_WORD = re.compile(r"[A-Za-z0-9$][\w'’.&$-]*")
_SENTENCE_START = re.compile(r"(?:^|[.?!]\s+)$")


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Morph:
    form: str
    tag: str
    start: int
    end: int


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)


def _morphs(text: str) -> list[_Morph]:
    return [_Morph(t.form, t.tag, t.start, t.start + t.len) for t in get_kiwi().tokenize(text)]


def _compounds(morphs: Sequence[_Morph]) -> list[tuple[int, int]]:
    """(first, last) morph indexes of noun runs written without a space (`ICT네트워킹데이`)."""
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(morphs):
        if morphs[i].tag not in _KO_NOUN_LIKE:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(morphs)
            and morphs[j + 1].tag in _KO_COMPOUND_TAIL
            and morphs[j + 1].start == morphs[j].end
        ):
            j += 1
        groups.append((i, j))
        i = j + 1
    return groups


def _surface(text: str, morphs: Sequence[_Morph], first: int, last: int) -> str:
    return text[morphs[first].start : morphs[last].end]


_KO_ASKING = re.compile(
    r"누구|누가|어디|언제|며칠|몇|얼마|무엇|뭐|어떤|어느|무슨|알려\s*줘|알려\s*주세요|[가-힣](?:나요|까요?|니|냐|야|어|지)\s*[?？]?\s*$"
)
_EN_ASKING = re.compile(
    r"\b(?:who|whom|whose|what|when|where|which|how|why)\b|^\s*(?:is|are|was|were|do|does|did|can|could|will"
    r"|tell|name|list)\b",
    re.IGNORECASE,
)
_KO_GRAMMAR = re.compile(
    r"[가-힣](?:은|는|이|가|을|를|에서|으로|로|의|야|요|어|까|니|나|지|줘)(?=[\s?？.!]|$)"
)


def detect_lang(text: str) -> Literal["ko", "en"]:
    """'ko' when the question is framed in Korean. English questions about Korean topics may quote
    Hangul names (`Who is 윤재혁?`) and Korean ones English names (`Bank of the West는 어디야?`),
    so the language that asks (question words, endings) decides before the share of letters."""
    hangul = len(_HANGUL.findall(text))
    if not hangul:
        return "en"
    latin = len(_LATIN.findall(text))
    if not latin:
        return "ko"
    ko_asks, en_asks = bool(_KO_ASKING.search(text)), bool(_EN_ASKING.search(text))
    if ko_asks != en_asks:
        return "ko" if ko_asks else "en"
    function_words = sum(1 for w in re.findall(r"[A-Za-z]+", text) if w.lower() in EN_STOPWORDS)
    if function_words >= 2:
        return "ko" if len(_KO_GRAMMAR.findall(text)) > function_words else "en"
    return "ko" if hangul * 2 >= latin else "en"


# --------------------------------------------------------------------------------------------
# Korean
# --------------------------------------------------------------------------------------------


def _ko_terms(text: str, morphs: Sequence[_Morph]) -> list[str]:
    terms: list[str] = []
    in_group: dict[int, tuple[int, int]] = {}
    for first, last in _compounds(morphs):
        for k in range(first, last + 1):
            in_group[k] = (first, last)
    for k, m in enumerate(morphs):
        group = in_group.get(k)
        if group and group[0] == k and group[1] > k:
            surface = _surface(text, morphs, *group)
            if not any(q in surface for q in KO_QUESTION_WORDS if len(q) > 1):
                terms.append(surface.lower())
        form = m.form
        if m.tag in _KO_NOUN_TAGS:
            if form in KO_GENERIC or form in KO_QUESTION_WORDS or (m.tag == "NNG" and len(form) < 2):
                continue
            if m.tag == "SL":
                form = form.lower()
                if form in EN_STOPWORDS:
                    continue
            terms.append(form)
        elif (
            m.tag in _KO_VERB_TAGS
            and len(form) >= 2
            and form not in KO_GENERIC
            and form not in KO_QUESTION_WORDS
        ):
            terms.append(form)
    return terms


def _ko_is_name(m: _Morph) -> bool:
    if m.tag in ("NNP", "SL"):
        return m.form not in _EN_NOT_ENTITY and m.form.upper() not in ("CEO", "HQ", "MOU")
    return m.tag == "NNG" and bool(_KO_NAME_SUFFIX.match(m.form))


def _ko_entities(text: str, morphs: Sequence[_Morph]) -> list[str]:
    entities: list[str] = []
    groups = _compounds(morphs)

    def latin_word(g: int) -> bool:
        return groups[g][0] == groups[g][1] and morphs[groups[g][0]].tag == "SL"

    g = 0
    while g < len(groups):
        # Latin names written with spaces (`Cox Target Media`) stay one entity; acronyms in a
        # row (`DGFEZ ICT`) are separate names.
        h = g
        while (
            h + 1 < len(groups)
            and latin_word(h)
            and latin_word(h + 1)
            and text[morphs[groups[h][1]].end : morphs[groups[h + 1][0]].start].isspace()
        ):
            h += 1
        if h > g and not all(morphs[groups[x][0]].form.isupper() for x in range(g, h + 1)):
            entities.append(text[morphs[groups[g][0]].start : morphs[groups[h][1]].end])
            g = h + 1
            continue
        first, last = groups[g]
        parts = morphs[first : last + 1]
        surface = _surface(text, morphs, first, last)
        named = any(p.tag in ("NNP", "SL") for p in parts)
        if last > first and (named or _KO_NAME_SUFFIX.match(surface)):
            entities.append(surface)
        entities.extend(p.form for p in parts if _ko_is_name(p))
        g += 1
    return entities


_NP_PARTICLES = frozenset({"JX", "JKS", "JKO", "JKC"})


def _np_before(text: str, morphs: Sequence[_Morph], anchor: int) -> list[str]:
    """Compound surfaces of the noun phrase just before `anchor`, passing adverbs (`모두`, `총`)
    and subject/topic/object particles. A place or time particle (`행사에는 몇 명`) means the
    noun is a setting, not what is asked, so there is no phrase."""
    j = anchor - 1
    while j >= 0 and morphs[j].tag in ("MAG", "MM"):
        j -= 1
    while j >= 0 and morphs[j].tag.startswith("J"):
        if morphs[j].tag not in _NP_PARTICLES:
            return []
        j -= 1
    end = j
    while j >= 0 and morphs[j].tag in _KO_NOUN_LIKE:
        j -= 1
    return _np_groups(text, morphs, j + 1, end)


def _np_end(morphs: Sequence[_Morph], start: int) -> int:
    """Index just past the run of noun morphemes starting at `start`."""
    end = start
    while end < len(morphs) and morphs[end].tag in _KO_NOUN_LIKE:
        end += 1
    return end


def _np_after(text: str, morphs: Sequence[_Morph], start: int) -> list[str]:
    return _np_groups(text, morphs, start, _np_end(morphs, start) - 1)


def _np_groups(text: str, morphs: Sequence[_Morph], first: int, last: int) -> list[str]:
    if last < first:
        return []
    sub = morphs[first : last + 1]
    return [_surface(text, sub, a, b) for a, b in _compounds(sub)]


_FOCUS_SKIP = frozenset("것 거 곳 분 수 등 중 총 모두 이번 해당 당시".split()) | KO_QUESTION_WORDS
# Words that measure something else: `투자 규모`, `업체 수` are about 투자, 업체.
_MEASURE_WORDS = frozenset("규모 금액 액수 수 개수 숫자 총액 수치 총수".split())


def _head(groups: Sequence[str]) -> str | None:
    """The last noun of a phrase (Korean is head-final), passing over empty nouns like `것`."""
    for i in range(len(groups) - 1, -1, -1):
        group = groups[i]
        if group in _FOCUS_SKIP or (group in _MEASURE_WORDS and i > 0):
            continue
        return group
    return None


def _strip_person_suffix(noun: str) -> str:
    """`강연자` -> `강연`: the activity matches the source's wording (`전문가 강연`)."""
    return noun[:-1] if len(noun) >= 3 and noun.endswith("자") else noun


def _ko_counter(text: str, morphs: Sequence[_Morph], k: int) -> tuple[str | None, int]:
    """The counter written after `몇` at morph k (`곳`, `명`, `개사`) and the index after it."""
    j = k + 1
    while (
        j < len(morphs)
        and morphs[j].tag in ("NNB", "NNG", "XSN")
        and (j == k + 1 or morphs[j].start == morphs[j - 1].end)
    ):
        j += 1
    if j == k + 1:
        return None, j
    return _surface(text, morphs, k + 1, j - 1), j


def _ko_how_many(text: str, morphs: Sequence[_Morph]) -> tuple[str | None, str | None]:
    unit: str | None = None
    focus: str | None = None
    for k, m in enumerate(morphs):
        if m.form == "몇" or m.form in ("얼마나", "얼마"):
            after = k + 1
            if m.form == "몇":
                unit, after = _ko_counter(text, morphs, k)
            else:  # `얼마나 많은 기업이`
                while after < len(morphs) and morphs[after].tag in ("VA", "ETM"):
                    after += 1
            if after < len(morphs) and morphs[after].tag == "JKG":  # `몇 명의 직원`
                after += 1
            forward = _np_after(text, morphs, after)
            end = _np_end(morphs, after)
            # `몇 명의 직원이` counts 직원; `몇 곳 참여했어` has a verb (참여+하), not a noun.
            if forward and not (end < len(morphs) and morphs[end].tag in ("XSV", "XSA")):
                focus = forward[-1]
            if focus is None:
                focus = _pick_counted(_np_before(text, morphs, k), unit)
            break
    else:
        for k, m in enumerate(morphs):
            if m.form in ("수", "규모", "인원", "개수") and m.tag.startswith("N"):
                before = _np_before(text, morphs, k)
                focus = _head(before) or (m.form if m.form != "수" else None)
                unit = "명" if m.form == "인원" else None
                break
    return focus, unit or focus


def _pick_counted(groups: Sequence[str], unit: str | None) -> str | None:
    """The noun a counter counts: `기업 대표는 몇 곳` counts firms (`곳`), not representatives."""
    head = _head(groups)
    if head and unit in _KO_THING_COUNTERS and head in _KO_PERSON_NOUNS:
        for group in reversed(groups):
            if group not in _KO_PERSON_NOUNS and any(group.endswith(org) for org in _KO_ORG_NOUNS):
                return group
    return head


def _ko_who_is(text: str, morphs: Sequence[_Morph]) -> str | None:
    role = re.search(rf"{_KO_ROLE}(?=\S*\s*(?:의\s*)?(?:이름|성함))", text)
    if role:  # `경자청장의 성함은`: the role is the context to match
        return role.group()
    for k, m in enumerate(morphs):
        if m.form in ("사람", "분", "인물") and m.tag in ("NNG", "NNB"):
            return _ko_activity_before(text, morphs, k)
    for k, m in enumerate(morphs):
        if m.form in ("누구", "누가", "누군"):
            head = _head(_np_before(text, morphs, k))
            if head:
                return _strip_person_suffix(head)
            return _ko_activity_before(text, morphs, len(morphs))
    return None


def _ko_activity_before(text: str, morphs: Sequence[_Morph], k: int) -> str | None:
    """What the person did: `강연을 한 사람` -> 강연, `발표한 사람` -> 발표, `사회를 맡은` -> 사회."""
    j = k - 1
    while (
        j >= 0
        and morphs[j].tag in ("ETM", "EP", "EF", "EC", "VX", "SF", "VCP")
        or (j >= 0 and morphs[j].tag.startswith("J"))
    ):
        j -= 1
    if j < 0:
        return None
    verb = morphs[j]
    if verb.tag in ("XSV", "XSA"):
        return _head(_np_before(text, morphs, j)) if j else None
    if verb.tag in ("VV", "VA"):
        head = _head(_np_before(text, morphs, j))
        if head:
            return head
        return verb.form if len(verb.form) >= 2 else None
    if verb.tag in _KO_NOUN_LIKE:
        head = _head(_np_before(text, morphs, j + 1))
        return _strip_person_suffix(head) if head else None
    return None


def _ko_what(text: str, morphs: Sequence[_Morph]) -> str | None:
    for k, m in enumerate(morphs):
        if m.form in ("어떤", "무슨", "어느") and k + 1 < len(morphs):
            groups = _np_after(text, morphs, k + 1)
            if groups:
                return groups[0]
    for k, m in enumerate(morphs):
        if m.form in ("무엇", "뭐", "뭔", "얼마", "얼마나", "무얼", "몇"):
            # `얼마를 투자해`, `무엇을 발표했어`: the verbal noun after the object is the topic.
            if k + 1 < len(morphs) and morphs[k + 1].tag == "JKO":
                after = _head(_np_after(text, morphs, k + 2))
                if after:
                    return after
            return _head(_np_before(text, morphs, k))
    return None


# --------------------------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------------------------


def _en_words(text: str) -> list[tuple[str, int, int]]:
    """Words with their spans; a trailing full stop stays only on abbreviations (`St.`)."""
    out = []
    for m in _EN_WORD.finditer(text):
        word, end = m.group(), m.end()
        while word and word[-1] in ".'’-" and not _EN_ABBREV.match(word):
            word, end = word[:-1], end - 1
        if word:
            out.append((word, m.start(), end))
    return out


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


def _en_entities(text: str) -> list[str]:
    words = _en_words(text)
    entities: list[str] = []
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        while run and run[-1][0].lower() in _EN_CONNECTORS:
            run.pop()
        if run:
            name = _strip_possessive(text[run[0][1] : run[-1][2]])
            if name not in _EN_NOT_ENTITY and len(name) > 1:
                entities.append(name)
        run.clear()

    for i, (word, start, end) in enumerate(words):
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        capital = word[0].isupper() or (word[0].isdigit() and bool(run) and nxt[:1].isupper())
        at_start = bool(_SENTENCE_START.search(text[:start]))
        if capital and at_start and word.lower() in EN_STOPWORDS | _EN_IMPERATIVES | _EN_AUX:
            flush()
            continue
        joined = bool(run) and text[run[-1][2] : start].isspace() and not re.search(r"['’]s$", run[-1][0])
        if capital and _strip_possessive(word) in _EN_NOT_ENTITY:
            flush()
            continue
        if capital:
            if run and not joined:
                flush()
            run.append((word, start, end))
        elif word.lower() in _EN_CONNECTORS and run and joined and nxt[:1].isupper():
            run.append((word, start, end))
        else:
            flush()
    flush()
    return entities


def _en_terms(text: str, entities: Sequence[str]) -> list[str]:
    terms: list[str] = []
    for word, _, _ in _en_words(text):
        word = _strip_possessive(word).lower()
        word = word.replace(".", "") if re.fullmatch(r"(?:[a-z]\.){2,}", word) else word.rstrip(".")
        if not word or word in EN_STOPWORDS or word in _EN_IMPERATIVES:
            continue
        word = word.lstrip("$").replace(",", "") if word[0] in "$0123456789" else word
        if word:
            terms.append(word)
            if "-" in word:
                terms.extend(p for p in word.split("-") if p and p not in EN_STOPWORDS)
    terms.extend(e.lower() for e in entities if " " in e)
    return terms


def _en_np(words: Sequence[tuple[str, int, int]], start: int, text: str) -> list[str]:
    """Words of the noun phrase starting at `start`, up to a function word, verb or punctuation."""
    out: list[str] = []
    i = start
    while i < len(words) and words[i][0].lower() in ("the", "a", "an"):
        i += 1
    while i < len(words):
        word = words[i][0]
        lower = word.lower()
        if lower in _EN_NP_STOP or (out and re.fullmatch(r"[a-z]+ed", lower)):
            break
        if out and not text[words[i - 1][2] : words[i][1]].isspace():
            break
        out.append(_strip_possessive(word))
        if re.search(r"['’]s?$", word):
            break
        i += 1
    return out


def _en_focus(text: str, kind: QuestionType) -> str | None:
    words = _en_words(text)
    lower = [w[0].lower() for w in words]

    def find(*seq: str) -> int | None:
        for i in range(len(lower) - len(seq) + 1):
            if tuple(lower[i : i + len(seq)]) == seq:
                return i + len(seq)
        return None

    if kind == "how_many":
        for cue in (("how", "many"), ("number", "of"), ("how", "much")):
            at = find(*cue)
            if at is not None:
                np = _en_np(words, at, text)
                counted = [w for w in np if w.lower() in EN_COUNT_NOUNS]
                return counted[0] if counted else (np[-1] if np else None)
        return None
    if kind == "who_is":
        at = find("who")
        if at is None or at >= len(words):
            return None
        verb = lower[at]
        if verb in _EN_AUX and verb not in ("is", "are", "was", "were"):
            at += 1  # `who will head`: the verb follows; `who did Larkspur hire`: no role asked
            if at >= len(words) or not words[at][0].islower():
                return None
            verb = lower[at]
        if verb in _EN_AUX:
            if at + 1 < len(words) and lower[at + 1] not in ("the", "a", "an"):
                return None  # `who is Choi Sam-ryong`: a name, nothing to match a role against
            np = _en_np(words, at + 1, text)
            return np[-1] if np else None
        if verb in _EN_LIGHT_VERBS:
            np = _en_np(words, at + 1, text)
            return np[-1] if np else verb
        return words[at][0]
    if kind == "what":
        for i, word in enumerate(lower):
            if word != "what":
                continue
            j = i + 1
            if j < len(lower) and lower[j] in ("is", "are", "was", "were"):
                np = _en_np(words, j + 1, text)
            elif j < len(lower) and lower[j] in _EN_AUX:
                return None  # `what did X say`: the answer is a clause, not a noun
            elif (
                j + 1 < len(lower)
                and lower[j] in ("kind", "type", "sort", "kinds", "types")
                and lower[j + 1] == "of"
            ):
                np = _en_np(words, j + 2, text)
            else:
                np = _en_np(words, j, text)
            if np:
                return np[-1]
        at = find("how", "much")
        if at is not None:
            np = _en_np(words, at, text)
            return np[-1] if np else None
    return None


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def analyse(question: str) -> Query:
    """Type, key terms, named entities, and the asked-about noun of one question."""
    return _analyse(question)[0]


def _analyse(question: str) -> tuple[Query, list[_Morph]]:
    text = question.strip()
    lang = detect_lang(text)
    kind = classify(text, lang)
    morphs = _morphs(text) if _HANGUL.search(text) else []

    entities: list[str] = []
    terms: list[str] = []
    if lang == "en":
        entities.extend(_en_entities(text))
        terms.extend(_en_terms(text, entities))
        hangul = [m for m in morphs if m.tag != "SL"]
        entities.extend(e for e in _ko_entities(text, hangul) if _HANGUL.search(e))
        terms.extend(t for t in _ko_terms(text, hangul) if _HANGUL.search(t))
    else:
        entities.extend(_ko_entities(text, morphs))
        terms.extend(_ko_terms(text, morphs))
        terms.extend(e.lower() for e in entities if " " in e)

    focus: str | None = None
    unit: str | None = None
    if kind in ("who_is", "how_many", "what"):
        if lang == "ko":
            if kind == "how_many":
                focus, unit = _ko_how_many(text, morphs)
            elif kind == "who_is":
                focus = _ko_who_is(text, morphs)
            else:
                focus = _ko_what(text, morphs)
        else:
            focus = _en_focus(text, kind)
            unit = focus.lower() if kind == "how_many" and focus else None
    query = Query(
        text=text,
        lang=lang,
        type=kind,
        terms=_unique(terms),
        entities=_unique(entities),
        focus=focus,
        unit_hint=unit if kind == "how_many" else None,
    )
    return query, morphs


_EN_PRONOUN = re.compile(
    r"\b(?:he|she|they|them|his|her|hers|their|theirs|it|its|him|there|these|those)\b"
    r"|\b(?:this|that)\s+(?!year|month|week|quarter|morning|afternoon|evening)[a-z]+"
    r"|\b(?:this|that)\s*\?",
    re.IGNORECASE,
)
_EN_EXISTENTIAL = re.compile(
    r"\b(?:is|are|was|were|will be|be)\s+there\b|\bthere\s+(?:is|are|was|were)\b", re.IGNORECASE
)
_EN_CONTINUATION = re.compile(
    r"\belse\b|\balso\b|^\s*(?:and|what about|how about)\b|\bthe same\b", re.IGNORECASE
)


def is_followup(question: str) -> bool:
    """Whether the question leans on an earlier turn (`그 행사`, `이번`, `they`, `what else`), so
    the caller should carry over the previous question's entities. A demonstrative next to a
    named entity (`이번 DGFEZ 네트워킹데이`) is self-contained and does not count."""
    query, morphs = _analyse(question)
    text = query.text
    named = [e for e in query.entities if e.upper() not in _GENERIC_ACRONYMS]
    if query.lang == "ko" or _HANGUL.search(text):
        if _KO_CONTINUATION.search(text):
            return True
        deictic = bool(_KO_FOLLOWUP_RE.search(text)) or any(
            (m.tag == "MM" and m.form in ("그", "이", "저", "해당", "다른"))
            or (m.tag in ("NP", "NNG", "NNB") and m.form in _KO_FOLLOWUP_WORDS)
            or (m.tag == "NP" and m.form == "그")
            for m in morphs
        )
        if deictic and not named:
            return True
    if query.lang == "en":
        if _EN_CONTINUATION.search(text):
            return True
        stripped = _EN_EXISTENTIAL.sub(" ", text)
        if _EN_PRONOUN.search(stripped) and not named:
            return True
    return False
