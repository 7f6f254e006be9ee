"""Type fit: what the question asks (its type, language and intent) against what the candidate is
(its label, form and frequency), and the crosses of the two that the scorer weighs."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from index.vocabulary import PLACE_ROLES
from qa.candidates import Candidate
from qa.features.text import NUMBER_WORD, norm
from qa.features.views import ReleaseView
from qa.intent import Intent
from qa.question.query import QUESTION_TYPES, Query

LABEL_NAMES = ("PERSON", "ORG", "PLACE", "TITLE", "TIME", "NUMBER", "QUOTE", "EVENT", "NP", "LIST")
_LEGAL = re.compile(r"㈜|\(주\)|주식회사|\b(?:Inc|Co|Corp|Ltd|LLC|Corporation|Company|Group)\b\.?")


def add_question(f: dict[str, float], q: Query, view: ReleaseView) -> None:
    for t in QUESTION_TYPES:
        f[f"q_{t}"] = float(q.type == t)
    f["q_en"] = float(q.lang == "en")
    f["q_cross"] = float(q.lang != view.lang)


def add_candidate(
    f: dict[str, float], cand: Candidate, q: Query, view: ReleaseView, qnorm: str, freq: int
) -> None:
    """The candidate's kind and form, and how much of it the question already says."""
    for label, is_label, cross in _label_keys(q.type):
        f[is_label] = float(label in cand.labels or cand.label == label)
        f[cross] = float(cand.label == label)
    f["c_derived"] = float(cand.derived)
    f["c_proper"] = float(cand.proper)
    words = len(cand.text.split())
    f["c_words"] = float(words)
    f["c_chars"] = math.log1p(len(cand.text))
    f["c_freq"] = math.log1p(freq)
    f["c_legal"] = float(bool(_LEGAL.search(cand.text)))
    cnorm = norm(cand.text)
    f["c_in_question"] = float(len(cnorm) >= 2 and cnorm in qnorm)
    f["c_has_question_word"] = float(any(t in cnorm for t in view.terms.weights if len(t) >= 2))
    f["c_question_share"] = question_share(cand.text, qnorm)


@lru_cache(maxsize=16)
def _label_keys(question_type: str) -> tuple[tuple[str, str, str], ...]:
    """Each label with its feature names: the candidate has it, and crossed with the question type."""
    return tuple((label, f"c_{label}", f"x_{question_type}_{label}") for label in LABEL_NAMES)


@lru_cache(maxsize=4096)
def question_share(text: str, qnorm: str) -> float:
    """Share of the candidate's words the question already says (numbers and counters aside:
    `몇 개 업체` asks for the number of 업체, so `7개 업체` is not a repeat of the question)."""
    words = [norm(w) for w in text.split() if not NUMBER_WORD.search(w)]
    words = [w for w in words if len(w) >= 2]
    if not words:
        return 0.0
    return sum(1 for w in words if w in qnorm) / len(words)


def add_intent(f: dict[str, float], intent: Intent) -> None:
    f["i_speech"] = float(intent.speech)
    f["i_person"] = float(intent.person)
    f["i_title"] = float(intent.title)
    f["i_money"] = float(intent.money)
    f["i_unit"] = float(intent.unit is not None)
    f["i_plural"] = float(intent.plural)
    f["i_count"] = float(intent.count or 0)
    for role in PLACE_ROLES:
        f[f"i_{role}"] = float(role in intent.place_roles)


def add_crosses(f: dict[str, float], cand: Candidate, it: Intent) -> None:
    label = cand.label
    f["x_title_TITLE"] = float(it.title and label == "TITLE")
    f["x_title_PERSON"] = float(it.title and label == "PERSON")  # asked a position, offered a name
    f["x_person_PERSON"] = float(it.person and label == "PERSON")
    f["x_org_ORG"] = float(it.org and (label == "ORG" or cand.proper))
    f["x_plural_LIST"] = float(it.plural and label == "LIST")
    f["x_money_NUMBER"] = float(it.money and label == "NUMBER")
    f["x_event_EVENT"] = float(it.event and (label == "EVENT" or (cand.proper and label in ("NP", "ORG"))))
