"""Checkpoints of a `clean` run: a run killed part-way is resumed with `--resume` and gives the
same output, byte for byte, as a run that was never stopped.

A run writes its outputs in parts, in a folder beside the output (`.<name>.contentqa-run`).
Every `chunk` items read (or sooner, past CHUNK_BYTES of output), the bytes each output gained in
the chunk (the cleaned corpus or each shard of a folder, the report, findings, rejects and errors)
go to one part file per output, the ids and near-duplicate signatures of the chunk's documents to a journal, and a marker with the
counts so far is written last, as datatrove marks a finished task. When the run ends, each output
is put together from its parts, in order, and written atomically (gzipped when its name says so),
and the folder goes. A resumed run replays the finished chunks' journals (the ids seen and the
near-duplicate index), skips their records and goes on; an unfinished chunk is done again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from contentqa.writers import atomic_open

if TYPE_CHECKING:
    import numpy as np

CHUNK = 500  # items read between two checkpoints
CHUNK_BYTES = 64 * 2 ** 20  # or fewer, when the outputs gained this much (long documents): memory stays bounded
MARKER = "chunk-{:06d}.done"


class ResumeError(ValueError):
    """A run that cannot be resumed as asked; the message says why."""


class PartStream:
    """The bytes one output gained in the current chunk (text is written as UTF-8), counted in
    the run's `buffered` total."""

    def __init__(self, run: "RunParts") -> None:
        self.run = run
        self.pieces: list[bytes] = []

    def write(self, data: bytes | str) -> int:
        piece = data.encode("utf-8") if isinstance(data, str) else data
        self.pieces.append(piece)
        self.run.buffered += len(piece)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.pieces = b"".join(self.pieces), []
        return data


@dataclass
class Resumed:
    """What the finished chunks of an earlier run leave to the next: how many items they read,
    the counts, the ids seen, the documents indexed for near-duplicates, and the writers' state."""

    items: int = 0
    stats: dict = field(default_factory=dict)
    journals: list[Path] = field(default_factory=list)  # of the finished chunks, read again when asked
    writers: dict = field(default_factory=dict)

    def ids(self) -> Iterator[str]:
        """The ids the finished chunks saw, a journal at a time (memory stays flat however long the run)."""
        for journal in self.journals:
            yield from json.loads(journal.read_text(encoding="utf-8"))["ids"]

    def indexed(self) -> Iterator[tuple[str, "np.ndarray | None"]]:
        """The documents the finished chunks indexed for near-duplicates, with their signatures."""
        for journal in self.journals:
            for doc_id, signature in json.loads(journal.read_text(encoding="utf-8"))["indexed"]:
                yield doc_id, decoded(signature)


class RunParts:
    """The parts of one run's outputs and its checkpoints (see the module's docstring)."""

    def __init__(self, output: Path, fingerprint: dict, chunk: int = CHUNK):
        output = Path(output)
        self.folder = output.parent / f".{output.name[:60]}.contentqa-run"
        self.staging = output.parent / f".{output.name[:60]}.contentqa-staging"  # a folder output, until it ends
        self.fingerprint = fingerprint
        self.chunk = chunk
        self.streams: dict[str, PartStream] = {}
        self.targets: dict[str, Path] = {}
        self.number = 0  # of the chunk being read
        self.items = 0  # read in this chunk
        self.buffered = 0  # bytes the outputs gained in this chunk
        self.ids: list[str] = []
        self.indexed: list[tuple[str, "np.ndarray | None"]] = []

    # --- the start ----------------------------------------------------------------------------

    def start(self, resume: bool) -> Resumed:
        """A fresh run (any earlier state removed), or, with `resume`, the state of the earlier
        run's finished chunks; an earlier run made with other arguments is refused."""
        run_file = self.folder / "run.json"
        if not resume or not run_file.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
            shutil.rmtree(self.staging, ignore_errors=True)
            self.folder.mkdir(parents=True)
            atomic_write(run_file, json.dumps(self.fingerprint, sort_keys=True).encode("utf-8"))
            return Resumed()
        earlier = json.loads(run_file.read_text(encoding="utf-8"))
        if earlier != self.fingerprint:
            changed = sorted(k for k in set(earlier) | set(self.fingerprint) if earlier.get(k) != self.fingerprint.get(k))
            raise ResumeError(f"{self.folder}: the interrupted run was made with other {', '.join(changed)}; "
                              "run again without --resume to start over")
        resumed = Resumed()
        while (self.folder / MARKER.format(self.number)).exists():
            marker = json.loads((self.folder / MARKER.format(self.number)).read_text(encoding="utf-8"))
            resumed.items += marker["items"]
            resumed.stats, resumed.writers = marker["stats"], marker["writers"]
            self.targets = {name: Path(target) for name, target in marker["targets"].items()}
            resumed.journals.append(self.folder / f"chunk-{self.number:06d}.journal")
            self.number += 1
        for stale in self.folder.glob(f"chunk-{self.number:06d}.*"):  # the unfinished chunk is done again
            stale.unlink()
        return resumed

    # --- the run ------------------------------------------------------------------------------

    def stream(self, name: str, target: Path) -> PartStream:
        """The stream of one output, put together at `target` when the run ends (outputs that a
        resumed run no longer writes to are put together from the parts they left)."""
        if name not in self.streams:
            self.streams[name] = PartStream(self)
            self.targets[name] = Path(target)
        return self.streams[name]

    def done(self, doc_id: str, indexed: bool, signature: Any, stats: Callable[[], dict],
             writers: Callable[[], dict]) -> None:
        """One item read (its id, when it has one; whether and how it was indexed); a full chunk
        is written out."""
        if doc_id:
            self.ids.append(doc_id)
            if indexed:
                self.indexed.append((doc_id, signature))
        self.items += 1
        if self.items >= self.chunk or self.buffered >= CHUNK_BYTES:
            self.commit(stats(), writers())

    def commit(self, stats: dict, writers: dict) -> None:
        """Write the chunk's parts, then its journal, then its marker."""
        stem = f"chunk-{self.number:06d}"
        for name, stream in self.streams.items():
            data = stream.take()
            if data:
                atomic_write(self.folder / f"{stem}.{part_name(name)}", data)
        journal = {"ids": self.ids, "indexed": [(doc_id, encoded(s)) for doc_id, s in self.indexed]}
        atomic_write(self.folder / f"{stem}.journal", json.dumps(journal).encode("utf-8"))
        marker = {"items": self.items, "stats": stats, "writers": writers,
                  "targets": {name: str(target) for name, target in self.targets.items()}}
        atomic_write(self.folder / MARKER.format(self.number), json.dumps(marker).encode("utf-8"))
        self.number, self.items, self.buffered, self.ids, self.indexed = self.number + 1, 0, 0, [], []

    def finish(self, stats: dict, writers: dict) -> None:
        """The last chunk written out, every output put together from its parts, the folder removed."""
        if self.items or not self.number:
            self.commit(stats, writers)
        for name, target in self.targets.items():
            with atomic_open(target, "wb") as stream:
                for part in self.parts_of(name):
                    with open(part, "rb") as source:
                        shutil.copyfileobj(source, stream)
        shutil.rmtree(self.folder, ignore_errors=True)

    def parts_of(self, name: str) -> Iterator[Path]:
        for number in range(self.number):
            path = self.folder / f"chunk-{number:06d}.{part_name(name)}"
            if path.exists():
                yield path


def part_name(stream: str) -> str:
    """A short, file-name-safe name for an output's parts."""
    return hashlib.sha1(stream.encode("utf-8")).hexdigest()[:20] + ".part"


def encoded(signature: "np.ndarray | None") -> str | None:
    import numpy as np

    return None if signature is None else base64.b64encode(np.asarray(signature, dtype="<u4").tobytes()).decode()


def decoded(text: str | None) -> "np.ndarray | None":
    import numpy as np

    return None if text is None else np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_open(path, "wb") as stream:
        stream.write(data)
