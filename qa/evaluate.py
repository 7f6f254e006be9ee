"""The evaluation metrics of `pressqa eval`, exactly as defined for the shared question sets.

normalise = NFKC, lowercase, drop whitespace and punctuation.
- doc@1: the first citation's source is the gold release.
- evidence@1: the first citation is from the gold release and its quote overlaps the gold evidence
  (one contains the other, or their longest common substring ≥ max(8, half the evidence)).
- answer: answerable, the answer contains a gold answer and is at most 4×len(gold)+12 characters.
- abstain_ok: unanswerable questions answered with answerable=false.
- false_abstain: answerable questions answered with answerable=false.
Plus one retrieval-only metric, so the index can be judged apart from the answer layer:
- search@1: the top hit of a plain search (`pressqa search`) is from the gold release.
And one for the answer layer's first stage, reported by the cross-validated mode only:
- cand_recall: some answer candidate drawn from the gold release passes the answer rule (the
  ceiling the fitted selection can reach).
List questions (a `gold_items` field: each item its accepted `names` and the `docs` that support it):
- item_p: share of the answer's items that are a gold item not already matched, cited from one of
  that item's docs by a quote that contains the name (an empty answer to a non-empty list scores 0).
- item_r: share of the gold items so matched. An empty gold list scores abstain_ok instead.
Story groups (`--stories FILE`: JSONL of {story, members}): every pair of releases is labelled one
story or not, and the index's near-duplicate groups are scored as pair_p / pair_r.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

METRICS = (
    "search@1",
    "doc@1",
    "evidence@1",
    "answer",
    "abstain_ok",
    "false_abstain",
    "cand_recall",
    "item_p",
    "item_r",
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(
        ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S"))
    )


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Objects with a `question` field, or plain text lines (then nothing is scored)."""
    items = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            items.append(json.loads(line))
        else:
            items.append({"question": line})
    return items


def _overlaps(quote: str, evidence: str) -> bool:
    q, e = normalise(quote), normalise(evidence)
    if not q or not e:
        return False
    if q in e or e in q:
        return True
    match = SequenceMatcher(None, q, e, autojunk=False).find_longest_match(0, len(q), 0, len(e))
    return match.size >= max(8, len(e) / 2)


def answer_ok(answer: str | None, golds: Iterable[str]) -> bool:
    got = normalise(answer or "")
    for gold in golds:
        g = normalise(gold)
        if g and g in got and len(got) <= 4 * len(g) + 12:
            return True
    return False


def _name_key(name: str) -> str:
    from index.archive.reading import name_key

    return name_key(name)


def score_list(question: dict[str, Any], result: dict[str, Any]) -> dict[str, float | None]:
    """Item precision and recall of a list answer; each item must be cited from a gold doc."""
    gold = question.get("gold_items") or []
    said_answerable = bool(result.get("answerable"))
    items = (result.get("items") or []) if said_answerable else []
    out: dict[str, float | None] = {m: None for m in METRICS}
    if not gold:
        return out | {"abstain_ok": int(not items)}
    matched: set[int] = set()
    correct = 0
    for item in items:
        names = {_name_key(n) for n in [item.get("name", ""), *item.get("variants", [])] if n}
        citation = item.get("citation") or {}
        quote = normalise(citation.get("quote", ""))
        for i, g in enumerate(gold):
            keys = {_name_key(n) for n in g["names"]}
            if i in matched or not names & keys:
                continue
            if citation.get("source") in g["docs"] and any(normalise(n) in quote for n in g["names"]):
                matched.add(i)
                correct += 1
            break
    return out | {
        "item_p": round(correct / len(items), 4) if items else 0.0,
        "item_r": round(len(matched) / len(gold), 4),
        "false_abstain": int(not said_answerable),
    }


def score_stories(groups: dict[str, str], sources: list[str], stories_path: Path) -> dict[str, Any]:
    """Pairwise precision/recall of the index's story groups against a gold partition."""
    gold: dict[str, str] = {}
    for item in load_questions(stories_path):
        for member in item["members"]:
            gold[member] = item["story"]
    names = [s for s in sources if s in gold]
    tp = fp = fn = 0
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            same_gold = gold[a] == gold[b]
            same_pred = groups.get(a, a) == groups.get(b, b)
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    return {
        "releases": len(names),
        "pairs": len(names) * (len(names) - 1) // 2,
        "gold_pairs": tp + fn,
        "predicted_pairs": tp + fp,
        "pair_p": round(tp / (tp + fp), 4) if tp + fp else None,
        "pair_r": round(tp / (tp + fn), 4) if tp + fn else None,
    }


def score(question: dict[str, Any], result: dict[str, Any]) -> dict[str, int | None]:
    """0/1 per metric for one question; None where the metric does not apply."""
    if "gold_items" in question:
        return score_list(question, result)  # type: ignore[return-value]
    answerable_gold = question.get("type") != "unanswerable" and bool(question.get("gold_doc"))
    citations = result.get("citations") or []
    first = citations[0] if citations else None
    said_answerable = bool(result.get("answerable"))
    if not answerable_gold:
        return {m: None for m in METRICS} | {"abstain_ok": int(not said_answerable)}
    recall = result.get("cand_recall")
    none = {"item_p": None, "item_r": None}
    from_gold = first is not None and first.get("source") == question["gold_doc"]
    searched = result.get("search_top", "")  # absent when no search was run (follow-up turns)
    return {
        "search@1": None if searched == "" else int(searched == question["gold_doc"]),
        "doc@1": int(from_gold),
        "evidence@1": int(
            from_gold and _overlaps(first.get("quote", ""), question.get("gold_evidence") or "")
        ),
        "answer": int(said_answerable and answer_ok(result.get("answer"), question.get("gold_answers", []))),
        "abstain_ok": None,
        "false_abstain": int(not said_answerable),
        "cand_recall": None if recall is None else int(recall),
        **none,
    }


def summarise(rows: list[tuple[dict[str, Any], dict[str, int | None]]]) -> dict[str, Any]:
    """Mean of each metric overall, per question type and per language (with counts)."""

    def mean(scores: list[dict[str, int | None]]) -> dict[str, Any]:
        out: dict[str, Any] = {"n": len(scores)}
        for metric in METRICS:
            values = [s[metric] for s in scores if s[metric] is not None]
            out[metric] = round(sum(values) / len(values), 4) if values else None  # type: ignore[arg-type]
        return out

    by_type: dict[str, list] = defaultdict(list)
    by_lang: dict[str, list] = defaultdict(list)
    for question, scores in rows:
        by_type[question.get("type", "?")].append(scores)
        by_lang[question.get("lang", "?")].append(scores)
    return {
        "overall": mean([s for _, s in rows]),
        "by_type": {k: mean(v) for k, v in sorted(by_type.items())},
        "by_lang": {k: mean(v) for k, v in sorted(by_lang.items())},
    }


def check_floors(overall: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Failures against minimums (`false_abstain` is a maximum)."""
    failures = []
    for metric, bound in floors.items():
        value = overall.get(metric)
        if value is None:
            continue
        if metric == "false_abstain" and value > bound:
            failures.append(f"{metric} {value:.3f} > {bound}")
        elif metric != "false_abstain" and value < bound:
            failures.append(f"{metric} {value:.3f} < {bound}")
    return failures


def run_eval(assistant: Any, path: Path) -> dict[str, Any]:
    """Answer every question of `path` (two-turn items run as one conversation) and score them."""
    from qa.chat import Conversation

    rows, scored, followup_scores = [], [], []
    for item in load_questions(path):
        turns = item.get("turns")
        if turns:
            conversation = Conversation()
            for i, turn in enumerate(turns, start=1):
                result = assistant.ask(turn["question"], conversation=conversation).as_dict()
                scores = score(turn, result)
                if i > 1:  # only later turns test the conversation
                    followup_scores.append((turn, scores))
                rows.append({"id": f"{item.get('id')}#{i}", "question": turn["question"],
                             "answer": result.get("answer"), "scores": scores})  # fmt: skip
            continue
        result = assistant.ask(item["question"]).as_dict()
        if "gold_items" not in item:  # a list question has no single gold release to search for
            hits = assistant.generation().retriever.search(item["question"], k=1)
            result["search_top"] = hits[0].passage.source if hits else None
        scores = score(item, result)
        scored.append((item, scores))
        rows.append({"id": item.get("id"), "question": item["question"], "answer": result.get("answer"),
                     "scores": scores})  # fmt: skip
    summary = summarise(scored or followup_scores)
    followups = summarise(followup_scores)["overall"] if followup_scores and scored else None
    return {"summary": summary, "followups": followups, "rows": rows}
