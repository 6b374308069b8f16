"""What a run keeps for every document it reads, in as few bytes as it can: the only state that
grows with the corpus.

* `KeyTable`: 32-bit keys to document numbers, each pair one 64-bit integer (key in the high half)
  in sorted numpy runs, recent pairs in a small dict; 8 bytes a pair (a dict of lists takes ~100).
  Given `spill_pairs`, a run that grows to that size is written to an unnamed temporary file
  (`SpilledRun`) and only every 512th pair stays in memory, so memory stops growing with it; runs
  on disk merge as they grow (a chunk at a time), so a query reads a few of them.
* `Rows`: a growing array of fixed-size rows in chunks, so growing never copies what is there;
  `SpilledRows`: the same rows in an unnamed temporary file, read back by number.
* `IdTable`: every id read, by number and by id, in its UTF-8 bytes and 20 more (a set of str
  takes about 150 bytes an id).

Temporary files go where `tempfile` puts them (`TMPDIR`); they are unlinked as they are made, so
nothing is left behind, even by a killed run.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from typing import Iterable, Iterator

import numpy as np
import xxhash

RUN_PAIRS = 1 << 14  # pairs gathered in the dict before they become a sorted run
MAX_RUN = 1 << 22  # runs stop merging at this size (32 MB), so a merge never needs much memory
BLOCK = 512  # pairs of a spilled run per block read from its file (4 KB)
CHUNK_PAIRS = 1 << 16  # pairs read at a time when two spilled runs are merged (512 KB)
LOW = np.uint64(0xFFFFFFFF)


class SpillError(OSError):
    """A temporary file that cannot be made or written (a full disk, no temporary folder)."""


@contextmanager
def spilling() -> Iterator[None]:
    """Turns a failure to make or write a temporary file into a SpillError that says where and what to do."""
    try:
        yield
    except OSError as error:
        raise SpillError(f"cannot write a temporary file in {tempfile.gettempdir()} ({error.strerror or error}); "
                         "set TMPDIR to a folder with room, or run with --no-dedup") from None


def spill_file():
    """An unnamed temporary file, unbuffered: what is written is in the file at once (a read needs
    no flush, and a forked worker holds no half-written buffer of it)."""
    with spilling():
        return tempfile.TemporaryFile(prefix="contentqa-", buffering=0)


def write_all(file, data: bytes | np.ndarray) -> None:
    """Writes the bytes or array (contiguous, not copied) whole."""
    with spilling():
        view = memoryview(data).cast("B")
        while view:
            written = file.write(view)
            if not written:
                raise OSError(28, "nothing written")
            view = view[written:]


class SpilledRun:
    """A sorted run of pairs in an unnamed temporary file, written from sorted chunks; the first pair
    of every block stays in memory (1/512 of the run), so a query reads one or two blocks a key."""

    def __init__(self, chunks: Iterable[np.ndarray]) -> None:
        self.file = spill_file()
        self.length = 0
        fences = []
        for chunk in chunks:
            # the pairs at whole blocks of the run, copied (a view would keep the whole chunk alive)
            fences.append(chunk[-self.length % BLOCK::BLOCK].copy())
            write_all(self.file, np.ascontiguousarray(chunk))
            self.length += len(chunk)
        self.fences = np.concatenate(fences) if fences else np.zeros(0, dtype=np.uint64)

    def read(self, start: int, stop: int) -> np.ndarray:
        return np.frombuffer(os.pread(self.file.fileno(), (stop - start) * 8, start * 8), dtype=np.uint64)

    def chunks(self, size: int = CHUNK_PAIRS) -> Iterator[np.ndarray]:
        for start in range(0, self.length, size):
            yield self.read(start, min(start + size, self.length))

    def read_spans(self, high: np.ndarray) -> np.ndarray:
        """The pairs of the blocks that may hold the keys whose high halves are `high` (sorted), read
        once each, in order: a sorted array to search as a run in memory is searched."""
        first = np.maximum(np.searchsorted(self.fences, high, "left") - 1, 0) * BLOCK
        last = np.minimum((np.searchsorted(self.fences, high | LOW, "right")) * BLOCK, self.length)
        spans: list[list[int]] = []  # overlapping and touching spans joined, so none is read twice
        for a, b in zip(first.tolist(), last.tolist()):
            if b <= a:
                continue  # every pair of the run lies above this key
            if spans and a <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], b)
            else:
                spans.append([a, b])
        if not spans:
            return np.zeros(0, dtype=np.uint64)
        return np.concatenate([self.read(a, b) for a, b in spans])

    def close(self) -> None:
        self.file.close()

    def __len__(self) -> int:
        return self.length


def found_in(found: dict[int, list[int]], run: np.ndarray, high: np.ndarray) -> None:
    """Adds to `found` the numbers a sorted run holds under each key whose high half is in `high`."""
    left, right = np.searchsorted(run, high, "left"), np.searchsorted(run, high | LOW, "right")
    for key, a, b in zip((high >> np.uint64(32)).tolist(), left.tolist(), right.tolist()):
        if b > a:
            found.setdefault(key, []).extend((run[a:b] & LOW).tolist())


def merge_sorted(first: Iterator[np.ndarray], second: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
    """Two sorted streams of chunks as one sorted stream; each step uses up at least one chunk."""
    a, b = next(first, None), next(second, None)
    while a is not None and b is not None:
        limit = min(a[-1], b[-1])
        i, j = int(np.searchsorted(a, limit, "right")), int(np.searchsorted(b, limit, "right"))
        out = np.concatenate([a[:i], b[:j]])
        out.sort()
        yield out
        a = a[i:] if i < len(a) else next(first, None)
        b = b[j:] if j < len(b) else next(second, None)
    for rest, stream in ((a, first), (b, second)):
        if rest is not None:
            yield rest
            yield from stream


class KeyTable:
    """A multimap from 32-bit keys to 32-bit numbers that only grows: recent pairs in a dict, older
    ones in sorted runs merged as they grow (a log-structured table); runs of `spill_pairs` pairs
    or more go to disk."""

    def __init__(self, spill_pairs: int | None = None) -> None:
        self.recent: dict[int, list[int]] = {}
        self.recent_count = 0
        self.runs: list[np.ndarray] = []  # sorted uint64: key << 32 | number
        self.spilled: list[SpilledRun] = []
        self.spill_pairs = spill_pairs

    def add(self, keys: Iterable[int], number: int) -> None:
        for key in keys:
            self.recent.setdefault(key, []).append(number)
            self.recent_count += 1
        if self.recent_count >= RUN_PAIRS:
            self.flush()

    def flush(self) -> None:
        run = np.array([key << 32 | number for key, numbers in self.recent.items() for number in numbers],
                       dtype=np.uint64)
        run.sort()
        self.runs.append(run)
        self.recent, self.recent_count = {}, 0
        while len(self.runs) > 1 and len(self.runs[-1]) * 2 >= len(self.runs[-2]) and len(self.runs[-2]) < MAX_RUN:
            later, earlier = self.runs.pop(), self.runs.pop()
            merged = np.concatenate([earlier, later])
            del later, earlier
            merged.sort()
            self.runs.append(merged)
        if self.spill_pairs and len(self.runs[-1]) >= self.spill_pairs:
            self.spilled.append(SpilledRun([self.runs.pop()]))
            # the runs on disk merge as they grow too, so a query reads few of them
            while len(self.spilled) > 1 and len(self.spilled[-1]) * 2 >= len(self.spilled[-2]):
                later, earlier = self.spilled.pop(), self.spilled.pop()
                self.spilled.append(SpilledRun(merge_sorted(earlier.chunks(), later.chunks())))
                earlier.close()
                later.close()

    def query(self, keys: Iterable[int]) -> set[int]:
        """The numbers stored under any of `keys`."""
        return {number for numbers in self.lookup(keys).values() for number in numbers}

    def lookup(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """The numbers stored under each of `keys` (a key with none is left out)."""
        keys = list(keys)
        found: dict[int, list[int]] = {key: list(self.recent[key]) for key in keys if key in self.recent}
        if self.runs or self.spilled:
            high = np.sort(np.array(keys, dtype=np.uint64) << np.uint64(32))
            for run in self.runs:
                found_in(found, run, high)
            for spilled in self.spilled:
                found_in(found, spilled.read_spans(high), high)
        return found

    def __len__(self) -> int:
        return self.recent_count + sum(len(run) for run in self.runs) + sum(len(run) for run in self.spilled)


class Rows:
    """A growing array of rows of one width and dtype, kept in chunks."""

    def __init__(self, width: int, dtype: type, chunk: int = 4096) -> None:
        self.width, self.dtype, self.chunk = width, dtype, chunk
        self.chunks: list[np.ndarray] = []
        self.count = 0

    def append(self, row: np.ndarray | int) -> int:
        if self.count == len(self.chunks) * self.chunk:
            self.chunks.append(np.zeros((self.chunk, self.width), dtype=self.dtype))
        self.chunks[-1][self.count % self.chunk] = row
        self.count += 1
        return self.count - 1

    def __getitem__(self, number: int) -> np.ndarray:
        return self.chunks[number // self.chunk][number % self.chunk]

    def __setitem__(self, number: int, row: np.ndarray | int) -> None:
        self.chunks[number // self.chunk][number % self.chunk] = row

    def take(self, numbers: list[int]) -> np.ndarray:
        return np.stack([self[n] for n in numbers]) if numbers else np.zeros((0, self.width), dtype=self.dtype)

    def __len__(self) -> int:
        return self.count


class SpilledRows:
    """Rows of one width and dtype appended to an unnamed temporary file and read back by number:
    what is rarely read again (a signature, read when another document shares a band with it)
    costs no memory."""

    def __init__(self, width: int, dtype: type) -> None:
        self.width, self.dtype = width, np.dtype(dtype)
        self.row_bytes = width * self.dtype.itemsize
        self.file = spill_file()
        self.count = 0

    def append(self, row: np.ndarray | int) -> int:
        write_all(self.file, np.broadcast_to(np.asarray(row, dtype=self.dtype), (self.width,)).tobytes())
        self.count += 1
        return self.count - 1

    def take(self, numbers: list[int]) -> np.ndarray:
        out = np.empty((len(numbers), self.width), dtype=self.dtype)
        for i, number in enumerate(numbers):
            if not 0 <= number < self.count:
                raise IndexError(number)
            data = os.pread(self.file.fileno(), self.row_bytes, number * self.row_bytes)
            out[i] = np.frombuffer(data, dtype=self.dtype)
        return out

    def __len__(self) -> int:
        return self.count


def id_key(doc_id: str) -> int:
    return xxhash.xxh32_intdigest(doc_id.encode("utf-8"))


class IdTable:
    """Ids in the order they came, found by number or by id.

    >>> table = IdTable()
    >>> table.add("a.txt"), table.add("b.txt"), "a.txt" in table, table.number("b.txt"), table[0]
    (0, 1, True, 1, 'a.txt')
    """

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self.blob = bytearray()
        self.ends = Rows(1, np.int64, chunk=1 << 16)
        self.keys = KeyTable()
        for doc_id in ids:
            self.add(doc_id)

    def add(self, doc_id: str) -> int:
        self.blob += doc_id.encode("utf-8")
        number = self.ends.append(len(self.blob))
        self.keys.add((id_key(doc_id),), number)
        return number

    def number(self, doc_id: str) -> int | None:
        """The id's number, or None (a key shared by two ids is told apart by the id itself)."""
        for number in sorted(self.keys.query((id_key(doc_id),))):
            if self[number] == doc_id:
                return number
        return None

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.number(doc_id) is not None

    def __getitem__(self, number: int) -> str:
        start = int(self.ends[number - 1][0]) if number else 0
        return self.blob[start:int(self.ends[number][0])].decode("utf-8")

    def __len__(self) -> int:
        return len(self.ends)

    def __iter__(self):
        return (self[number] for number in range(len(self)))
