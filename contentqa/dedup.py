"""Near-duplicate documents: MinHash signatures, banded candidates, signature agreement to confirm.

Documents are compared by their word 5-gram shingles, hashed with xxhash (much faster than the
default SHA-1) into a MinHash of 128 permutations: datasketch's MinHash in its default scheme
('affine32', datasketch 2.0 on), value for value (the permutations drawn from the same seed, the
same arithmetic; a test compares the two), computed here in a few lines of numpy because
importing datasketch imports scipy, which would add half a second and 50 MB to every run that
compares documents (a pre-commit hook given two files, for one). Candidates come from 42 bands of
3 rows (a pair at Jaccard 0.5 becomes a candidate 99.6% of the time) and are confirmed by the
share of the 128 permutations on which the two signatures agree, an estimate of their Jaccard
similarity (standard error under 0.045). Documents are added one at a time, so a streaming job
can ask, for each new document, whether it repeats one it has already seen.

The index is the one thing that grows with the corpus, so it keeps little in memory
(`contentqa.compact`): per document its id (its bytes and 20 more) and its cluster link (4 bytes).
Its signature (512 bytes) goes to an unnamed temporary file and is read back only when another
document shares a band with it; its 32-bit band keys (42 x 8 bytes) sit in sorted runs, and a run
that reaches 2 MB goes to a temporary file too, keeping one pair in 512 in memory (the runs on disk
merge as they grow, so a document's keys are looked up in a few of them). So memory holds at most
about 4 MB of band keys whatever the corpus size, and the disk about 0.9 KB a document.
A band key shared by chance only adds a candidate that its signature then rules out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
import xxhash

from contentqa.compact import IdTable, KeyTable, Rows, SpilledRows

WORD = re.compile(r"\w+")
DEFAULT_THRESHOLD = 0.5
NUM_PERM = 128
BANDS, ROWS = 42, 3  # 126 of the 128 permutations
# Documents a band bucket holds. Past it, a document is compared with the bucket's first ones only
# and not added to it: a corpus of 100,000 copies of one error page would otherwise compare each
# copy with every earlier one (quadratic). The copies still join the cluster through the first
# ones; only a document that would have matched nothing but a later member of a full bucket in
# every band it shares is missed.
BUCKET_LIMIT = 64
SPILL_PAIRS = 1 << 18  # band pairs (2 MB) in one run before it goes to disk
FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


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


def permutations(num_perm: int = NUM_PERM, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of each permutation h -> a * h + b (mod 2**32, `a` odd), drawn as datasketch's
    MinHash draws them for a seed (its default, 1) in its default scheme ('affine32')."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    return a, gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)


A, B = permutations()


def minhash(grams: Iterable[bytes]) -> np.ndarray:
    """The 128 MinHash values (uint32) of a non-empty set of shingles: each shingle's 32-bit hash
    mixed by the MurmurHash3 finalizer, then each permutation's least value.

    >>> minhash([b"a b c d e"]).shape, minhash([b"x", b"y"]).dtype
    ((128,), dtype('uint32'))
    """
    h = np.array([hash32(gram) for gram in grams], dtype=np.uint32)[:, None]
    s1, m1, s2, m2, s3 = FMIX
    h = h ^ (h >> s1)
    h = h * m1  # uint32 products wrap around: arithmetic mod 2**32, as intended
    h = h ^ (h >> s2)
    h = h * m2
    h = h ^ (h >> s3)
    return (h * A + B).min(axis=0)


def band_keys(signature: np.ndarray) -> list[int]:
    """One 32-bit key per band of a signature (the band's number mixed in, so bands never meet)."""
    rows = signature[:BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (rows * MIX).sum(axis=1, dtype=np.uint64)
        keys ^= np.arange(BANDS, dtype=np.uint64) * np.uint64(0xFF51AFD7ED558CCD)
        return (keys >> np.uint64(32)).tolist()


@dataclass
class NearDuplicateIndex:
    """Documents added one by one; each addition reports the earlier documents it repeats."""

    threshold: float = DEFAULT_THRESHOLD
    shingle_size: int = 5
    _ids: IdTable = field(default_factory=IdTable, repr=False)
    _signatures: SpilledRows = field(default_factory=lambda: SpilledRows(NUM_PERM, np.uint32), repr=False)
    _parent: Rows = field(default_factory=lambda: Rows(1, np.int32), repr=False)
    _bands: KeyTable = field(default_factory=lambda: KeyTable(SPILL_PAIRS), repr=False)
    last_signature: np.ndarray | None = field(default=None, repr=False)  # of the document added last

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"the near-duplicate threshold must be in (0, 1], not {self.threshold}")

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._ids

    def add(self, doc_id: str, text: str) -> list[tuple[str, float]]:
        """Index a document; return the earlier documents at or above the threshold, most similar first."""
        return self.insert(doc_id, self.signature(text))

    def signature(self, text: str) -> np.ndarray | None:
        """The text's MinHash signature (None for a text with no shingle)."""
        grams = shingles(text, self.shingle_size)
        return minhash(grams) if grams else None

    def insert(self, doc_id: str, signature: np.ndarray | None) -> list[tuple[str, float]]:
        """Index a document by its signature (see `add`); a resumed run replays its earlier ones so."""
        if doc_id in self._ids:
            raise ValueError(f"document id {doc_id!r} was added twice")
        number = self._ids.add(doc_id)
        self._parent.append(number)
        self.last_signature = signature
        if signature is None:
            self._signatures.append(0)
            return []
        self._signatures.append(signature)
        keys = band_keys(signature)
        buckets = self._bands.lookup(keys)
        candidates = sorted({c for bucket in buckets.values() for c in bucket})
        similar = []  # (earlier document's number, agreement)
        if candidates:
            agreement = (self._signatures.take(candidates) == signature).mean(axis=1)
            similar = [(c, round(float(a), 4)) for c, a in zip(candidates, agreement) if a >= self.threshold]
        # a full bucket takes no more documents: its first ones stand for the rest (see BUCKET_LIMIT)
        self._bands.add([key for key in keys if len(buckets.get(key, ())) < BUCKET_LIMIT], number)
        for other, _ in similar:
            self._union(other, number)
        return sorted(((self._ids[c], a) for c, a in similar), key=lambda m: (-m[1], m[0]))

    def _find(self, number: int) -> int:
        root = number
        while int(self._parent[root][0]) != root:
            root = int(self._parent[root][0])
        while int(self._parent[number][0]) != root:
            self._parent[number], number = root, int(self._parent[number][0])
        return root

    def _union(self, earlier: int, later: int) -> None:
        a, b = self._find(earlier), self._find(later)
        if a != b:
            self._parent[max(a, b)] = min(a, b)  # the cluster is named after its first document

    def cluster_of(self, doc_id: str) -> str:
        """The cluster id of a document: the id of the first document of its cluster."""
        number = self._ids.number(doc_id)
        if number is None:
            raise KeyError(doc_id)
        return self._ids[self._find(number)]

    def clusters(self) -> dict[str, str]:
        return {doc_id: self._ids[self._find(number)] for number, doc_id in enumerate(self._ids)}
