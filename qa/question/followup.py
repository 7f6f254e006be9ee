"""Whether a question leans on an earlier turn of the conversation."""

from __future__ import annotations

import re

from index.script import HANGUL
from qa.question.analysis import analyse_with_morphemes

_KO_FOLLOWUP_WORDS = frozenset(
    "거기 그곳 이곳 여기 저기 그때 이번 해당 당시 그분 이분 그녀 그들 이들 앞서 상기".split()
)
_KO_FOLLOWUP_RE = re.compile(r"(?<![가-힣])(?:그곳|이곳|거기|그때|그\s*행사|그\s*기업|그\s*회사)")
_KO_CONTINUATION = re.compile(
    r"^(?:그럼|그러면|그리고|또|그\s*외|그\s*밖에|그밖에)(?![가-힣])|말고|또\s*다른"
)

# Acronyms that name a field, not a particular thing: they do not resolve a follow-up.
_GENERIC_ACRONYMS = frozenset("AI ICT IT CEO CEOS HQ MOU R&D CFO COO CTO IOT SW HW".split())

_EN_PRONOUN = re.compile(
    r"\b(?:he|she|they|them|his|her|hers|their|theirs|it|its|him|there|these|those)\b"
    r"|\b(?:this|that)\s+(?!year|month|week|quarter|morning|afternoon|evening)[a-z]+"
    r"|\b(?:this|that)\s*\?",
    re.IGNORECASE,
)
_EN_EXISTENTIAL = re.compile(
    r"\b(?:is|are|was|were|will be|be)\s+there\b|\bthere\s+(?:is|are|was|were)\b", re.IGNORECASE
)
_EN_CONTINUATION = re.compile(
    r"\belse\b|\balso\b|^\s*(?:and|what about|how about)\b|\bthe same\b", re.IGNORECASE
)


def is_followup(question: str) -> bool:
    """Whether the question leans on an earlier turn (`그 행사`, `이번`, `they`, `what else`), so
    the caller should carry over the previous question's entities. A demonstrative next to a
    named entity (`이번 DGFEZ 네트워킹데이`) is self-contained and does not count."""
    query, morphs = analyse_with_morphemes(question)
    text = query.text
    named = [e for e in query.entities if e.upper() not in _GENERIC_ACRONYMS]
    if query.lang == "ko" or HANGUL.search(text):
        if _KO_CONTINUATION.search(text):
            return True
        deictic = bool(_KO_FOLLOWUP_RE.search(text)) or any(
            (m.tag == "MM" and m.form in ("그", "이", "저", "해당", "다른"))
            or (m.tag in ("NP", "NNG", "NNB") and m.form in _KO_FOLLOWUP_WORDS)
            or (m.tag == "NP" and m.form == "그")
            for m in morphs
        )
        if deictic and not named:
            return True
    if query.lang == "en":
        if _EN_CONTINUATION.search(text):
            return True
        stripped = _EN_EXISTENTIAL.sub(" ", text)
        if _EN_PRONOUN.search(stripped) and not named:
            return True
    return False
