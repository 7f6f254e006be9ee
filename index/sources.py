"""Files on disk → `RawDoc`s: decode, unwrap the format (HTML, JSON, JSONL, Markdown, text).

Nothing here raises on a bad file: anything that cannot become a release is returned as a
`SkippedFile` with a reason a person can act on, so one broken file never stops a sync.
Cleaning (boilerplate, metadata guessing) happens later in `index.clean`.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.models import RawDoc, SkippedFile, sha256_hex

if TYPE_CHECKING:  # bs4 and charset-normalizer load on the first HTML / non-UTF-8 file (~0.2 s)
    from bs4 import BeautifulSoup, Tag

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "json",
}

# --- decoding -------------------------------------------------------------------------------
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
NON_TEXT_LIMIT = 0.05  # share of control/replacement characters above which a file is "not text"
CP949_HANGUL_SHARE = 0.5  # a cp949 decode is trusted when most non-ASCII characters are Hangul

# --- HTML -----------------------------------------------------------------------------------
DROP_TAGS = [
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe",
    "template", "svg", "button", "select", "head",
]  # fmt: skip
BLOCK_TAGS = [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "div", "tr", "ul", "ol", "table", "section",
    "article", "main", "blockquote", "pre", "figure", "figcaption", "dl", "dt", "dd", "hr",
    "address", "caption", "body",
]  # fmt: skip
CELL_TAGS = ["td", "th"]
LINE_BREAK = "\x00"  # marks block edges while walking the tree; NUL never survives decoding
HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

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


def iter_raw_docs(root: Path, max_file_bytes: int) -> Iterator[RawDoc | SkippedFile]:
    """Every supported file under `root` in a stable order; broken ones come out as `SkippedFile`."""
    root = Path(root)
    for path in _walk(root):
        yield from read_records(path, root, max_file_bytes)


def read_raw_doc(path: Path, root: Path, max_file_bytes: int) -> list[RawDoc] | SkippedFile:
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
    source = _source(Path(path), Path(root))
    reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:5])
    return SkippedFile(source, f"no usable record ({reasons})" if reasons else "no usable record")


def read_records(path: Path, root: Path, max_file_bytes: int) -> list[RawDoc | SkippedFile]:
    """One file → one entry per release it holds (good ones as `RawDoc`, bad ones as `SkippedFile`)."""
    path, root = Path(path), Path(root)
    source = _source(path, root)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        return [SkippedFile(source, f"unsupported file type '{path.suffix or '(none)'}'")]
    data = _read_bytes(path, source, max_file_bytes)
    if isinstance(data, SkippedFile):
        return [data]
    decoded = decode_bytes(data)
    if isinstance(decoded, str):
        return [SkippedFile(source, decoded)]
    text, encoding = decoded
    if not text.strip():
        return [SkippedFile(source, "file has only whitespace")]
    base = _Base(root=root, source=source, encoding=encoding, data=data)
    if path.suffix.lower() == ".jsonl":
        return _from_jsonl(text, base)
    if fmt == "json":
        return _from_json(text, base)
    if fmt == "html":
        return [_from_html(text, base)]
    if fmt == "md" or FRONT_MATTER.match(text.lstrip("\ufeff")):
        # scraped wire releases are often saved as .txt with the site's YAML front matter on top
        return [_from_markdown(text, base)]
    return [base.doc(text, "txt")]


def decode_bytes(data: bytes) -> tuple[str, str] | str:
    """Bytes → (text, encoding name), or a reason string when the bytes are not readable text.

    Order matters: strict UTF-8 (with or without BOM) first, because a UTF-8 file can never be
    mistaken for CP949 then; CP949 next (Korean legacy files); charset-normalizer last.
    """
    if data.startswith(UTF16_BOMS):
        try:
            return _checked(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return "not valid UTF-16 despite its byte-order mark"
    if b"\x00" in data:
        return "binary file (contains NUL bytes)"
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _checked(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return _checked(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    cp949 = _try_cp949(data)
    if cp949 is not None and _mostly_hangul(cp949):
        return _checked(cp949, "cp949")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return _checked(str(best), best.encoding)
    if cp949 is not None:
        return _checked(cp949, "cp949")
    return "cannot decode: not UTF-8, CP949/EUC-KR or any encoding charset-normalizer recognises"


# ============================================================================================
# Walking and reading
# ============================================================================================


class _Base:
    """What every record of one file shares; builds `RawDoc`s with the right source and hash."""

    def __init__(self, root: Path, source: str, encoding: str, data: bytes) -> None:
        self.root, self.source, self.encoding, self.data = root, source, encoding, data

    def doc(self, text: str, fmt: str, fields: dict[str, str] | None = None) -> RawDoc:
        return RawDoc(self.root, self.source, text, fmt, self.encoding, sha256_hex(self.data), fields or {})

    def record(self, n: int, text: str, fields: dict[str, str], data: bytes | None = None) -> RawDoc:
        """Record `n` of a multi-record file: `file#n`, and a hash that differs per record."""
        digest = sha256_hex((self.data if data is None else data) + f"#{n}".encode())
        return RawDoc(self.root, f"{self.source}#{n}", text, "json", self.encoding, digest, fields)


def _walk(root: Path) -> Iterator[Path]:
    """Supported files under `root`, sorted, skipping hidden files and folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS:
                yield Path(folder) / name


def _source(path: Path, root: Path) -> str:
    """Path relative to the synced folder, POSIX style; the bare name if it lies outside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.name


def _read_bytes(path: Path, source: str, max_file_bytes: int) -> bytes | SkippedFile:
    try:
        size = path.stat().st_size
        if size > max_file_bytes:
            return SkippedFile(
                source, f"file is too large ({_size(size)}; the limit is {_size(max_file_bytes)})"
            )
        data = path.read_bytes()
    except OSError as exc:
        return SkippedFile(source, f"cannot read file: {exc.strerror or exc}")
    if len(data) > max_file_bytes:  # grew between stat and read
        return SkippedFile(source, f"file is too large (over {_size(max_file_bytes)})")
    if not data:
        return SkippedFile(source, "file is empty")
    return data


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def _try_cp949(data: bytes) -> str | None:
    try:
        return data.decode("cp949")
    except UnicodeDecodeError:
        return None


def _mostly_hangul(text: str) -> bool:
    """Guards the cp949 guess: random non-Korean bytes also decode, but not to mostly Hangul."""
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return True
    hangul = sum(1 for c in wide if "\uac00" <= c <= "\ud7a3" or "\u3130" <= c <= "\u318f")
    return hangul / len(wide) >= CP949_HANGUL_SHARE


def _checked(text: str, encoding: str) -> tuple[str, str] | str:
    """Reject decodes that are mostly control characters or replacement marks (binary data)."""
    if not text:
        return text, encoding
    bad = sum(1 for c in text if c == "\ufffd" or (unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v"))
    if bad / len(text) > NON_TEXT_LIMIT:
        return f"binary or not text ({bad} of {len(text)} characters are control codes)"
    return text, encoding


# ============================================================================================
# JSON and JSONL
# ============================================================================================


def _from_json(text: str, base: _Base) -> list[RawDoc | SkippedFile]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return [SkippedFile(base.source, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
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


def _from_jsonl(text: str, base: _Base) -> list[RawDoc | SkippedFile]:
    out: list[RawDoc | SkippedFile] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(
                SkippedFile(f"{base.source}#{n}", f"invalid JSON on line {n}, column {exc.colno}: {exc.msg}")
            )
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
# Markdown
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


# ============================================================================================
# HTML
# ============================================================================================


def _from_html(text: str, base: _Base) -> RawDoc | SkippedFile:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "lxml")
    fields = _html_fields(soup)
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        tag.decompose()
    body = _html_text(_html_container(soup))
    if not body.strip():
        return SkippedFile(base.source, "HTML has no visible text")
    title = fields.get("title")
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n{body}"
    return base.doc(body, "html", fields)


def _is_hidden(tag: Tag) -> bool:
    attrs = tag.attrs or {}
    return "hidden" in attrs or bool(HIDDEN_STYLE.search(str(attrs.get("style", ""))))


def _html_container(soup: BeautifulSoup) -> Tag:
    """The article if the page marks one (the longest, when there are several), else main, else body."""
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True)))
    return soup.find("main") or soup.body or soup


def _html_text(node: Tag) -> str:
    """Visible text with one line per block element; inline markup joins without extra spaces."""
    from bs4 import CData, NavigableString

    for br in node.find_all("br"):
        br.replace_with(NavigableString(LINE_BREAK))
    for tag in node.find_all(BLOCK_TAGS):
        tag.insert(0, NavigableString(LINE_BREAK))
        tag.append(NavigableString(LINE_BREAK))
    for tag in node.find_all(CELL_TAGS):
        tag.insert(0, NavigableString(" "))
    parts: list[str] = []
    for piece in node.descendants:
        if not isinstance(piece, NavigableString) or type(piece) not in (NavigableString, CData):
            continue
        if piece.find_parent("pre") is not None:
            parts.append(str(piece).replace("\n", LINE_BREAK))
        else:
            parts.append(HTML_SPACE.sub(" ", str(piece)))
    lines = (line.strip() for line in "".join(parts).split(LINE_BREAK))
    return "\n".join(line for line in lines if line)


def _html_fields(soup: BeautifulSoup) -> dict[str, str]:
    """title (h1 / <title> / og:title), date, publisher (og:site_name), url (canonical / og:url)."""
    h1 = soup.find("h1")
    candidates = {
        "title": [
            _tag_text(h1),
            _tag_text(soup.title),
            _meta(soup, property="og:title"),
        ],
        "date": [
            _meta(soup, name="date"),
            _meta(soup, property="article:published_time"),
            _meta(soup, name="article:published_time"),
            _meta(soup, itemprop="datePublished"),
            _attr(soup.find("time", attrs={"datetime": True}), "datetime"),
        ],
        "publisher": [_meta(soup, property="og:site_name")],
        "url": [
            _attr(soup.find("link", rel="canonical"), "href"),
            _meta(soup, property="og:url"),
        ],
    }
    fields: dict[str, str] = {}
    for key, values in candidates.items():
        found = next((v for v in values if v), None)
        if found:
            fields[key] = found
    return fields


def _tag_text(tag: Tag | None) -> str:
    return HTML_SPACE.sub(" ", tag.get_text(" ")).strip() if tag is not None else ""


def _attr(tag: Tag | None, name: str) -> str:
    if tag is None:
        return ""
    value = tag.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    return (value or "").strip()


def _meta(soup: BeautifulSoup, **attrs: str) -> str:
    return _attr(soup.find("meta", attrs=attrs), "content")
