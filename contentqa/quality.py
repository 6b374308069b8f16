"""A document quality score from 0 (junk) to 100 (clean article), from its findings.

The score falls with the share of the document's lines that findings cover (chrome, chatter,
broken rows), and with document-level problems: keyword stuffing costs 25 points, a document
that is an assistant reply instead of an article scores 0, and each flag-only finding (an
orphan list intro) costs a little. A document scoring below the configured threshold gets a
`low-quality` finding in the report.
"""

from __future__ import annotations

from contentqa.document import Document
from contentqa.findings import Finding

DOCUMENT_PENALTY = {"keyword-stuffing": 25.0}
FLAG_PENALTY = 3.0
FLAG_PENALTY_CAP = 15.0
COVERAGE_WEIGHT = 1.5


def covered_lines(findings: list[Finding]) -> set[int]:
    """Line numbers that line-level findings cover."""
    lines: set[int] = set()
    for finding in findings:
        if not finding.document_level:
            lines.update(range(finding.line, finding.end_line + 1))
    return lines


def quality_score(doc: Document, findings: list[Finding]) -> float:
    """The document's score, rounded to one decimal.

    >>> quality_score(Document("A clean line.\\nAnother one."), [])
    100.0
    """
    findings = [f for f in findings if f.category != "low-quality"]
    categories = {f.category for f in findings}
    if "llm-whole-reply" in categories:
        return 0.0
    nonblank = {line.number for line in doc.nonblank}
    if not nonblank:
        return 0.0
    coverage = len(covered_lines(findings) & nonblank) / len(nonblank)
    score = 100.0 * (1.0 - min(1.0, COVERAGE_WEIGHT * coverage))
    score -= sum(DOCUMENT_PENALTY.get(c, 0.0) for c in categories)
    flags = sum(1 for f in findings if f.fix is None and not f.document_level)
    score -= min(FLAG_PENALTY_CAP, FLAG_PENALTY * flags)
    return round(max(0.0, min(100.0, score)), 1)
