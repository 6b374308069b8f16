"""What rules report: a `Finding` with a character span, and an optional `Fix` made of `Edit`s.

A fix states how safe it is. `clean` applies SAFE fixes by default; UNSAFE fixes need
`--unsafe-fixes`; DISPLAY_ONLY fixes are shown and never applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Applicability(IntEnum):
    DISPLAY_ONLY = 1
    UNSAFE = 2
    SAFE = 3


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] with `content` (an empty content deletes, an empty span inserts)."""

    start: int
    end: int
    content: str = ""


@dataclass(frozen=True)
class Fix:
    """One or more edits that together repair a finding."""

    edits: tuple[Edit, ...]
    title: str
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def delete(cls, start: int, end: int, title: str, applicability: Applicability = Applicability.SAFE) -> "Fix":
        return cls((Edit(start, end, ""),), title, applicability)

    @classmethod
    def replace(cls, start: int, end: int, content: str, title: str,
                applicability: Applicability = Applicability.SAFE) -> "Fix":
        return cls((Edit(start, end, content),), title, applicability)

    @property
    def span(self) -> tuple[int, int]:
        return min(e.start for e in self.edits), max(e.end for e in self.edits)

    @property
    def removes_only(self) -> bool:
        return all(not e.content for e in self.edits)


@dataclass(frozen=True)
class Finding:
    """One artifact: which rule saw it, what category it is, where it is and what to do about it."""

    code: str
    rule: str
    category: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    severity: Severity = Severity.WARNING
    fix: Fix | None = None
    score: float | None = None
    document_level: bool = False
    learned: bool = False  # made by a learned model, not a hand-written rule (its rule's `learned` metadata)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability >= Applicability.UNSAFE

    def as_dict(self, path: str = "", doc_id: str = "") -> dict[str, Any]:
        """The finding as plain data, the shape of one line of `--output-format jsonl`."""
        data: dict[str, Any] = {
            "path": path,
            "id": doc_id,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "fixable": self.fixable,
            "document_level": self.document_level,
        }
        if self.score is not None:
            data["score"] = round(self.score, 4)
        if self.extra.get("also"):  # other rules that named the same lines as the same problem
            data["also"] = list(self.extra["also"])
        if "confidence" in self.extra:  # the learned detector's probability for the line a rule names
            data["confidence"] = round(self.extra["confidence"], 4)
        if self.fix is not None:
            data["fix"] = {
                "title": self.fix.title,
                "applicability": self.fix.applicability.name.lower(),
                "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in self.fix.edits],
            }
        return data
