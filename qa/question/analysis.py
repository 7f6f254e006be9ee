"""`analyse`: a question's type, key terms, named entities and asked-about noun."""

from __future__ import annotations

from collections.abc import Iterable

from index.script import HANGUL
from qa.question.en_focus import en_focus, en_head
from qa.question.en_terms import en_entities, en_terms
from qa.question.ko_focus import ko_head, ko_how_many, ko_what, ko_who_is
from qa.question.ko_terms import ko_entities, ko_terms
from qa.question.lang import detect_lang
from qa.question.morphs import Morph, morphemes
from qa.question.query import Query
from qa.question.rules import classify


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)


def analyse(question: str) -> Query:
    """Type, key terms, named entities, and the asked-about noun of one question."""
    return analyse_with_morphemes(question)[0]


def analyse_with_morphemes(question: str) -> tuple[Query, list[Morph]]:
    """`analyse`, with the Kiwi morphemes it read (`is_followup` reads them too)."""
    text = question.strip()
    lang = detect_lang(text)
    kind = classify(text, lang)
    morphs = morphemes(text) if HANGUL.search(text) else []

    entities: list[str] = []
    terms: list[str] = []
    if lang == "en":
        entities.extend(en_entities(text))
        terms.extend(en_terms(text, entities))
        hangul = [m for m in morphs if m.tag != "SL"]
        entities.extend(e for e in ko_entities(text, hangul) if HANGUL.search(e))
        terms.extend(t for t in ko_terms(text, hangul) if HANGUL.search(t))
    else:
        entities.extend(ko_entities(text, morphs))
        terms.extend(ko_terms(text, morphs))
        terms.extend(e.lower() for e in entities if " " in e)

    focus: str | None = None
    unit: str | None = None
    if kind in ("who_is", "how_many", "what"):
        if lang == "ko":
            if kind == "how_many":
                focus, unit = ko_how_many(text, morphs)
            elif kind == "who_is":
                focus = ko_who_is(text, morphs)
            else:
                focus = ko_what(text, morphs)
        else:
            focus = en_focus(text, kind)
            unit = focus.lower() if kind == "how_many" and focus else None
    query = Query(
        text=text,
        lang=lang,
        type=kind,
        terms=_unique(terms),
        entities=_unique(entities),
        focus=focus,
        unit_hint=unit if kind == "how_many" else None,
        head=ko_head(text, morphs) if lang == "ko" else en_head(text),
    )
    return query, morphs
