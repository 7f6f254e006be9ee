"""The asked kind: a wh-word often names the kind of thing the answer is (`산업단지는 어디` wants
an industrial park, `which city` a city and not the country around it, `주최한 단체는 어디` an
organisation and not the hall it met in). These features compare that noun with the candidate:
the noun written in it or beside it, and the two kinds."""

from __future__ import annotations

from index.countries import country_of
from index.regions import region_of
from index.script import HANGUL
from index.vocabulary import (
    ASKED_KINDS,
    EN_KIND_ENDINGS,
    KO_EVENT_ENDINGS,
    KO_ORG_ENDINGS,
    KO_VENUE_ENDINGS,
    KO_ZONE_ENDINGS,
    TITLED_NOUNS,
)
from qa.candidates import Candidate
from qa.features.text import norm
from qa.features.views import UnitView

_BESIDE = 12  # characters either side of a candidate where the asked noun counts as its label
_KO_ZONES = tuple(e for e in KO_ZONE_ENDINGS if e not in ("일원", "일대", "등지", "부지"))
_KO_VENUES = tuple(e for e in KO_VENUE_ENDINGS if len(e) >= 2)


def asked_kind(head: str | None) -> str | None:
    if not head:
        return None
    word = head.lower()
    # a compound ends in its kind: `산업단지` in `일반산업단지`, `maker` in `carmaker`
    shortest = 2 if HANGUL.search(word) else 5
    for kind, words in ASKED_KINDS.items():
        if word in words or any(word.endswith(w) for w in words if len(w) >= shortest):
            return kind
    return None


def kind_of(cand: Candidate, venue: bool) -> str | None:
    """What the candidate is, read from its own words; None when they do not say (then a venue
    by its role in the sentence, `venue`). A list is of its members' kind when they all agree."""
    if cand.members:
        text = cand.release.text
        tags = cand.member_labels or [frozenset()] * len(cand.members)
        kinds = {
            _kind_of_text(" ".join(text[a:b].split()), _member_label(tag), "PROPER" in tag)
            for (a, b), tag in zip(cand.members, tags, strict=True)
        }
        return kinds.pop() if len(kinds) == 1 else None
    if cand.label in ("NUMBER", "TIME", "QUOTE", "LIST"):
        return None
    return _kind_of_text(cand.text.strip(), cand.label, cand.proper) or ("venue" if venue else None)


def _member_label(tags: frozenset[str]) -> str:
    return next((label for label in ("ORG", "PLACE") if label in tags), "NP")


def _kind_of_text(text: str, label: str, proper: bool) -> str | None:
    if not text:
        return None
    if country_of(text):
        return "country"
    if region_of(text):
        return "region"
    words = text.split()
    if HANGUL.search(text):
        if text.endswith(_KO_ZONES):
            return "zone"
        if text.endswith(_KO_VENUES):
            return "venue"
        if text.endswith(KO_EVENT_ENDINGS):
            return "event"
        if label == "ORG":
            return "org"
        last = words[-1]
        if label == "PLACE" and len(last) >= 2 and last.endswith(("시", "군")):
            return "city"
        if (label == "PLACE" or proper) and not text.endswith(KO_ORG_ENDINGS) and _in_country(words):
            return "city"
    else:
        last = words[-1].lower().strip(".,")
        for kind, endings in EN_KIND_ENDINGS.items():
            if last in endings:
                return kind
        if label == "ORG":
            return "org"
        if label == "PLACE" and (proper or _in_country(words)):
            return "city"
    return None


def _in_country(words: list[str]) -> bool:
    """A place named with its country around it: `스페인 마드리드`, `Leipzig, Germany`."""
    return len(words) >= 2 and bool(country_of(words[0]) or country_of(words[-1].strip(",.")))


def add_kind(
    f: dict[str, float], cand: Candidate, unit: UnitView, head: str, kind: str | None, names: frozenset[str]
) -> None:
    """`head` is the question's asked noun and `names` its entities, normalised; `kind` the head's
    kind (`asked_kind`). A head inside a name the question gives (`vehicles` in `Larkspur Vehicles`
    when asked what Larkspur Vehicles makes) is not the kind written in the candidate."""
    cnorm = norm(cand.text)
    bare = cnorm
    for name in names:
        bare = bare.replace(name, " ")
    f["h_in"] = float(len(head) >= 2 and head in bare and cnorm != head)
    text = cand.release.text
    beside = (
        text[max(unit.start, cand.start - _BESIDE) : cand.start]
        + " "
        + text[cand.end : min(unit.end, cand.end + _BESIDE)]
    )
    f["h_beside"] = float(len(head) >= 2 and head in norm(beside))
    # a noun was asked (`which sector`, `the name of the model`): a quote or clause is not one
    f["h_clause"] = float(bool(head) and cand.label == "QUOTE" and head not in TITLED_NOUNS)
    found = kind_of(cand, bool(f.get("pl_venue"))) if kind else None
    f["h_kind_match"] = float(kind is not None and found == kind)
    f["h_kind_conflict"] = float(kind is not None and found is not None and found != kind)
