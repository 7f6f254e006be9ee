"""Versioned on-disk index: SQLite metadata + FAISS vectors + BM25, one directory per generation.

The vectors (`index.dense`) and BM25 (`index.lexical`) are written and opened by their own modules,
memory-mapped, so opening a generation costs milliseconds whatever its size.

A writer builds generation N+1 beside the current one (copy of the SQLite file, FAISS index with
ids removed/added, BM25 rebuilt from stored tokens), fsyncs it, renames the directory into place
and only then replaces `manifest.json`. Readers open whatever the manifest names, so a crash at any
moment leaves the previous generation complete and serving.

Modules: `schema` (tables and migrations), `manifest` (which generation is current), `reader`
(`Store`, a committed generation), `writer` (`GenerationWriter`), `lock` (`WriterLock`), `rows`
(what reads return), `errors`, `durable` (fsync helpers).
"""
