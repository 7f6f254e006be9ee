"""Quote-aware sentence splitting with character offsets.

Press releases put whole sentences inside quotes (`“…않겠다. …하겠다”고 밝혔다.`), which general
splitters (kss, kiwipiepy on whole texts) cut in the middle. So: split on line breaks first, then at
sentence ends that stand outside any quotation, skipping abbreviations and numbers (`Dec. 7`, `U.S.`).
"""

from __future__ import annotations

import re

from index.models import Sentence

_OPENERS = {"“": "”", "「": "」", "『": "』", "《": "》"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_ENDS = ".!?。？！"
# tokens after which a period does not end an English sentence
_ABBREVIATIONS = set(
    "mr mrs ms dr prof st sr jr inc co corp ltd llc no jan feb mar apr jun jul aug sep sept oct nov dec "
    "gov sen rep gen vs etc fla calif mass blvd ave rd dept e.g i.e u.s u.k a.m p.m approx est fig".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_MAX_OPEN_QUOTE = 600  # an unclosed quote longer than this is treated as a stray mark


def _is_sentence_end(line: str, i: int) -> bool:
    """Whether the end mark at `line[i]` closes a sentence."""
    ch = line[i]
    nxt = line[i + 1] if i + 1 < len(line) else ""
    if nxt and not nxt.isspace() and nxt not in '”’")]」』':
        return False  # 3.5, U.S.A, 고.가 …
    if ch == ".":
        m = _WORD_BEFORE.search(line[:i])
        if m:
            word = m.group(1).lower().rstrip(".")
            if word in _ABBREVIATIONS or len(word) == 1:
                return False
        rest = line[i + 1 :].lstrip()
        if rest[:1].isdigit() and line[:i][-1:].isalpha() and m:
            return False  # "Dec. 7"
    return True


def _split_line(line: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    stack: list[tuple[str, int]] = []  # (closer, position)
    straight_open: int | None = None
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if stack and i - stack[-1][1] > _MAX_OPEN_QUOTE:
            stack.clear()
        if straight_open is not None and i - straight_open > _MAX_OPEN_QUOTE:
            straight_open = None
        if ch in _OPENERS:
            stack.append((_OPENERS[ch], i))
        elif ch in _CLOSERS:
            if stack and stack[-1][0] == ch:
                stack.pop()
        elif ch == '"':
            straight_open = i if straight_open is None else None
        elif ch in _ENDS and not stack and straight_open is None and _is_sentence_end(line, i):
            j = i + 1
            while j < n and line[j] in _ENDS + '”’")]」』':
                j += 1
            spans.append((start, j))
            while j < n and line[j].isspace():
                j += 1
            start = j
            i = j
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    out = []
    for s, e in spans:
        seg = line[s:e]
        s += len(seg) - len(seg.lstrip())
        e -= len(seg) - len(seg.rstrip())
        if e > s:
            out.append((offset + s, offset + e))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` as spans; `text[s.start:s.end]` is the sentence, trimmed."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend(_split_line(line, offset))
        offset += len(line) + 1
    return [Sentence(idx=i, start=s, end=e) for i, (s, e) in enumerate(spans)]
