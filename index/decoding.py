"""Bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM, CP949/EUC-KR, then whatever
charset-normalizer recognises; UTF-8 with a few invalid bytes is read with U+FFFD in their place,
and the result says so. Binary data is refused with a reason.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
NON_TEXT_LIMIT = 0.05  # share of control/replacement characters above which a file is "not text"
CP949_HANGUL_SHARE = 0.5  # a cp949 decode is trusted when most non-ASCII characters are Hangul
# UTF-8 with a few invalid bytes is read with U+FFFD in their place when valid multi-byte characters
# outnumber the invalid sequences this many times (CP949 read as UTF-8 is mostly invalid sequences)
UTF8_REPAIR_RATIO = 20


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # set when the text is not exactly the file's (bytes replaced)


def decode_bytes(data: bytes) -> tuple[str, str] | str:
    """Bytes → (text, encoding name), or a reason string when the bytes are not readable text."""
    decoded = decode_text(data)
    return decoded if isinstance(decoded, str) else (decoded.text, decoded.encoding)


def decode_text(data: bytes) -> Decoded | str:
    """Bytes → `Decoded`, or a reason string when the bytes are not readable text.

    Order matters: strict UTF-8 (with or without BOM) first, because a UTF-8 file can never be
    mistaken for CP949 then; UTF-8 with a few invalid bytes next (replaced, and said so); CP949
    (Korean legacy files); charset-normalizer last.
    """
    if data.startswith(UTF16_BOMS):
        try:
            return _checked(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return "not valid UTF-16 despite its byte-order mark"
    if b"\x00" in data:
        return "binary file (contains NUL bytes)"
    bom = data.startswith(b"\xef\xbb\xbf")
    body, encoding = (data[3:], "utf-8-sig") if bom else (data, "utf-8")
    try:
        return _checked(body.decode("utf-8"), encoding)
    except UnicodeDecodeError:
        pass
    repaired = _utf8_with_few_errors(body)
    if repaired is not None:
        text, bad = repaired
        plural = "s" if bad > 1 else ""
        return _checked(text, encoding, f"{bad} invalid UTF-8 byte sequence{plural} replaced with U+FFFD")
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


def _utf8_with_few_errors(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few broken bytes (a truncated copy, a bad merge) → (text, invalid sequences).

    Accepted only when valid multi-byte characters far outnumber the invalid sequences: a CP949 or
    Latin-1 file read as UTF-8 is mostly invalid sequences, and goes on to its own decoder.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    if bad <= 0 or wide < UTF8_REPAIR_RATIO * bad:
        return None
    return text, bad


def _checked(text: str, encoding: str, warning: str | None = None) -> Decoded | str:
    """Reject decodes that are mostly control characters or replacement marks (binary data)."""
    if not text:
        return Decoded(text, encoding, warning)
    bad = sum(1 for c in text if c == "\ufffd" or (unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v"))
    if bad / len(text) > NON_TEXT_LIMIT:
        return f"binary or not text ({bad} of {len(text)} characters are control codes)"
    return Decoded(text, encoding, warning)
