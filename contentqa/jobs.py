"""The work behind the commands that write files: in-place repair, the report and findings
files, the explanation of every change, and the choice of output form."""

from __future__ import annotations

import csv
import io
import os
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentqa.document import Document
from contentqa.fixes import AppliedFix
from contentqa.pipeline import FIX_STEPS, REPORT_HEADER, DocumentResult, examine, report_row
from contentqa.readers import FORMATS, Record, RecordError, kind_of, open_binary
from contentqa.writers import CorpusWriter, atomic_open, json_dumps, spreadsheet_safe, with_newlines

if TYPE_CHECKING:  # the linter loads every rule: not needed to import this module
    from contentqa.linter import Linter


def fix_in_place(linter: Linter, items: list[Record], text_field: str) -> tuple[list[Record], int, str]:
    """Rewrite one input file with its fixes applied.

    Returns its records as they now read, how many fixes were applied, and why the file was
    left alone (empty when it was not).
    """
    first = items[0]
    kind = kind_of(Path(first.path))
    if kind in ("html", "warc", "parquet"):
        return items, 0, f"{first.path}: {kind.upper()} is not fixed in place; use `contentqa clean`"
    count = 0
    updated = []
    for record in items:
        result = examine(record, linter, FIX_STEPS)
        count += len(result.applied)
        updated.append(Record(record.id, result.cleaned, record.path, record.format, record.number, record.relative,
                              record.fields, record.newline))
    if not count:
        return updated, 0, ""
    target = Path(os.path.realpath(first.path))  # a symbolic link stays a link: its target is rewritten
    changed = {r.number: r for r, before in zip(updated, items) if r.text != before.text}
    if kind == "jsonl":
        rewrite_jsonl_records(target, changed, text_field)
    elif kind == "csv":
        rewrite_csv_records(target, changed, text_field)
    else:
        with CorpusWriter(target, "file" if FORMATS[kind].one_document else kind, text_field) as writer:
            for record in updated:
                writer.write(record, record.text)
    return updated, count, ""


def rewrite_csv_records(path: Path, changed: dict[int, Record], text_field: str) -> None:
    """Rewrite the CSV rows numbered in `changed` (1 is the first row after the header); every other
    row, the header included, keeps its text exactly, quoting and line ends too."""
    with open_binary(path) as source:
        text = source.read().decode("utf-8")
    lines = list(io.StringIO(text, newline=""))
    reader = csv.reader(iter(lines))
    header = next(reader, None)
    done = reader.line_num
    with atomic_open(path, "w", newline="") as target:
        target.write("".join(lines[:done]))
        for number, row in enumerate(reader, 1):
            raw = "".join(lines[done:reader.line_num])
            done = reader.line_num
            record = changed.get(number)
            if record is None or header is None:
                target.write(raw)
                continue
            values = dict(zip(header, row))
            values[text_field] = with_newlines(record.text, record.newline)
            ending = "\r\n" if raw.endswith("\r\n") else "\n" if raw.endswith("\n") else ""
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator=ending).writerow([values[name] for name in header])
            target.write(buffer.getvalue())


def rewrite_jsonl_records(path: Path, changed: dict[int, Record], text_field: str) -> None:
    """Rewrite the JSONL records numbered in `changed`; every other line keeps its bytes."""
    with open_binary(path) as source, atomic_open(path, "wb") as target:
        for number, raw in enumerate(source, 1):
            record = changed.get(number)
            if record is None:
                target.write(raw)
                continue
            data = dict(record.fields)
            data[text_field] = with_newlines(record.text, record.newline)
            target.write(json_dumps(data) + (b"\n" if raw.endswith(b"\n") else b""))


class SideOutputs:
    """The report CSV (one row per document), the findings JSONL (with `applied` flags), the
    rejects JSONL (every dropped document with why and its text as it came in) and the errors JSONL
    (every record that could not be read or examined: path, record number, message), each written
    row by row as documents are done, so nothing grows with the corpus; each file appears,
    complete, when the run ends (see `atomic_open`)."""

    def __init__(self, report: Path | None = None, findings: Path | None = None, rejects: Path | None = None,
                 errors: Path | None = None, parts: Any = None, resumed: bool = False):
        self.paths = {"report": report, "findings": findings, "rejects": rejects, "errors": errors}
        self.parts = parts  # a checkpointed run's parts (contentqa.checkpoint.RunParts), or None
        self.resumed = resumed  # going on from a checkpoint: the report's header is in the parts already
        self.streams: dict[str, Any] = {}
        self.stack = ExitStack()
        self.report_writer: Any = None

    def __enter__(self) -> "SideOutputs":
        for name, path in self.paths.items():
            if path is None:
                continue
            if self.parts is not None:
                self.streams[name] = self.parts.stream(name, path)
            else:
                self.streams[name] = self.stack.enter_context(
                    atomic_open(path, "w", newline="") if name == "report" else atomic_open(path, "wb"))
        if "report" in self.streams:
            self.report_writer = csv.writer(self.streams["report"])
            if not self.resumed:
                self.report_writer.writerow(REPORT_HEADER)
        return self

    def write(self, result: DocumentResult) -> None:
        if self.report_writer is not None:
            row = report_row(result)
            self.report_writer.writerow([spreadsheet_safe(row[column]) for column in REPORT_HEADER])
        if "findings" in self.streams:
            applied = {(a.code, a.line) for a in result.applied if a.round == 1}
            for finding in result.findings:
                data = finding.as_dict(result.record.path, result.record.id)
                data["applied"] = (finding.code, finding.line) in applied
                if not finding.document_level:
                    data["context"] = context_lines(result.doc, finding.line, finding.end_line)
                self.streams["findings"].write(json_dumps(data) + b"\n")
            for fix in result.later_fixes:
                self.streams["findings"].write(json_dumps(later_fix_row(result, fix)) + b"\n")
        if "rejects" in self.streams and not result.keep:
            self.streams["rejects"].write(json_dumps({"id": result.record.id, "path": result.record.path,
                                                      "reason": result.reason, "text": result.record.text}) + b"\n")

    def write_error(self, error: RecordError) -> None:
        if "errors" in self.streams:
            self.streams["errors"].write(json_dumps({"path": error.path, "record": error.number,
                                                     "message": error.message}) + b"\n")

    def __exit__(self, *exc_info: Any) -> None:
        self.stack.__exit__(*exc_info)


CONTEXT_LINES = 1  # lines shown before and after a finding's own in the findings file
CONTEXT_CHARS = 200


def context_lines(doc: Document, first: int, last: int) -> list[list]:
    """The finding's lines and one on each side, as [number, text] (long lines cut), for the
    dashboard to show where a finding is without the corpus at hand."""
    last = min(last, first + 4)  # a long block shows its start
    lines = doc.lines[max(0, first - 1 - CONTEXT_LINES):min(len(doc.lines), last + CONTEXT_LINES)]
    return [[line.number, line.text[:CONTEXT_CHARS]] for line in lines]


def later_fix_row(result: DocumentResult, fix: AppliedFix) -> dict:
    """A findings-file row for a fix made after the first round; its lines are those of the text
    as that round found it."""
    return {"path": result.record.path, "id": result.record.id, "line": fix.line, "end_line": fix.end_line,
            "code": fix.code, "rule": fix.rule, "category": fix.category, "message": fix.title, "round": fix.round,
            "fixable": True, "applied": True, "removed": fix.before}


def explanation(result: DocumentResult) -> list[str]:
    """One line per change made to a document: round, lines, rule, category and what was removed."""
    out = []
    for applied in result.applied:
        lines = f"{applied.line}" if applied.line == applied.end_line else f"{applied.line}-{applied.end_line}"
        before = applied.before.strip().replace("\n", " ⏎ ")
        out.append(f"{result.record.id}: round {applied.round}, line {lines}: {applied.code} {applied.rule} "
                   f"[{applied.category}] {applied.title}: {before[:100]!r}")
    return out


def output_kind(source: Path, target: Path) -> str:
    """The form the output takes: a folder for a folder, JSONL for JSONL or WARC, CSV for CSV, else a file."""
    kind = kind_of(source)
    if kind == "folder":
        if target.exists() and not target.is_dir():
            raise ValueError(f"{target}: the input is a folder, so the output must be a folder")
        return "folder"
    if kind in ("jsonl", "csv", "parquet"):
        return kind
    if kind == "warc":  # many pages in one file: they come out as JSONL (id, url, date, text)
        if not target.name.lower().endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            raise ValueError(f"{target}: a WARC input is written as JSONL; name the output .jsonl or .jsonl.gz")
        return "jsonl"
    return "folder" if target.is_dir() else "file"
