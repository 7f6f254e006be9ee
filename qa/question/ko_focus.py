"""The asked-about noun of a Korean question: what a count counts (and its unit), whose role is
asked, what a `무엇` question is about."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.question.morphs import KO_NOUN_LIKE, Morph, np_after, np_before, np_end, surface_of
from qa.question.rules import KO_ROLE
from qa.question.words import KO_QUESTION_WORDS

_KO_PERSON_NOUNS = frozenset(
    "대표 대표이사 사람 직원 임직원 관계자 참가자 참석자 인원 인력 근로자 회장 사장 CEO 명 분".split()
)
_KO_ORG_NOUNS = frozenset("기업 업체 회사 그룹 기관 단체 공장 사업장 법인 스타트업".split())
_KO_THING_COUNTERS = frozenset("곳 개 개사 군데 社".split())
_FOCUS_SKIP = frozenset("것 거 곳 분 수 등 중 총 모두 이번 해당 당시".split()) | KO_QUESTION_WORDS
# Words that measure something else: `투자 규모`, `업체 수` are about 투자, 업체.
_MEASURE_WORDS = frozenset("규모 금액 액수 수 개수 숫자 총액 수치 총수".split())
# Words that name something else: `협약 이름`, `강연 제목` ask for the 협약, the 강연 as it is called.
_NAME_WORDS = frozenset("이름 명칭 제목 타이틀".split())


def _head(groups: Sequence[str]) -> str | None:
    """The last noun of a phrase (Korean is head-final), passing over empty nouns like `것`."""
    for i in range(len(groups) - 1, -1, -1):
        group = groups[i]
        if group in _FOCUS_SKIP or (group in _MEASURE_WORDS | _NAME_WORDS and i > 0):
            continue
        return group
    return None


def _strip_person_suffix(noun: str) -> str:
    """`강연자` -> `강연`: the activity matches the source's wording (`전문가 강연`)."""
    return noun[:-1] if len(noun) >= 3 and noun.endswith("자") else noun


def _ko_counter(text: str, morphs: Sequence[Morph], k: int) -> tuple[str | None, int]:
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
    return surface_of(text, morphs, k + 1, j - 1), j


def ko_how_many(text: str, morphs: Sequence[Morph]) -> tuple[str | None, str | None]:
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
            forward = np_after(text, morphs, after)
            end = np_end(morphs, after)
            # `몇 명의 직원이` counts 직원; `몇 곳 참여했어` has a verb (참여+하), not a noun.
            if forward and not (end < len(morphs) and morphs[end].tag in ("XSV", "XSA")):
                focus = forward[-1]
            if focus is None:
                focus = _pick_counted(np_before(text, morphs, k), unit)
            break
    else:
        for k, m in enumerate(morphs):
            if m.form in ("수", "규모", "인원", "개수") and m.tag.startswith("N"):
                before = np_before(text, morphs, k)
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


def ko_who_is(text: str, morphs: Sequence[Morph]) -> str | None:
    role = re.search(rf"{KO_ROLE}(?=\S*\s*(?:의\s*)?(?:이름|성함))", text)
    if role:  # `경자청장의 성함은`: the role is the context to match
        return role.group()
    for k, m in enumerate(morphs):
        if m.form in ("사람", "분", "인물") and m.tag in ("NNG", "NNB"):
            return _ko_activity_before(text, morphs, k)
    for k, m in enumerate(morphs):
        if m.form in ("누구", "누가", "누군"):
            head = _head(np_before(text, morphs, k))
            if head:
                return _strip_person_suffix(head)
            return _ko_activity_before(text, morphs, len(morphs))
    return None


def _ko_activity_before(text: str, morphs: Sequence[Morph], k: int) -> str | None:
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
        return _head(np_before(text, morphs, j)) if j else None
    if verb.tag in ("VV", "VA"):
        head = _head(np_before(text, morphs, j))
        if head:
            return head
        return verb.form if len(verb.form) >= 2 else None
    if verb.tag in KO_NOUN_LIKE:
        head = _head(np_before(text, morphs, j + 1))
        return _strip_person_suffix(head) if head else None
    return None


def ko_what(text: str, morphs: Sequence[Morph]) -> str | None:
    for k, m in enumerate(morphs):
        if m.form in ("어떤", "무슨", "어느") and k + 1 < len(morphs):
            groups = np_after(text, morphs, k + 1)
            if groups:
                return groups[0]
    for k, m in enumerate(morphs):
        if m.form in ("무엇", "뭐", "뭔", "얼마", "얼마나", "무얼", "몇"):
            # `얼마를 투자해`, `무엇을 발표했어`: the verbal noun after the object is the topic.
            if k + 1 < len(morphs) and morphs[k + 1].tag == "JKO":
                after = _head(np_after(text, morphs, k + 2))
                if after:
                    return after
            return _head(np_before(text, morphs, k, genitive=True))
    return None


def ko_head(text: str, morphs: Sequence[Morph]) -> str | None:
    """The noun a question word stands for: `산업단지는 어디`, `주관사는 어디인가요`, `어느 도시로`,
    the kind of thing the answer must be."""
    for k, m in enumerate(morphs):
        if m.form in ("어느", "어떤", "무슨") and k + 1 < len(morphs):
            groups = np_after(text, morphs, k + 1)
            if groups:
                return groups[-1]
        # only as the predicate (`X는 어디야`): in `X는 어디서 열렸어` X is the topic, not the kind
        predicate = k + 1 >= len(morphs) or morphs[k + 1].tag in ("VCP", "EF", "SF")
        if m.form in ("어디", "누구", "무엇", "뭐", "뭔") and predicate:
            head = _head(np_before(text, morphs, k, genitive=True))
            if head:
                return head
    return None
