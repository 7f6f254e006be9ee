"""RawDoc → Release: normalise whitespace, cut site furniture, and read the metadata.

Answers are quoted verbatim from `Release.text`, so cleaning only ever (a) normalises invisible
differences (Unicode form, line ends, odd spaces) and (b) removes whole lines of page furniture
plus a reporter e-mail glued to the last sentence. Article characters are never rewritten.

The steps live in their own modules: `index.boilerplate` (furniture), `index.metadata` (title,
dateline, reporter…) and `index.dates`; their public functions are re-exported here.
"""

from __future__ import annotations

import re
import unicodedata

from index.boilerplate import BLANK_RUN, strip_boilerplate
from index.dates import parse_date
from index.metadata import Dateline, Furniture, detect_lang, extract_metadata, find_dateline, find_subtitles
from index.models import RawDoc, Release, release_id

__all__ = [
    "Dateline",
    "Furniture",
    "clean_release",
    "detect_lang",
    "extract_metadata",
    "find_dateline",
    "find_subtitles",
    "normalise_line",
    "normalise_text",
    "parse_date",
    "strip_boilerplate",
]

SPACE_CHARS = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
INVISIBLE_CHARS = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]|[\x00-\x08\x0e-\x1f\x7f]")
SPACE_RUN = re.compile(r" {2,}")


def clean_release(raw: RawDoc) -> Release:
    """Cleaned text plus the metadata the format carried or the text reveals."""
    text, furniture = strip_boilerplate(normalise_text(raw.text))
    fields = {k: normalise_line(v) for k, v in raw.fields.items() if v and normalise_line(v)}
    meta = extract_metadata(text, fields, furniture)
    return Release(
        id=release_id(raw.root, raw.source),
        root=str(raw.root),
        source=raw.source,
        content_hash=raw.content_hash,
        text=text,
        **meta,
    )


def normalise_text(text: str) -> str:
    """NFC, `\\n` line ends, plain spaces, single spaces inside lines, at most one blank line.

    Only invisible differences are removed, so quotes copied from the source still match.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = INVISIBLE_CHARS.sub("", SPACE_CHARS.sub(" ", text))
    lines = (SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))
    return BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def normalise_line(text: str) -> str:
    """A metadata value on one line (titles from JSON/HTML may carry newlines)."""
    return re.sub(r"\s+", " ", normalise_text(text))
