"""Near-duplicate releases: one story republished by several outlets with small edits.

Candidates come from MinHash signatures over character shingles of the cleaned text, bucketed by
LSH bands (rows of the generation's SQLite, so a sync only signs and looks up what it adds). Each
candidate pair is then verified on the exact shingle sets and on the numbers the two texts carry:
two outlets' own stories about the same MOU share names and a few phrases but not the run of the
text, and a template the same agency reuses each year shares the text but not its dates, sums and
counts, so neither passes; a copy with a changed headline, byline or boilerplate does.

Why not `datasketch`: its LSH index lives in memory (or Redis/Cassandra), and the part that must
persist with each generation and be updated incrementally is exactly that index, kept here in
SQLite. What would remain of the library is the signature itself, a few vectorised numpy lines.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

NUM_PERM = 126  # 42 bands × 3 rows: pairs with shingle Jaccard ≥ 0.4 become candidates with p ≥ 0.93
BANDS = 42
ROWS = NUM_PERM // BANDS
_SEED = 20240611
_MASK32 = np.uint64(0xFFFFFFFF)
_NOT_WORD = re.compile(r"[\W_]+")
_NUMBER = re.compile(r"\d[\d,.]*")


@dataclass(frozen=True)
class DedupConfig:
    """How alike two releases must be to count as one story (from `Settings`)."""

    shingle: int = 5  # characters per shingle, after dropping spaces and punctuation
    jaccard: float = 0.5  # shingle-set Jaccard that makes a copy …
    containment: float = 0.8  # … or the share of the shorter text found in the longer (a cut copy)
    numbers: float = 0.7  # share of the shorter text's numbers the other must carry too
    max_days: int = 31  # dated releases further apart than this are different stories

    @property
    def version(self) -> str:
        """Recorded with the index: a change regroups every release."""
        return f"minhash{NUM_PERM}x{BANDS}:{self.shingle}:{self.jaccard}:{self.containment}:{self.numbers}:{self.max_days}"


def compact(text: str) -> str:
    """NFKC, lower case, no spaces or punctuation: what outlets' reformatting leaves the same."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def shingles(text: str, k: int) -> np.ndarray:
    """Distinct 32-bit hashes of the k-character shingles of `compact(text)` (stable across runs)."""
    chars = np.frombuffer(compact(text).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(chars) - k + 1
    if n <= 0:
        chars = np.concatenate([chars, np.zeros(max(0, k - len(chars)), dtype=np.uint64)])
        n = 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # polynomial hash, wrapping mod 2^64
        h = h * np.uint64(1_000_003) + chars[j : j + n]
    h ^= h >> np.uint64(29)  # mix the high bits down before keeping 32
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    return np.unique(h & _MASK32)


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
    return a, b


_A, _B = _permutations()


def signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash: per permutation (multiply-shift hashing), the least hash over the shingles."""
    out = np.empty(NUM_PERM, dtype=np.uint32)
    for i in range(0, len(hashes), 4096):  # bounded memory for long texts
        chunk = hashes[i : i + 4096]
        mins = (((_A[:, None] * chunk[None, :]) + _B[:, None]) >> np.uint64(32)).min(axis=1)
        out = mins.astype(np.uint32) if i == 0 else np.minimum(out, mins.astype(np.uint32))
    return out


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 63-bit key per band (SQLite INTEGER)."""
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


class Profile:
    """What verification compares: numbers and date first (cheap), the shingle set when needed."""

    def __init__(self, text: str, release_date: str | None, config: DedupConfig) -> None:
        self.text = text
        self.date = release_date
        self.k = config.shingle
        self.numbers = frozenset(n.strip(",.").replace(",", "") for n in _NUMBER.findall(text))

    @cached_property
    def shingles(self) -> frozenset[int]:
        return frozenset(shingles(self.text, self.k).tolist())


def profile(text: str, release_date: str | None, config: DedupConfig) -> Profile:
    return Profile(text, release_date, config)


def similarity(a: Profile, b: Profile) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set) of the two shingle sets."""
    if not a.shingles or not b.shingles:
        return 0.0, 0.0
    inter = len(a.shingles & b.shingles)
    return inter / len(a.shingles | b.shingles), inter / min(len(a.shingles), len(b.shingles))


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) if a and b else None
    except ValueError:
        return None


def same_story(a: Profile, b: Profile, config: DedupConfig) -> float | None:
    """The pair's Jaccard if it is one story told twice, else None."""
    days = _days_apart(a.date, b.date)
    if days is not None and days > config.max_days:
        return None
    small, large = sorted((a.numbers, b.numbers), key=len)
    if small and len(small & large) / len(small) < config.numbers:
        return None
    jaccard, contained = similarity(a, b)
    if jaccard < config.jaccard and contained < config.containment:
        return None
    return jaccard


def components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (union-find) of the verified pairs; singletons are left out."""
    parent: dict[str, str] = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for n in parent:
        groups.setdefault(find(n), []).append(n)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def canonical_key(release_date: str | None, length: int, release_id: str) -> tuple:
    """Sort key of a group's canonical release: the earliest dated, then the longest text."""
    return (release_date is None, release_date or "", -length, release_id)
