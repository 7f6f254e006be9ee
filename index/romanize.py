"""A bridge from romanized names in English questions to the Hangul names in Korean releases.

The small multilingual embedder matches `Gyeongbuk` to `경북` only weakly, and BM25 not at all.
Proper nouns are romanized at index time (Revised Romanization, `korean-romanizer`), so a question
that spells a Korean place or organisation in Latin letters can search with its Hangul form too.
"""

from __future__ import annotations

import re

from korean_romanizer.romanizer import Romanizer

from index.tokens import get_kiwi

_SUFFIXES = ("시청", "군청", "도청", "구청", "시", "군", "도", "구", "청")
_HANGUL_ONLY = re.compile(r"[가-힣]{2,8}")
_LATIN_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)?")


def romanize(word: str) -> str:
    return re.sub(r"[^a-z]", "", Romanizer(word).romanize().lower())


def name_romanizations(text: str) -> set[tuple[str, str]]:
    """(romanized, hangul) for the proper nouns of a Korean text, with and without 시/군/도/청."""
    pairs: set[tuple[str, str]] = set()
    for token in get_kiwi().tokenize(text):
        if token.tag != "NNP" or not _HANGUL_ONLY.fullmatch(token.form):
            continue
        word = token.form
        pairs.add((romanize(word), word))
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                stem = word[: -len(suffix)]
                pairs.add((romanize(stem), stem))
                break
    return pairs


def latin_keys(question: str) -> list[str]:
    """Lower-cased Latin words of a question that could be romanized Korean names."""
    return [w.lower().replace("-", "") for w in _LATIN_WORD.findall(question) if len(w) >= 4]
