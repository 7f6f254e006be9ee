"""The assistant a CLI session or an HTTP process holds: model and index loaded once, reused.

The index can change underneath (a sync, an upload): each question checks the manifest and, when a
new generation has been committed, switches to it atomically, so readers never see half an index.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from index.embed import Embedder, load_embedder
from index.errors import UserError
from index.settings import Settings
from index.store.errors import NoIndexError
from index.store.manifest import Manifest
from index.store.reader import Store
from index.tokens import kiwi_loading
from qa.answer import Answer, answer
from qa.archive import answer_archive, plan
from qa.bundle import EvidenceBundle, gather
from qa.chat import Conversation
from qa.question.analysis import analyse
from qa.question.query import Query
from qa.retrieve import Filters, Retriever
from qa.scorer import Scorer


@dataclass(frozen=True)
class _Generation:
    store: Store
    retriever: Retriever


class Assistant:
    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, scorer: Scorer | None = None
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._scorer = scorer
        self._current: _Generation | None = None
        self._lock = threading.Lock()

    @property
    def scorer(self) -> Scorer:
        if self._scorer is None:
            self._scorer = Scorer.load(self.settings.answer_model)
        return self._scorer

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.settings.model, self.settings.threads)
        return self._embedder

    def generation(self) -> _Generation:
        """The newest committed generation, opened once and shared."""
        manifest = Manifest.read(self.settings.home)
        if manifest is None:
            raise NoIndexError(f"no index at {self.settings.home}: run `pressqa index sync DIR` first")
        current = self._current
        if current is not None and current.store.generation == manifest.generation:
            return current
        with self._lock:
            if self._current is None or self._current.store.generation != manifest.generation:
                store = Store(self.settings.home, manifest)
                # read the search structures now, not lazily mid-question: a sync that commits two
                # newer generations deletes this one's files, and a reader must not miss them then
                _ = (store.vectors, store.lexical)  # opened (mapped) now: unlinked files stay readable
                retriever = Retriever(store, self.embedder, self.settings)
                self._current = _Generation(store, retriever)
            return self._current

    @property
    def store(self) -> Store:
        return self.generation().store

    def ask(
        self,
        question: str,
        k: int | None = None,
        filters: Filters | None = None,
        conversation: Conversation | None = None,
    ) -> Answer:
        gen = self.generation()  # first: opening it teaches Kiwi the index's names before any analysis
        if conversation is None and question.strip() and kiwi_loading():
            # a cold command: the dense half of retrieval needs no Kiwi, so it goes before the analysis waits
            gen.retriever.prefetch(question.strip(), max(k or self.settings.k, 8), filters)
        query = analyse(question.strip()) if question.strip() else None
        archive = self.archive_answer(question, filters, query)
        if archive is not None and query is not None:
            if conversation is not None:
                conversation.record(query, archive)
            return archive
        bundle = self.bundle(question, k, filters, conversation, query)
        result = answer(bundle, self.scorer)
        if conversation is not None:
            conversation.record(bundle.query, result)
        return result

    def archive_answer(
        self, question: str, filters: Filters | None = None, query: Query | None = None
    ) -> Answer | None:
        """The answer of an archive-wide list question (`qa.archive`); None for any other question."""
        question = question.strip()
        if not question:
            return None
        store = self.generation().store  # before analysing: Kiwi learns the index's names
        query = query or analyse(question)
        archive = plan(query)
        if archive is None:
            return None
        if filters is not None and filters.active:  # the request's date bounds narrow the question's
            q = archive.query
            archive = type(archive)(
                replace(
                    q,
                    date_from=max(filter(None, (q.date_from, filters.date_from)), default=None),
                    date_to=min(filter(None, (q.date_to, filters.date_to)), default=None),
                )
            )
        return answer_archive(store, query, archive)

    def bundle(
        self,
        question: str,
        k: int | None = None,
        filters: Filters | None = None,
        conversation: Conversation | None = None,
        query: Query | None = None,
    ) -> EvidenceBundle:
        """Everything the answer layer may look at for this question, read from the index once
        (`query`: the question already analysed, when the caller has it)."""
        question = question.strip()
        if not question:
            raise UserError("the question is empty")
        gen = self.generation()
        query = query if query is not None and query.text == question else analyse(question)
        search_text, prefer = question, []
        if conversation is not None:
            search_text, prefer = conversation.contextualise(query)
        retrieval = gen.retriever.retrieve(
            search_text,
            k=max(k or self.settings.k, 8),
            filters=filters,
            cross_releases=self.settings.cross_releases,
        )
        return gather(gen.store, query, retrieval, prefer)
