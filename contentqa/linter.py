"""The linter: the selected rules run over a document, and their fixes applied until the text is stable.

A rule that fails on a document is reported and skipped for that document: one bad record
never stops a batch.
"""

from __future__ import annotations

import time
import traceback
from collections import Counter
from dataclasses import dataclass, field

from contentqa.config import Config, ConfigError, selects
from contentqa.document import Document
from contentqa.findings import Applicability, Finding, Severity
from contentqa.fixes import FixOutcome, fix_until_stable
from contentqa.rules import Context, Rule, load_rules
from contentqa.suppression import allowed


@dataclass
class RuleFailure:
    """A rule that raised on one document."""

    code: str
    document: str
    error: str


@dataclass
class Linter:
    config: Config = field(default_factory=Config)
    failures: list[RuleFailure] = field(default_factory=list)
    spent: Counter = field(default_factory=Counter)  # seconds each rule has taken (by code), for --stats

    def __post_init__(self) -> None:
        classes = load_rules(self.config.packs)
        self._check_selectors(classes)
        self.rules: list[Rule] = []
        for code, cls in classes.items():
            if not self._selected(cls, self.config.select, self.config.ignore):
                continue
            options = dict(self.config.rule_options.get(code) or self.config.rule_options.get(cls.name) or {})
            if cls.category == "low-quality":
                options.setdefault("threshold", self.config.quality_threshold)
            try:
                self.rules.append(cls(options))
            except ValueError as error:
                raise ConfigError(f"{self.config.source or 'configuration'}: {error}") from None
        self.context = Context(options=self.config.rule_options)
        # rules that read the others' findings as evidence see every rule's, selected or not
        wanted = any(reads_evidence(rule) for rule in self.rules)
        chosen = {rule.code for rule in self.rules}
        self.evidence_rules: list[Rule] = [cls() for code, cls in classes.items() if code not in chosen
                                           and not cls.costly and not hasattr(cls, "assess")] if wanted else []

    def _check_selectors(self, classes: dict[str, type[Rule]]) -> None:
        wanted = self.config.select + self.config.ignore + [s for v in self.config.per_path_ignores.values() for s in v]
        for selector in wanted:
            if not any(selects(selector, c.code, c.name, c.category) for c in classes.values()):
                raise ConfigError(f"{self.config.source or 'selection'}: {selector!r} names no rule, "
                                  "category or code prefix (see `contentqa rules`)")

    @staticmethod
    def _selected(cls: type[Rule], select: list[str], ignore: list[str]) -> bool:
        picked = any(selects(s, cls.code, cls.name, cls.category) for s in select)
        dropped = any(selects(s, cls.code, cls.name, cls.category) for s in ignore)
        return picked and not dropped

    def rules_for(self, path: str = "") -> list[Rule]:
        ignored = self.config.ignored_for(path) if path else []
        if not ignored:
            return self.rules
        return [r for r in self.rules if not any(selects(s, r.code, r.name, r.category) for s in ignored)]

    def check(self, doc: Document, path: str = "", thorough: bool = True) -> list[Finding]:
        """Every finding of the selected rules, in text order (without the costly ones unless `thorough`).

        A document that uses up the time budget (`time-budget`, seconds) is given up: the rules
        not yet run are skipped and a TIME001 finding says so, so a hostile page ends as an error
        row, not a stalled batch.
        """
        findings: list[Finding] = []
        rules = [r for r in self.rules_for(path or doc.source) if thorough or not r.costly]
        budget = self.config.time_budget
        deadline = time.monotonic() + budget if budget else float("inf")
        assessors = sorted((r for r in rules if hasattr(r, "assess")), key=lambda r: r.assess_order)
        evidence: list[Finding] = []  # findings of rules run only as the assessors' evidence
        steps = [(rule, findings, lambda r=rule: r.check(doc, self.context)) for rule in rules]
        if any(reads_evidence(rule) for rule in assessors):
            steps += [(rule, evidence, lambda r=rule: r.check(doc, self.context)) for rule in self.evidence_rules]
        # judges of the other findings (the learned detector, the quality verdict) come last
        steps += [(rule, findings, lambda r=rule: r.assess(doc, findings + evidence if reads_evidence(r) else findings))
                  for rule in assessors]
        for rule, found, call in steps:
            if time.monotonic() > deadline:
                findings.append(over_budget(doc, budget, rule))
                self.failures.append(RuleFailure(rule.code, doc.id or doc.source,
                                                 f"time budget of {budget:g} s used up; later rules skipped"))
                break
            found.extend(self._run(rule, doc, call))
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        return one_per_problem(allowed(doc, findings))

    def check_costly(self, doc: Document, findings: list[Finding], path: str = "") -> list[Finding]:
        """The costly rules' findings on a document whose other findings are known (`findings`,
        from `check(..., thorough=False)`): what a thorough check would add to them."""
        costly = [rule for rule in self.rules_for(path or doc.source) if rule.costly]
        evidence: list[Finding] = []
        if any(reads_evidence(rule) for rule in costly):
            for rule in self.evidence_rules:
                evidence.extend(self._run(rule, doc, lambda r=rule: r.check(doc, self.context)))
        found: list[Finding] = []
        for rule in costly:
            if hasattr(rule, "assess"):
                seen = findings + found + (evidence if reads_evidence(rule) else [])
                found.extend(self._run(rule, doc, lambda r=rule, seen=seen: r.assess(doc, seen)))
            else:
                found.extend(self._run(rule, doc, lambda r=rule: r.check(doc, self.context)))
        return allowed(doc, found)

    def _run(self, rule: Rule, doc: Document, call) -> list[Finding]:
        began = time.perf_counter()
        try:
            return list(call())
        except Exception as error:  # a rule bug must not lose the rest of the batch
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            self.failures.append(RuleFailure(rule.code, doc.id or doc.source, detail))
            return []
        finally:
            self.spent[rule.code] += time.perf_counter() - began

    def fix(self, doc: Document, minimum: Applicability | None = None, path: str = "",
            findings: list[Finding] | None = None, thorough: bool = True) -> FixOutcome:
        """The document's text with the fixes at or above `minimum` applied until it is stable.

        Pass the document's `findings` when they are known, to save checking it again. The
        costly rules (the learned detector) judge the text as it came in; later rounds, which
        only tidy what the first one left, run without them, and the text they leave is judged
        once more with them, so a second cleaning changes nothing. `thorough=False` leaves them out.
        """
        if minimum is None:
            minimum = Applicability.UNSAFE if self.config.unsafe_fixes else Applicability.SAFE
        if findings is None:
            findings = self.check(doc, path, thorough)
        settle = (lambda d, found: found + self.check_costly(d, found, path)) if thorough else None
        return fix_until_stable(doc, lambda d: self.check(d, path, thorough=False), minimum, findings=findings,
                                settle=settle)


def one_per_problem(findings: list[Finding]) -> list[Finding]:
    """One finding for the same lines and category, named by two rules (a source line both
    source rules know, a related-links label that is also its block's first line): the one with
    a fix (a hand-written rule's before a learned one's, then the lower code) stays and names the
    others in `also`. Findings of different categories on a line are different claims and stay.
    """
    kept: dict[tuple, int] = {}  # where in `out` the finding for those lines and category is
    out: list[Finding] = []
    for finding in findings:
        if finding.document_level:
            out.append(finding)
            continue
        key = (finding.line, finding.end_line, finding.category)
        if key not in kept:
            kept[key] = len(out)
            out.append(finding)
            continue
        other = out[kept[key]]
        better, worse = sorted((other, finding), key=lambda f: (f.fix is None, f.learned, f.code))
        better.extra["also"] = sorted({*better.extra.get("also", ()), *worse.extra.get("also", ()), worse.code})
        out[kept[key]] = better
    return out


def reads_evidence(rule: Rule) -> bool:
    """True for a rule that reads every rule's findings as evidence, selected or not (the learned ones)."""
    return getattr(rule, "reads_evidence", False)


def over_budget(doc: Document, budget: float, next_rule: Rule) -> Finding:
    """The error finding of a document whose checking ran out of time before `next_rule`."""
    first = doc.nonblank[0] if doc.nonblank else doc.lines[0]
    return Finding(code="TIME001", rule="time-budget-exceeded", category="low-quality", start=first.start,
                   end=first.end, line=0, column=0, end_line=0, end_column=0, severity=Severity.ERROR,
                   message=f"checking stopped after the time budget of {budget:g} s, before {next_rule.code}; "
                           "the document is not fully checked", document_level=True)
