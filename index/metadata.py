"""What a cleaned release says about itself: title, subtitles, dateline, date, reporter, publisher, lang.

Metadata found in lines the boilerplate pass removed (a byline, a copyright owner, a publication
date) arrives as `Furniture`, so cutting page chrome never loses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.dates import EN_DATE_TEXT, parse_date

MEDIA_SUFFIX = r"(?:뉴스|일보|신문|방송|TV|닷컴|타임즈|타임스|투데이|경제|매일|통신|미디어|저널|데일리)"
SENTENCE_END = re.compile(r"[.!?。](?:[\"”’')\]]*)$")
INNER_SENTENCE = re.compile(r"[.!?。][\"”’')\]]*\s")
CONTINUATION_END = re.compile(r"[와과로는은을를에의및며]$|,$")
CAPTION_START = re.compile(r"^(?:[▲△■◆▶]|\(사진|사진\s*[=:])")
KO_DATELINE = re.compile(r"^(?:\[(?P<sq>[^\]\n]{1,40})\]|\((?P<par>[^)\n]{1,30}=[^)\n]{1,20})\))")
AFTER_DATELINE_REPORTER = re.compile(r"^\s*(?P<name>[가-힣]{2,4})\s*기자\s*=")
EN_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'\-]*(?:\s[A-Z][\w.'\-]*){0,3}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?),?\s+"
    rf"(?:(?P<date>{EN_DATE_TEXT})\s*(?:/[^/]{{1,40}}/\s*)?(?:—|–|--|-)?|(?:—|–|--))\s*\S"
)
MEDIA_NAME = re.compile(rf"{MEDIA_SUFFIX}$")
PLACE_NAME = re.compile(r"^[가-힣]{1,6}$")
NOT_PLACE = {
    "사진", "표", "그래픽", "영상", "속보", "단독", "종합", "인터뷰", "기고", "칼럼", "사설", "포토",
    "편집자주", "보도자료", "알림", "공지", "해설", "르포", "특집", "기획", "화제", "동정", "인사", "부고",
}  # fmt: skip
REPORTER_WORD = re.compile(r"\s*(?:선임|수석|객원|인턴)?\s*(?:기자|특파원)\s*$")
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e\u1100-\u11ff]")

SUBTITLE_MAX_CHARS = 80
MAX_SUBTITLES = 2
HEAD_SCAN_LINES = 12  # labelled dates and bylines are looked for this far down even after the body starts
KO_SHARE = 0.2


@dataclass
class Furniture:
    """What the removed lines told us, so cutting them never loses the date or the byline."""

    dates: list[str] = field(default_factory=list)
    reporter: str | None = None
    publisher: str | None = None  # from a copyright line
    site: str | None = None  # weaker hint: a site-name line, "/연합뉴스"

    def note_reporter(self, name: str | None) -> None:
        if name and not self.reporter:
            self.reporter = name.strip()

    def note_date(self, line: str) -> None:
        iso = parse_date(line)
        if iso:
            self.dates.append(iso)


def extract_metadata(text: str, fields: dict[str, str], furniture: Furniture | None = None) -> dict:
    """Title, subtitles, date, dateline, reporter, publisher, url and lang for a cleaned text."""
    furniture = furniture or Furniture()
    lines = text.split("\n")
    lang = detect_lang(text)
    title = fields.get("title") or next((line for line in lines if line), None)
    subtitles = [fields["subtitle"]] if fields.get("subtitle") else find_subtitles(lines, lang)
    dateline = find_dateline(lines, len(subtitles))
    date = (
        parse_date(fields.get("date", ""))
        or next(iter(furniture.dates), None)
        or (parse_date(dateline.date) if dateline.date else None)
        or _date_in_first_lines(lines)
    )
    return {
        "title": title,
        "subtitles": subtitles,
        "date": date,
        "dateline": dateline.place,
        "reporter": dateline.reporter or furniture.reporter,
        "publisher": fields.get("publisher") or furniture.publisher or dateline.publisher or furniture.site,
        "url": fields.get("url"),
        "lang": lang,
    }


def detect_lang(text: str) -> str:
    """`ko` when Hangul is more than ~20% of the letters, else `en`."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "ko"
    hangul = sum(1 for c in letters if HANGUL.match(c))
    return "ko" if hangul / len(letters) > KO_SHARE else "en"


@dataclass
class Dateline:
    place: str | None = None
    reporter: str | None = None
    publisher: str | None = None
    date: str | None = None


def find_subtitles(lines: list[str], lang: str) -> list[str]:
    """Up to two short headline-style lines right under the title, before the body starts."""
    subtitles: list[str] = []
    rest = lines[1:]
    for i, line in enumerate(rest):
        if not line or CAPTION_START.match(line):
            continue
        follower = rest[i + 1] if i + 1 < len(rest) else ""
        if not _is_subtitle(line, follower, lang):
            break
        subtitles.append(_strip_decoration(line))
        if len(subtitles) == MAX_SUBTITLES:
            break
    return subtitles


def _is_subtitle(line: str, follower: str, lang: str) -> bool:
    if len(line) > SUBTITLE_MAX_CHARS or SENTENCE_END.search(line) or INNER_SENTENCE.search(line):
        return False
    if KO_DATELINE.match(line) or EN_DATELINE.match(line) or CONTINUATION_END.search(line):
        return False
    if lang == "ko" and not HANGUL.search(line):
        return False
    # a hard-wrapped sentence: the next line continues it
    return not (lang == "en" and follower and re.match(r"[a-z\[(]", follower))


def _strip_decoration(line: str) -> str:
    """`- 도내 투자를 위한 … 체결 -` → the words; the text itself keeps the dashes."""
    stripped = re.sub(r"^[-–—=~\s]+|[-–—=~\s]+$", "", line)
    return stripped or line


def find_dateline(lines: list[str], n_subtitles: int) -> Dateline:
    """`[대구=김정희기자]`, `[문경]`, `[중부매일 장병갑 기자]`, `LARGO, Fla., April 9, 2014 —`."""
    body = [line for line in lines[1:] if line][n_subtitles : n_subtitles + 3]
    for line in body:
        m = KO_DATELINE.match(line)
        if m:
            found = _korean_dateline(m.group("sq") or m.group("par"))
            if found.place or found.reporter or found.publisher:
                after = AFTER_DATELINE_REPORTER.match(line[m.end() :])
                if after and not found.reporter:
                    found.reporter = after.group("name")
                return found
    if body:
        m = EN_DATELINE.match(body[0])
        if m:
            return Dateline(place=m.group("place").rstrip(", ") or None, date=m.group("date"))
    return Dateline()


def _korean_dateline(inner: str) -> Dateline:
    inner = inner.strip()
    if "=" in inner:
        left, right = (part.strip() for part in inner.split("=", 1))
        place = left if PLACE_NAME.match(left) and left not in NOT_PLACE else None
        if REPORTER_WORD.search(right):
            return Dateline(place=place, reporter=_reporter_name(right))
        return Dateline(place=place, publisher=right or None)
    if "/" in inner:
        left, right = (part.strip() for part in inner.split("/", 1))
        return Dateline(publisher=left or None, reporter=_reporter_name(right))
    words = inner.split()
    if len(words) >= 2 and REPORTER_WORD.search(inner):
        name = _reporter_name(inner)
        publisher = inner[: inner.rfind(name)].strip() if name else None
        return Dateline(publisher=publisher or None, reporter=name)
    if len(words) == 1 and MEDIA_NAME.search(inner):
        return Dateline(publisher=inner)
    if PLACE_NAME.match(inner) and inner not in NOT_PLACE:
        return Dateline(place=inner)
    return Dateline()


def _reporter_name(text: str) -> str | None:
    """The 2–4 syllable name just before 기자 (`장병갑 기자`, `김정희기자`, or a bare `민일녀`)."""
    words = REPORTER_WORD.sub("", text).split()
    if words and re.fullmatch(r"[가-힣]{2,4}", words[-1]):
        return words[-1]
    return None


def _date_in_first_lines(lines: list[str]) -> str | None:
    """A full date in the first few lines (`2023년 5월 11일`, `2023.05.11`, `April 9, 2014`)."""
    head = [line for line in lines if line][: HEAD_SCAN_LINES // 2]
    for line in head:
        iso = parse_date(line)
        if iso:
            return iso
    return None
