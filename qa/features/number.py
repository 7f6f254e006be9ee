"""Numbers: what a number counts or measures (its unit) against the unit asked, and whether its
window names the events the question is about."""

from __future__ import annotations

import re

from index.units import DATE_COUNTERS, GENERIC_COUNTERS, NUMBER_WORDS_EN, unit_class, units_exclusive
from index.vocabulary import event_classes
from qa.candidates import Candidate
from qa.features.text import NUMBER_WORD
from qa.features.views import UnitView
from qa.intent import Intent

_MONEY = re.compile(r"[$€£₩]|원\b|원$|달러|dollars|\bwon\b|million|billion|억|조\s?원", re.I)
_PERCENT = re.compile(r"%|percent|퍼센트")


def add_number(f: dict, cand: Candidate, unit: UnitView, window: str, intent: Intent) -> None:
    after = cand.release.text[cand.end : min(unit.end, cand.end + 12)]
    have = _unit_of(cand.text)
    if have is None:
        nxt = re.match(r"\s?([가-힣A-Za-z]+)", after)
        have = unit_class(nxt.group(1)) if nxt else None
        if have is None and nxt and _date_counter(nxt.group(0)):
            have = "date"
    if have is None and _MONEY.search(cand.text):
        have = "money"
    if have is None and _PERCENT.search(cand.text):
        have = "percent"
    want = intent.unit
    f["n_number"] = float(bool(NUMBER_WORD.search(cand.text)))
    f["n_money"] = float(have == "money")
    f["n_percent"] = float(have == "percent")
    f["n_unit_known"] = float(have is not None)
    f["n_unit_match"] = float(want is not None and have == want)
    f["n_unit_conflict"] = float(want is not None and have is not None and have != want)
    f["n_unit_exclusive"] = float(units_exclusive(want, have))
    events = event_classes(window)
    f["n_events_match"] = float(bool(intent.events & events))
    f["n_year_like"] = float(bool(re.fullmatch(r"(?:19|20)\d\d(?:년)?", cand.text.strip())))


def _unit_of(text: str) -> str | None:
    """What the span's number counts or measures: the unit written on or after its first number
    (`약 3만㎡ 규모` → area, `2,260 new jobs` → job)."""
    words = text.split()
    for i, word in enumerate(words):
        if not any(ch.isdigit() for ch in word) and word.lower() not in NUMBER_WORDS_EN:
            continue
        rest = re.sub(r"^[\d,.~∼-]+(?:[만억천백조]+)?\s?(?:여)?", "", word)
        if _date_counter(rest):
            return "date"
        found = unit_class(rest) if rest else None
        if i + 1 < len(words) and (found is None or rest in GENERIC_COUNTERS):
            # a bare counter defers to the noun it counts: `140개 부스` counts booths
            found = unit_class(words[i + 1]) or unit_class(" ".join(words[i + 1 : i + 3])) or found
        if found:
            return found
    return unit_class(words[-1]) if words else None


def _date_counter(rest: str) -> bool:
    """`일`, `월` or `년` right after a number, with any particle after it (`28일까지`, `3월에`)."""
    return rest.rstrip("은는이가을를에의도까지부터") in DATE_COUNTERS
