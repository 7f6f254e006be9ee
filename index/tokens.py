"""Lexical tokens for BM25: Korean morphemes without particles and/or character bigrams.

Korean glues particles and endings to words (`누리엑스포에서`), so whitespace tokens rarely match a
question's wording. Kiwi morphemes fix that; character bigrams catch compounds and abbreviations
Kiwi keeps whole (`한빛보람경제자유구역청` vs `경자청`). Both are measured in benchmarks/eval.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal

from index.script import HANGUL_RUN

if TYPE_CHECKING:  # both imported on first use: a no-op sync tokenises nothing
    from kiwipiepy import Kiwi

    from index.kiwi_process import KiwiProcess

TokenMode = Literal["kiwi", "bigram", "both"]

_CONTENT_TAGS = {"NNG", "NNP", "SN", "SH", "XR", "VV", "VA", "NR"}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'\-]*|[0-9][0-9,.]*")
# Kiwi 0.24 ships one language model, CoNg (`knlm`/`sbg` are no longer in kiwipiepy_model;
# `cong-global` is the same model, slower). What costs is its dictionaries of proper nouns, loaded
# and compiled into the analyser in every process: without the WikiData multi-word one and the
# Wikipedia/Namuwiki one, Kiwi reaches its first analysis in 0.9 s instead of 2.5 s, in 270 MB
# instead of 520 MB. The shared-set eval does not move (2 of the 154 training questions change);
# the names that matter here are taught from the index's facts (`add_user_words`).
# Measured in benchmarks/README.md; changing these changes tokens: rebuild (`pressqa index build`).
KIWI_OPTIONS: dict[str, object] = {"model_type": "cong", "load_multi_dict": False, "load_default_dict": False}

_lock = threading.RLock()
_user_words: set[str] = set()  # taught to Kiwi, or waiting for it to be created
_kiwi: Kiwi | KiwiProcess | None = None
_kiwi_in_child = False  # `_kiwi` is a KiwiProcess: words go to it in batches


def get_kiwi() -> Kiwi | KiwiProcess:
    """One Kiwi per process (or its child process, `start_kiwi_process`), created on first use with
    every user word already known.

    Kiwi builds its analyser at the first analysis and again after new user words: teaching the
    words before that first analysis (they wait in `_user_words`) pays for one build, not two.
    """
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                kiwi = Kiwi(**KIWI_OPTIONS)
                for word in _user_words:
                    kiwi.add_user_word(word, "NNP")
                _kiwi = kiwi
    return _kiwi


def start_kiwi_process() -> None:
    """Load Kiwi in a child process from now on (`index.kiwi_process`): for a short command that
    has other start-up work to do meanwhile. No-op once Kiwi exists, or where there is no fork."""
    global _kiwi, _kiwi_in_child
    with _lock:
        if _kiwi is None and hasattr(os, "fork"):
            from index.kiwi_process import KiwiProcess

            process = KiwiProcess(KIWI_OPTIONS)
            if _user_words:
                process.add_user_words(_user_words)
            _kiwi, _kiwi_in_child = process, True


def kiwi_loading() -> bool:
    """Kiwi runs in a child process that has not answered yet: it may still be loading, and work
    that needs no Kiwi is free to do first."""
    return _kiwi_in_child and not _kiwi.answered  # type: ignore[union-attr]


def add_user_words(words: Iterable[str]) -> None:
    """Teach Kiwi names found by the fact extractors so they stay whole tokens (Kiwi not loaded here)."""
    with _lock:
        new = []
        for word in words:
            word = word.strip()
            if len(word) >= 2 and word not in _user_words and HANGUL_RUN.fullmatch(word):
                new.append(word)
                _user_words.add(word)
        if _kiwi_in_child:
            _kiwi.add_user_words(new)  # type: ignore[union-attr]  # even none: the child builds its analyser once told
        elif _kiwi is not None:
            for word in new:
                _kiwi.add_user_word(word, "NNP")  # type: ignore[union-attr]


# bm25s's English stopwords (`bm25s.stopwords.STOPWORDS_EN`, Lucene's list), written out: importing
# them from bm25s runs its package init, which imports scipy (~0.2 s of every cold search).
# tests/test_tokens.py checks the two lists are the same.
STOPWORDS_EN = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there"
    " these they this to was will with".split()
)


def _latin_tokens(text: str) -> list[str]:
    out = []
    stop = STOPWORDS_EN
    for word in _LATIN_WORD.findall(text):
        word = word.lower().strip("'-.,")
        if word and word not in stop:
            out.append(word.replace(",", ""))
    return out


def _kiwi_tokens(text: str) -> list[str]:
    if not HANGUL_RUN.search(text):
        return []  # only Hangul morphemes are kept: text without Hangul never needs Kiwi
    tokens = []
    for tok in get_kiwi().tokenize(text):
        if tok.tag in _CONTENT_TAGS and HANGUL_RUN.search(tok.form):
            tokens.append(tok.form)
    return tokens


def _bigrams(text: str) -> list[str]:
    out = []
    for run in HANGUL_RUN.findall(text):
        if len(run) == 1:
            out.append(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def tokenize(
    text: str, mode: TokenMode = "both", morphemes: Callable[[str], list[str]] | None = None
) -> list[str]:
    """Tokens of `text`: Latin words (lowercased, no stopwords) plus the Korean tokens of `mode`.
    `morphemes` stands in for Kiwi's content morphemes (a query read off the index's vocabulary,
    `index.query_tokens`); everything else is made the same way either way."""
    tokens = _latin_tokens(text)
    if mode in ("kiwi", "both"):
        tokens.extend((morphemes or _kiwi_tokens)(text))
    if mode in ("bigram", "both"):
        tokens.extend("²" + b for b in _bigrams(text))  # prefix keeps bigrams apart from morphemes
    return tokens
