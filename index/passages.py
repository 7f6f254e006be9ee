"""Sentence windows: the unit that is embedded, searched and cited."""

from __future__ import annotations

from index.models import Passage, Release, Sentence


def make_passages(
    release: Release,
    sentences: list[Sentence],
    size: int = 3,
    overlap: int = 1,
    max_chars: int = 800,
    min_chars: int = 120,
) -> list[Passage]:
    """Windows of `size` consecutive sentences sharing `overlap` with the next.

    A window grows past `size` while it is shorter than `min_chars` (releases broken into short
    lines) and stops before `max_chars`, so passages stay comparable in length for the embedder.
    """
    text = release.text
    passages: list[Passage] = []
    i = 0
    n = len(sentences)
    while i < n:
        j = i
        while j + 1 < n:
            length = sentences[j + 1].end - sentences[i].start
            if length > max_chars:
                break
            if j - i + 1 >= size and sentences[j].end - sentences[i].start >= min_chars:
                break
            j += 1
        start, end = sentences[i].start, sentences[j].end
        passages.append(
            Passage(
                release_id=release.id,
                first_sentence=sentences[i].idx,
                last_sentence=sentences[j].idx,
                start=start,
                end=end,
                text=text[start:end],
            )
        )
        if j == n - 1:
            break
        i = max(i + 1, j + 1 - overlap)
    return passages
