"""The domain's words in one place: titles, organisation and place endings, event classes, move /
venue / site cues and speech verbs, in Korean and English (numbers' units: `index.units`).

Extractors (`index.facts`, `index.mentions`), question analysis (`qa.question`) and the answer
features (`qa.features`) all read them from here, so each cue has one spelling and a new word is
added once. Only general words of press releases belong here: never a name of a person, firm or
place (those come from the text, by tagging, never from a list).
"""

from __future__ import annotations

import re
from functools import lru_cache

# --------------------------------------------------------------------------------------------
# People: titles and name shapes
# --------------------------------------------------------------------------------------------

KO_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈시"
)
KO_COMPOUND_SURNAMES = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문")

# Titles and positions that follow (or, in brackets, precede) a Korean person's name; longest first.
KO_TITLES: tuple[str, ...] = tuple(
    sorted(
        set(
            "대표이사 공동대표 대표 회장 부회장 명예회장 사장 부사장 전무 상무 이사 이사장 교수 부교수 명예교수 "
            "청장 차장 시장 군수 구청장 지사 도지사 부지사 행정부지사 정무부지사 경제부지사 부시장 행정부시장 "
            "부군수 부구청장 의장 부의장 의원 장관 차관 총장 총리 대통령 부총리 원장 부원장 본부장 센터장 팀장 과장 "
            "국장 실장 부장 단장 소장 관장 처장 위원장 위원 담당관 담당 주무관 사무관 서기관 연구원 선임연구원 "
            "책임연구원 박사 대사 영사 총영사 이사관 사무총장 사무국장 협회장 조합장 지점장 공장장 대변인 비서관 "
            "권한대행 관계자 씨 CEO CTO COO CFO".split()
        ),
        key=len,
        reverse=True,
    )
)
# Titles that name a speaker's side without a name: `시 관계자는`, `회사 측은`.
KO_ANONYMOUS_TITLES = ("관계자", "대변인", "관계관", "담당자")

EN_TITLES: tuple[str, ...] = (
    "president", "vice president", "executive vice president", "senior vice president", "ceo", "coo",
    "cfo", "cto", "cio", "chief executive officer", "chief executive", "chief operating officer",
    "chief financial officer", "chief technology officer", "chairman", "chairwoman", "chair", "founder",
    "co-founder", "owner", "partner", "managing director", "director", "executive director",
    "general manager", "manager", "plant manager", "secretary", "governor", "gov.", "lt. gov.",
    "lieutenant governor", "mayor", "senator", "sen.", "representative", "rep.", "commissioner",
    "administrator", "minister", "deputy prime minister", "prime minister", "ambassador",
    "superintendent", "councilman", "councilwoman", "council member", "professor", "prof.", "dean",
    "head", "chief", "principal", "treasurer", "spokesman", "spokeswoman", "spokesperson", "officer",
    "chancellor", "judge", "premier", "president and ceo", "executive",
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Organisations and places
# --------------------------------------------------------------------------------------------

KO_LEGAL_FORMS = (
    "㈜",
    "(주)",
    "주식회사",
    "농업회사법인",
    "사단법인",
    "재단법인",
    "유한회사",
    "(유)",
    "(사)",
)
# Endings of organisation names (firms, agencies, institutes), longest first where it matters.
KO_ORG_ENDINGS: tuple[str, ...] = tuple(
    "경제자유구역청 자유구역청 진흥원 연구원 연구소 공사 공단 재단 협회 협의회 조합 대학교 대학 병원 그룹 전자 정공 "
    "식품 산업 건설 증권 은행 화학 케미칼 제약 바이오 테크 소프트 시스템 시스템즈 에너지 물산 상사 개발 철강 공업 "
    "중공업 모터스 자동차 통신 텔레콤 솔루션 엔지니어링 머티리얼즈 인더스트리 글로벌 코리아 홀딩스 파트너스 "
    "정밀 기계 금속 소재 전기 반도체 디스플레이 로보틱스 랩 부문 사업부 본부 위원회 협동조합 연합회 공사 "
    "경자청 도청 시청 군청 구청".split()
)
# Public bodies: ministries, agencies, local governments. They sign and award, but are not the
# firms a "which companies" question asks for.
PUBLIC_BODY = re.compile(
    r"(?:[가-힣]부|[가-힣]청|[가-힣]처|위원회|시청|군청|도청|구청|경자청|자치단체|지방정부)$"
    r"|^(?:the\s+)?(?:(?:U\.S\.|[A-Z][a-z]+)\s+)?(?:Department|Ministry|Agency|Office|Administration|Commission|"
    r"Governor|State|City|County|Government|Bureau|Authority)\b",
)
# Administrative units and zones that end a place name.
KO_ADMIN_ENDINGS = (
    "특별자치도",
    "특별자치시",
    "특별시",
    "광역시",
    "시",
    "군",
    "구",
    "도",
    "읍",
    "면",
    "동",
    "리",
)
KO_ZONE_ENDINGS = (
    "일반산업단지", "국가산업단지", "산업단지", "국가산단", "일반산단", "농공단지", "산단", "테크노파크", "기업도시",
    "혁신도시", "경제자유구역", "자유구역", "특구", "클러스터", "밸리", "지구", "단지", "부지", "일원", "일대", "등지",
)  # fmt: skip
# Rooms and buildings where events are held.
KO_VENUE_ENDINGS = (
    "컨벤션센터", "전시컨벤션센터", "호텔", "리조트", "센터", "컨벤션", "홀", "볼룸", "룸", "대회의실", "회의실",
    "상황실", "접견실", "대강당", "강당", "청사", "회관", "전시장", "전시관", "박물관", "빌딩", "타워", "캠퍼스",
    "사옥", "본사", "공장", "연구소", "층", "호", "관", "실",
)  # fmt: skip
EN_LEGAL_FORMS = (
    "Inc.", "Inc", "Co.", "Co", "Ltd.", "Ltd", "Corp.", "Corp", "LLC", "L.L.C.", "Corporation", "Company",
    "Group", "Holdings", "plc", "PLC", "GmbH", "AG", "S.A.", "N.V.", "LP", "L.P.",
)  # fmt: skip
EN_PLACE_WORDS = frozenset(
    "park center centre hall hotel building avenue ave street st drive dr road rd boulevard blvd plaza campus "
    "complex county city province state district region airport port station tower square convention "
    "resort ballroom room suite floor office headquarters plant facility site".split()
)

# --------------------------------------------------------------------------------------------
# Events, moves and places' roles
# --------------------------------------------------------------------------------------------

# What a date, a venue or a count belongs to. One pattern per class, both languages.
EVENT_CLASSES: dict[str, re.Pattern[str]] = {
    "hold": re.compile(
        r"개최|열리|열린|열렸|열어|열었|열고|연다|여는|진행|가졌|가진|갖는|개막|막을\s?올|출범|거행|치러|치렀"
        r"|\bheld\b|\bhosts?\b|\bhosted\b|took place|\bhold\w*|\bkick\w* off|convened|\bopened\b",
        re.I,
    ),
    "sign": re.compile(r"체결|협약|서명|맺|양해각서|MOU|\bsign\w*|agreement|memorand", re.I),
    "start": re.compile(
        r"착공|기공|시작|첫\s?삽|\bbegin\w*|\bbegan\b|\bstart\w*|groundbreak\w*|break\w* ground|broke ground",
        re.I,
    ),
    "finish": re.compile(r"준공|완공|완료|가동|\bcomplet\w*|\bfinish\w*|\bopen\w*|operational", re.I),
    "move": re.compile(
        r"이전|입주|옮[기겨긴길]|이주|둥지|\bmov(?:e|es|ed|ing)\b|relocat\w*|\bshift\w*", re.I
    ),
    "invest": re.compile(r"투자|invest\w*", re.I),
    "attend": re.compile(r"참석|참여|참가|모였|방문|attend\w*|particip\w*|turnout|\bdrew\b|guests", re.I),
    "employ": re.compile(
        r"고용|채용|일자리|인력|\bjobs?\b|employ\w*|\bhir(?:e|es|ed|ing)\b|workforce|\bstaff\b", re.I
    ),
    "invite": re.compile(r"초청|초대|invit\w*", re.I),
    "announce": re.compile(r"발표|공개|선보|밝혔|announc\w*|unveil\w*|reveal\w*", re.I),
    "award": re.compile(r"수상|시상|받았|선정|\baward\w*|\bprize\b|\bwon\b|recogni[sz]\w*", re.I),
}


@lru_cache(maxsize=8192)
def event_classes(text: str) -> frozenset[str]:
    return frozenset(name for name, cue in EVENT_CLASSES.items() if cue.search(text))


# The roles a place plays in a sentence. Korean marks them with the particle after the place and
# the verb that follows; English with the preposition before it and the verb around it.
KO_MOVE_VERB = r"(?:확장\s?)?(?:이전|이주|옮기|옮긴|옮겨|옮길|둥지)"
PLACE_ROLES = ("from", "to", "venue", "site", "base")
KO_PLACE_ROLE_AFTER: dict[str, re.Pattern[str]] = {
    # `부산에서 거창으로 이전`: the place before 에서 in a sentence about a move is its origin
    # `청하공장을 가온산단으로 이전`: the place moved, object of the move, is its origin too
    "from": re.compile(
        rf"^(?:에서|서)\s(?:[^.。]{{0,40}}?)(?:으로|로)\s?[^.。]{{0,20}}?{KO_MOVE_VERB}"
        rf"|^(?:\s[가-힣]{{1,6}})?(?:을|를)\s(?:[^\s.。]+\s){{0,3}}?[^\s.。]*?(?:으로|로)\s?(?:[^\s.。]+\s?){{0,2}}?"
        rf"{KO_MOVE_VERB}"
    ),
    "to": re.compile(
        rf"^(?:\s?등지|\s일대|\s?일원)?(?:으로|로)\s(?:[^\s.。]+\s){{0,4}}?[^\s.。]*?{KO_MOVE_VERB}"
    ),
    "venue": re.compile(
        r"^(?:에서|서)\s(?:[^.。]{0,80}?)(?:개최|열린|열렸|열리|열어|진행|체결|가졌|가진|개막|거행|치러|치렀|맺)"
    ),
    "site": re.compile(
        r"^(?:\s?일원|\s?일대)?(?:에|내|의)?\s(?:[^.。]{0,30}?)"
        r"(?:공장|건립|조성|들어서|들어선|짓|지을|건설|설립|신설|증설|착공|준공|입주|생산시설|연구소|부지|구축)"
    ),
    "base": re.compile(
        r"^(?:에|에서)\s?(?:본사를\s?둔|본사가\s?있|소재한|소재하|위치한|있는|있던|있었)|^\s?소재"
    ),
}
# What a firm makes: the question asks for it, and a span plays that role in its sentence
# (`부품을 생산하는`, `골재 제조 공장`, `내장재 전문기업`; "makes delivery vans", "a maker of drones").
# The question asks the product itself (`뭘 만드는`, `주력 제품은 무엇`, "what does X make"), not
# merely names a plant that makes something (`생산공장을 짓는 X는 어느 회사의 자회사`).
PRODUCT_Q = re.compile(
    r"(?:뭘|무엇을?|무얼|뭐를?|어떤\s?\S*?(?:을|를))\s*(?:\S+\s+)?(?:만드|만들|생산|제조)"
    r"|(?:제품|품목|생산품)\S*\s*(?:은|는|이|가)?\s*(?:뭐|무엇|무얼|어떤|무슨)|(?:어떤|무슨)\s?(?:제품|품목)"
    r"|\bwhat\b.{0,60}?\b(?:make|makes|produce|produces|manufacture|manufactures)\b"
    r"|\bwhat\s+(?:kinds?\s+of\s+|types?\s+of\s+)?(?:\w+\s+)?products?\b",
    re.I,
)
KO_PRODUCT_ROLE_AFTER = re.compile(
    r"^\s?(?:등\s?)?(?:을|를)\s(?:[^\s.。]+\s){0,2}?(?:생산|제조|만들|만드|만든|양산|개발)"
    r"|^\s?(?:등\s?)?(?:제조|생산|가공|전문)\s?(?:공장|업체|기업|시설|라인|업|사|회사)"
)
EN_PRODUCT_ROLE_BEFORE = re.compile(
    r"\b(?:mak(?:e|es|ing)|produc(?:e|es|ing)|manufactur(?:e|es|ing)|build(?:s|ing)?|"
    r"(?:maker|producer|manufacturer|supplier|developer)s?\s+of)\s+(?:(?:the|its|their|a|an)\s+)?$",
    re.I,
)
EN_PRODUCT_ROLE_AFTER = re.compile(r"^\s(?:maker|producer|manufacturer|supplier)s?\b", re.I)

# The kind of thing a wh-word names (`산업단지는 어디`, `which city`, `주최한 단체는`), against the kind
# a candidate is (its ending, or a reference table of regions and countries).
ASKED_KINDS: dict[str, frozenset[str]] = {
    "city": frozenset("도시 시 군 city cities town towns municipality".split()),
    "country": frozenset("나라 국가 country countries nation nations".split()),
    "region": frozenset("도 광역 state states province provinces".split()),
    "zone": frozenset(
        "산업단지 산단 단지 농공단지 지구 특구 클러스터 park parks complex zone district".split()
    ),
    "venue": frozenset("장소 행사장 호텔 venue hotel hall center centre building".split()),
    "event": frozenset(
        "행사 포럼 박람회 설명회 event events summit forum conference fair expo festival".split()
    ),
    "org": frozenset(
        "단체 기관 회사 기업 업체 주관사 주최사 주관 주최 협회 모회사 company firm organization organisation "
        "agency association organizer organiser group body institution parent maker manufacturer producer "
        "supplier developer operator retailer startup".split()
    ),
}
# Asked nouns whose answer is a title often written in quotes (`협약 이름`, `강연 주제`, `the slogan`):
# for them a quoted span is a name of the kind asked, not a clause offered for a noun.
TITLED_NOUNS = frozenset(
    "협약 주제 제목 슬로건 캐치프레이즈 구호 타이틀 비전 title theme slogan motto agreement lecture".split()
)
EN_KIND_ENDINGS: dict[str, frozenset[str]] = {
    "zone": frozenset("park complex zone district estate campus".split()),
    "venue": frozenset("hotel center centre hall ballroom room building convention arena auditorium".split()),
    "event": frozenset("forum summit conference expo fair festival symposium show week day".split()),
}
# Names of events, read from their last word (`누리 투자포럼`, `2030 해양박람회`)
KO_EVENT_ENDINGS = ("포럼", "박람회", "설명회", "상담회", "전시회", "축제", "엑스포", "페스티벌", "대회", "행사")  # fmt: skip

EN_PLACE_ROLE_BEFORE: dict[str, re.Pattern[str]] = {
    "from": re.compile(
        r"\bfrom\s+(?:the\s+|its\s+|their\s+)?(?:(?!(?:to|into|and)\b)[\w.'’-]+,?\s+){0,3}$", re.I
    ),
    "to": re.compile(
        r"\b(?:to|into)\s+(?:the\s+|a\s+)?(?:[\w.'’-]+\s+){0,3}$|\brelocat\w*\s+(?:[\w'’-]+\s+){0,4}in\s+$",
        re.I,
    ),
    "venue": re.compile(
        r"\b(?:held|hosted|announced|signed|made|delivered|unveiled)\s+(?:[\w,'’-]+\s+){0,6}(?:at|in|during)\s+"
        r"(?:the\s+)?$|\b(?:at|during)\s+(?:the\s+)?$",
        re.I,
    ),
    "site": re.compile(
        r"\b(?:in|at|near)\s+(?:the\s+)?$|\blocated\s+(?:at|in)\s+$|\b(?:plant|facility|factory|site|"
        r"headquarters|center|centre|office)\s+(?:in|at)\s+(?:the\s+)?$",
        re.I,
    ),
    "base": re.compile(r"\b(?:based|headquartered)\s+in\s+$|\bexisting\s+$", re.I),
}

# What a question asks of a place: where something moves from or to, where an event was held,
# where something is built or located.
KO_ASKS_PLACE_ROLE: dict[str, re.Pattern[str]] = {
    "from": re.compile(
        r"원래|기존|종전|옮기기\s?전|이전하기\s?전|이전\s?전|어디(?:에서|서)\s?(?:[^\s?]+\s)?(?:이전|옮|이주|오)"
        r"|어디에\s?있었|출발|떠나"
    ),
    "to": re.compile(r"어디로|어느\s?(?:곳|지역|도시|산단|단지)으?로|이전\s?(?:지|장소|예정지)"),
    "venue": re.compile(
        r"어디(?:에서|서)\s?(?:[^\s?]+\s)?(?:열|개최|진행|체결|했|맺|가졌|막을)|장소|개최지|행사장"
        r"|어디(?:에서|서)\s*(?:\S+\s)?(?:열렸|열려|열리|했)"
    ),
    "site": re.compile(r"들어서|짓|건립|건설|세우|조성|구축|산단|산업단지|부지|입지|위치|있어|어디\s?있"),
    # where a firm is based: `본사는 어디`, `어디 회사야`
    "base": re.compile(
        r"본사(?:는|가)?\s?어디|어디에?\s?(?:본사|소재|위치한|있는)|어디\s?회사|소재지|어디\s?있"
    ),
}
EN_ASKS_PLACE_ROLE: dict[str, re.Pattern[str]] = {
    "from": re.compile(
        r"\bfrom\b|\bbefore\b.*\bmov|\bformerly\b|\boriginally\b|\bpreviously\b|\bexisting\b", re.I
    ),
    "to": re.compile(
        r"\bto\s*\??$|\b(?:mov|relocat|shift)\w*\b.*\bto\s+(?:where|which|what)\b"
        r"|\bwhere\b(?!.*\bfrom\b)(?!.*\bbefore\b).*\b(?:mov|relocat|shift)",
        re.I,
    ),
    "venue": re.compile(
        r"\b(?:held|hosted|took place|announced|signed|take place|event)\b|\bvenue\b|\bat which\b", re.I
    ),
    "site": re.compile(
        r"\b(?:build\w*|built|located|locat\w*|plant|facility|factory|site|park|setting up|address|"
        r"center|headquarters|data center)\b",
        re.I,
    ),
    "base": re.compile(r"\b(?:headquartered|based|located)\b|\bwhere\s+is\b.*\blocated\b|\bhome\b", re.I),
}

# --------------------------------------------------------------------------------------------
# Speech
# --------------------------------------------------------------------------------------------

KO_SPEECH_VERB = re.compile(
    r"말했|말한|밝혔|밝힌|강조했|강조한|전했|전한|덧붙였|설명했|언급했|당부했|약속했|다짐했|소감을|인사말|축사|환영사|"
    r"격려사|개회사|기념사|인사를|발언"
)
EN_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|added|adds|noted|notes|explained|stated|continued|remarked|commented|told|"
    r"stressed|emphasi[sz]ed|quoted|spoke|speaks|tweeted|wrote|pledged|praised|welcomed)\b",
    re.I,
)
QUOTE_MARKS = "\"“”‘’'「」『』"

# --------------------------------------------------------------------------------------------
# Words that are never an answer by themselves
# --------------------------------------------------------------------------------------------

KO_GENERIC_NOUNS = frozenset(
    "기업 업체 회사 기관 단체 관계자 참석자 행사 사업 지역 지원 투자 협약 이번 해당 당시 올해 내년 현재 "
    "가운데 관련 분야 부문 규모 계획 등 것 곳 수 중 측 분 점 때 이날 대상 과정 결과 방안 내용".split()
)
EN_GENERIC_NOUNS = frozenset(
    "company companies firm firms business businesses state city county region area project projects plan "
    "plans investment investments jobs job facility the a an it this that they we he she".split()
)
# A headline closes its clause with an action noun (`A·B 준공식 개최`, `C와 투자협약 체결`): a phrase
# ending in one is a clause, never a member of a list of names.
KO_CLAUSE_END_NOUNS = frozenset(
    "개최 체결 개막 폐막 착공 준공 추진 참석 방문 출범 선정 발표 진행 성료 돌입 시작 완료 확정 선포".split()
)
