"""Output formats for `check`: concise and full for people, json and jsonl for programs,
github annotations and SARIF for CI."""

from __future__ import annotations

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
        """path:line:col, with the record id for JSONL and CSV inputs."""
        name = f"{self.record.path}#{self.record.id}" if self.record.number is not None else self.record.path
        return f"{name}:{self.finding.line}:{self.finding.column}"

    def as_dict(self) -> dict:
        return self.finding.as_dict(self.record.path, self.record.id)


def concise(items: list[Located], stream: TextIO) -> None:
    for item in items:
        f = item.finding
        marker = " [*]" if f.fixable else ""
        stream.write(f"{item.where}: {f.code}{marker} [{f.category}] {f.message}\n")


def full(items: list[Located], stream: TextIO) -> None:
    for item in items:
        f = item.finding
        stream.write(f"{item.where}: {f.code} {f.rule} [{f.category}] {f.severity}\n  {f.message}\n")
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
        message = f.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        stream.write(f"::{level[f.severity]} file={item.record.path},line={f.line},endLine={f.end_line},"
                     f"col={f.column},title={f.code} {f.rule}::{message}\n")


def sarif(items: list[Located], stream: TextIO) -> None:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    rules = {}
    results = []
    for item in items:
        f = item.finding
        rules[f.code] = {"id": f.code, "name": f.rule, "properties": {"category": f.category}}
        results.append({
            "ruleId": f.code,
            "level": level[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": item.record.path},
                "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line},
            }}],
            "properties": {"category": f.category, "id": item.record.id},
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "contentqa", "version": __version__, "rules": list(rules.values())}},
                  "results": results}],
    }
    stream.write(orjson.dumps(log, option=orjson.OPT_INDENT_2).decode() + "\n")


WRITERS: dict[str, Callable[[list[Located], TextIO], None]] = {
    "concise": concise, "full": full, "json": json_array, "jsonl": jsonl, "github": github, "sarif": sarif,
}
