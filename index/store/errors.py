"""Index problems a user can act on (no index yet, built with another model, schema too new)."""

from __future__ import annotations

from index.errors import Conflict, Unavailable


class StoreError(Unavailable):
    """Base for index problems a user can act on."""


class ModelMismatchError(Conflict, StoreError):
    """The index was built with another embedding model or BM25 tokenisation than configured."""


class NoIndexError(StoreError):
    def __init__(self, message: str) -> None:
        super().__init__(message, public="no index yet: upload releases (POST /releases) or sync a folder")
