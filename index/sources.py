"""Files on disk → `RawDoc`s: decode, unwrap the format (HTML, JSON, JSONL, Markdown, text).

Nothing here raises on a bad file: anything that cannot become a release is returned as a
`SkippedFile` with a reason a person can act on, so one broken file never stops a sync. Which
files and their bytes: `index.files`; bytes → text: `index.decoding`; HTML: `index.html_text`.
JSON nesting is capped before parsing. Cleaning (boilerplate, metadata) happens later in `index.clean`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from index.decoding import Decoded, decode_bytes, decode_text
from index.files import (
    EXTENSIONS,
    SURROGATE,
    ReadLimits,
    as_limits,
    bad_name,
    read_bytes,
    source_name,
    walk_files,
)
from index.html_text import html_article
from index.models import RawDoc, SkippedFile, sha256_hex

__all__ = [
    "EXTENSIONS", "Decoded", "ReadLimits", "decode_bytes", "decode_text", "iter_raw_docs", "json_depth",
    "read_raw_doc", "read_records",
]  # fmt: skip

JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
NOT_BRACKET = re.compile(r"[^\[\]{}]+")
JSON_INT_MAX_DIGITS = 100  # longer integers stay text (Python refuses to convert over 4,300 digits)

# --- JSON / Markdown ------------------------------------------------------------------------
JSON_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "body": ("body", "text", "content", "article"),
    "subtitle": ("subtitle", "subheadline", "subhead"),
    "date": ("date", "published", "published_at", "pubdate", "datetime"),
    "publisher": ("source", "publisher", "site"),
    "url": ("url", "link"),
}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_MATTER_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
MD_TITLE = re.compile(r"^#[ \t]+")


# ============================================================================================
# Public API
# ============================================================================================


def iter_raw_docs(root: Path, max_file_bytes: int | ReadLimits) -> Iterator[RawDoc | SkippedFile]:
    """Every supported file under `root` in a stable order; broken ones come out as `SkippedFile`,
    and so do folders that cannot be listed (source ending in `/`)."""
    root = Path(root)
    limits = as_limits(max_file_bytes)
    for item in walk_files(root):
        if isinstance(item, SkippedFile):
            yield item
        else:
            yield from read_records(item, root, limits)


def read_raw_doc(path: Path, root: Path, max_file_bytes: int | ReadLimits) -> list[RawDoc] | SkippedFile:
    """One file → its releases, or a `SkippedFile` when none of it is usable.

    A JSONL/JSON list with some bad records returns the good ones; use `read_records` to also
    see which records were skipped and why.
    """
    records = read_records(path, root, max_file_bytes)
    docs = [r for r in records if isinstance(r, RawDoc)]
    if docs:
        return docs
    skipped = [r for r in records if isinstance(r, SkippedFile)]
    if len(skipped) == 1:
        return skipped[0]
    source = source_name(Path(path), Path(root))
    reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:5])
    return SkippedFile(source, f"no usable record ({reasons})" if reasons else "no usable record")


def read_records(path: Path, root: Path, max_file_bytes: int | ReadLimits) -> list[RawDoc | SkippedFile]:
    """One file → one entry per release it holds (good ones as `RawDoc`, bad ones as `SkippedFile`)."""
    path, root = Path(path), Path(root)
    limits = as_limits(max_file_bytes)
    source = source_name(path, root)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        return [SkippedFile(source, f"unsupported file type '{path.suffix or '(none)'}'")]
    if bad_name(str(path)):
        return [SkippedFile(source, "file name is not valid UTF-8: rename the file")]
    data = read_bytes(path, root, source, limits)
    if isinstance(data, SkippedFile):
        return [data]
    decoded = decode_text(data)
    if isinstance(decoded, str):
        return [SkippedFile(source, decoded)]
    if not decoded.text.strip():
        return [SkippedFile(source, "file has only whitespace")]
    text = decoded.text
    base = _Base(root=root, source=source, encoding=decoded.encoding, data=data, warning=decoded.warning)
    if path.suffix.lower() == ".jsonl":
        return _from_jsonl(text, base, limits.max_json_depth)
    if fmt == "json":
        return _from_json(text, base, limits.max_json_depth)
    if fmt == "html":
        return [_from_html(text, base, limits.max_html_depth)]
    if fmt == "md" or FRONT_MATTER.match(text.lstrip("\ufeff")):
        # scraped wire releases are often saved as .txt with the site's YAML front matter on top
        return [_from_markdown(text, base)]
    return [base.doc(text, "txt")]


class _Base:
    """What every record of one file shares; builds `RawDoc`s with the right source and hash."""

    def __init__(
        self, root: Path, source: str, encoding: str, data: bytes, warning: str | None = None
    ) -> None:
        self.root, self.source, self.encoding, self.data = root, source, encoding, data
        self.warning = warning

    def doc(self, text: str, fmt: str, fields: dict[str, str] | None = None) -> RawDoc:
        return RawDoc(
            self.root, self.source, _no_surrogates(text), fmt, self.encoding, sha256_hex(self.data),
            {k: _no_surrogates(v) for k, v in (fields or {}).items()}, self.warning,
        )  # fmt: skip

    def record(self, n: int, text: str, fields: dict[str, str], data: bytes | None = None) -> RawDoc:
        """Record `n` of a multi-record file: `file#n`, and a hash that differs per record."""
        digest = sha256_hex((self.data if data is None else data) + f"#{n}".encode())
        return RawDoc(
            self.root, f"{self.source}#{n}", _no_surrogates(text), "json", self.encoding, digest,
            {k: _no_surrogates(v) for k, v in fields.items()}, self.warning,
        )  # fmt: skip


def _no_surrogates(text: str) -> str:
    """Lone surrogates (from `\\ud800` in JSON) → U+FFFD; pairs were joined by the JSON decoder."""
    if SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


# ============================================================================================
# JSON and JSONL
# ============================================================================================


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in `text` (brackets inside strings do not count).

    Measured before parsing, so a hostile file never reaches the recursive decoder.
    """
    if text.count("[") + text.count("{") <= 1:
        return text.count("[") + text.count("{")
    brackets = NOT_BRACKET.sub("", JSON_STRING.sub("", text)).encode("ascii")
    steps = np.frombuffer(brackets, dtype=np.uint8)
    depth = np.cumsum(np.where((steps == ord("[")) | (steps == ord("{")), 1, -1))
    return int(depth.max()) if len(depth) else 0


def _parse_json(text: str, max_depth: int) -> Any:
    """`json.loads` with the depth capped, huge integers kept as their digits and NaN/Infinity as
    missing values; raises `ValueError` with a message a person can act on."""
    if text.count("[") + text.count("{") > max_depth:
        depth = json_depth(text)
        if depth > max_depth:
            raise ValueError(f"JSON nested too deeply ({depth} levels; the limit is {max_depth})")
    try:
        return json.loads(text, parse_int=_json_int, parse_constant=lambda _: None)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:  # belt and braces: no decoder error may stop a sync
        raise ValueError(f"invalid JSON: {type(exc).__name__}") from None


def _json_int(digits: str) -> int | str:
    return int(digits) if len(digits) <= JSON_INT_MAX_DIGITS else digits


def _from_json(text: str, base: _Base, max_depth: int) -> list[RawDoc | SkippedFile]:
    try:
        value = _parse_json(text, max_depth)
    except ValueError as exc:
        return [SkippedFile(base.source, str(exc))]
    if isinstance(value, dict):
        return [_json_record(value, base, None)]
    if not isinstance(value, list):
        return [
            SkippedFile(base.source, f"JSON holds a {type(value).__name__}, expected an object or a list")
        ]
    if not value:
        return [SkippedFile(base.source, "JSON list is empty")]
    if len(value) == 1:
        return [_json_record(value[0], base, None)]
    return [_json_record(item, base, n) for n, item in enumerate(value, start=1)]


def _from_jsonl(text: str, base: _Base, max_depth: int) -> list[RawDoc | SkippedFile]:
    out: list[RawDoc | SkippedFile] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = _parse_json(line, max_depth)
        except ValueError as exc:
            reason = str(exc).replace(" at line 1, column", f" on line {n}, column")
            out.append(SkippedFile(f"{base.source}#{n}", reason))
            continue
        # hash the line itself, so editing one line re-indexes only that record
        out.append(_json_record(value, base, n, line.rstrip("\r").encode("utf-8")))
    if not out:
        return [SkippedFile(base.source, "JSONL file has no records")]
    return out


def _json_record(value: Any, base: _Base, n: int | None, data: bytes | None = None) -> RawDoc | SkippedFile:
    """One JSON object → RawDoc with `title\\n(subtitle\\n)body` as text."""
    source = base.source if n is None else f"{base.source}#{n}"
    if not isinstance(value, dict):
        return SkippedFile(source, f"JSON record is a {type(value).__name__}, expected an object")
    lowered = {str(k).lower(): v for k, v in value.items()}
    picked = {name: _json_string(lowered, keys) for name, keys in JSON_KEYS.items()}
    body = picked.pop("body")
    if not body.strip():
        return SkippedFile(
            source, "JSON record has no body text (expected a 'body', 'text' or 'content' field)"
        )
    fields = {k: v.strip() for k, v in picked.items() if v.strip()}
    parts = [fields.get("title"), fields.get("subtitle"), body.strip("\n")]
    text = "\n".join(p for p in parts if p)
    return base.doc(text, "json", fields) if n is None else base.record(n, text, fields, data)


def _json_string(obj: dict[str, Any], keys: tuple[str, ...]) -> str:
    """First present key as text; lists of strings (paragraphs) are joined by newlines."""
    for key in keys:
        value = obj.get(key)
        if value is None:
            continue
        if isinstance(value, list):
            value = "\n".join(str(v) for v in value if isinstance(v, str | int | float))
        elif isinstance(value, dict):
            continue
        value = str(value)
        if value.strip():
            return value
    return ""


# ============================================================================================
# Markdown and HTML
# ============================================================================================


def _from_markdown(text: str, base: _Base) -> RawDoc:
    """Front matter → fields (simple `key: value` lines only); `# Title` → `Title`."""
    fields: dict[str, str] = {}
    match = FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match:
        fields = _front_matter_fields(match.group(1))
        text = text.lstrip("\ufeff")[match.end() :]
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if MD_TITLE.match(line):
            lines[i] = MD_TITLE.sub("", line).rstrip().rstrip("#").rstrip()
            fields.setdefault("title", lines[i])
        break
    text = "\n".join(lines).strip("\n")
    title = fields.get("title")
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n{text}"
    return base.doc(text, "md", fields)


def _front_matter_fields(block: str) -> dict[str, str]:
    aliases = {alias: name for name, keys in JSON_KEYS.items() if name != "body" for alias in keys}
    fields: dict[str, str] = {}
    for line in block.splitlines():
        m = FRONT_MATTER_LINE.match(line)
        if not m:
            continue
        key = aliases.get(m.group(1).lower())
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if key and value.strip() and key not in fields:
            fields[key] = value.strip()
    return fields


def _from_html(text: str, base: _Base, max_depth: int) -> RawDoc | SkippedFile:
    article = html_article(text, max_depth)
    if isinstance(article, str):
        return SkippedFile(base.source, article)
    body, fields = article
    return base.doc(body, "html", fields)
