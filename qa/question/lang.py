"""Which language frames a question, when it mixes Hangul and Latin letters."""

from __future__ import annotations

import re
from typing import Literal

from index.script import HANGUL
from qa.question.words import EN_STOPWORDS

_LATIN = re.compile(r"[A-Za-z]")
_KO_ASKING = re.compile(
    r"누구|누가|어디|언제|며칠|몇|얼마|무엇|뭐|어떤|어느|무슨|알려\s*줘|알려\s*주세요|[가-힣](?:나요|까요?|니|냐|야|어|지)\s*[?？]?\s*$"
)
_EN_ASKING = re.compile(
    r"\b(?:who|whom|whose|what|when|where|which|how|why)\b|^\s*(?:is|are|was|were|do|does|did|can|could|will"
    r"|tell|name|list)\b",
    re.IGNORECASE,
)
_KO_GRAMMAR = re.compile(
    r"[가-힣](?:은|는|이|가|을|를|에서|으로|로|의|야|요|어|까|니|나|지|줘)(?=[\s?？.!]|$)"
)


def detect_lang(text: str) -> Literal["ko", "en"]:
    """'ko' when the question is framed in Korean. English questions about Korean topics may quote
    Hangul names (`Who is 윤재혁?`) and Korean ones English names (`Bank of the West는 어디야?`),
    so the language that asks (question words, endings) decides before the share of letters."""
    hangul = len(HANGUL.findall(text))
    if not hangul:
        return "en"
    latin = len(_LATIN.findall(text))
    if not latin:
        return "ko"
    ko_asks, en_asks = bool(_KO_ASKING.search(text)), bool(_EN_ASKING.search(text))
    if ko_asks != en_asks:
        return "ko" if ko_asks else "en"
    function_words = sum(1 for w in re.findall(r"[A-Za-z]+", text) if w.lower() in EN_STOPWORDS)
    if function_words >= 2:
        return "ko" if len(_KO_GRAMMAR.findall(text)) > function_words else "en"
    return "ko" if hangul * 2 >= latin else "en"
