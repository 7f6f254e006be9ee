"""`manifest.json`: which generation directory is current. Replacing it is a commit's one visible step."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from index.store import durable


@dataclass(frozen=True)
class Manifest:
    generation: int
    dir: str
    model_id: str
    dim: int
    created_at: float

    @classmethod
    def read(cls, home: Path) -> Manifest | None:
        path = home / "manifest.json"
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: data[k] for k in ("generation", "dir", "model_id", "dim", "created_at")})

    def write(self, home: Path) -> None:
        tmp = home / "manifest.json.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.__dict__, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, home / "manifest.json")
        durable.fsync_path(home)
