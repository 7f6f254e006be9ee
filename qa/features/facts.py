"""Index-time facts: which kinds of fact hold the candidate, and whether their firm role or event
agrees with the events the question asks about."""

from __future__ import annotations

from index.vocabulary import event_classes
from qa.candidates import Candidate
from qa.intent import Intent


def add_facts(f: dict, cand: Candidate, intent: Intent) -> None:
    kinds = {fact.kind for fact in cand.facts}
    for kind in ("speaker", "role", "venue", "time", "count", "firm"):
        f[f"fact_{kind}"] = float(kind in kinds)
    roles = {str(fact.fields.get("role") or "") for fact in cand.facts if fact.kind == "firm"}
    asked = intent.events
    f["fact_firm_role_match"] = float(
        ("relocate" in roles and "move" in asked)
        or ("invest" in roles and "invest" in asked)
        or ("mou" in roles and "sign" in asked)
    )
    events = set()
    for fact in cand.facts:
        if fact.kind in ("venue", "time") and fact.fields.get("event"):
            events |= event_classes(str(fact.fields["event"]))
    f["fact_event_match"] = float(bool(events & asked))
    f["fact_event_miss"] = float(bool(events) and bool(asked) and not events & asked)
