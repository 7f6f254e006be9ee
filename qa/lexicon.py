"""A small English↔Korean glossary of press-release vocabulary, for questions asked across languages.

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
