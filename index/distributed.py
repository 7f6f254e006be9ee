"""A build whose embedding runs on a Ray cluster: `pressqa index build DIR… --ray ADDRESS`.

Embedding is ~95 % of a build and embarrassingly parallel; the rest stays on the driver, in the
local build's order. That is what keeps the two builds identical: Kiwi learns the names the facts
find as the build goes, so a release's tokens depend on the releases before it, and preparing
releases on workers would tokenise them differently.

1. The driver reads, cleans and windows the releases (cheap: no facts, no Kiwi) to find the passage
   texts that are not in the embedding cache yet.
2. Ray Data streams those texts through `map_batches` over an actor pool, one model per actor
   (`PassageEncoder`); vectors land in the embedding cache by text hash as they come back.
3. The local build (`Indexer.sync(full=True)`) then runs with every vector cached and writes the
   generation with the same writer. A text it still misses (a file edited meanwhile) is embedded
   on the cluster too, through `RayEmbedder`.

Workers need pressqa installed (and the model, if it is not the bundled one); only the driver reads
the release folders and writes the index. Ray is imported here alone, and only when `--ray` is used:
the default install does not have it (`pip install 'pressqa[ray]'`).
"""

from __future__ import annotations

import logging
import math
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from index.embed import Embedder, EmbeddingCache, load_embedder
from index.errors import Unavailable, UserError
from index.models import Release, SkippedFile, sha256_hex
from index.prepare import embed_input, split_release
from index.settings import Settings
from index.sources import iter_raw_docs
from index.sync import CHUNK_RELEASES, Indexer, SyncReport

WAVE_TEXTS = 50_000  # texts per Ray Data run: bounds the driver's memory; each run starts its actors
INSTALL_HINT = "pip install 'pressqa[ray]'"


class RayUnavailableError(Unavailable):
    """`--ray` was given but Ray (the optional `ray` extra) is not installed."""


def import_ray() -> Any:
    """Ray and Ray Data, or a clear error saying how to get them."""
    try:
        import ray
        import ray.data  # noqa: F401 - a core-only Ray install lacks it
    except ImportError as exc:
        raise RayUnavailableError(
            f"--ray needs Ray Data, which is not installed ({exc}). Install the extra: {INSTALL_HINT}"
        ) from None
    return ray


@contextmanager
def ray_session(address: str, cpus: int | None = None) -> Iterator[Any]:
    """Start (`local`) or join a Ray cluster for one build; a session the caller opened stays open."""
    ray = import_ray()
    if ray.is_initialized():
        yield ray
        return
    options: dict[str, Any] = {"address": address, "logging_level": logging.WARNING}
    if address == "local":  # a new instance even when RAY_ADDRESS or a running one is around
        options.update(num_cpus=cpus or os.cpu_count() or 1, include_dashboard=False)
    try:
        ray.init(**options)
    except ConnectionError as exc:
        raise Unavailable(f"cannot reach a Ray cluster at {address!r}: {exc}") from None
    try:
        yield ray
    finally:
        ray.shutdown()


class PassageEncoder:
    """One actor's model: rows of passage text in, unit vectors out. Loaded once per actor."""

    def __init__(self, model: str, threads: int | None) -> None:
        self.embedder = load_embedder(model, threads)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        texts = [str(t) for t in batch["text"]]
        return {"hash": batch["hash"], "vector": self.embedder.encode_passages(texts, len(texts))}

    def shape(self) -> tuple[str, int]:
        return self.embedder.model_id, self.embedder.dim


class RayCluster:
    """The actor pool's size and the model's shape on a connected cluster, and one Ray Data run."""

    def __init__(self, ray: Any, settings: Settings, progress: bool) -> None:
        self.ray = ray
        self.settings = settings
        self.threads = settings.threads or 1  # per actor: one CPU each spreads best
        available = int(ray.cluster_resources().get("CPU", 1))
        cpus = min(available, settings.ray_cpus) if settings.ray_cpus else available
        self.actors = max(1, cpus // self.threads)
        ray.data.DataContext.get_current().enable_progress_bars = progress
        if not progress:  # without a terminal Ray Data logs its progress instead, every few seconds
            logging.getLogger("ray.data").setLevel(logging.WARNING)
        # one actor that loads the model where the pool will: fails early, and names the dimension.
        # An actor, killed, not a task: a pooled task worker that had run the model, when Ray later
        # let it exit, aborted in Ray's own shutdown now and then (1 run in 6)
        probe = ray.remote(num_cpus=self.threads)(PassageEncoder).remote(settings.model, self.threads)
        try:
            self.model_id, self.dim = ray.get(probe.shape.remote())
        finally:
            ray.kill(probe)

    def embed(self, texts: dict[str, str]) -> Iterator[tuple[list[str], np.ndarray]]:
        """(hashes, vectors) as Ray Data hands them back, in no particular order."""
        if not texts:
            return
        rows = [{"hash": h, "text": t} for h, t in texts.items()]
        # one block per batch, and one batch at a time per actor: the first actor up does not take the
        # whole queue while the others start (measured: 1 of 2 actors busy with 64-row blocks)
        blocks = math.ceil(len(rows) / self.settings.batch_size)
        data = self.ray.data.from_items(rows, override_num_blocks=blocks)
        data = data.map_batches(
            PassageEncoder,
            fn_constructor_kwargs={"model": self.settings.model, "threads": self.threads},
            batch_size=self.settings.batch_size,
            batch_format="numpy",
            compute=self.ray.data.ActorPoolStrategy(
                size=min(self.actors, blocks), max_tasks_in_flight_per_actor=1
            ),
            num_cpus=self.threads,
        )
        for batch in data.iter_batches(batch_size=None, batch_format="numpy"):
            yield [str(h) for h in batch["hash"]], np.asarray(batch["vector"], dtype=np.float32)


class RayEmbedder(Embedder):
    """The cluster behind the `Embedder` interface, so the local build can embed on it as well."""

    def __init__(self, cluster: RayCluster) -> None:
        super().__init__(cluster.model_id, cluster.dim)
        self.cluster = cluster

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """All of `texts` in one Ray Data run (not the base class's small slices), in their order."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        found: dict[str, np.ndarray] = {}
        for hashes, vectors in self.cluster.embed({sha256_hex(t): t for t in texts}):
            found.update(zip(hashes, vectors, strict=True))
        return np.stack([found[sha256_hex(t)] for t in texts])

    def _encode(self, texts: list[str], is_query: bool, batch_size: int) -> np.ndarray:
        raise NotImplementedError("a Ray build embeds passages only; questions use the local model")


def _releases(roots: Sequence[Path], settings: Settings) -> Iterator[Release]:
    from index.clean import clean_release
    from index.files import ReadLimits

    limits = ReadLimits.of(settings)  # the same file rules as the local scan
    for root in roots:
        for raw in iter_raw_docs(root, limits):
            if not isinstance(raw, SkippedFile):  # the build reports it
                yield clean_release(raw)


def pending_texts(
    roots: Sequence[Path], settings: Settings, cache: EmbeddingCache, model_id: str, dim: int
) -> Iterator[dict[str, str]]:
    """Passage texts (by hash) the cache lacks, in waves of up to WAVE_TEXTS.

    The caller embeds each wave into the cache before asking for the next, so a text that recurs
    in a later wave is found there.
    """
    wave: dict[str, str] = {}
    batch: dict[str, str] = {}

    def flush() -> None:
        cached = cache.get_many(model_id, list(batch), dim)
        wave.update((h, t) for h, t in batch.items() if h not in cached)
        batch.clear()

    for n, release in enumerate(_releases(roots, settings), start=1):
        _, passages = split_release(release, settings)
        batch.update((sha256_hex(t), t) for t in (embed_input(release, p) for p in passages))
        if n % CHUNK_RELEASES == 0:
            flush()
        if len(wave) >= WAVE_TEXTS:
            yield dict(wave)
            wave.clear()
    flush()
    if wave:
        yield wave


def build_on_ray(
    settings: Settings,
    roots: Sequence[Path],
    progress: bool = False,
    phases: dict[str, float] | None = None,
) -> SyncReport:
    """A fresh index of exactly `roots`, like `Indexer.sync(roots, full=True)`, embedded on Ray.

    `phases`, when given, receives the seconds each step took (for benchmarks/bench_ray.py).
    """
    if not settings.ray_address:
        raise UserError("no Ray address: give --ray local, --ray auto or --ray HOST:PORT")
    started = time.monotonic()
    roots = [Path(r).resolve() for r in roots]
    for root in roots:
        if not root.is_dir():
            raise FileNotFoundError(f"not a folder: {root}")
    phases = {} if phases is None else phases
    clock = time.monotonic()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.monotonic()
        phases[name] = round(phases.get(name, 0.0) + now - clock, 3)
        clock = now

    embedded = 0
    with ray_session(settings.ray_address, settings.ray_cpus) as ray:
        lap("connect")
        cluster = RayCluster(ray, settings, progress)
        lap("probe")
        if progress:
            print(f"ray: {cluster.actors} actor(s) × {cluster.threads} thread(s)", file=sys.stderr)
        cache = EmbeddingCache(settings.cache_path)
        try:
            for wave in pending_texts(roots, settings, cache, cluster.model_id, cluster.dim):
                lap("scan")
                for hashes, vectors in cluster.embed(wave):
                    cache.put_many(cluster.model_id, dict(zip(hashes, vectors, strict=True)))
                embedded += len(wave)
                lap("embed")
        finally:
            cache.close()
        lap("scan")
        report = Indexer(settings, RayEmbedder(cluster)).sync(roots, full=True, progress=progress)
        lap("write")
    lap("disconnect")
    # the local pass found the cluster's vectors in the cache: count them as embedded, as they were
    report.passages_embedded += embedded
    report.passages_reused = max(0, report.passages_reused - embedded)
    report.seconds = time.monotonic() - started
    return report
