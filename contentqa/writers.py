"""Writers: cleaned documents in the form they came in, every file written atomically.

A file is written to a temporary name beside its target and renamed over it only when
complete, so an interrupted run never leaves a half-written file behind; it gets the permissions
the process umask gives a new file. A `.gz` target is written gzipped. Text keeps the line ends
its input used. CSV cells of the side outputs (report, clusters) that a spreadsheet would run as
a formula are escaped.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

import orjson

from contentqa.readers import Record, stem_of


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_open(path: Path, mode: str = "w", newline: str | None = None) -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; rename it onto `path` when the block ends cleanly.
    A target whose name ends in .gz is written gzipped."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # the temporary name stays short, so a long file name still fits the file system's limit
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".part", dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~current_umask())  # as open() would create it, not mkstemp's 0600
        binary = "b" in mode
        with os.fdopen(handle, "wb") as raw:
            target: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if path.name.endswith(".gz") else raw
            stream: IO[Any] = target if binary else io.TextIOWrapper(target, encoding="utf-8", newline=newline)
            yield stream
            if not binary:
                stream.flush()
                stream.detach()  # leaves `target` open, to be closed below
            if target is not raw:
                target.close()
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_open(path, newline="") as stream:
        stream.write(text)


def output_name(record: Record) -> str:
    """The file name a cleaned document gets: the same name, or `<stem>.txt` for an HTML page."""
    relative = Path(record.relative or Path(record.path).name)
    if record.format == "html":
        return relative.with_name(stem_of(relative) + ".txt").as_posix()
    return relative.as_posix()


def json_dumps(data: Any) -> bytes:
    """One JSON line, written fast by orjson, or by the standard library when a value is beyond
    orjson (an integer past 64 bits), so what was read is written back exactly."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def with_newlines(text: str, newline: str) -> str:
    """The text with the line ends its input used ("\r\n" or "\r"), for writing it back."""
    return text if newline == "\n" else text.replace("\n", newline)


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula ("=SUM(...)", "+1", "@cmd") gets a leading quote.

    >>> spreadsheet_safe("=HYPERLINK(x)"), spreadsheet_safe("-1"), spreadsheet_safe(-1), spreadsheet_safe("a=b")
    ("'=HYPERLINK(x)", "'-1", -1, 'a=b')
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


SHARD_FORMATS = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "warc": "jsonl"}  # a file of many records: its output form
PARQUET_ROWS = 1_000  # rows written as one row group
OUTPUT_MARKER = ".contentqa-output"  # in every output folder: a later run may replace that folder


class OutputError(ValueError):
    """An output that cannot be written as asked; the message names it."""


class CorpusWriter:
    """Writes cleaned records to one file (text, JSONL or CSV) or to a folder that mirrors the
    input: one file per document, one JSONL or CSV file per shard.

    A folder is written into a temporary folder beside it and swapped in when the run ends, so a
    killed run leaves the earlier output whole and a finished one keeps no stale file. A folder
    that exists, holds files and was not written by contentqa is never replaced.
    """

    def __init__(self, target: Path, kind: str, text_field: str = "text", parts: Any = None, name: str = "corpus"):
        self.target = Path(target)
        self.kind = kind
        self.text_field = text_field
        self.parts = parts  # a checkpointed run's parts (contentqa.checkpoint.RunParts), or None
        self.name = name  # of this writer's stream among the parts
        self.written = 0
        self._stream: IO[Any] | None = None
        self._context = None
        self._csv: csv.DictWriter | None = None
        self._staging: Path | None = None
        self._shard: tuple[str, CorpusWriter] | None = None
        self._rows: list[dict[str, Any]] = []  # Parquet rows waiting to be written as a row group
        self._parquet: Any = None
        self._shard_columns: dict[str, list[str]] = {}  # CSV shards' columns, when resumed or closed
        if kind == "folder" and self.target.exists() and any(self.target.iterdir()) \
                and not (self.target / OUTPUT_MARKER).exists():
            raise OutputError(f"{self.target}: the folder exists, holds files and was not written by contentqa; "
                              "remove it or name another")

    def __enter__(self) -> "CorpusWriter":
        if self.kind in ("jsonl", "csv") and self.parts is not None:
            self._stream = self.parts.stream(self.name, self.target)
        elif self.kind in ("jsonl", "csv", "parquet"):
            self._context = atomic_open(self.target, "w" if self.kind == "csv" else "wb", newline="")
            self._stream = self._context.__enter__()
        elif self.kind == "folder" and self.parts is not None:  # kept for a resumed run
            self._staging = self.parts.staging
            self._staging.mkdir(mode=0o777 & ~current_umask(), exist_ok=True)
        elif self.kind == "folder":
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name[:60]}.", suffix=".part",
                                                  dir=self.target.parent))
            os.chmod(self._staging, 0o777 & ~current_umask())
        return self

    def state(self) -> dict:
        """What a resumed run's writer must know: the CSV columns chosen from the first row."""
        out = {self.name: list(self._csv.fieldnames)} if self._csv is not None else {}
        if self._shard is not None:
            out.update(self._shard[1].state())
        out.update(self._shard_columns)
        return out

    def restore(self, state: dict) -> None:
        """Go on from a checkpoint (see `state`)."""
        self._shard_columns = {name: columns for name, columns in state.items() if name != self.name}
        if self.name in state and self.kind == "csv":
            self._csv = csv.DictWriter(self._stream, fieldnames=state[self.name])

    def write(self, record: Record, text: str) -> None:
        if self.kind == "folder" and record.format in SHARD_FORMATS:  # a shard in, a shard out
            self.shard_writer(record).write(record, text)  # counted when the shard is closed
            return
        text = with_newlines(text, record.newline)
        if self.kind == "parquet":
            row = dict(record.fields) if record.fields else {"id": record.id}
            row[self.text_field] = text
            self._rows.append(row)
            if len(self._rows) >= PARQUET_ROWS:
                self.flush_parquet()
        elif self.kind == "jsonl":
            data = dict(record.fields) if record.fields else {"id": record.id}
            data[self.text_field] = text
            self._stream.write(json_dumps(data) + b"\n")
        elif self.kind == "csv":
            row = dict(record.fields) if record.fields else {"id": record.id}
            row[self.text_field] = text
            if self._csv is None:
                self._csv = csv.DictWriter(self._stream, fieldnames=list(row))
                self._csv.writeheader()
            self._csv.writerow({k: row.get(k, "") for k in self._csv.fieldnames})
        elif self.kind == "file":
            write_text(self.target, text)
        else:  # inside the staging folder, which is swapped in whole: no file needs its own swap
            target = self._staging / output_name(record)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        self.written += 1

    def shard_writer(self, record: Record) -> "CorpusWriter":
        name, kind = output_name(record), SHARD_FORMATS[record.format]
        if kind != record.format:  # a WARC comes out as JSONL beside it
            name += ".jsonl"
        if self._shard is None or self._shard[0] != name:
            self.close_shard(None, None, None)
            writer = CorpusWriter(self._staging / name, kind, self.text_field, self.parts, f"shard:{name}")
            self._shard = (name, writer.__enter__())
            writer.restore({key: value for key, value in self._shard_columns.items() if key == writer.name})
        return self._shard[1]

    def close_shard(self, *exc_info: Any) -> None:
        if self._shard is not None:
            self.written += self._shard[1].written
            if self.parts is not None:
                self._shard_columns.update(self._shard[1].state())
            self._shard[1].__exit__(*exc_info)
            self._shard = None

    def flush_parquet(self) -> None:
        """The waiting rows as one row group; the first group fixes the schema (pyarrow, optional extra)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._rows and self._parquet is not None:
            return
        schema = self._parquet.schema_arrow if self._parquet is not None else None
        table = pa.Table.from_pylist(self._rows, schema=schema)
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._stream, table.schema)
        self._parquet.write_table(table)
        self._rows = []

    def __exit__(self, *exc_info: Any) -> None:
        if self.parts is not None and self.kind in ("jsonl", "csv"):
            return  # its parts are put together by the run (RunParts.finish)
        if self.parts is not None and exc_info[0] is not None:
            return  # the staging folder stays for --resume
        if self.kind == "parquet" and exc_info[0] is None:
            self.flush_parquet()
            self._parquet.close()
        if self._context is not None:
            self._context.__exit__(*exc_info)
        if self._staging is None:
            return
        self.close_shard(*exc_info)
        if exc_info[0] is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            return
        (self._staging / OUTPUT_MARKER).write_text("written by contentqa clean; a later run replaces this folder\n",
                                                   encoding="utf-8")
        old = None
        if self.target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name[:60]}.", suffix=".old", dir=self.target.parent))
            os.replace(self.target, old / "previous")
        os.replace(self._staging, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def write_csv_rows(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    write_text(path, buffer.getvalue())
