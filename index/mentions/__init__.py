"""Mentions: every span of a release that could answer a question, typed but not yet judged.

Facts (`index.facts`) are precise and few: a speaker with a quote, a firm that relocates. Mentions
are the opposite, high-recall side: every person, organisation, place, date, number, quoted title,
noun phrase and coordinated list, so that the answer layer can choose among all of them with a
fitted model instead of being limited to what a rule anticipated. Korean spans come from Kiwi's
tags, English ones from spaCy's NER when it is installed (regexes otherwise); numbers, dates and
quoted titles from patterns shared by both languages.

A mention is stored as a `Fact` of kind `mention` (fields: `label`, and `members` for lists), so
it lives in the same table, with the same `start/end` (its sentence) and `span_start/span_end`.
"""

from __future__ import annotations

from index.facts._common import Unit, logical_units, make_view
from index.mentions import en, ko, patterns
from index.mentions.model import LABELS, Mention, to_fact
from index.models import Fact, Sentence

MENTION_KIND = "mention"


def extract_mentions(text: str, sentences: list[Sentence], lang: str) -> list[Fact]:
    """All mentions of one cleaned release, one per (label, span), in text order."""
    view = make_view(text)
    units = logical_units(view, sentences)
    found: list[Mention] = []
    found += patterns.extract(view, units)
    found += ko.extract(view, units)
    if lang == "en" or _has_latin_prose(view):
        found += en.extract(view, units)
    seen: set[tuple[str, int, int]] = set()
    facts: list[Fact] = []
    for mention in sorted(found, key=lambda m: (m.start, -m.end, m.label)):
        key = (mention.label, mention.start, mention.end)
        if key in seen or mention.end <= mention.start:
            continue
        seen.add(key)
        facts.append(to_fact(mention))
    return facts


def _has_latin_prose(view: str) -> bool:
    letters = sum(ch.isascii() and ch.isalpha() for ch in view)
    return letters > 200 and letters > 0.3 * max(1, len(view))


__all__ = ["LABELS", "MENTION_KIND", "Mention", "Unit", "extract_mentions"]
