"""The pipeline: records in, each through a list of steps, results out in input order.

A step is a function that does one thing to a record's `DocumentResult` and is timed under its
name: `parse` (the record becomes a `Document`), `detect` (the linter's findings), `fix` (the
fixes applied until the text is stable), `score` (the quality score) and `drop` (whether the
document is dropped whole). `check` runs `CHECK_STEPS` (`FIX_STEPS` with --fix); `clean`,
`scan` and `dedup` run `CLEAN_STEPS`, so they agree by construction. The executor examines the
records (in this process, a pool of workers or a Dask cluster); `process` then signs each kept
document (MinHash) in input order against those before it, counts it in `Stats`, and hands it
to the command, which writes it. The stream keeps going past unreadable records; `Stats`
counts, like every step of a datatrove pipeline, what was kept, dropped and why, and how long
each step took.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from contentqa.categories import CATEGORIES
from contentqa.document import Document
from contentqa.findings import Finding, Severity
from contentqa.fixes import AppliedFix, FixOutcome
from contentqa.quality import quality_score
from contentqa.readers import Record, RecordError

if TYPE_CHECKING:  # the linter loads every rule: not needed to import this module
    from contentqa.linter import Linter
    from contentqa.compact import IdTable

SPACE = re.compile(r"\s+")
TITLE_MAX_WORDS = 25  # a lone line this short is a title, not an article


@dataclass
class DocumentResult:
    """Everything the job learned about one document."""

    record: Record
    doc: Document = None  # type: ignore[assignment]  # set by the parse step, the first
    findings: list[Finding] = field(default_factory=list)
    outcome: FixOutcome | None = None  # None until the fix step has run
    quality: float = 0.0
    cluster: str = ""
    duplicate_of: str | None = None
    similarity: float | None = None
    rejected: str = ""  # why the document itself is dropped: llm-whole-reply, title-only
    failures: list = field(default_factory=list)  # rules that failed on it (linter.RuleFailure)
    indexed: bool = False  # added to the near-duplicate index, with this signature (None: no shingle)
    signature: Any = None
    steps: Counter = field(default_factory=Counter)  # seconds each step took on it
    spent: Counter = field(default_factory=Counter)  # seconds each rule took on it

    @property
    def cleaned(self) -> str:
        return self.outcome.text if self.outcome is not None else self.doc.text

    @property
    def path(self) -> str:
        """The record's path as the configuration's per-path settings see it."""
        return self.record.relative or self.record.path

    @property
    def keep(self) -> bool:
        return self.duplicate_of is None and not self.rejected

    @property
    def reason(self) -> str:
        if self.rejected:
            return self.rejected
        return f"near-duplicate of {self.duplicate_of}" if self.duplicate_of else ""

    @property
    def later_fixes(self) -> list[AppliedFix]:
        """Fixes applied after the first round: repairs of what the first round's fixes left."""
        return [a for a in self.applied if a.round > 1]

    @property
    def applied(self) -> list[AppliedFix]:
        """Every fix applied to it (none before the fix step has run)."""
        return self.outcome.applied if self.outcome is not None else []

    @cached_property
    def lines_removed(self) -> int:
        """Non-blank lines of the input that the cleaned text no longer holds."""
        before = Counter(SPACE.sub(" ", l.text).strip() for l in self.doc.nonblank)
        after = Counter(SPACE.sub(" ", l).strip() for l in self.cleaned.split("\n") if l.strip())
        return sum((before - after).values())


Step = Callable[[DocumentResult, "Linter"], None]  # one thing done to a document's result
Steps = tuple[Step, ...]


@dataclass
class Stats:
    read: int = 0
    errors: int = 0
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    fixes: Counter = field(default_factory=Counter)
    lines_in: int = 0
    lines_removed: int = 0
    steps: Counter = field(default_factory=Counter)  # seconds by step (summed over workers)
    rules: Counter = field(default_factory=Counter)  # seconds by rule
    started: float = field(default_factory=time.perf_counter)

    def add(self, result: DocumentResult) -> None:
        self.read += 1
        self.findings.update(f.category for f in result.findings)
        self.findings.update(a.category for a in result.later_fixes)
        self.fixes.update(f.code for f in result.applied)
        self.lines_in += len(result.doc.nonblank)
        self.lines_removed += result.lines_removed
        self.steps.update(result.steps)
        self.rules.update(result.spent)
        if result.keep:
            self.kept += 1
        else:
            self.dropped[result.rejected or "near-duplicate"] += 1

    def as_dict(self) -> dict:
        """The counts (not the clock), as a checkpoint keeps them."""
        return {"read": self.read, "errors": self.errors, "kept": self.kept, "dropped": dict(self.dropped),
                "findings": dict(self.findings), "fixes": dict(self.fixes), "lines_in": self.lines_in,
                "lines_removed": self.lines_removed, "steps": dict(self.steps), "rules": dict(self.rules)}

    @classmethod
    def from_dict(cls, data: dict) -> "Stats":
        stats = cls(**{key: data[key] for key in ("read", "errors", "kept", "lines_in", "lines_removed")})
        for key in ("dropped", "findings", "fixes", "steps", "rules"):
            getattr(stats, key).update(data.get(key, {}))
        return stats

    def report(self) -> dict:
        """What each step did and how long it took (seconds summed over workers), and each rule's
        time and findings, slowest first: `--stats`."""
        rules = {code: round(seconds, 3) for code, seconds in self.rules.most_common()}
        return {"documents": {"read": self.read, "unreadable": self.errors, "kept": self.kept,
                              "dropped": dict(self.dropped)},
                "lines": {"in": self.lines_in, "removed": self.lines_removed},
                "findings": dict(self.findings.most_common()), "fixes": dict(self.fixes.most_common()),
                "seconds": {"wall": round(time.perf_counter() - self.started, 3),
                            **{step: round(seconds, 3) for step, seconds in self.steps.items()}},
                "rule_seconds": rules}

    def summary(self) -> str:
        parts = [f"{self.read} documents read", f"{self.kept} kept"]
        parts += [f"{n} dropped as {why}" for why, n in self.dropped.items()]
        if self.errors:
            parts.append(f"{self.errors} unreadable")
        share = self.lines_removed / self.lines_in if self.lines_in else 0.0
        text = ", ".join(parts) + f"; {self.lines_removed} of {self.lines_in} lines removed ({share:.1%})"
        if self.findings:
            top = ", ".join(f"{cat} {n}" for cat, n in self.findings.most_common(6))
            text += f"; findings: {top}"
        seconds = time.perf_counter() - self.started
        return text + f"; {seconds:.1f} s ({(self.read + self.errors) / seconds if seconds else 0:.1f} documents/s)"


def process(items: Iterable[Record | RecordError], linter: Linter, *, dedup: bool = True,
            stats: Stats | None = None, workers: int = 1, index=None, executor=None,
            seen: "IdTable | None" = None, steps: Steps | None = None) -> Iterator[DocumentResult | RecordError]:
    """Each record through `steps` (by default `CLEAN_STEPS`), then signed and compared with the
    documents kept before it (unless not `dedup`), in input order.

    The records are examined by `executor` (see `contentqa.executors`; by default in this
    process, or in `workers` processes); results come back in input order and near-duplicates
    are found here, in order, so the output is the same for any executor. `index` (a
    NearDuplicateIndex) may be given to read the clusters afterwards, or to go on from an earlier
    run's documents (with `seen`, the ids read before: see `contentqa.checkpoint`).
    """
    if executor is None:
        from contentqa.executors import executor_for

        executor = executor_for("local", workers)
    stats = stats if stats is not None else Stats()
    steps = CLEAN_STEPS if steps is None else steps
    from contentqa.rules.duplicates import duplicate_findings  # the rules: loaded by the linter already

    if dedup and index is None:
        from contentqa.dedup import NearDuplicateIndex  # its temporary files: only when deduplicating

        index = NearDuplicateIndex(linter.config.dedup_threshold)
    for result in executor.map(unique_ids(items, seen), linter, steps):
        if isinstance(result, RecordError):
            stats.errors += 1
            yield result
            continue
        linter.failures.extend(result.failures)
        if index is not None and not result.rejected:
            began = time.perf_counter()
            matches = index.add(result.record.id, result.cleaned)
            result.steps["sign"] += time.perf_counter() - began
            result.indexed, result.signature = True, index.last_signature
            result.cluster = index.cluster_of(result.record.id)
            if matches:
                result.duplicate_of, result.similarity = matches[0]
                result.findings += duplicate_findings(linter.rules_for(result.path), result.doc, matches)
        stats.add(result)
        yield result


def unique_ids(items: Iterable[Record | RecordError], seen: "IdTable | None" = None) -> Iterator[Record | RecordError]:
    """The records, a record whose id was seen before (or is in `seen`) turned into an error."""
    from contentqa.compact import IdTable  # numpy: only once records flow

    seen = IdTable() if seen is None else seen
    for item in items:
        if isinstance(item, Record):
            if item.id in seen:
                item = RecordError(item.path, item.number, f"duplicate id {item.id!r}; ids must be unique")
            else:
                seen.add(item.id)
        yield item


def examine_safely(item: Record | RecordError, linter: Linter,
                   steps: Steps | None = None) -> DocumentResult | RecordError:
    """`examine`, with a bug on one document turned into an error for that record."""
    if isinstance(item, RecordError):
        return item
    before = len(linter.failures)
    linter.spent = Counter()
    try:
        result = examine(item, linter, steps)
    except Exception as error:  # a bug on one document must not lose the batch
        return RecordError(item.path, item.number, f"internal error, document skipped ({type(error).__name__}: "
                                                   f"{error}); please report it", item.id)
    result.failures = linter.failures[before:]
    del linter.failures[before:]
    result.spent = linter.spent
    return result


def examine(item: Record, linter: Linter, steps: Steps | None = None) -> DocumentResult:
    """One record through `steps` (by default `CLEAN_STEPS`), each timed under its name."""
    result = DocumentResult(item, cluster=item.id)
    for step in CLEAN_STEPS if steps is None else steps:
        began = time.perf_counter()
        step(result, linter)
        result.steps[step.__name__] += time.perf_counter() - began
    return result


# --- the steps --------------------------------------------------------------------------------

def parse(result: DocumentResult, linter: Linter) -> None:
    """The record becomes a document; its fields (url, metadata) go with it."""
    item = result.record
    result.doc = Document(item.text, id=item.id, source=item.path, format=item.format, metadata=item.fields)


def detect(result: DocumentResult, linter: Linter) -> None:
    """Every finding of the selected rules."""
    result.findings = linter.check(result.doc, result.path)


def fix(result: DocumentResult, linter: Linter) -> None:
    """The fixes applied, round after round, until the text is stable."""
    result.outcome = linter.fix(result.doc, path=result.path, findings=result.findings)


def score(result: DocumentResult, linter: Linter) -> None:
    """The document's quality score, 0-100."""
    result.quality = quality_score(result.doc, result.findings)


def drop(result: DocumentResult, linter: Linter) -> None:
    """Whether the document is dropped whole, and why (see `rejection`)."""
    result.rejected = rejection(result.findings, result.cleaned, linter.config.drop, len(result.doc.nonblank))


CHECK_STEPS: Steps = (parse, detect)  # check
FIX_STEPS: Steps = CHECK_STEPS + (fix,)  # check --fix
CLEAN_STEPS: Steps = FIX_STEPS + (score, drop)  # clean, scan, dedup


def rejection(findings: list[Finding], cleaned: str, drop: list[str], lines_before: int) -> str:
    """Why a document is dropped whole, or "": an assistant's reply published as an article (a
    finding of severity error says so), or a text that cleaning left with nothing but a title.

    >>> rejection([], "Police Seek Witnesses", ["title-only"], 3), rejection([], "Police Seek Witnesses", [], 3)
    ('title-only', '')
    """
    if "llm-whole-reply" in drop and any(f.category == "llm-whole-reply" and f.severity is Severity.ERROR
                                         for f in findings):
        return "llm-whole-reply"
    if "title-only" in drop:
        lines = [line for line in cleaned.split("\n") if line.strip()]
        if len(lines) < lines_before and len(lines) <= 1 and sum(len(l.split()) for l in lines) <= TITLE_MAX_WORDS:
            return "title-only"
    return ""


REPORT_COLUMNS = ["id", "path", "format", "url", "domain", "words", "lines", "findings", "fixes_applied",
                  "lines_removed", "quality", "cluster", "duplicate_of", "similarity", "keep", "reason"]
REPORT_HEADER = REPORT_COLUMNS + list(CATEGORIES)  # then one count per category


def domain_of(url: str) -> str:
    """The site of a page address, without "www.", for the report's per-site breakdown.

    >>> domain_of("https://www.Example.org/news/1?x=2"), domain_of("example.org/a"), domain_of("")
    ('example.org', 'example.org', '')
    """
    if not url:
        return ""
    from urllib.parse import urlsplit

    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host.removeprefix("www.")


def report_row(result: DocumentResult) -> dict[str, object]:
    """One row of the report CSV: scores, counts per category, cluster and the keep/drop decision."""
    counts = Counter(f.category for f in result.findings)
    url = result.record.fields.get("url") if isinstance(result.record.fields.get("url"), str) else ""
    row: dict[str, object] = {
        "id": result.record.id,
        "path": result.record.where,
        "format": result.record.format,
        "url": url,
        "domain": domain_of(url),
        "words": result.doc.word_count,
        "lines": len(result.doc.nonblank),
        "findings": len(result.findings),
        "fixes_applied": len(result.applied),
        "lines_removed": result.lines_removed,
        "quality": result.quality,
        "cluster": result.cluster,
        "duplicate_of": result.duplicate_of or "",
        "similarity": round(result.similarity, 4) if result.similarity is not None else "",
        "keep": result.keep,
        "reason": result.reason,
    }
    row.update({category: counts.get(category, 0) for category in CATEGORIES})
    return row
