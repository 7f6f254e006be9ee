"""The evidence bundle: everything the answer layer may look at, gathered once per question.

Retrieval ranks passages; the bundle takes the releases those passages belong to (a follow-up's
previous releases first) and reads, in one go, their text, sentences, facts and mentions, and the
query's dense similarity to every one of their passages. Answering is then a pure function of
(query, bundle): no store reads while scoring, no similarity computed twice, and a bundle can be
saved with a question to train or test the answer layer without an index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from index.models import Fact, Sentence
from index.store.reader import Store
from index.store.rows import GroupMember
from qa.cite import ReleaseInfo
from qa.question.query import Query
from qa.retrieve import Hit, Retrieval

MAX_RELEASES = 4  # releases taken from the top hits (a follow-up's releases come on top)


@dataclass(frozen=True)
class PassageEvidence:
    id: int
    start: int
    end: int
    dense: float  # the query's cosine similarity to this passage
    rank: int | None  # rank among the retrieved hits (0 = first), None when not retrieved


@dataclass(frozen=True)
class ReleaseEvidence:
    info: ReleaseInfo
    lang: str
    rank: int  # order of first appearance in the hits (0 = the top hit's release)
    preferred: bool  # a follow-up's release from the previous answer
    crossed: bool  # only reached through the other language's glossed words
    sentences: list[Sentence]
    passages: list[PassageEvidence]
    facts: list[Fact]  # typed facts and mentions

    @property
    def release_id(self) -> str:
        return self.info.release_id

    @property
    def text(self) -> str:
        return self.info.text

    def best_dense(self) -> float:
        return max((p.dense for p in self.passages), default=0.0)


@dataclass(frozen=True)
class EvidenceBundle:
    query: Query
    hits: list[Hit]
    releases: list[ReleaseEvidence]
    names: list[str] = field(default_factory=list)  # Hangul names an English question spelled in Latin
    glosses: list[str] = field(default_factory=list)  # the question's domain words in the other language
    groups: dict[str, str] = field(default_factory=dict)  # release → story group, for releases with copies
    copies: dict[str, list[GroupMember]] = field(default_factory=dict)  # story group → its releases

    def also_published_by(self, release_id: str) -> list[dict[str, object]]:
        """The other releases telling the story of `release_id` (other outlets' copies)."""
        group = self.groups.get(release_id)
        return [m.as_dict() for m in self.copies.get(group or "", []) if m.release_id != release_id]

    def story(self, release_id: str) -> str:
        return self.groups.get(release_id, release_id)

    def release(self, release_id: str) -> ReleaseEvidence | None:
        return next((r for r in self.releases if r.release_id == release_id), None)

    @property
    def best_dense(self) -> float:
        return max((r.best_dense() for r in self.releases), default=0.0)


def gather(
    store: Store,
    query: Query,
    retrieval: Retrieval,
    prefer: Sequence[str] = (),
    max_releases: int = MAX_RELEASES,
) -> EvidenceBundle:
    """Read the candidate releases of one question and everything about them, once."""
    hits = retrieval.hits
    order: list[str] = [rid for rid in prefer if store.release(rid) is not None]
    crossed: set[str] = set()
    for hit in hits:
        rid = hit.passage.release_id
        if rid in order:
            continue
        if hit.dense_rank is None and hit.bm25_rank is None:
            crossed.add(rid)  # added by the cross-language step, not by the ranking
        order.append(rid)
    chosen = order[: max_releases + len(prefer)]
    chosen += [rid for rid in order if rid in crossed and rid not in chosen]
    hit_rank = {h.passage.id: i for i, h in enumerate(hits)}
    spans = {rid: store.passage_spans(rid) for rid in chosen}
    dense = store.dense_scores(retrieval.vector, [pid for rows in spans.values() for pid, _, _ in rows])
    facts_by_release: dict[str, list[Fact]] = {rid: [] for rid in chosen}
    for fact in store.facts(chosen):
        facts_by_release[fact.release_id].append(fact)
    releases: list[ReleaseEvidence] = []
    for rank, rid in enumerate(chosen):
        release = store.release(rid)
        if release is None:
            continue
        info = ReleaseInfo(rid, release.source, release.title, release.date, release.text)
        passages = [
            PassageEvidence(pid, s, e, dense.get(pid, 0.0), hit_rank.get(pid)) for pid, s, e in spans[rid]
        ]
        releases.append(
            ReleaseEvidence(
                info=info,
                lang=release.lang,
                rank=rank,
                preferred=rid in prefer,
                crossed=rid in crossed,
                sentences=store.sentences(rid),
                passages=passages,
                facts=facts_by_release[rid],
            )
        )
    groups = store.group_ids([*chosen, *(h.passage.release_id for h in hits)])
    copies = store.group_members(set(groups.values()))
    return EvidenceBundle(
        query, list(hits), releases, list(retrieval.names), list(retrieval.glosses), groups, copies
    )
