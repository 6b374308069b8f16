"""The `Rule` base class, the registry of rule classes, and the zone helpers rules share.

A rule is a class with a stable `code`, a kebab-case `name` that states the problem, a
`category` from the shared vocabulary and a docstring that is its documentation. `check` reads a
`Document` and yields `Finding`s; it never changes the document.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable

from contentqa.categories import CATEGORIES, is_document_category
from contentqa.document import Document, Line
from contentqa.findings import Applicability, Finding, Fix, Severity

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")

REGISTRY: dict[str, type["Rule"]] = {}


@dataclass
class Context:
    """What a rule may know beyond its document: its options and corpus-wide facts."""

    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    corpus: dict[str, Any] = field(default_factory=dict)


def option_problem(key: str, value: Any, default: Any) -> str:
    """What is wrong with a rule option's value, judged by its default, or "" when nothing is.

    >>> option_problem("flag_threshold", 1.5, 0.9), option_problem("min_lines", "3", 3), option_problem("model", "m", "")
    ('must be between 0 and 1, not 1.5', "must be a number, not '3'", '')
    """
    if isinstance(default, bool):
        return "" if isinstance(value, bool) else f"must be true or false, not {value!r}"
    if isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be a number, not {value!r}"
        if isinstance(default, int) and not isinstance(default, bool) and isinstance(value, float) \
                and not value.is_integer():
            return f"must be a whole number, not {value!r}"
        if key.endswith("threshold") and 0 <= default <= 1 and not 0 <= value <= 1:
            return f"must be between 0 and 1, not {value!r}"
        if value < 0:
            return f"must be 0 or more, not {value!r}"
        return ""
    if isinstance(default, str):
        return "" if isinstance(value, str) else f"must be a string, not {value!r}"
    return ""


class Rule:
    """Base class of every rule. Subclasses set code, name, category and write `check`."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    category: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    default_options: ClassVar[dict[str, Any]] = {}
    origin: ClassVar[str] = "builtin"
    costly: ClassVar[bool] = False  # slow rules run only on the text as it came in, not in every fix round
    assess_order: ClassVar[int] = 0  # rules with `assess(doc, findings)` run after the others, in this order
    learned: ClassVar[bool] = False  # a learned model's verdicts: their fixes come after the rules', and they
    #                                  are never evidence for the model itself

    def __init__(self, options: dict[str, Any] | None = None):
        unknown = set(options or {}) - set(self.default_options)
        if unknown:
            raise ValueError(f"rule {self.code} ({self.name}) has no option(s) {sorted(unknown)}; "
                             f"known: {sorted(self.default_options) or 'none'}")
        for key, value in (options or {}).items():
            problem = option_problem(key, value, self.default_options[key])
            if problem:
                raise ValueError(f"rule {self.code} ({self.name}) option {key!r}: {problem}")
        self.options = {**self.default_options, **(options or {})}

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "(no documentation)")

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().splitlines()[0]

    # --- building findings ----------------------------------------------------------------

    def finding(self, doc: Document, start: int, end: int, message: str, *, fix: Fix | None = None,
                score: float | None = None, category: str | None = None, **extra: Any) -> Finding:
        category = category or self.category
        if is_document_category(category):  # about the whole document: it claims no line (line 0)
            line = column = end_line = end_column = 0
        else:
            line, column = doc.position(start)
            end_line, end_column = doc.position(max(start, end - 1)) if end > start else (line, column)
            end_column += 1 if end > start else 0
        return Finding(
            code=self.code, rule=self.name, category=category, start=start, end=end,
            line=line, column=column, end_line=end_line, end_column=end_column,
            message=message, severity=self.severity, fix=fix, score=score,
            document_level=is_document_category(category), learned=self.learned, extra=extra,
        )

    def lines_finding(self, doc: Document, first: Line, last: Line | None, message: str, *,
                      remove: bool = True, applicability: Applicability = Applicability.SAFE,
                      score: float | None = None, category: str | None = None, **extra: Any) -> Finding:
        """A finding over whole lines; with `remove`, its fix deletes them."""
        last = last or first
        fix = None
        if remove:
            start, end = doc.removal_span(first, last)
            what = "line" if first is last else "lines"
            fix = Fix.delete(start, end, f"remove {what} {first.number}" + ("" if first is last else f"-{last.number}"),
                             applicability)
        return self.finding(doc, first.start, last.end, message, fix=fix, score=score, category=category, **extra)

    def document_finding(self, doc: Document, message: str, score: float | None = None, **extra: Any) -> Finding:
        """A finding about the whole document, pinned to its first line."""
        first = doc.nonblank[0] if doc.nonblank else doc.lines[0]
        return self.finding(doc, first.start, first.end, message, score=score, **extra)


class LineRule(Rule):
    """A rule that judges each non-blank line on its own and removes the lines it names."""

    def describe(self, doc: Document, line: Line) -> str | None:
        """What the line is (the finding's message), or None when it is fine."""
        raise NotImplementedError

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for line in doc.judged:
            message = self.describe(doc, line)
            if message:
                yield self.lines_finding(doc, line, None, message)


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: check a rule's identity and add it to the registry."""
    validate(cls)
    REGISTRY[cls.code] = cls
    return cls


def validate(cls: type[Rule]) -> None:
    """Check a rule's code, name and category, and that no other rule has its code."""
    if not CODE.match(cls.code):
        raise ValueError(f"rule code {cls.code!r} must be 2-4 capitals and 3 digits")
    if not KEBAB.match(cls.name):
        raise ValueError(f"rule name {cls.name!r} must be kebab-case")
    if cls.category not in CATEGORIES:
        raise ValueError(f"rule {cls.code}: unknown category {cls.category!r}")
    existing = REGISTRY.get(cls.code)
    if existing is not None and existing is not cls:
        raise ValueError(f"rule code {cls.code} is used by both {existing.name} and {cls.name}")


# --- zones ------------------------------------------------------------------------------------

def in_head(doc: Document, line: Line, size: int = 8) -> bool:
    """True when `line` is among the first `size` non-blank lines."""
    return doc.rank(line) < size


def in_tail(doc: Document, line: Line, size: int = 12) -> bool:
    """True when `line` is among the last `size` non-blank lines."""
    return doc.from_end(line) < size

