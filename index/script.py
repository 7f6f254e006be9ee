"""The Hangul syllables block (가–힣): which words and texts are written in Korean. One definition
for the extractors, the tokenizer, question analysis and answering."""

from __future__ import annotations

import re

HANGUL = re.compile(r"[가-힣]")
HANGUL_RUN = re.compile(r"[가-힣]+")
