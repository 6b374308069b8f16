"""Readers: every input (a folder, text, Markdown, HTML, JSONL or CSV) as a stream of records.

A record that cannot be read becomes a `RecordError` naming the file and the record, and the
stream goes on: one bad record never stops a batch.
"""

from __future__ import annotations

import csv
import gzip
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import orjson

from contentqa.html import html_to_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
CSV_SUFFIXES = (".csv",)


class InputError(ValueError):
    """An input that cannot be read at all (missing path, unknown format)."""


@dataclass
class Record:
    """One document as read: its id, its text, and where it came from."""

    id: str
    text: str
    path: str
    format: str
    number: int | None = None  # record number inside a JSONL or CSV file (1-based)
    relative: str = ""  # path relative to the input folder, for mirroring
    fields: dict[str, Any] = field(default_factory=dict)  # the original JSONL/CSV record

    @property
    def where(self) -> str:
        return f"{self.path}:{self.number}" if self.number is not None else self.path


@dataclass
class RecordError:
    path: str
    number: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, record {self.number}" if self.number is not None else self.path
        return f"{where}: {self.message}"


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for suffix in HTML_SUFFIXES + JSONL_SUFFIXES + TEXT_SUFFIXES + CSV_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def kind_of(path: Path) -> str:
    """The input kind of a path: folder, text, html, jsonl or csv."""
    if path.is_dir():
        return "folder"
    suffix = suffix_of(path)
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    return "text"


def stem_of(path: Path) -> str:
    name = path.name
    suffix = suffix_of(path)
    return name[: -len(suffix)] if suffix and name.lower().endswith(suffix) else path.stem


def read_inputs(paths: list[Path], text_field: str = "text", id_field: str = "id") -> Iterator[Record | RecordError]:
    """Records from every path, in order; folders are walked in sorted order."""
    for path in paths:
        if path.exists() and path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and is_document_file(p))
            for file in files:
                yield from read_file(file, text_field, id_field, relative=file.relative_to(path))
        elif path.exists() or str(path) == "-":
            yield from read_file(path, text_field, id_field, relative=Path(path.name))
        else:
            raise InputError(f"{path}: no such file or folder")


def is_document_file(path: Path) -> bool:
    return suffix_of(path) in TEXT_SUFFIXES + HTML_SUFFIXES and not path.name.startswith(".")


def read_file(path: Path, text_field: str, id_field: str, relative: Path) -> Iterator[Record | RecordError]:
    kind = kind_of(path) if str(path) != "-" else "text"
    if kind == "jsonl":
        yield from read_jsonl(path, text_field, id_field)
        return
    if kind == "csv":
        yield from read_csv(path, text_field, id_field)
        return
    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else read_bytes(path)
        text = raw.decode("utf-8-sig")
    except OSError as error:
        yield RecordError(str(path), None, f"cannot read: {error.strerror or error}")
        return
    except UnicodeDecodeError as error:
        yield RecordError(str(path), None, f"not UTF-8 text (byte {error.start}: {error.reason})")
        return
    doc_id = relative.with_name(stem_of(relative)).as_posix() if relative.parent != Path(".") else stem_of(relative)
    if kind == "html":
        yield Record(doc_id, html_to_text(text), str(path), "html", relative=relative.as_posix())
    else:
        fmt = "md" if suffix_of(path) in (".md", ".markdown") else "txt"
        yield Record(doc_id, text, str(path), fmt, relative=relative.as_posix())


def read_bytes(path: Path) -> bytes:
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            return handle.read()
    return path.read_bytes()


def read_jsonl(path: Path, text_field: str, id_field: str) -> Iterator[Record | RecordError]:
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        handle = opener(path, "rb")
    except OSError as error:
        yield RecordError(str(path), None, f"cannot read: {error.strerror or error}")
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError as error:
                yield RecordError(str(path), number, f"not valid JSON ({error})")
                continue
            yield record_from_mapping(data, path, number, text_field, id_field, "jsonl")


def read_csv(path: Path, text_field: str, id_field: str) -> Iterator[Record | RecordError]:
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except OSError as error:
        yield RecordError(str(path), None, f"cannot read: {error.strerror or error}")
        return
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with handle:
        try:
            for number, row in enumerate(csv.DictReader(handle), 1):
                yield record_from_mapping(row, path, number, text_field, id_field, "csv")
        except (csv.Error, UnicodeDecodeError) as error:
            yield RecordError(str(path), None, f"unreadable CSV: {error}")


def record_from_mapping(data: Any, path: Path, number: int, text_field: str, id_field: str,
                        fmt: str) -> Record | RecordError:
    if not isinstance(data, dict):
        return RecordError(str(path), number, "a record must be a JSON object")
    text = data.get(text_field)
    if not isinstance(text, str):
        found = ", ".join(sorted(map(str, data))[:8]) or "none"
        return RecordError(str(path), number, f"no text field {text_field!r} (fields: {found}); "
                                              "name it with --text-field")
    doc_id = data.get(id_field)
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{stem_of(path)}:{number}"
    return Record(doc_id, text, str(path), fmt, number=number, fields=data)
