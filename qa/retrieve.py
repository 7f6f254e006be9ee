"""Hybrid retrieval: dense (FAISS) and BM25 ranks fused by weighted reciprocal rank fusion.

Dense vectors carry meaning across languages (an English question finds a Korean release); BM25
carries exact names and numbers the small embedder blurs. RRF needs no score calibration between
the two, and over-fetching before filtering keeps `k` hits when a date/publisher filter is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from index.embed import Embedder
from index.query_tokens import tokenize_known
from index.romanize import latin_keys
from index.script import HANGUL
from index.settings import Settings
from index.store.reader import Store
from index.store.rows import PassageRow
from index.tokens import add_user_words
from index.tokens import tokenize as kiwi_tokenize
from qa.lexicon import cross_language_words


@dataclass(frozen=True)
class Filters:
    date_from: str | None = None
    date_to: str | None = None
    publisher: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.date_from or self.date_to or self.publisher)


@dataclass(frozen=True)
class Hit:
    passage: PassageRow
    score: float
    dense_rank: int | None
    bm25_rank: int | None
    dense_score: float | None = None


@dataclass(frozen=True)
class Retrieval:
    """The hits of one search and the query vector that found them (reused to score facts)."""

    hits: list[Hit]
    vector: np.ndarray
    names: list[str]  # Hangul names an English question spelled in Latin letters
    glosses: list[str]  # its domain words in the other language


class _DenseHalf(NamedTuple):
    names: list[str]
    text: str
    vector: np.ndarray
    dense: list[tuple[int, float]]


class Retriever:
    """Searches one store with one embedder; both are loaded once and reused."""

    def __init__(self, store: Store, embedder: Embedder, settings: Settings) -> None:
        store.check_model(embedder.model_id, embedder.dim)
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._dense: tuple[tuple[str, int], _DenseHalf] | None = None  # the last one (`prefetch`)
        add_user_words(store.user_words())

    def search(self, text: str, k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        """The fused top `k` (`pressqa search`), its Korean query tokens read off the index's
        vocabulary (`index.query_tokens`), not Kiwi's: a cold search then never loads Kiwi."""
        return self.retrieve(text, k, filters, kiwi=False).hits

    def retrieve(
        self,
        text: str,
        k: int | None = None,
        filters: Filters | None = None,
        dense_weight: float = 1.0,
        bm25_weight: float = 1.0,
        cross_releases: int = 0,
        kiwi: bool = True,
    ) -> Retrieval:
        """The fused top `k`, plus the best passages of up to `cross_releases` other-language
        releases the glossed words found: candidates for the answer layer to weigh, where a plain
        search ranking would have to put them above same-language releases to show them at all.

        `kiwi=False`: the question's Korean tokens are the vocabulary's words in it, and a Korean
        question's names are not romanized (Kiwi's proper nouns), so Kiwi is not needed; the
        ranking is the same but for `cross_releases`, which those names feed."""
        k = k or self.settings.k
        fetch = self._fetch(k, filters)
        asked_in_korean = bool(HANGUL.search(text))
        question = text
        names, text, vector, dense = self._dense_half(question, fetch)
        # Kiwi's part after the dense one: in a cold command Kiwi may still be loading (`index.kiwi_process`)
        glosses = cross_language_words(question, names=kiwi)
        mode = self.store.token_mode  # as the index was built, whatever is configured now

        def tokenize(text: str) -> list[str]:
            return kiwi_tokenize(text, mode) if kiwi else tokenize_known(text, mode, self.store.bm25_known)

        glossed = tokenize(" ".join(glosses))
        # An English question's Korean glosses join its own words. A Korean question's English
        # glosses only find candidates (below): fused into the ranking, they lifted English
        # releases above the Korean ones Korean questions were about (search@1 0.98 → 0.90).
        own = tokenize(text)
        lexical = self.store.bm25_search(own if asked_in_korean else own + glossed, fetch)
        fused: dict[int, float] = {}
        ranks: dict[int, dict[str, int]] = {}
        dense_scores = dict(dense)
        for name, weight, results in (("dense", dense_weight, dense), ("bm25", bm25_weight, lexical)):
            for rank, (pid, _) in enumerate(results, start=1):
                fused[pid] = fused.get(pid, 0.0) + weight / (self.settings.rrf_k + rank)
                ranks.setdefault(pid, {})[name] = rank
        order = sorted(fused, key=fused.__getitem__, reverse=True)
        allowed = (
            self.store.release_ids_matching(filters.date_from, filters.date_to, filters.publisher)
            if filters and filters.active
            else None
        )
        rows = self.store.passages(order[:fetch])
        # one story, one release: a near-duplicate copy of a release already hit is left out
        groups = self.store.group_ids({row.release_id for row in rows.values()})
        story: dict[str, str] = {}
        hits: list[Hit] = []
        for pid in order:
            row = rows.get(pid)
            if row is None or (allowed is not None and row.release_id not in allowed):
                continue
            group = groups.get(row.release_id, row.release_id)
            if story.setdefault(group, row.release_id) != row.release_id:
                continue
            hits.append(
                Hit(row, fused[pid], ranks[pid].get("dense"), ranks[pid].get("bm25"), dense_scores.get(pid))
            )
            if len(hits) >= k:
                break
        if cross_releases and asked_in_korean and glossed:
            crossed = self.store.bm25_search(glossed, 4 * cross_releases)
            hits += self._cross_hits(crossed, hits, allowed, cross_releases, dense_scores, set(story))
        return Retrieval(hits, vector, names, glosses)

    def prefetch(self, text: str, k: int | None = None, filters: Filters | None = None) -> None:
        """Do the dense half of `retrieve(text, k, filters)` now, for that call to reuse: a cold
        command does it while Kiwi is still loading, before the question's analysis waits for it."""
        self._dense_half(text, self._fetch(k, filters))

    def _fetch(self, k: int | None, filters: Filters | None) -> int:
        k = k or self.settings.k
        return max(self.settings.fetch_k, k) * (4 if filters and filters.active else 1)

    def _dense_half(self, question: str, fetch: int) -> _DenseHalf:
        """Hangul names the question spells in Latin letters, the text embedded (the question with
        them), its vector and the dense hits; the last one is kept for the next call to reuse."""
        last = self._dense  # one read: another thread may replace it meanwhile
        if last is not None and last[0] == (question, fetch):
            return last[1]
        names = self.store.hangul_for(latin_keys(question))
        text = (
            f"{question} ({' '.join(names)})" if names else question
        )  # an English question naming Korean places
        vector = self.embedder.encode_queries([text])[0]
        half = _DenseHalf(names, text, vector, self.store.dense_search(vector, fetch))
        self._dense = ((question, fetch), half)
        return half

    def _cross_hits(
        self,
        crossed: list[tuple[int, float]],
        hits: list[Hit],
        allowed: set[str] | None,
        limit: int,
        dense_scores: dict[int, float],
        stories: set[str] | None = None,
    ) -> list[Hit]:
        """The best passage of each release the glossed words rank first that `hits` lacks
        (nor any copy of a story `hits` already tells)."""
        seen = {h.passage.release_id for h in hits}
        rows = self.store.passages([pid for pid, _ in crossed])
        groups = self.store.group_ids({row.release_id for row in rows.values()})
        told = set(stories or ())
        extra: list[Hit] = []
        for pid, _ in crossed:
            row = rows.get(pid)
            if (
                row is None
                or row.release_id in seen
                or groups.get(row.release_id, row.release_id) in told
                or (allowed is not None and row.release_id not in allowed)
            ):
                continue
            seen.add(row.release_id)
            told.add(groups.get(row.release_id, row.release_id))
            extra.append(Hit(row, 0.0, None, None, dense_scores.get(pid)))
            if len(extra) >= limit:
                break
        return extra
