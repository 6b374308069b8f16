"""Readers: every input (a folder, text, Markdown, HTML, JSONL or CSV, each maybe gzipped) as a
stream of records.

`FORMATS` is the one place that decides a file's format, by its name. A file or folder that
yields nothing readable is an error naming it, never "0 documents". A record or file that cannot
be read (bad JSON, a missing text field, a corrupt or truncated gzip, a decompression bomb, a
page that breaks the HTML parser) becomes a `RecordError` naming the file and the record, and
the stream goes on: one bad record never stops a batch.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterator

import orjson

# A bomb is told by its ratio: text compresses 3-10 times, a bomb hundreds of times or more. The
# size limit is a backstop far above a real shard: at 2 GiB it cut a 1.5 GB gzip of a million
# 3 KB documents (3.3 GB of text, ratio 2.2) off after 575,658 of them.
MAX_DECOMPRESSED_BYTES = 64 * 1024**3  # no single gzipped input may grow past 64 GiB...
MAX_RATIO = 200  # ...or past 200 times its compressed size once it is over RATIO_FLOOR_BYTES
RATIO_FLOOR_BYTES = 16 * 1024**2
LONG_NUMBER = re.compile(rb"\d{19}")


class InputError(ValueError):
    """An input that cannot be read at all (missing path, unknown format, nothing readable)."""


class BombError(ValueError):
    """A compressed input that grows past the decompression limits."""


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
    newline: str = "\n"  # the line end the file used ("\r\n" and "\r" are read as "\n")
    file_line: int | None = None  # the line of the file where a JSONL or CSV record starts

    @property
    def where(self) -> str:
        return f"{self.path}:{self.number}" if self.number is not None else self.path


@dataclass
class RecordError:
    path: str
    number: int | None
    message: str
    id: str = ""  # the record's id, when it was read but could not be examined

    def __str__(self) -> str:
        where = f"{self.path}, record {self.number}" if self.number is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]  # each also read gzipped, with ".gz" after it
    read: Callable[..., Iterator[Record | RecordError]]
    one_document: bool  # a file is one document (text, Markdown, HTML) or holds many (JSONL, CSV)


def named_format(path: Path) -> tuple[Format | None, str]:
    """The format a file's name says it has and the whole suffix that says so, ".gz" included
    (None and the last suffix for a name no format claims)."""
    name = path.name.lower()
    gz = ".gz" if name.endswith(".gz") else ""
    base = name[: len(name) - len(gz)]
    for fmt in FORMATS.values():
        for suffix in fmt.suffixes:
            if base.endswith(suffix):
                return fmt, suffix + gz
    return None, path.suffix.lower()


def format_of(path: Path) -> Format | None:
    """The format a file's name says it has, or None.

    >>> format_of(Path("a/page.HTML.gz")).name, format_of(Path("shard-001.jsonl")).name, format_of(Path("x.pdf"))
    ('html', 'jsonl', None)
    """
    return named_format(path)[0]


def suffix_of(path: Path) -> str:
    """The whole suffix that names the format, ".gz" included: "page.html.gz" -> ".html.gz"."""
    return named_format(path)[1]


def stem_of(path: Path) -> str:
    name, suffix = path.name, suffix_of(path)
    return name[: -len(suffix)] if suffix and name.lower().endswith(suffix) else path.stem


def kind_of(path: Path) -> str:
    """The input kind of a path: folder, or its format's name (text, markdown, html, jsonl, csv)."""
    if path.is_dir():
        return "folder"
    fmt = format_of(path)
    return fmt.name if fmt else "text"


def known_suffixes() -> str:
    return ", ".join(s for fmt in FORMATS.values() for s in fmt.suffixes)


def read_inputs(paths: list[Path], text_field: str = "text", id_field: str = "id",
                follow_symlinks: bool = False) -> Iterator[Record | RecordError]:
    """Records from every path, in order; folders are walked in sorted order.

    Raises InputError for a path that does not exist, a file of no known format, or an input
    that holds no document at all.
    """
    return distinct_ids(read_paths(paths, text_field, id_field, follow_symlinks))


def read_paths(paths: list[Path], text_field: str, id_field: str, follow_symlinks: bool) -> Iterator[Record | RecordError]:
    for path in paths:
        count = 0
        if str(path) == "-":
            for item in read_stdin():
                count += 1
                yield item
        elif path.is_dir():
            for file, relative in folder_files(path, follow_symlinks):
                for item in read_file(file, format_of(file), text_field, id_field, relative):
                    count += 1
                    yield item
            if not count:
                raise InputError(f"{path}: no documents in this folder (files ending {known_suffixes()}, "
                                 "maybe gzipped)")
        elif path.exists():
            fmt = format_of(path)
            if fmt is None:
                raise InputError(f"{path}: unknown input format {path.suffix or '(no suffix)'!r}; contentqa "
                                 f"reads {known_suffixes()} (maybe gzipped) and folders of them")
            for item in read_file(path, fmt, text_field, id_field, Path(path.name)):
                count += 1
                yield item
            if not count:
                raise InputError(f"{path}: no records in this file")
        else:
            raise InputError(f"{path}: no such file or folder")


def folder_files(folder: Path, follow_symlinks: bool) -> Iterator[tuple[Path, Path]]:
    """The readable files under a folder with their relative paths, sorted; hidden files, files of
    no known format and (unless asked) symbolic links are left out, so a link never leads the
    walk out of the folder."""
    found = []
    for root, folders, files in os.walk(folder, followlinks=follow_symlinks):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            file = Path(root) / name
            if name.startswith(".") or (file.is_symlink() and not follow_symlinks):
                continue
            if file.is_file() and format_of(file) is not None:
                found.append((file, file.relative_to(folder)))
    found.sort(key=lambda item: item[1].as_posix())
    return iter(found)


def read_file(path: Path, fmt: Format, text_field: str, id_field: str,
              relative: Path) -> Iterator[Record | RecordError]:
    """One file's records; whatever goes wrong inside becomes an error naming the file."""
    number = None
    try:
        for item in fmt.read(path, text_field=text_field, id_field=id_field, relative=relative):
            number = item.number
            yield item
    except ValueError as error:  # a decompression bomb, text that is not UTF-8
        yield RecordError(str(path), None, str(error))
    except (OSError, EOFError, zlib.error) as error:
        at = f" after record {number}" if number else ""
        yield RecordError(str(path), None, f"cannot read{at}: {getattr(error, 'strerror', None) or error}")
    except RecursionError:
        yield RecordError(str(path), None, "nested too deeply to parse")
    except Exception as error:  # noqa: BLE001 - one bad file never stops a batch
        yield RecordError(str(path), None, f"cannot read: {type(error).__name__}: {error}")


class BoundedReader(io.RawIOBase):
    """A gzip stream that refuses to grow past MAX_DECOMPRESSED_BYTES, or past MAX_RATIO times the
    compressed size once it is over RATIO_FLOOR_BYTES."""

    def __init__(self, path: Path):
        self.path = path
        self.compressed = max(1, path.stat().st_size)
        self.inner = gzip.open(path, "rb")
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.inner.read(len(buffer))
        self.total += len(data)
        if self.total > MAX_DECOMPRESSED_BYTES or (
                self.total > RATIO_FLOOR_BYTES and self.total > MAX_RATIO * self.compressed):
            raise BombError(f"refused: it decompresses to over {self.total // 1024**2} MiB from "
                            f"{self.compressed // 1024} KiB (limits: {MAX_DECOMPRESSED_BYTES // 1024**3} GiB, "
                            f"{MAX_RATIO}x)")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        super().close()


def open_binary(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return io.BufferedReader(BoundedReader(path), buffer_size=1 << 16)
    return open(path, "rb")


def split_newlines(text: str) -> tuple[str, str]:
    """The text with "\\r\\n" and lone "\\r" line ends made "\\n", and the line end it used.

    >>> split_newlines("a\\r\\nb\\r\\n"), split_newlines("a\\rb"), split_newlines("a\\nb")
    (('a\\nb\\n', '\\r\\n'), ('a\\nb', '\\r'), ('a\\nb', '\\n'))
    """
    if "\r" not in text:
        return text, "\n"
    newline = "\r\n" if "\r\n" in text else "\r"
    return text.replace("\r\n", "\n").replace("\r", "\n"), newline


def document_id(relative: Path) -> str:
    """A file's id: its path in the folder without the format's suffix ("news/a.html" -> "news/a").
    Files that share a stem keep distinct ids: see `distinct_ids`."""
    return relative.with_name(stem_of(relative)).as_posix()


def read_document(path: Path, fmt_name: str, relative: Path, decode: Callable[[str], str]) -> Iterator[Record]:
    with open_binary(path) as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (byte {error.start}: {error.reason})") from None
    text, newline = split_newlines(text)
    yield Record(document_id(relative), decode(text), str(path), fmt_name, relative=relative.as_posix(),
                 newline=newline)


def read_text(path: Path, relative: Path, **_: Any) -> Iterator[Record]:
    yield from read_document(path, "txt", relative, lambda text: text)


def read_markdown(path: Path, relative: Path, **_: Any) -> Iterator[Record]:
    yield from read_document(path, "md", relative, lambda text: text)


def read_html(path: Path, relative: Path, **_: Any) -> Iterator[Record]:
    from contentqa.html import html_to_text

    yield from read_document(path, "html", relative, html_to_text)


def read_stdin() -> Iterator[Record | RecordError]:
    try:
        text, newline = split_newlines(sys.stdin.buffer.read().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        yield RecordError("-", None, f"not UTF-8 text (byte {error.start}: {error.reason})")
        return
    yield Record("-", text, "-", "txt", relative="-", newline=newline)


def read_jsonl(path: Path, text_field: str, id_field: str, relative: Path | None = None,
               **_: Any) -> Iterator[Record | RecordError]:
    with open_binary(path) as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                data = json_loads(raw)
            except ValueError as error:
                yield RecordError(str(path), number, f"not valid JSON ({error})")
                continue
            yield record_from_mapping(data, path, number, text_field, id_field, "jsonl", relative,
                                      file_line=number)  # one record per line


def json_loads(raw: bytes) -> Any:
    """A JSON value, read fast by orjson, or by the standard library when orjson cannot hold it
    (an integer beyond 64 bits), so every value round-trips exactly.

    >>> json_loads(b'{"n": 123456789012345678901234567890}')["n"]
    123456789012345678901234567890
    """
    if LONG_NUMBER.search(raw):  # orjson would turn an integer past 64 bits into a float
        return json.loads(raw)
    return orjson.loads(raw)


def read_csv(path: Path, text_field: str, id_field: str, relative: Path | None = None,
             **_: Any) -> Iterator[Record | RecordError]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open_binary(path) as binary, io.TextIOWrapper(binary, encoding="utf-8-sig", newline="") as handle:
        try:
            reader = csv.DictReader(handle)
            _ = reader.fieldnames
            ended = reader.line_num  # the header's last line; a quoted cell may span lines
            for number, row in enumerate(reader, 1):
                starts, ended = ended + 1, reader.line_num
                if None in row:  # more cells than the header names
                    yield RecordError(str(path), number, f"{len(row[None])} cell(s) more than the header has")
                    continue
                yield record_from_mapping(row, path, number, text_field, id_field, "csv", relative, file_line=starts)
        except (csv.Error, UnicodeDecodeError) as error:
            yield RecordError(str(path), None, f"unreadable CSV: {error}")


def record_from_mapping(data: Any, path: Path, number: int, text_field: str, id_field: str, fmt: str,
                        relative: Path | None = None, file_line: int | None = None) -> Record | RecordError:
    """A record of a shard; one with no id is named after its shard (its path inside the input
    folder, so shards of one name in two subfolders keep distinct ids) and its number."""
    if not isinstance(data, dict):
        return RecordError(str(path), number, "a record must be a JSON object")
    text = data.get(text_field)
    if not isinstance(text, str):
        found = ", ".join(sorted(map(str, data))[:8]) or "none"
        return RecordError(str(path), number, f"no text field {text_field!r} (fields: {found}); "
                                              "name it with --text-field")
    doc_id = data.get(id_field)
    shard = document_id(relative) if relative is not None else stem_of(path)
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{shard}:{number}"
    text, newline = split_newlines(text)
    return Record(doc_id, text, str(path), fmt, number=number, fields=data, newline=newline,
                  relative=relative.as_posix() if relative is not None else "", file_line=file_line)


PARQUET_BATCH = 1_000  # rows read at a time


def read_parquet(path: Path, text_field: str, id_field: str, relative: Path | None = None,
                 **_: Any) -> Iterator[Record | RecordError]:
    """The rows of a Parquet file (pyarrow, an optional extra), read in batches; every column is kept."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ValueError("reading Parquet needs pyarrow: pip install 'contentqa[parquet]'") from None
    number = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=PARQUET_BATCH):
        for row in batch.to_pylist():
            number += 1
            yield record_from_mapping(row, path, number, text_field, id_field, "parquet", relative)


def read_warc(path: Path, relative: Path | None = None, **_: Any) -> Iterator[Record | RecordError]:
    """The HTML responses of a WARC file (warcio, an optional extra), each as a document with its
    URL and capture date; other records (requests, metadata, non-HTML responses) are passed over."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise ValueError("reading WARC needs warcio: pip install 'contentqa[warc]'") from None
    from contentqa.html import html_to_text

    with open(path, "rb") as handle:  # warcio reads gzipped WARC itself
        for number, record in enumerate(ArchiveIterator(handle), 1):
            if record.rec_type != "response":
                continue
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            text, newline = split_newlines(html_to_text(decoded(record.content_stream().read(), content_type)))
            fields = {"id": url or f"{stem_of(path)}:{number}", "url": url,
                      "date": record.rec_headers.get_header("WARC-Date") or ""}
            yield Record(fields["id"], text, str(path), "warc", number=number, fields=fields, newline=newline,
                         relative=relative.as_posix() if relative is not None else "")


CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def decoded(raw: bytes, content_type: str) -> str:
    """A response body as text, in the charset its Content-Type names (UTF-8 when none or unknown)."""
    found = CHARSET.search(content_type)
    try:
        return raw.decode(found.group(1) if found else "utf-8", errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


FORMATS: dict[str, Format] = {
    "text": Format("text", (".txt", ".text"), read_text, True),
    "markdown": Format("markdown", (".md", ".markdown"), read_markdown, True),
    "html": Format("html", (".html", ".htm", ".xhtml"), read_html, True),
    "jsonl": Format("jsonl", (".jsonl", ".ndjson"), read_jsonl, False),
    "csv": Format("csv", (".csv",), read_csv, False),
    "parquet": Format("parquet", (".parquet",), read_parquet, False),
    "warc": Format("warc", (".warc",), read_warc, False),
}


def distinct_ids(records: Iterator[Record | RecordError]) -> Iterator[Record | RecordError]:
    """Records whose ids are unique within the run: a file whose id was taken by another file
    ("a.txt" and "a.md" in one folder) keeps its suffix in its id ("a.md")."""
    taken: Counter[str] = Counter()
    for item in records:
        if isinstance(item, Record) and item.number is None and item.relative:
            if taken[item.id]:
                item.id = item.relative
            taken[item.id] += 1
        yield item
