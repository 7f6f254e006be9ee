"""What is derived from a release's text besides its passages: typed facts and mentions.

Kept apart from the extractors themselves so a sync can check the version without importing them
(a sync that changes nothing stays fast).
"""

from __future__ import annotations

from index.models import Fact, Release, Sentence

# Bump when an extractor (facts or mentions) changes what it finds: the next sync re-extracts the
# facts of every stored release from its stored text, without re-embedding anything.
EXTRACTORS_VERSION = "9"


def derive_facts(release: Release, sentences: list[Sentence]) -> list[Fact]:
    """Typed facts and answer-candidate mentions of one release, tagged with its id."""
    from index.facts import extract_facts
    from index.mentions import extract_mentions

    facts = extract_facts(release.text, sentences, release.lang, release.date)
    facts += extract_mentions(release.text, sentences, release.lang)
    for fact in facts:
        fact.release_id = release.id
    return facts
