"""Key terms and named entities of a Korean question (or of the Hangul in an English one)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.question.morphs import Morph, compounds, surface_of
from qa.question.words import EN_NOT_ENTITY, EN_STOPWORDS, KO_QUESTION_WORDS

KO_GENERIC = frozenset(
    "사람 곳 관련 것 거 등 수 때 중 분 점 측 쪽 경우 정도 모두 총 내용 이름 장소 위치 날짜 시각 시간 일시 "
    "연도 년도 이번 해당 당시 그때 앞서 여기 거기 그곳 이곳 대해 대하 알리 주 하 되 있 없 같 말씀 "
    "그러 이러 저러 지금 현재 알려주 궁금 가운데".split()
)
_KO_NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SN", "SH"})
_KO_VERB_TAGS = frozenset({"VV", "VA"})
# Nouns ending like an organisation, site or event name, which Kiwi often tags NNG.
_KO_NAME_SUFFIX = re.compile(
    r"..+(?:청|시청|군청|도청|공사|공단|재단|진흥원|연구원|협회|데이|엑스포|박람회|포럼|페어|페스티벌"
    r"|산단|산업단지|농공단지|테크노파크|밸리|시티|시|군)$"
)


def ko_terms(text: str, morphs: Sequence[Morph]) -> list[str]:
    terms: list[str] = []
    in_group: dict[int, tuple[int, int]] = {}
    for first, last in compounds(morphs):
        for k in range(first, last + 1):
            in_group[k] = (first, last)
    for k, m in enumerate(morphs):
        group = in_group.get(k)
        if group and group[0] == k and group[1] > k:
            surface = surface_of(text, morphs, *group)
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


def _ko_is_name(m: Morph) -> bool:
    if m.tag in ("NNP", "SL"):
        return m.form not in EN_NOT_ENTITY and m.form.upper() not in ("CEO", "HQ", "MOU")
    return m.tag == "NNG" and bool(_KO_NAME_SUFFIX.match(m.form))


def ko_entities(text: str, morphs: Sequence[Morph]) -> list[str]:
    entities: list[str] = []
    groups = compounds(morphs)

    def latin_word(g: int) -> bool:
        return groups[g][0] == groups[g][1] and morphs[groups[g][0]].tag == "SL"

    g = 0
    while g < len(groups):
        # Latin names written with spaces (`Fenwick Blue Media`) stay one entity; acronyms in a
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
        surface = surface_of(text, morphs, first, last)
        named = any(p.tag in ("NNP", "SL") for p in parts)
        if last > first and (named or _KO_NAME_SUFFIX.match(surface)):
            entities.append(surface)
        entities.extend(p.form for p in parts if _ko_is_name(p))
        g += 1
    return entities
