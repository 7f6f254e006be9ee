"""The one facade the routers call: one per process, created by `create_app`.

It holds the `Assistant` (model and index loaded once), the `Indexer` sharing its embedder, the
conversations, the answer gate (back-pressure) and the uploads folder. Questions run behind the
gate; writes take turns on a process lock and the index's `WriterLock`, each waited for at most
`write_wait_seconds` before a `Busy` (503 with Retry-After). Readers switch to a new generation
atomically (`Assistant.generation()`), so questions are answered while a write runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from api.conversations import ConversationStore
from api.gate import AnswerGate
from api.schemas import fact_out, release_meta
from api.uploads import Uploads
from index.errors import Busy, NotFound, UserError
from index.models import FACT_KINDS, Release
from index.settings import Settings
from index.store.errors import NoIndexError
from index.store.reader import Store
from index.sync import Indexer, SyncReport
from qa.retrieve import Filters
from qa.service import Assistant

logger = logging.getLogger("pressqa.api")


@dataclass(frozen=True)
class ArchiveFilter:
    """The archive filters of `GET /facts` (the same as `pressqa facts`)."""

    role: str | None = None
    to: str | None = None
    from_place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    org: str | None = None
    name: str | None = None
    distinct: bool = False

    @property
    def active(self) -> bool:
        values = (self.role, self.to, self.from_place, self.date_from, self.date_to, self.org, self.name)
        return self.distinct or any(v is not None for v in values)


T = TypeVar("T")


class Service:
    def __init__(self, settings: Settings, assistant: Assistant) -> None:
        self.settings = settings
        self.assistant = assistant
        self.conversations = ConversationStore(settings.conversation_ttl_seconds)
        self.gate = AnswerGate(settings.answer_workers, settings.answer_queue, settings.answer_wait_seconds)
        self.uploads = Uploads(settings)
        self._write_lock = threading.Lock()
        self._indexer: Indexer | None = None
        self._indexer_lock = threading.Lock()

    @property
    def indexer(self) -> Indexer:
        """The one indexer, sharing the assistant's embedder (the model is loaded once)."""
        if self._indexer is None:
            with self._indexer_lock:
                if self._indexer is None:
                    self._indexer = Indexer(
                        self.settings, self.assistant.embedder, lock_timeout=self.settings.write_wait_seconds
                    )
        return self._indexer

    def store(self) -> Store:
        return self.assistant.generation().store

    def _store_or_none(self) -> Store | None:
        try:
            return self.store()
        except NoIndexError:
            return None

    # --- questions ----------------------------------------------------------------------------

    def check_question(self, text: str, field: str = "question") -> str:
        limit = self.settings.max_question_chars
        if len(text) > limit:
            raise UserError(f"the {field} is too long ({len(text)} characters; the limit is {limit})")
        if not text.strip():
            raise UserError(f"the {field} is empty")
        return text

    async def ask(self, question: str, k: int | None, filters: Filters | None) -> dict[str, Any]:
        question = self.check_question(question)
        self.store()  # no index: a 503 at once, without taking an answer slot
        return await self.gate.run(
            lambda: self._answer(lambda: self.assistant.ask(question, k=k, filters=filters).as_dict())
        )

    async def chat(
        self, conversation_id: str | None, message: str, k: int | None, filters: Filters | None
    ) -> dict[str, Any]:
        message = self.check_question(message, field="message")
        self.store()
        if conversation_id:
            entry = self.conversations.get(conversation_id)
            if entry is None:
                raise NotFound(
                    f"conversation {conversation_id!r} is unknown or has expired; "
                    "start a new one by sending the message without conversation_id"
                )
        else:
            entry = self.conversations.create()

        def work() -> dict[str, Any]:
            with entry.lock:
                return self.assistant.ask(
                    message, k=k, filters=filters, conversation=entry.conversation
                ).as_dict()

        data = await self.gate.run(lambda: self._answer(work))
        self.conversations.touch(entry)
        return {**data, "conversation_id": entry.conversation.id}

    def _answer(self, work: Callable[[], T]) -> T:
        """Run `work`; if it failed because its generation was replaced and removed meanwhile
        (syncs back to back keep two), run it once more on the new one."""
        started_on = self.store().generation
        try:
            return work()
        except Exception:
            if self.store().generation == started_on:
                raise
            logger.warning(
                "generation %s was replaced during a question; answering from the new one", started_on
            )
            return work()

    # --- reads --------------------------------------------------------------------------------

    def _meta(self, release: Release) -> dict[str, Any]:
        return release_meta(release, self.uploads.holds(release))

    def list_releases(
        self, offset: int, limit: int, date_from: str | None, date_to: str | None, publisher: str | None
    ) -> dict[str, Any]:
        total, items = self.store().list_releases(offset, limit, date_from, date_to, publisher)
        return {"total": total, "offset": offset, "limit": limit, "items": [self._meta(r) for r in items]}

    def release(self, release_id: str) -> dict[str, Any]:
        store = self.store()
        release = store.release(release_id)
        if release is None:
            raise NotFound(f"no release with id {release_id!r}")
        facts = store.facts([release.id], FACT_KINDS)
        return {
            **self._meta(release),
            "text": release.text,
            "facts": [fact_out(f, release) for f in facts],
            "group": [m.as_dict() for m in store.group_of(release.id)],
        }

    def facts(
        self, kind: str | None, release_id: str | None, limit: int, offset: int, archive: ArchiveFilter
    ) -> dict[str, Any]:
        """Facts page by page; with an archive filter or `distinct`, the fact table queried across
        releases as `pressqa facts` does (one entry per firm, one citation per story)."""
        store = self.store()
        if archive.active or kind == "relocation":
            return self._archive_facts(store, kind, release_id, limit, offset, archive)
        ids = [release_id] if release_id else None
        facts = store.facts(ids, [kind] if kind else FACT_KINDS, limit=limit, offset=offset)
        releases: dict[str, Release | None] = {}
        items = []
        for fact in facts:
            if fact.release_id not in releases:
                releases[fact.release_id] = store.release(fact.release_id)
            if (release := releases[fact.release_id]) is not None:
                items.append(fact_out(fact, release))
        return {"type": kind, "offset": offset, "limit": limit, "items": items}

    @staticmethod
    def _archive_facts(
        store: Store,
        kind: str | None,
        release_id: str | None,
        limit: int,
        offset: int,
        archive: ArchiveFilter,
    ) -> dict[str, Any]:
        from index.archive.query import facts_page
        from index.archive.records import FactQuery

        role = archive.role
        if kind == "relocation":
            if role not in (None, "relocate"):
                raise UserError("type=relocation already means role=relocate")
            role = "relocate"
        fact_kind = "firm" if kind in (None, "relocation") else kind
        if fact_kind != "firm" and (role or archive.to or archive.from_place):
            raise UserError("role, to and from_place filter firm facts only")
        query = FactQuery(
            fact_kind, role, archive.to, archive.from_place, archive.date_from, archive.date_to,
            archive.org, archive.name, release_id,
        )  # fmt: skip
        page = facts_page(store, query, each=not archive.distinct, limit=limit, offset=offset)
        key = "entries" if archive.distinct else "items"
        return {"type": kind, "offset": offset, "limit": limit, "total": page["total"],
                "distinct": archive.distinct, key: page["items"]}  # fmt: skip

    def health(self) -> dict[str, Any]:
        settings = self.settings
        data: dict[str, Any] = {
            "status": "ok",
            "index": False,
            "model": settings.model,
            "generation": None,
            "counts": {},
            "auth": {
                "write": bool(settings.api_key),
                "read": bool(settings.api_key and settings.protect_reads),
            },
            "limits": {
                name: getattr(settings, name)
                for name in (
                    "max_question_chars",
                    "max_request_bytes",
                    "max_upload_bytes",
                    "max_upload_files",
                    "max_upload_records",
                    "conversation_ttl_seconds",
                    "answer_workers",
                    "answer_queue",
                )
            },  # fmt: skip
            "answering": {"pending": self.gate.pending, "refused": self.gate.refused},
            "conversations": len(self.conversations),
        }
        if (store := self._store_or_none()) is not None:
            data.update(index=True, model=store.model_id, generation=store.generation, counts=store.counts())
        return data

    # --- writes -------------------------------------------------------------------------------

    def write(self, action: Callable[[Indexer], T]) -> T:
        """Run one index write; writes take turns, and none waits longer than `write_wait_seconds`."""
        if not self._write_lock.acquire(timeout=self.settings.write_wait_seconds):
            raise Busy("another upload or sync is running; try again shortly", retry_after=5.0)
        try:
            return action(self.indexer)
        finally:
            self._write_lock.release()

    def sync(self, roots: Sequence[Path], only: Sequence[Path] | None = None) -> SyncReport:
        return self.write(lambda indexer: indexer.sync(roots, only=only))

    def sync_indexed_folders(self) -> dict[str, Any]:
        store = self.store()
        roots = [Path(p) for p in store.roots()]
        present = [p for p in roots if p.is_dir()]
        missing = [p.name for p in roots if not p.is_dir()]
        if present:
            report = self.sync(present).as_dict()
        else:
            report = {"added": 0, "updated": 0, "removed": 0, "unchanged": 0, "skipped": [],
                      "passages_embedded": 0, "passages_reused": 0, "generation": store.generation,
                      "seconds": 0.0}  # fmt: skip
        return {"roots": [p.name for p in present], "missing_roots": missing, **report}

    def delete(self, release_id: str) -> dict[str, Any]:
        """Drop a release from the index; an uploaded release's file is deleted as well."""

        def remove(indexer: Indexer) -> dict[str, Any]:
            release = self.store().release(release_id)
            if release is None:
                raise NotFound(f"no release with id {release_id!r}")
            report = indexer.remove([release.id])
            deleted = self.uploads.delete_file(release)
            return {"removed": release.id, "generation": report.generation, "file_deleted": deleted}

        return self.write(remove)

    def upload(self, files: Sequence[tuple[str, bytes]]) -> tuple[int, dict[str, Any]]:
        """Stage, then commit, the uploaded files: (201 if anything was added else 200, the body)."""
        staging = self.uploads.open()
        try:
            for name, data in files:
                self.uploads.stage(staging, name, data)
            if not staging.files:
                reasons = "; ".join(f"{s['file']}: {s['reason']}" for s in staging.skipped) or "no file"
                raise UserError(f"nothing could be indexed: {reasons}")
            done = self.write(lambda indexer: self.uploads.commit(staging, indexer, self._store_or_none()))
        finally:
            staging.close()
        store = self.store()
        root = str(self.uploads.root.resolve())
        found = [(h, r) for h in done.hashes if (r := store.release_with_hash(root, h)) is not None]
        releases = [r for _, r in found]
        existing = [r.id for h, r in found if h in done.existing]
        body = {
            "release_ids": [r.id for r in releases],
            "existing": existing,
            "releases": [self._meta(r) for r in releases],
            "skipped": staging.skipped,
            "generation": done.generation,
        }
        return (201 if len(existing) < len(releases) else 200), body

    # --- start --------------------------------------------------------------------------------

    def start(self) -> None:
        """Before the first request: load the model and index, finish what a killed server left."""
        self.assistant.embedder  # noqa: B018 - loads the model
        try:
            store = self.store()
            logger.info("serving generation %s (%s)", store.generation, store.model_id)
        except NoIndexError:
            logger.info("no index yet at %s: POST /releases or sync a folder", self.settings.home)
            store = None
        except Exception as exc:  # noqa: BLE001 - reported by every request too; the server still starts
            logger.error("cannot open the index: %s", exc)
            return
        try:
            done = self.write(lambda indexer: self.uploads.recover(indexer, store))
            if any(done.values()):
                logger.info("uploads left by a stopped server: %s", done)
        except Exception:  # noqa: BLE001 - the server still serves what is indexed
            logger.warning("could not finish the uploads left by a stopped server", exc_info=True)
        if store is not None or self._store_or_none() is not None:
            try:
                self.assistant.ask("warm-up")  # first-use costs (tokenizer dictionaries) paid before serving
            except Exception:  # noqa: BLE001 - a failed warm-up must not stop the server
                logger.warning("warm-up question failed", exc_info=True)
