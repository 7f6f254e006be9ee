"""The question type, by rules.

Type rules are data: one ordered list of (type, pattern) per language. Korean puts the question
word last and uses many noun cues (`날짜`, `장소`), so the first rule in list order wins and the
list runs from specific to general. English puts the question word first, so the earliest match
in the question wins, and list order only breaks ties (`who ... said` before plain `who`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from qa.question.query import QuestionType

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
KO_ROLE = r"(?:청장|대표|사장|회장|시장|군수|지사|도지사|교수|장관|담당자|관계자|연사|강연자|발표자|이사장|원장|위원장|CEO)"
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
            rf"|{KO_ROLE}\S*\s*(?:의\s*)?이름",
        ),
        ("what", r"(?:어떤|무슨)\s"),  # `어떤 업종 회사`: the kind is asked, not the firm
        # `뭘 만드는 회사야`: what the named firm does is asked, not which firm
        ("what", rf"(?:뭘|무엇을?|무얼|뭐를?)\s*\S+\s*{_KO_FIRM}들?\s*(?:은|는|이|가)?\s*{_KO_COPULA_END}"),
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
