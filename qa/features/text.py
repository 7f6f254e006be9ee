"""Text normalisation and the patterns more than one feature group reads."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from index.script import HANGUL

_NOT_WORD = re.compile(r"[\s\W_]+")
_MID_WORD = re.compile(r"[A-Za-z0-9’']")
# An English name goes on after the span: `the Dover-U.K.| Trade Forum`, `Min-jun| Park`.
_NAME_GOES_ON = re.compile(
    r"^[ -](?!(?:The|It|Its|This|These|He|She|We|They|In|On|At|A|An|But|And)\b)[A-Z][a-z]"
)
NUMBER_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.I)


@lru_cache(maxsize=16384)
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return _NOT_WORD.sub("", text)


def lang_of(text: str) -> str:
    hangul = len(HANGUL.findall(text[:3000]))
    latin = len(re.findall(r"[A-Za-z]", text[:3000]))
    return "ko" if hangul > 0.2 * (hangul + latin) else "en"


def span_cut(text: str, start: int, end: int, lang: str) -> bool:
    """The span starts inside a word (`s an honor` after `It’`) or an English name goes on after it
    (`the Dover-U.K.| Trade Forum`): a fragment, not a whole answer."""
    if start and _MID_WORD.match(text[start - 1]):
        return True
    shown = text[start:end].removeprefix("the ")
    return lang == "en" and shown[:1].isupper() and bool(_NAME_GOES_ON.match(text[end : end + 6]))
