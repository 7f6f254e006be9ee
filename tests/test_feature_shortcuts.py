"""The shortcuts the answer features take for speed give what the plain computation gives.

The shipped answer model was fitted on the feature values, so a shortcut may change how a value is
computed, never the value: each test sets a shortcut beside the plain scan it replaces, on fictional
sentences written to put its edge cases (a break cut at the end of the scanned text, a word that
only starts like a break, letters that fold to Latin ones) where a shortcut could slip.
"""

from __future__ import annotations

import re
import sys

import pytest

from index.vocabulary import EN_PLACE_ROLE_BEFORE
from qa.features.distance import _CLAUSE_BREAK, _last_break_end
from qa.features.roles import _roles_before
from qa.features.titles import FIRST_LETTERS, FIRST_OF, TITLE_PATTERN, title_spans

SENTENCES = [
    "가온테크는 보람시에서 누리시로 본사를 이전하고, 새벽정밀 및 한결소재와 협약을 맺었다. 행사에는 "
    "시장 그리고 의장이 참석했다.",
    "Acme and Larkspur Vehicles signed the pact; Anderson, the band's manager, and Sandy Roe spoke. "
    "The plant opens in May! Talks went on and on and",
    "△ 1부: 사례 발표 ▲ 2부: 만찬 • 네트워킹 ◆ 폐회 ■ 끝, 그리고",
    "다.다. 다. 및및 및 andand and. a.b! c",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_the_last_clause_break_of_every_head_is_the_one_a_scan_finds(sentence: str) -> None:
    for cut in range(len(sentence) + 1):
        before = sentence[:cut]
        plain = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
        assert _last_break_end(sentence, before) == plain, (cut, before[-12:])


def test_a_text_that_is_not_a_head_of_the_sentence_is_scanned_whole() -> None:
    assert _last_break_end("가온, 보람", "누리, 새벽 및 ") == len("누리, 새벽 및 ")


BEFORE_PLACES = [
    "행사는 누리시 ",
    "가온테크는 보람시에서 ",
    "The forum was held at the ",
    "moved its plant from ",
    "relocating its headquarters to ",
    "the new factory in ",
    "a firm based in ",
    "Acme is headquartered in ",
    "누리 Hall at ",
    "ſite in ",  # a long s: re.I folds it to s
    "\u212aorea at ",  # the Kelvin sign: re.I folds it to k
    "",
]


@pytest.mark.parametrize("before", BEFORE_PLACES)
def test_english_place_roles_before_a_place_are_the_patterns_own(before: str) -> None:
    plain = {role for role, pattern in EN_PLACE_ROLE_BEFORE.items() if pattern.search(before)}
    assert _roles_before(before) == plain


TITLED = [
    "가온테크 대표이사 한지호와 누리시 부시장, 새벽정밀 공동대표가 참석했고 대표 인사말은 관계자가 했다.",
    "Chief Executive Officer Jane Roe, the CEO and chairman of Acme, met the Governor; co-founder "
    "and chief technology officer Min-jun Park (ceo) spoke. Chieftain and mischief are no titles.",
    "CEO세미나에서 가온 대표는 CFO였던 ſecretary와 \u212aorea 담당관을 만났다. 부사장겸CTO, DIRECTOR.",
    "",
]


@pytest.mark.parametrize("text", TITLED)
def test_title_spans_are_the_alternations_own_matches(text: str) -> None:
    assert title_spans(text) == [m.span() for m in re.finditer(TITLE_PATTERN, text, re.I)]


def test_the_first_letters_fold_as_re_folds_them() -> None:
    """Every character re.I matches to a title's first letter, and no other, leads to that letter."""
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    for first in FIRST_LETTERS:
        matched = set(re.compile(re.escape(first), re.I).findall(every))
        assert matched == {c for c, f in FIRST_OF.items() if f == first.lower()}, first
