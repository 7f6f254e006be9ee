"""Lexical tokens for BM25: Korean morphemes without particles and/or character bigrams.

Korean glues particles and endings to words (`코엑스에서`), so whitespace tokens rarely match a
question's wording. Kiwi morphemes fix that; character bigrams catch compounds and abbreviations
Kiwi keeps whole (`대구경북경제자유구역청` vs `경자청`). Both are measured in benchmarks/eval.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from bm25s.stopwords import STOPWORDS_EN
from kiwipiepy import Kiwi

TokenMode = Literal["kiwi", "bigram", "both"]

_CONTENT_TAGS = {"NNG", "NNP", "SN", "SH", "XR", "VV", "VA", "NR"}
_HANGUL_RUN = re.compile(r"[가-힣]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'\-]*|[0-9][0-9,.]*")
_STOP_EN = frozenset(STOPWORDS_EN)
_lock = threading.Lock()
_user_words: set[str] = set()


@lru_cache(maxsize=1)
def get_kiwi() -> Kiwi:
    """One Kiwi per process: loading its model takes a second or two."""
    return Kiwi()


def add_user_words(words: Iterable[str]) -> None:
    """Teach Kiwi names found by the fact extractors so they stay whole tokens."""
    kiwi = get_kiwi()
    with _lock:
        for word in words:
            word = word.strip()
            if len(word) >= 2 and word not in _user_words and _HANGUL_RUN.fullmatch(word):
                kiwi.add_user_word(word, "NNP")
                _user_words.add(word)


def _latin_tokens(text: str) -> list[str]:
    out = []
    for word in _LATIN_WORD.findall(text):
        word = word.lower().strip("'-.,")
        if word and word not in _STOP_EN:
            out.append(word.replace(",", ""))
    return out


def _kiwi_tokens(text: str) -> list[str]:
    tokens = []
    for tok in get_kiwi().tokenize(text):
        if tok.tag in _CONTENT_TAGS and _HANGUL_RUN.search(tok.form):
            tokens.append(tok.form)
    return tokens


def _bigrams(text: str) -> list[str]:
    out = []
    for run in _HANGUL_RUN.findall(text):
        if len(run) == 1:
            out.append(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def tokenize(text: str, mode: TokenMode = "both") -> list[str]:
    """Tokens of `text`: Latin words (lowercased, no stopwords) plus the Korean tokens of `mode`."""
    tokens = _latin_tokens(text)
    if mode in ("kiwi", "both"):
        tokens.extend(_kiwi_tokens(text))
    if mode in ("bigram", "both"):
        tokens.extend("²" + b for b in _bigrams(text))  # prefix keeps bigrams apart from morphemes
    return tokens
