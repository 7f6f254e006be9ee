"""Lists: a candidate's members against the count and plurality asked, and what its members (or the
candidate itself) are: people, places, firms or public bodies."""

from __future__ import annotations

from functools import lru_cache

from index.vocabulary import PUBLIC_BODY
from qa.candidates import Candidate
from qa.intent import Intent


def add_list(f: dict, cand: Candidate, intent: Intent) -> None:
    n = len(cand.members)
    f["l_members"] = float(n)
    f["l_is_list"] = float(n >= 2)
    count = intent.count
    f["l_count_match"] = float(count is not None and n == count)
    f["l_count_miss"] = float(count is not None and count > 1 and n != count)
    f["l_size_miss"] = float(intent.size_asked and f["l_count_miss"])
    f["x_plural_list"] = float(intent.plural and n >= 2)
    if n:
        members = cand.member_labels or [frozenset()] * n
        f["l_places"] = sum("PLACE" in m for m in members) / n
        f["l_orgs"] = sum("ORG" in m for m in members) / n
        f["l_proper"] = sum("PROPER" in m for m in members) / n
        f["l_people"] = sum("PERSON" in m for m in members) / n
    names = [" ".join(cand.release.text[a:b].split()) for a, b in cand.members] or [cand.text]
    f["c_public"] = sum(_public(m.strip()) for m in names) / len(names)
    f["x_org_public"] = float(intent.org) * f["c_public"]


def list_size_conflict(row: dict[str, float]) -> bool:
    """A list of another size than the one asked: `협약을 맺은 4개사는` is not answered by two of them
    (a list cut short) or by one (a member taken for the whole)."""
    return bool(row.get("l_size_miss"))


@lru_cache(maxsize=4096)
def _public(name: str) -> bool:
    """A ministry, an agency or a local government (`PUBLIC_BODY`), not a firm."""
    return bool(PUBLIC_BODY.search(name))
