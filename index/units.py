"""Numbers' counters and units, by what they count, in Korean and English (`억원` → money,
`개사` → org, `new jobs` → job), and which units can never answer one another.

Split from `index.vocabulary` for size; the same rule holds: general words only, never a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

UNIT_CLASSES: dict[str, frozenset[str]] = {
    "person": frozenset(
        "명 인 인원 people persons person employees employee workers worker staff attendees participants guests "
        "visitors residents students members executives ceos representatives officials hires engineers".split()
    ),
    "org": frozenset(
        "개 곳 개사 사 업체 개소 개국 기관 기업 社 companies company firms firm businesses institutions "
        "organizations suppliers tenants countries states".split()
    ),
    "job": frozenset("일자리 jobs job positions".split()),
    "money": frozenset(
        "원 억원 만원 조원 천만원 억 조 달러 불 엔 유로 위안 $ dollars dollar won yuan euros usd krw".split()
    ),
    "percent": frozenset("% 퍼센트 percent per cent".split()),
    "area": frozenset("㎡ m² m2 ㎢ 평 헥타르 acres acre hectares square feet sq ft".split()),
    "duration": frozenset(
        "일간 개월 년간 시간 주간 days day months month years year weeks week hours".split()
    ),
    "booth": frozenset("부스 booths booth".split()),
    "thing": frozenset("대 건 톤 units vehicles projects plants facilities stores offices sites".split()),
}
# Counters that say only "a number of things": the noun after them tells what is counted.
GENERIC_COUNTERS = frozenset({"개", "곳", "건", "가지"})
# Quantities measured on a scale rather than counted: an amount cannot answer "how many", nor a
# head count "how much".
MEASURE_CLASSES = frozenset({"money", "percent", "area", "duration"})
# A day, month or year of the calendar right after a number (`28일`, `3월`, `2025년`) dates something
# and counts nothing; the counters that span time (`3일간`, `6개월`, `5년간`) are durations. Only a
# candidate's own span is read this way: a question's `몇 년` may ask a duration.
DATE_COUNTERS = frozenset({"일", "월", "년", "日"})


def units_exclusive(asked: str | None, found: str | None) -> bool:
    """Whether a number in `found` units can never answer a question asking for `asked` units (the
    answer layer's one unit gate). Measured against counted is exclusive, and so are people against
    organisations (`몇 명` is never answered by `16개`); the other counts stay soft, since "how many
    jobs" is often answered in 명 and "몇 개" in 곳."""
    if asked is None or found is None or asked == found:
        return False
    if found == "date":  # `8일` may be a duration as written (`8일 만에`), never a head count
        return asked != "duration"
    return bool({asked, found} & MEASURE_CLASSES) or {asked, found} == {"person", "org"}


NUMBER_WORDS_EN: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
APPROX_EN = (
    "approximately", "about", "nearly", "almost", "more than", "over", "roughly", "around", "up to",
    "at least", "some", "an estimated", "close to", "upwards of",
)  # fmt: skip


_UNIT_EXACT = {u: name for name, units in UNIT_CLASSES.items() for u in units}
_UNIT_SUFFIXES = sorted(
    ((u, name) for u, name in _UNIT_EXACT.items() if len(u) > 1 or not u.isascii()), key=lambda p: -len(p[0])
)


# A one-syllable counter ends a unit only after a number's magnitude (`억원`, `천여명`): `인원` (head
# count) is not an amount of 원, nor `회사` a counter 사.
_MAGNITUDE = re.compile(r"[\d,.\s만억천백십조여]*")


@lru_cache(maxsize=8192)
def unit_class(unit: str | None) -> str | None:
    """What a counter or unit counts: `개사` → org, `억원` → money, `new jobs` → job."""
    if not unit:
        return None
    unit = unit.strip().lower()
    found = _UNIT_EXACT.get(unit)
    if found:
        return found
    for suffix, name in _UNIT_SUFFIXES:  # `억원` ends with 원, `new jobs` with jobs
        if unit.endswith(suffix) and (len(suffix) > 1 or _MAGNITUDE.fullmatch(unit[: -len(suffix)])):
            return name
    return None
