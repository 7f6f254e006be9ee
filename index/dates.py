"""Full dates (with a year) in Korean and English text → ISO `YYYY-MM-DD`; the month names, once.

The month table here is the only one: cleaning (`index.clean`), time facts (`index.facts.times`)
and date mentions (`index.mentions.patterns`) all build their patterns from it.
"""

from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS: dict[str, int] = {name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, start=1)}


def _month_alternative(name: str) -> str:
    """`Jan(?:uary)?`, `May`, `June?`, `Sept?(?:ember)?`: the abbreviation, the full name or both."""
    if name == "September":
        return "Sept?(?:ember)?"  # "Sep." and "Sept." are both in use
    rest = name[3:]
    if not rest:
        return name
    if len(rest) == 1:
        return f"{name[:3]}{rest}?"
    return f"{name[:3]}(?:{rest})?"


# English month name or abbreviation, no group, case as written (patterns add re.I where needed)
MONTH_NAME = "(?:" + "|".join(_month_alternative(name) for name in MONTH_NAMES) + ")"
EN_DATE_TEXT = rf"{MONTH_NAME}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"
DATE_PATTERNS = [
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"),
    re.compile(r"(?<![\d./])(?P<y>(?:19|20)\d{2})\s*[.\-/]\s*(?P<m>\d{1,2})\s*[.\-/]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(
        rf"\b(?P<mon>{MONTH_NAME})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I
    ),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{MONTH_NAME})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I),
]
TIME_OR_PAGE = re.compile(
    r"\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?|\d{1,2}\s*시\s*(?:\d{1,2}\s*분)?|\d+\s*면\b|\b(?:am|pm)\b", re.I
)
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\([월화수목금토일]\)", re.I)
DATE_ONLY_MAX_CHARS = 40


def parse_date(text: str) -> str | None:
    """The earliest full date (with a year) in `text` as ISO `YYYY-MM-DD`, else None."""
    best: tuple[int, str] | None = None
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m)
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
                break
    return best[1] if best else None


def without_dates(line: str) -> str:
    """`line` with every full date and every time of day or print page (`12면`) blanked out."""
    for pattern in DATE_PATTERNS:
        line = pattern.sub(" ", line)
    return TIME_OR_PAGE.sub(" ", line)


def is_date_only(line: str) -> bool:
    """A line that is just a date (with weekday, time or a print page like `12면`)."""
    if len(line) > DATE_ONLY_MAX_CHARS or not parse_date(line):
        return False
    rest = WEEKDAY.sub(" ", without_dates(line))
    return not re.sub(r"[\s,|:()\-–—]", "", rest)


def _iso(m: re.Match[str]) -> str | None:
    try:
        year = int(m.group("y"))
        day = int(m.group("d"))
        if "mon" in m.groupdict() and m.group("mon"):
            month = MONTHS[m.group("mon")[:3].lower()]
        else:
            month = int(m.group("m"))
        return dt.date(year, month, day).isoformat()
    except (ValueError, KeyError, IndexError):
        return None
