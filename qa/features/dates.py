"""Dates and times: how fine a time span is (clock, day, year, range, until, quarter) against how fine the
question asks, whether its window names the asked events, and whether it is the wire dateline."""

from __future__ import annotations

import re

from index.vocabulary import event_classes
from qa.candidates import Candidate
from qa.features.views import UnitView
from qa.intent import Intent

_CLOCK = re.compile(r"\d\s?시|오전|오후|a\.m\.|p\.m\.|\d:\d\d|\b(?:am|pm)\b", re.I)
_DAY = re.compile(r"\d\s?일|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
# A span with both ends written (`1일부터 3일까지`, `26~28일`, `March 3-5`, `from May to July`); an
# end alone (`3일까지`, `until June`) is an `until`, a start alone (`since 2019`, `1일부터`) a `since`.
_RANGE = re.compile(
    r"부터.{0,20}?까지|\d\s?[~∼]\s?\d|\d\s?[-–]\s?\d|\bfrom\b.{0,30}?\b(?:to|through|until|till)\b"
    r"|\bbetween\b.{0,30}?\band\b|\d\s(?:to|through|until|till)\s(?:\w+\.?\s)?\d",
    re.I | re.S,
)
_UNTIL = re.compile(r"까지|\buntil\b|\btill\b|\bthrough\b", re.I)
_QUARTER = re.compile(r"quarter|half|분기|상반기|하반기|\bQ[1-4]\b", re.I)


def add_time(f: dict, cand: Candidate, window: str, intent: Intent) -> None:
    t = cand.text
    has = {
        "clock": bool(_CLOCK.search(t)),
        "day": bool(_DAY.search(t)),
        "year": bool(_YEAR.search(t)),
        "range": (ranged := bool(_RANGE.search(t))),
        "until": bool(_UNTIL.search(t)) and not ranged,
    }
    asked = {
        "clock": intent.clock,
        "day": intent.day,
        "year": intent.year,
        "range": intent.range,
        "until": intent.until,
    }
    for name in has:
        f[f"t_{name}"] = float(has[name])
        f[f"t_asked_{name}"] = float(asked[name])
        f[f"t_match_{name}"] = float(has[name] and asked[name])
    f["t_quarter"] = float(bool(_QUARTER.search(t)))
    text = cand.release.text
    since = not ranged and bool(
        re.search(r"부터|\bsince\b", t)
        or re.search(r"\bsince\s+$", text[max(0, cand.start - 8) : cand.start])
        or text.startswith("부터", cand.end)
    )
    f["t_since"] = float(since)
    f["t_match_since"] = float(since and intent.since)
    f["t_events_match"] = float(bool(intent.events & event_classes(window)))


def in_dateline(text: str, cand: Candidate, unit: UnitView) -> bool:
    """A date in the wire dateline (`CITY, Feb. 12, 2025 (WIRE) —`, `[대구=…기자] 20일`): the release's own."""
    head = text[unit.start : cand.start]
    if len(head) > 80:
        return False
    after = text[cand.end : min(unit.end, cand.end + 40)]
    return bool(re.search(r"[—–=]|\(\s?[A-Z][A-Za-z ]+\)", after)) or bool(
        re.search(r"^\s*[\[(][^\])]{0,30}[=/]", head)
    )


_FINER_GRAINS = ("day", "clock", "range")  # what a date may lack that the question asks


def coarser_than_asked(row: dict[str, float]) -> bool:
    """A date (a row `add_time` filled) without the grain the question asks: a year for `며칠`, a
    day for `몇 시`, one end for a span."""
    if not any(row.get(f"t_{grain}") for grain in (*_FINER_GRAINS, "year")):
        return False  # not a date
    return any(row.get(f"t_asked_{grain}") and not row.get(f"t_{grain}") for grain in _FINER_GRAINS)
