"""Output formats for `check`: concise and full for people, json and jsonl for programs,
github annotations and SARIF for CI."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, TextIO

import orjson

from contentqa import __version__
from contentqa.document import Document
from contentqa.findings import Finding, Severity
from contentqa.readers import Record

FORMATS = ("concise", "full", "json", "jsonl", "github", "sarif")


@dataclass
class Located:
    """A finding with the record it belongs to."""

    record: Record
    doc: Document
    finding: Finding

    @property
    def where(self) -> str:
        """path:line:col in the file. A JSONL or CSV record's findings point at the record's line;
        a finding about a whole text file is at 0:0."""
        line, column = self.position or (0, 0)
        return f"{self.record.path}:{line}:{column}"

    @property
    def position(self) -> tuple[int, int] | None:
        """The finding's line and column in the file, or None when it is about the whole file
        (a document-level finding on a text file, anything in a Parquet or WARC file)."""
        if self.record.file_line is not None:
            return self.record.file_line, 1
        if self.record.number is not None or self.finding.document_level:
            return None
        return self.finding.line, self.finding.column

    @property
    def in_record(self) -> str:
        """Where the finding lies inside its record, for JSONL, CSV, Parquet and WARC inputs."""
        if self.record.number is None:
            return ""
        inside = "" if self.finding.document_level else f", line {self.finding.line}"
        return f" (record {self.record.id}{inside})"

    def as_dict(self) -> dict:
        data = self.finding.as_dict(self.record.path, self.record.id)
        if self.record.file_line is not None:
            data["file_line"] = self.record.file_line
        return data


def concise(items: list[Located], stream: TextIO) -> None:
    for item in items:
        f = item.finding
        marker = " [*]" if f.fixable else ""
        stream.write(f"{item.where}: {f.code}{marker} [{f.category}] {f.message}{item.in_record}\n")


def full(items: list[Located], stream: TextIO) -> None:
    for item in items:
        f = item.finding
        stream.write(f"{item.where}: {f.code} {f.rule} [{f.category}] {f.severity}\n  {f.message}{item.in_record}\n")
        lines = item.doc.lines[f.line - 1:f.end_line] if f.line else []  # line 0: the whole document
        for line in lines[:6]:
            stream.write(f"  {line.number:>5} | {line.text[:160]}\n")
        if len(lines) > 6:
            stream.write(f"        | ... ({len(lines) - 6} more lines)\n")
        if f.fix is not None:
            stream.write(f"  fix ({f.fix.applicability.name.lower()}): {f.fix.title}\n")
        stream.write("\n")


def json_array(items: list[Located], stream: TextIO) -> None:
    stream.write(orjson.dumps([i.as_dict() for i in items], option=orjson.OPT_INDENT_2).decode() + "\n")


def jsonl(items: list[Located], stream: TextIO) -> None:
    for item in items:
        stream.write(orjson.dumps(item.as_dict()).decode() + "\n")


def github(items: list[Located], stream: TextIO) -> None:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for item in items:
        f = item.finding
        message = (f.message + item.in_record).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        position = item.position
        if position is None:  # about the whole file: a file annotation
            at = ""
        elif item.record.file_line is not None:
            at = f",line={position[0]}"
        else:
            at = f",line={f.line},endLine={f.end_line},col={f.column}"
        stream.write(f"::{level[f.severity]} file={item.record.path}{at},title={f.code} {f.rule}::{message}\n")


def sarif(items: list[Located], stream: TextIO) -> None:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    rules = {}
    results = []
    for item in items:
        f = item.finding
        rules[f.code] = {"id": f.code, "name": f.rule, "properties": {"category": f.category}}
        location: dict = {"artifactLocation": {"uri": item.record.path}}
        position = item.position
        if position is not None and item.record.file_line is not None:
            location["region"] = {"startLine": position[0]}
        elif position is not None:
            location["region"] = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                                  "endColumn": max(f.end_column, 1)}
        # no region: the finding is about the whole file (SARIF lines and columns start at 1)
        results.append({
            "ruleId": f.code,
            "level": level[f.severity],
            "message": {"text": f.message + item.in_record},
            "locations": [{"physicalLocation": location}],
            "properties": {"category": f.category, "id": item.record.id},
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "contentqa", "version": __version__, "rules": list(rules.values())}},
                  "results": results}],
    }
    stream.write(orjson.dumps(log, option=orjson.OPT_INDENT_2).decode() + "\n")


def statistics(items: list[Located], stream: TextIO) -> None:
    """A count per rule, most frequent first, as `--statistics` prints it: count, code, [*] when
    the rule's findings can be fixed, name."""
    counts = Counter(item.finding.code for item in items)
    names = {item.finding.code: item.finding.rule for item in items}
    fixable = {item.finding.code for item in items if item.finding.fixable}
    width = len(str(max(counts.values()))) if counts else 1
    for code, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        stream.write(f"{count:>{width}}\t{code}\t{'[*]' if code in fixable else '   '} {names[code]}\n")


WRITERS: dict[str, Callable[[list[Located], TextIO], None]] = {
    "concise": concise, "full": full, "json": json_array, "jsonl": jsonl, "github": github, "sarif": sarif,
}
