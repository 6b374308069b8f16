"""Near-duplicate documents: MinHash signatures, LSH candidates, exact Jaccard to confirm.

Documents are compared by their word 5-gram shingles. datasketch's LSH finds candidate pairs
with bands chosen for a low threshold (so that few true pairs are missed), and every candidate
is confirmed by the exact Jaccard similarity of the two shingle sets, so the banding never
decides on its own. Shingles are hashed with xxhash, which is much faster than the default
SHA-1. Documents are added one at a time, so a streaming job can ask, for each new document,
whether it repeats one it has already kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import xxhash
from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")
DEFAULT_THRESHOLD = 0.5
NUM_PERM = 128
BANDS, ROWS = 42, 3  # 126 of the 128 permutations: a pair at Jaccard 0.5 becomes a candidate 99.6% of the time


def hash32(data: bytes) -> int:
    return xxhash.xxh32_intdigest(data)


def shingles(text: str, size: int = 5) -> set[bytes]:
    """The word `size`-grams of a text, lowercased (the words themselves for a short text).

    >>> sorted(shingles("A b c", size=2))
    [b'a b', b'b c']
    """
    tokens = [w.lower() for w in WORD.findall(text)]
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i:i + size]).encode() for i in range(len(tokens) - size + 1)}


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted arrays of unique shingle hashes."""
    if a.size == 0 or b.size == 0:
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common)


@dataclass
class NearDuplicateIndex:
    """Documents added one by one; each addition reports the earlier documents it repeats."""

    threshold: float = DEFAULT_THRESHOLD
    shingle_size: int = 5
    _lsh: MinHashLSH = field(init=False, repr=False)
    _sets: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _parent: dict[str, str] = field(default_factory=dict, repr=False)
    _position: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"the near-duplicate threshold must be in (0, 1], not {self.threshold}")
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))

    def add(self, doc_id: str, text: str) -> list[tuple[str, float]]:
        """Index a document; return the earlier documents at or above the threshold, most similar first."""
        if doc_id in self._sets:
            raise ValueError(f"document id {doc_id!r} was added twice")
        grams = shingles(text, self.shingle_size)
        hashed = np.unique(np.fromiter((hash32(g) for g in grams), dtype=np.uint32, count=len(grams)))
        signature = MinHash(num_perm=NUM_PERM, hashfunc=hash32)
        signature.update_batch(list(grams))
        matches = []
        for other in self._lsh.query(signature) if grams else []:
            similarity = jaccard(hashed, self._sets[other])
            if similarity >= self.threshold:
                matches.append((other, similarity))
        matches.sort(key=lambda m: (-m[1], m[0]))
        self._sets[doc_id] = hashed
        self._parent[doc_id] = doc_id
        self._position[doc_id] = len(self._position)
        if grams:
            self._lsh.insert(doc_id, signature)
        for other, _ in matches:
            self._union(other, doc_id)
        return matches

    def _find(self, doc_id: str) -> str:
        root = doc_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[doc_id] != root:
            self._parent[doc_id], doc_id = root, self._parent[doc_id]
        return root

    def _union(self, earlier: str, later: str) -> None:
        a, b = self._find(earlier), self._find(later)
        if a == b:
            return
        first, second = sorted((a, b), key=self._position.__getitem__)
        self._parent[second] = first

    def cluster_of(self, doc_id: str) -> str:
        """The cluster id of a document: the id of the first document of its cluster."""
        return self._find(doc_id)

    def clusters(self) -> dict[str, str]:
        return {doc_id: self._find(doc_id) for doc_id in self._position}
