"""How the archive filters read a fact (roles, places, names, organisation), and why.

- role: the fact's own role, plus signing or investing when its sentence's verbs name them (a firm
  listed in `협약을 맺은 기업은 A, B다` has role `mention` but signed an MOU); a listed firm also takes
  the cues of the sentence before it (`signed MOUs with three companies. The three firms are A, B
  and C.`). Relocation is the extractor's call alone.
- places: a destination written `다올시` matches `충북` when the release writes it `충북 다올시` (the
  region words just before it, or `, State` just after it); an origin missing from the fact is read
  from `X에 본사를 둔` / `from X` in its sentence. Regions resolve through `index.regions`.
- organisation: the release names it (text or title), spelled out or abbreviated (`경자청`, `FEZ`).
- dates: the release's date.
"""

from __future__ import annotations

import re
import unicodedata

from index.models import Fact
from index.regions import query_regions, regions_in

_KO_CUES = {
    "relocate": re.compile(r"(?<!기술\s)(?<!기술)(?:이전(?!받|에|보다|까지)|옮기|옮긴|옮겨|이주|둥지)"),
    "mou": re.compile(r"협약|MOU|양해각서|협정"),
    "invest": re.compile(r"투자|증설|신설|건립"),
}
_EN_CUES = {
    "relocate": re.compile(
        r"\brelocat\w*|\bmov(?:e|es|ed|ing)\s+(?:its\s+|their\s+)?(?:\w+\s+){0,2}?(?:headquarters|HQ|operations)",
        re.I,
    ),
    "mou": re.compile(r"\bMOUs?\b|memorand(?:um|ums|a) of understanding|\bagreements?\b", re.I),
    "invest": re.compile(r"\binvest\w*", re.I),
}
_LEGAL = re.compile(
    r"㈜|\(주\)|\(유\)|주식회사|유한회사|농업회사법인|,?\s+(?:Co\.,?\s+Ltd\.?|Inc\.?|Corp\.?|Corporation|Co\.|LLC|Ltd\.?|"
    r"Limited|PLC|plc|GmbH|AG|L\.P\.|LP)$"
)
KO_TAIL = re.compile(r"(?:이다|다|와|과|은|는|이|가|을|를|의|도|로|에)$")
ORG_NAME = re.compile(
    r"(?:경제자유구역청|자유구역청|경자청|도청|시청|군청|구청|청|공사|공단|재단|진흥원|대학교|위원회|부|처)$"
    r"|\b(?:Authority|County|Commission|Department|Ministry|Agency|Council|University|Administration|State)$"
)
_ORG_ALIASES = (
    ("경제자유구역청", "경자청"),
    ("freeeconomiczoneauthority", "fez"),
    ("freeeconomiczone", "fez"),
)
_ADMIN = re.compile(r"^[가-힣]+(?:시|군|구|도|읍|면)$")
_KO_ORIGIN = re.compile(
    r"((?:[가-힣A-Za-z]+\s){0,2}[가-힣A-Za-z]+?)(?:에|에서)\s?(?:본사를\s?둔|있는|위치한|소재한|소재하는|본사가\s?있는)"
)
_EN_ORIGIN = re.compile(
    r"\bfrom\s+(?:its\s+(?:current\s+)?(?:location|base|home|headquarters)\s+in\s+)?"
    r"([A-Z][\w.'-]*(?:[ ]+[A-Z][\w.'-]*)*(?:,[ ]+[A-Z][\w.]*(?:[ ]+[A-Z][\w.]*)?)?)"
)


def compact(text: str) -> str:
    """What two spellings of one name share: NFKC, lower case, no spaces or punctuation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).lower()


def name_key(name: str) -> str:
    """A firm name without its legal form (`㈜다래소재`, `Pellworth Foods Inc.` → `다래소재`, `pellworthfoods`)."""
    name = unicodedata.normalize("NFKC", name).strip()
    while (bare := _LEGAL.sub("", name).strip()) != name:
        name = bare
    return compact(name)


def org_key(text: str) -> str:
    key = compact(text)
    for long, short in _ORG_ALIASES:
        key = key.replace(long, short)
    return key


def _cues(text: str) -> set[str]:
    return {role for cues in (_KO_CUES, _EN_CUES) for role, rx in cues.items() if rx.search(text)}


def _previous_sentence(text: str, start: int) -> str:
    head = text[max(0, start - 400) : start].rstrip()
    cut = max(head.rfind(". "), head.rfind(".\n"), head.rfind("다."), head.rfind("\n"))
    return head[cut + 1 :] if cut >= 0 else head


def roles(fact: Fact, text: str) -> frozenset[str]:
    """Own role, plus signing and investing named by the sentence's verbs (a move must be the
    firm's own: `지난해 본사를 옮긴 X가 증설한다` is an investment, not a relocation)."""
    own = fact.fields.get("role")
    cues = _cues(text[fact.start : fact.end])
    if own == "mention":
        cues |= _cues(_previous_sentence(text, fact.start))
    return frozenset(({own} if own else set()) | (cues - {"relocate"}))


def expand_place(value: str | None, text: str) -> str | None:
    """`다올시` → `충북 다올시`, `Millbrook` → `Millbrook, North Carolina`: as the release writes it."""
    if not value:
        return None
    if regions_in(value):
        return value
    esc = re.escape(value)
    for before in re.finditer(rf"((?:[가-힣]+\s){{1,2}}){esc}", text):
        words = before.group(1).split()
        while words and not (regions_in(words[0]) or _ADMIN.search(words[0])):
            words = words[1:]
        if words and regions_in(" ".join(words)):
            return " ".join([*words, value])
    after = re.search(rf"{esc},[ ]+([A-Z][\w.]*(?:[ ]+[A-Z][\w.]*)?)", text)
    if after and regions_in(after.group(1)):
        return f"{value}, {after.group(1)}"
    return value


def origin(fact: Fact, text: str) -> str | None:
    frm = fact.fields.get("from")
    if frm:
        return expand_place(frm, text)
    sentence = (
        text[fact.start : fact.span_start] if fact.span_start > fact.start else text[fact.start : fact.end]
    )
    m = _KO_ORIGIN.search(sentence)
    if m:
        words = m.group(1).split()
        while len(words) > 1 and not (regions_in(words[0]) or _ADMIN.search(words[0])):
            words = words[1:]
        return expand_place(" ".join(words), text)
    m = _EN_ORIGIN.search(text[fact.start : fact.end])
    return expand_place(m.group(1).strip(), text) if m else None


def place_matches(wanted: str, phrase: str | None) -> bool:
    if not phrase:
        return False
    regions = query_regions(wanted)
    if regions is not None:
        return bool(regions & regions_in(phrase))
    return compact(wanted) in compact(phrase)


def strip_tail(name: str, text: str) -> str:
    """`해윰로보틱스다` → `해윰로보틱스` when the release also writes the stem with another ending."""
    m = KO_TAIL.search(name)
    if not m or m.start() < 2:
        return name
    stem = name[: m.start()]
    if re.search(rf"{re.escape(stem)}(?!{re.escape(m.group(0))})", text):
        return stem
    return name


def is_place_name(name: str, text: str) -> bool:
    """`Cambridge` written `Cambridge, Massachusetts`, or a region itself: a place, not a firm."""
    if regions_in(name):
        return True
    m = re.search(rf"\b{re.escape(name)},[ ]+([A-Z][\w.]*(?:[ ]+[A-Z][\w.]*)?)", text)
    return bool(m and regions_in(m.group(1)))
