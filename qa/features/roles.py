"""Roles: the part a candidate plays in its sentence against the part asked — the speaker of a
quote, a person's own title against a neighbour's, the origin, destination, venue or site of a place,
the product a firm makes."""

from __future__ import annotations

import re
from functools import lru_cache

from index.vocabulary import (
    EN_PLACE_ROLE_BEFORE,
    EN_PRODUCT_ROLE_AFTER,
    EN_PRODUCT_ROLE_BEFORE,
    KO_PLACE_ROLE_AFTER,
    KO_PRODUCT_ROLE_AFTER,
    PLACE_ROLES,
    QUOTE_MARKS,
)
from qa.candidates import Candidate
from qa.features.distance import NEAR
from qa.features.text import norm
from qa.features.views import ReleaseView, UnitView
from qa.intent import Intent
from qa.lexicon import ENGLISH_FOR, GLOSSARY

_TITLE_RUN = re.compile(r"((?:[A-Z][\w.'’&-]*\s+(?:(?:of|and|for|the)\s+)?){1,7})$")
_PAIR_BREAK = re.compile(r"(?:와|과|및|,|、|·|\band)\s")
_ENDS_IN_AND = re.compile(r"\band\s*$")
_APPOSITIVE = re.compile(r",\s+([^,.;“”\"]{2,80})")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|noted|explained|stated|according to)\s*,?\s*$", re.I)
_SAID_AFTER = re.compile(
    r"^,?\s*(?:[\w.,' -]{0,60}?\s)?(?:said|says|added|noted|explained|stated|told)\b", re.I
)
_QUOTE_AFTER = re.compile(r"^\s?(?:[가-힣A-Za-z]{1,12}\s?)?(?:은|는|이|가)\s?[" + QUOTE_MARKS + "]")
_SUBJECT_AFTER = re.compile(r"^\s?(?:[가-힣]{1,12}\s?)?(?:은|는|이|가)\s")
# What the letters of an English keyword can match under re.I (ASCII letters, and ſ, K, ı, İ)
_LATIN = re.compile("[a-z]", re.I)
_SAID, _SUBJECT = 2, 1  # what `_said_after` finds after a name
_PLACE_KEYS = tuple((role, f"pl_{role}", f"x_{role}") for role in PLACE_ROLES)
CACHE = 4096  # strings kept per helper: a question's candidates share the text after a phrase's end


def asked_titles(intent: Intent) -> set[str]:
    """Title words the question names, in both languages (청장 ↔ commissioner)."""
    out = {norm(t) for t in intent.titles}
    for title in list(out):
        out |= {norm(w) for w in (*ENGLISH_FOR.get(title, ()), *GLOSSARY.get(title, ()))}
    return {t for t in out if t}


def add_person(
    f: dict,
    cand: Candidate,
    view: ReleaseView,
    unit: UnitView,
    window: str,
    intent: Intent,
    titles: set[str],
) -> None:
    """Speaker and title features; `titles` are the question's (`asked_titles`)."""
    names = view.speakers.get(cand.unit, set())
    cnorm = norm(cand.text)
    speaker_fact = any(fact.kind == "speaker" for fact in cand.facts)
    f["p_speaker"] = float(speaker_fact or _names_one_of(cnorm, names))
    f["p_speaker_any"] = float(_names_one_of(cnorm, view.speaker_names))
    f["p_said_next"] = float(_said_next(cand.release.text, cand, unit))
    lo, hi = cand.start - NEAR, cand.end + NEAR
    f["p_title_near"] = float(any(lo <= s and e <= hi for s, e in unit.titles))
    f["p_title_in"] = float(any(cand.start <= s and e <= cand.end for s, e in unit.titles))
    wnorm = norm(window)
    f["p_asked_title"] = float(any(t in wnorm for t in titles))
    f["p_asked_title_miss"] = float(bool(titles) and not f["p_asked_title"])
    f["p_entity_near"] = float(any(e in wnorm and e not in cnorm for e in view.terms.entities))
    tight = norm(_own_zone(cand.release.text, cand, unit))
    # a title next to an organisation's name is its head's, not the organisation's
    f["p_own_title"] = float(cand.label in ("PERSON", "TITLE") and any(t in tight for t in titles))
    f["p_entity_tight"] = float(any(e in tight and e not in cnorm for e in view.terms.entities))
    f["x_speech_speaker"] = float(intent.speech) * f["p_speaker"]
    f["x_speech_said"] = float(intent.speech) * f["p_said_next"]


def add_place(f: dict, cand: Candidate, view: ReleaseView, unit: UnitView, intent: Intent) -> None:
    roles = _place_roles(cand.release.text, cand, unit, view.lang)
    asked = intent.place_roles
    for role, has, cross in _PLACE_KEYS:
        f[has] = float(role in roles)
        f[cross] = float(role in roles and role in asked)
    f["pl_match"] = float(bool(roles & asked))
    f["pl_conflict"] = float(bool(roles) and bool(asked) and not roles & asked)
    f["pl_move_sentence"] = float("move" in unit.events)
    # the question asks or names an organisation (`주최한 단체는`; `intent.org` reads both) and the span
    # is where something was held or built: the hall answers where, not who
    f["x_org_venue"] = float(intent.org and bool(roles & {"venue", "site"}))


def add_product(f: dict, cand: Candidate, view: ReleaseView, unit: UnitView, intent: Intent) -> None:
    """The span names what a firm makes: the object of a making verb or the head of `… 제조 공장`."""
    text = cand.release.text
    after = text[cand.end : min(unit.end, cand.end + 40)]
    if view.lang == "ko":
        made = _made_ko(after)
    else:
        before = text[max(unit.start, cand.start - 60) : cand.start]
        made = bool(EN_PRODUCT_ROLE_BEFORE.search(before) or EN_PRODUCT_ROLE_AFTER.search(after))
    f["c_product"] = float(made)
    f["x_product"] = float(intent.product and made)


@lru_cache(maxsize=CACHE)
def _made_ko(after: str) -> bool:
    """A Korean making verb or plant noun follows the span (`을 생산하는`, `제조 공장`)."""
    return bool(KO_PRODUCT_ROLE_AFTER.search(after))


def _names_one_of(cnorm: str, names: set[str] | frozenset[str]) -> bool:
    """The candidate is one of these (normalised) speaker names, or a part or a longer form of one."""
    return len(cnorm) >= 2 and any(n and (n in cnorm or cnorm in n) for n in names)


def _own_zone(text: str, cand: Candidate, unit: UnitView) -> str:
    """What is written right next to a name: `서도윤 대표이사`, `(청장 윤재혁)`, `Jane Roe, CEO of Acme,`,
    `Secretary of Commerce Jane Roe`."""
    lead = text[max(unit.start, cand.start - 80) : cand.start]
    return _zone_before(lead) + " " + _zone_after(text[cand.end : min(unit.end, cand.end + 90)])


@lru_cache(maxsize=CACHE)
def _zone_before(lead: str) -> str:
    """The title words before a name, from `lead`, the (up to) 80 characters before it in its sentence."""
    # a title before the name is its own only when nothing separates them: in `한지호 대표와 마서준`
    # the 대표 is 한지호's, and in `Chairman John Doe and Jane Roe` the chairman is Doe
    before = _PAIR_BREAK.split(lead[-14:])[-1]
    run = _TITLE_RUN.search(lead)
    if run and not _ENDS_IN_AND.search(run.group(1)):
        before = run.group(1) + " " + before
    return before


@lru_cache(maxsize=CACHE)
def _zone_after(tail: str) -> str:
    """The words right after a name and its appositive, from `tail`, the (up to) 90 characters after it."""
    appositive = _APPOSITIVE.match(tail)
    return tail[:14] + " " + (appositive.group(1) if appositive else "")


def _said_next(text: str, cand: Candidate, unit: UnitView) -> bool:
    """A name right next to a speech verb or a quote: `said Jane Roe`, `홍길동 시장은 “…”`."""
    if _SAID_BEFORE.search(text[max(unit.start, cand.start - 14) : cand.start]):
        return True
    after = _said_after(text[cand.end : min(unit.end, cand.end + 40)])
    return after == _SAID or (after == _SUBJECT and unit.quoted and unit.speech)


@lru_cache(maxsize=CACHE)
def _said_after(after: str) -> int:
    """`_SAID` when a speech verb or a quote follows (`, said …`, `시장은 “…`); `_SUBJECT` when only a
    subject particle does (`시장은 …`: a speaker in a sentence with a quote and a speech verb); else 0."""
    if _SAID_AFTER.match(after) or _QUOTE_AFTER.match(after):
        return _SAID
    return _SUBJECT if _SUBJECT_AFTER.match(after) else 0


def _place_roles(text: str, cand: Candidate, unit: UnitView, lang: str) -> frozenset[str]:
    roles = set(_roles_after(text[cand.end : min(unit.end, cand.end + 120)]))
    roles |= _roles_before(text[max(unit.start, cand.start - 80) : cand.start])
    if "base" in roles and "move" in unit.events:
        roles.add(
            "from"
        )  # `보람시에 소재한 X는 … 으로 이전`: where a moving firm sits is where it moves from
    if "from" in roles and "move" not in unit.events:
        roles.discard("from")
    if "to" in roles and "move" not in unit.events and lang == "en":
        roles.discard("to")
    return frozenset(roles)


@lru_cache(maxsize=CACHE)
def _roles_after(after: str) -> frozenset[str]:
    """Roles the Korean particle and verb after a place give it (`에서 … 개최`: the venue)."""
    return frozenset(role for role, pattern in KO_PLACE_ROLE_AFTER.items() if pattern.search(after))


def _roles_before(before: str) -> frozenset[str]:
    """Roles the English words before a place give it (`held at the`: the venue). Each pattern
    starts with an English keyword, so a text without a Latin letter has none."""
    if not _LATIN.search(before):
        return frozenset()
    return frozenset(role for role, pattern in EN_PLACE_ROLE_BEFORE.items() if pattern.search(before))
