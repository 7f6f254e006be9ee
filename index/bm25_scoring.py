"""Exact BM25 top-k over bm25s's CSC arrays, without summing every posting of frequent tokens.

bm25s scores a query by adding each query token's postings into an array of every passage's score
(`np.add.at`, in query order, float32). At a million passages a frequent token has hundreds of
thousands of postings and a 25-token query sums millions of them (~100 ms), nearly all for tokens
whose weight (idf) is tiny. Two paths, both exact:

- `exhaustive`: bm25s's own sum (the same float32 additions in the same order, so the same floats)
  and the same top-k selection as before. Used when the query's postings are few, which is every
  query of a small index: its results do not change at all.
- `pruned`: term-at-a-time with MaxScore bounds. A token can add at most its idf to a passage (the
  lucene tf factor tf / (tf + k1·(1 − b + b·len/avg)) is below 1), so once the rarest tokens are
  summed and the k-th best partial score exceeds what all the remaining tokens together could
  add, no passage they have not reached can enter the top k. Those remaining tokens are then only
  looked up (binary search in their sorted postings) for the passages still in the running, and the
  survivors' final scores are re-added in query order in float32: bit-equal to bm25s's. Ties are
  broken by passage row, where the exhaustive path leaves them to `argpartition`.
"""

from __future__ import annotations

import numpy as np

EXHAUSTIVE_MAX_POSTINGS = 200_000  # below this many postings a query is summed as bm25s does (~1 ms)
SLACK = 1e-4  # relative margin on bounds and thresholds, far above float32 rounding of the sums
POOL_MAX = 65_536  # passages over which the running k-th best score is taken while summing
LOOKUP_FACTOR = 16  # a column this many times longer than the candidates is searched, not summed
SUM_MAX = 100_000  # columns up to this long (and a tenth of the passages) are summed whole, not searched


def idf_bound(df: np.ndarray, n_docs: int) -> np.ndarray:
    """The largest score one occurrence-count of a token can add under lucene BM25: its idf.

    bm25s computes idf as log(1 + (N − df + 0.5) / (df + 0.5)) and multiplies it by a tf factor
    below 1; the float32 roundings of that product are covered by SLACK.
    """
    df = df.astype(np.float64)
    return np.log1p((n_docs - df + 0.5) / (df + 0.5)) * (1 + SLACK)


class Postings:
    """bm25s's CSC arrays (possibly memory-mapped): column t holds token t's passage rows (sorted,
    each once) and its precomputed scores."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, n_docs: int) -> None:
        self.data = data
        self.indices = indices
        self.indptr = indptr
        self.n_docs = n_docs

    def count(self, tokens: np.ndarray) -> int:
        """Postings a query of these token ids (repeats counted) would sum."""
        return int((self.indptr[tokens + 1] - self.indptr[tokens]).sum())

    def scores(self, tokens: np.ndarray) -> np.ndarray:
        """Every passage's score, summed exactly as bm25s does (float32, query order)."""
        scores = np.zeros(self.n_docs, dtype=self.data.dtype)
        for t in tokens.tolist():
            start, end = self.indptr[t], self.indptr[t + 1]
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        return scores

    def lookup(self, token: int, rows: np.ndarray) -> np.ndarray:
        """Token's score in each of `rows` (sorted), 0 where it does not occur."""
        start, end = int(self.indptr[token]), int(self.indptr[token + 1])
        column = self.indices[start:end]
        out = np.zeros(len(rows), dtype=self.data.dtype)
        if end == start or not len(rows):
            return out
        pos = np.searchsorted(column, rows.astype(column.dtype, copy=False))  # same dtype: no copy of column
        inside = pos < len(column)
        hit = np.zeros(len(rows), dtype=bool)
        hit[inside] = column[pos[inside]] == rows[inside]
        out[hit] = self.data[start + pos[hit]]
        return out


def exhaustive(postings: Postings, tokens: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Top k (row, score > 0) as bm25s scores them and as this index always selected them."""
    return select(postings.scores(tokens), k)


def select(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The k best (row, score > 0) of every passage's scores, best first (ties as argpartition leaves them)."""
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


def _kth_largest(values: np.ndarray, k: int) -> float:
    if len(values) < k:
        return 0.0
    return float(np.partition(values, len(values) - k)[len(values) - k])


def pruned(
    postings: Postings, tokens: np.ndarray, k: int, sum_max: int | None = None
) -> list[tuple[int, float]] | None:
    """Top k (row, score > 0), best first, ties by row; None when every token had to be summed.

    Invariant: `theta` is the k-th best partial score of some k passages, so at least k passages
    end at or above it; a passage whose partial score plus the bounds of the tokens not yet added
    stays below it cannot be in the top k, now or later.
    """
    unique, counts = np.unique(tokens, return_counts=True)
    starts = postings.indptr[unique].astype(np.int64)
    ends = postings.indptr[unique + 1].astype(np.int64)
    if sum_max is None:  # searching instead starts with a scan of every passage: worth it for long columns
        sum_max = min(SUM_MAX, postings.n_docs // 10)
    if int((ends - starts).max()) <= sum_max:
        return None  # every column would be summed whole: that is the exhaustive path
    bounds = counts * idf_bound(ends - starts, postings.n_docs)
    order = np.argsort(-bounds, kind="stable").tolist()  # rarest (highest idf) first
    remaining = float(bounds.sum())
    partial = np.zeros(postings.n_docs, dtype=postings.data.dtype)
    pool = np.zeros(0, dtype=np.int64)  # distinct rows of the rarest tokens, where theta is taken
    in_pool = np.zeros(postings.n_docs, dtype=bool)
    best = theta = 0.0
    summed = 0
    # 1. Sum whole columns, rarest first, until the tokens left could not lift a passage not yet
    #    reached to theta, and the next column is long enough to be worth searching instead.
    for j in order:
        start, end = int(starts[j]), int(ends[j])
        if end - start > sum_max and remaining * (1 + SLACK) < theta * (1 - SLACK):
            break
        rows, scores = _column(postings, start, end, int(counts[j]))
        np.add.at(partial, rows, scores)  # numpy 2: faster than partial[rows] += scores
        remaining -= float(bounds[j])
        summed += 1
        if len(pool) + len(rows) <= POOL_MAX:
            new = rows[~in_pool[rows]]
            in_pool[new] = True
            pool = np.concatenate([pool, new])
        if len(rows):
            best = max(best, float(partial[rows].max()))
        if remaining < best:
            theta = max(theta, _kth_largest(partial[pool], k))
    if summed == len(order):
        return None
    # 2. Only passages already reached can still make the top k; keep those that can catch up,
    #    adding each further token by searching its column for them (or summing it if short).
    rows = np.flatnonzero(partial >= theta * (1 - SLACK) - remaining * (1 + SLACK))
    for j in order[summed:]:
        start, end, count = int(starts[j]), int(ends[j]), int(counts[j])
        if end - start <= LOOKUP_FACTOR * len(rows):
            np.add.at(partial, *_column(postings, start, end, count))
        else:
            partial[rows] += count * postings.lookup(int(unique[j]), rows)
        remaining = max(remaining - float(bounds[j]), 0.0)
        theta = max(theta, _kth_largest(partial[rows if len(rows) <= POOL_MAX else pool], k))
        rows = rows[partial[rows] >= theta * (1 - SLACK) - remaining * (1 + SLACK)]
    # 3. The survivors' final scores as bm25s sums them: float32, query order.
    looked = {int(t): postings.lookup(int(t), rows) for t in unique.tolist()}
    final = np.zeros(len(rows), dtype=postings.data.dtype)
    for t in tokens.tolist():
        final += looked[t]
    best_first = np.lexsort((rows, -final))[:k]
    return [(int(rows[i]), float(final[i])) for i in best_first if final[i] > 0]


def _column(postings: Postings, start: int, end: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """A token's rows and its scores times its count in the query."""
    scores = postings.data[start:end]
    return postings.indices[start:end], scores if count == 1 else scores * np.float32(count)


def top_k(postings: Postings, tokens: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The k best (row, score) for these token ids, score > 0, best first; scores as bm25s's.

    Only for lucene scores without a constant term (what `index.lexical` writes): the bounds
    assume it."""
    if not len(tokens) or postings.n_docs == 0:
        return []
    if postings.count(tokens) > EXHAUSTIVE_MAX_POSTINGS:
        found = pruned(postings, tokens, k)
        if found is not None:
            return found
    return exhaustive(postings, tokens, k)
