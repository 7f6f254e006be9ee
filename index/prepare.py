"""Prepare a cleaned release for the index: sentences, passage windows, facts, BM25 tokens, embed inputs.

Everything here is derived from the release's text and the settings alone, so the local sync
(`index.sync`) and the Ray build (`index.distributed`) prepare releases the same way. Facts,
passages and tokens are imported where a release is prepared: a sync that finds nothing changed
never needs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from index.derive import derive_facts
from index.models import Fact, Passage, Release, Sentence
from index.settings import Settings


@dataclass
class PreparedRelease:
    """Everything derived from one release before it is embedded."""

    release: Release
    sentences: list[Sentence]
    passages: list[Passage]
    embed_inputs: list[str]
    tokens: list[list[str]]
    facts: list[Fact]
    romanized: set[tuple[str, str]] = field(default_factory=set)


def embed_input(release: Release, passage: Passage) -> str:
    """What the embedder sees: the passage with its release title as context."""
    title = release.title or ""
    if title and not passage.text.startswith(title):
        return f"{title}\n{passage.text}"
    return passage.text


def split_release(release: Release, settings: Settings) -> tuple[list[Sentence], list[Passage]]:
    """Sentences and passage windows of a cleaned release: all that decides what is embedded."""
    from index.passages import make_passages
    from index.sentences import split_sentences

    sentences = split_sentences(release.text)
    passages = make_passages(
        release, sentences, settings.passage_sentences, settings.passage_overlap, settings.passage_max_chars
    )
    return sentences, passages


def prepare_releases(releases: Sequence[Release], settings: Settings) -> list[PreparedRelease]:
    """Split, window, extract facts and tokenise cleaned releases.

    All the names the facts find are taught to Kiwi before any text is tokenised: each batch of
    new user words costs a Kiwi rebuild (~0.7 s) at its next use, which per release dominated
    the whole pipeline (measured: 34 of 37 s on 62 releases).
    """
    from index.facts import names_for_tokenizer
    from index.romanize import name_romanizations
    from index.tokens import add_user_words, tokenize

    staged = []
    for release in releases:
        sentences, passages = split_release(release, settings)
        facts = derive_facts(release, sentences)
        staged.append((release, sentences, passages, facts))
    add_user_words(name for *_, facts in staged for name in names_for_tokenizer(facts))
    prepared = []
    for release, sentences, passages, facts in staged:
        inputs = [embed_input(release, p) for p in passages]
        tokens = [tokenize(text, settings.bm25_tokens) for text in inputs]
        romanized = name_romanizations(release.text) if release.lang == "ko" else set()
        prepared.append(PreparedRelease(release, sentences, passages, inputs, tokens, facts, romanized))
    return prepared


def prepare_release(release: Release, settings: Settings) -> PreparedRelease:
    return prepare_releases([release], settings)[0]
