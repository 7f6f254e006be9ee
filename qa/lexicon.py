"""An English↔Korean glossary of press-release vocabulary, for questions asked across languages.

The bundled embedder crosses languages only weakly and BM25 not at all. Names are bridged by
romanization (`index.romanize`); the common words of this domain — relocation, investment,
briefings, jobs, ceremonies — are bridged here, in both directions. Domain words only: no names,
no per-question entries.
"""

from __future__ import annotations

import re

from index.romanize import name_romanizations
from index.script import HANGUL

GLOSSARY: dict[str, tuple[str, ...]] = {
    "relocate": ("이전",), "relocating": ("이전",), "relocation": ("이전",), "move": ("이전", "옮기"),
    "moving": ("이전", "옮기"), "moved": ("이전",), "headquarters": ("본사",), "hq": ("본사",),
    "factory": ("공장",), "plant": ("공장",), "plants": ("공장",), "invest": ("투자",),
    "investment": ("투자",), "investments": ("투자",), "invested": ("투자",), "company": ("기업", "업체"),
    "companies": ("기업", "업체"), "firm": ("기업", "업체"), "firms": ("기업", "업체"), "jobs": ("일자리", "고용"),
    "employment": ("고용",), "hire": ("채용", "고용"), "employees": ("직원", "임직원"), "staff": ("직원",),
    "agreement": ("협약",), "mou": ("협약", "MOU"), "signed": ("체결", "협약"), "signing": ("체결", "협약"),
    "briefing": ("설명회",), "presentation": ("발표",), "presented": ("발표",), "lecture": ("강연", "특강"),
    "speech": ("연설", "축사"), "ceremony": ("식",), "groundbreaking": ("착공", "기공식"), "completion": ("준공",),
    "attended": ("참석",), "attend": ("참석",), "participants": ("참석",), "attendees": ("참석",), "invited": ("초청",),
    "invite": ("초청",), "held": ("개최", "열린"), "hosted": ("개최",), "event": ("행사",), "forum": ("포럼",),
    "tour": ("투어", "견학"), "capital": ("수도권",), "region": ("지역",), "regional": ("지역",),
    "province": ("도",), "city": ("시",), "county": ("군",), "governor": ("지사",), "mayor": ("시장",),
    "president": ("대표", "사장", "회장"), "ceo": ("대표", "CEO"), "ceos": ("CEO", "대표"),
    "professor": ("교수",), "industrial": ("산업",), "complex": ("단지",), "park": ("단지",),
    "online": ("온라인",), "year": ("년",), "annually": ("매년",), "every": ("매년",), "expatriate": ("출향",),
    "hometown": ("출향", "향우"), "letters": ("의향서",), "intent": ("의향서",), "billion": ("억",),
    "won": ("원",), "area": ("부지",), "site": ("부지",), "opened": ("개소", "개원"), "new": ("신규", "새로"),
    "first": ("처음", "첫", "시작"), "last": ("마지막",), "attract": ("유치",), "attraction": ("유치",),
    "incentives": ("인센티브",), "consultation": ("상담",), "session": ("상담회", "설명회"),
    "price": ("가격", "분양가"), "land": ("부지", "토지"), "workers": ("근로자", "직원"), "networking": ("네트워킹",), "venue": ("장소",), "semiconductor": ("반도체",),
    "battery": ("배터리", "이차전지"), "automotive": ("자동차",), "parts": ("부품",), "food": ("식품", "식료품"),
    "separator": ("분리막",), "economic": ("경제",), "zone": ("구역",), "commissioner": ("청장",), "electric": ("전기",), "vehicle": ("자동차",), "robot": ("로봇",),
    "medical": ("의료",), "research": ("연구",), "hospital": ("병원",), "university": ("대학",),
    "data": ("데이터",), "center": ("센터",), "software": ("소프트웨어", "SW"), "game": ("게임",),
    # Generic business and press-release vocabulary, by kind (written for the domain, not for a question).
    # Actions a release reports
    "announced": ("발표", "밝혔"), "announce": ("발표",), "said": ("말했", "밝혔"), "says": ("말했", "밝혔"),
    "quoted": ("말했", "밝혔"), "stated": ("밝혔",), "remarks": ("발언", "인사말"),
    "congratulatory": ("축사",), "welcomed": ("환영",), "pledge": ("약속", "다짐"), "pledged": ("약속", "다짐"), "promised": ("약속",),
    "submitted": ("제출",), "applied": ("신청",), "selected": ("선정",), "designated": ("지정",), "approved": ("승인",),
    "decided": ("결정",), "agreed": ("합의",), "cooperation": ("협력",), "partnership": ("협력", "파트너십"),
    "support": ("지원",), "supported": ("지원",), "plans": ("계획",), "planned": ("계획",),
    "expected": ("예상", "전망", "기대"), "expects": ("예상", "기대"), "build": ("건립", "건설", "조성"),
    "construction": ("건설", "공사"), "construct": ("건설",), "establish": ("설립",), "established": ("설립",),
    "expand": ("확장", "증설"), "expansion": ("확장", "증설"), "produce": ("생산",), "production": ("생산",),
    "manufacture": ("제조", "생산"), "manufacturing": ("제조",), "manufacturer": ("제조업체", "제조사"),
    "makes": ("생산", "제조"), "supply": ("공급",), "export": ("수출",), "exports": ("수출",), "import": ("수입",),
    "launch": ("출시",), "launched": ("출시", "출범"), "operate": ("운영", "가동"), "operation": ("운영", "가동"),
    "operations": ("운영", "가동"), "create": ("창출",), "creating": ("창출",), "generate": ("창출",),
    "hiring": ("채용",), "hired": ("채용",), "visit": ("방문",), "visited": ("방문",), "visiting": ("방문",),
    "meeting": ("간담회", "회의"), "discussed": ("논의",),
    "organized": ("주최", "주관"), "organizer": ("주최", "주관"), "sponsored": ("후원",), "located": ("소재", "위치"),
    "based": ("본사", "소재"), "completed": ("준공", "완공"), "opening": ("개소", "개막", "개장"), "closing": ("폐막",),
    # Things and people a release names
    "facility": ("시설", "공장"), "facilities": ("시설",), "equipment": ("설비", "장비"),
    "subsidiary": ("자회사",), "affiliate": ("계열사",), "branch": ("지사", "지점"), "office": ("사무소", "사무실"),
    "board": ("이사회",), "chairman": ("회장", "이사장"), "chair": ("회장", "위원장"), "director": ("국장", "소장"),
    "minister": ("장관",), "deputy": ("차관",), "official": ("관계자",), "officials": ("관계자",),
    "founder": ("창업자", "설립자"), "representative": ("대표",), "executives": ("임원",), "government": ("정부",),
    "agency": ("기관",), "institute": ("연구원", "연구소"), "institution": ("기관",), "institutions": ("기관",),
    "association": ("협회",), "chamber": ("상공회의소", "상의"), "school": ("학교",), "students": ("학생",),
    "student": ("학생",), "residents": ("주민",), "citizens": ("시민",), "investors": ("투자자", "투자가"),
    "investor": ("투자자", "투자가"), "buyers": ("바이어",), "buyer": ("바이어",), "business": ("기업", "사업"),
    "businesses": ("기업", "업체"), "startup": ("스타트업",), "startups": ("스타트업",), "enterprises": ("기업",),
    "industry": ("산업", "업종"), "industries": ("산업",), "sector": ("분야", "산업", "업종"), "field": ("분야",),
    "fields": ("분야",), "product": ("제품",), "products": ("제품",), "goods": ("제품", "상품"), "technology": ("기술",),
    "technologies": ("기술",), "development": ("개발",), "project": ("사업", "프로젝트"), "projects": ("사업",),
    "program": ("사업", "프로그램"), "amount": ("금액", "규모"), "budget": ("예산",), "fund": ("기금", "펀드"),
    "subsidy": ("보조금",), "subsidies": ("보조금",), "incentive": ("인센티브",), "sales": ("매출",), "revenue": ("매출",),
    "cost": ("비용", "사업비"), "costs": ("비용",), "trade": ("무역", "통상"), "mission": ("사절단",),
    "delegation": ("대표단", "사절단"), "exhibition": ("전시회", "박람회"), "fair": ("박람회",), "expo": ("박람회", "엑스포"),
    "festival": ("축제",), "conference": ("회의", "컨퍼런스"), "seminar": ("세미나",), "workshop": ("워크숍",),
    "award": ("시상",), "awards": ("시상",), "theme": ("주제",), "topic": ("주제",), "title": ("제목", "주제"),
    "keynote": ("기조연설",), "hotel": ("호텔",), "building": ("건물", "빌딩"),
    "headquartered": ("본사",), "cities": ("도시",), "country": ("국가", "나라"), "countries": ("국가",),
    "overseas": ("해외",), "foreign": ("외국", "해외"), "global": ("글로벌", "세계"), "domestic": ("국내",),
    "local": ("지역",), "national": ("국가", "전국"), "european": ("유럽",), "europe": ("유럽",), "asia": ("아시아",),
    "american": ("미국",), "chinese": ("중국",), "japanese": ("일본",), "korean": ("한국",), "korea": ("한국",),
    # Industries
    "cosmetics": ("화장품",), "bio": ("바이오",), "pharmaceutical": ("제약",),
    "chemical": ("화학",), "steel": ("철강",), "energy": ("에너지",), "hydrogen": ("수소",), "solar": ("태양광",),
    "logistics": ("물류",), "shipbuilding": ("조선",), "aviation": ("항공",),
    "materials": ("소재",), "display": ("디스플레이",), "platform": ("플랫폼",),
    "tourism": ("관광",), "agriculture": ("농업",), "fisheries": ("수산",),
    # Time and quantity words
    "months": ("개월",), "square": ("㎡", "제곱미터"), "meters": ("㎡", "미터"), "acres": ("에이커",), "percent": ("퍼센트",),
    "largest": ("최대",), "second": ("두번째", "둘째"),
}  # fmt: skip

_WORD = re.compile(r"[A-Za-z]+")
MAX_ENGLISH_FORMS = 3  # "이전" → relocate, relocating, relocation: enough forms, not a flood


def _reverse(glossary: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """Korean word → the English words glossed by it; one-syllable words (시, 군, 식) match too much."""
    out: dict[str, list[str]] = {}
    for english, korean in glossary.items():
        for word in korean:
            if re.fullmatch(r"[가-힣]{2,}", word):
                forms = out.setdefault(word, [])
                if len(forms) < MAX_ENGLISH_FORMS:
                    forms.append(english)
    return out


ENGLISH_FOR = _reverse(GLOSSARY)


def korean_glosses(question: str) -> list[str]:
    """Korean words for the domain words of an English question, in order, without repeats."""
    out: list[str] = []
    for word in _WORD.findall(question.lower()):
        for gloss in GLOSSARY.get(word, ()):
            if gloss not in out:
                out.append(gloss)
    return out


def english_glosses(question: str) -> list[str]:
    """English words for the domain words of a Korean question, for English releases."""
    out: list[str] = []
    for word, english in ENGLISH_FOR.items():
        if word in question:
            out.extend(e for e in english if e not in out)
    return out


def cross_language_words(question: str, names: bool = True) -> list[str]:
    """A question's words as a release in the other language writes them: glossed domain words,
    and for a Korean question its proper nouns romanized too ("서해" → seohae) unless `names` is
    false (they are Kiwi's proper nouns: a caller that does without Kiwi goes without them)."""
    if HANGUL.search(question):
        romanized = sorted({roman for roman, _ in name_romanizations(question)}) if names else []
        return english_glosses(question) + romanized
    return korean_glosses(question)


# Korean question words whose release-side wording differs ("첫 설명회" ↔ "설명회를 시작으로")
KO_SYNONYMS: dict[str, tuple[str, ...]] = {
    "첫": ("시작", "처음", "최초"), "처음": ("시작", "첫"), "마지막": ("마무리", "끝"),
    "일자리": ("고용", "채용"), "고용": ("일자리", "채용"), "참여": ("참석", "참가"), "참가": ("참석", "참여"),
    "기대": ("예상", "전망"), "옮기": ("이전",), "이전": ("옮기", "이주"), "장소": ("에서",),
}  # fmt: skip


def korean_synonyms(question: str) -> list[str]:
    """Release-side wordings of the domain words a Korean question uses."""
    out: list[str] = []
    for word, alternatives in KO_SYNONYMS.items():
        if word in question:
            out.extend(a for a in alternatives if a not in out and a not in question)
    return out
