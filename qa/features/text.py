"""Text normalisation and the patterns more than one feature group reads."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

HANGUL = re.compile(r"[가-힣]")
NUMBER_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.I)


@lru_cache(maxsize=16384)
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s\W_]+", "", text)


def lang_of(text: str) -> str:
    hangul = len(HANGUL.findall(text[:3000]))
    latin = len(re.findall(r"[A-Za-z]", text[:3000]))
    return "ko" if hangul > 0.2 * (hangul + latin) else "en"
