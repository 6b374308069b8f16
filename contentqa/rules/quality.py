"""The low-quality verdict: a document whose quality score falls below the threshold."""

from __future__ import annotations

from typing import Iterable

from contentqa.document import Document
from contentqa.findings import Finding, Severity
from contentqa.quality import quality_score
from contentqa.rules.base import Context, Rule, register


@register
class LowQualityDocument(Rule):
    """A document whose quality score (0-100) is below `threshold`.

    The score combines every other finding, the learned detector's included: it falls with
    the share of lines that findings cover, with keyword stuffing, with flag-only findings, and
    is 0 for an assistant reply. A low score says the document is more page than article, and a
    corpus builder may prefer to drop it.

    Example: a 12-line page of which 7 lines are navigation, share buttons and a comment form.
    Fix: none; the document is flagged (and scored in the `scan` report).
    """

    code = "QL001"
    assess_order = 100  # the verdict on every other finding, the learned ones included
    name = "low-quality-document"
    category = "low-quality"
    severity = Severity.INFO
    default_options = {"threshold": 50.0}

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        return ()  # it judges the other rules' findings: see assess()

    def assess(self, doc: Document, findings: list[Finding]) -> Iterable[Finding]:
        score = quality_score(doc, findings)
        if score < self.options["threshold"] and doc.nonblank:
            yield self.document_finding(doc, f"quality score {score:.0f} is below {self.options['threshold']:.0f}",
                                        score=score)
