"""The near-duplicate verdict: a document that repeats one read earlier in the same run.

It is a fact about the corpus, not about one document, so the rule finds nothing on its own:
`check` (and `scan`, `clean`, `dedup`) keep a near-duplicate index over every document they
read and ask the rule for the finding when a new one matches (`contentqa.dedup`).
"""

from __future__ import annotations

from typing import Iterable

from contentqa.document import Document
from contentqa.findings import Finding, Severity
from contentqa.rules.base import Context, Rule, register


@register
class NearDuplicateDocument(Rule):
    """A document that is a near-duplicate of one read earlier in the same run.

    Two documents are near-duplicates when their word 5-grams overlap by at least the Jaccard
    similarity `dedup_threshold` of the configuration (0.5 by default), estimated with MinHash:
    the same article syndicated under other page chrome, or saved twice. The first one read is
    kept; each later one is named with the document it repeats. A pre-commit hook sees the
    documents of every staged file, so it runs serially.

    Example: the same wire story in two files, one with a site's header and footer around it.
    Fix: none in place; `clean` drops the later copy (unless --no-dedup) and writes it to --rejects.
    """

    code = "DU001"
    name = "near-duplicate-document"
    category = "near-duplicate"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        return ()  # a corpus fact: see duplicate_of()

    def duplicate_of(self, doc: Document, earlier: str, similarity: float) -> Finding:
        return self.document_finding(doc, f"near-duplicate of {earlier} (similarity {similarity:.2f})",
                                     score=similarity, duplicate_of=earlier)


def duplicate_findings(rules: Iterable[Rule], doc: Document, matches: list[tuple[str, float]]) -> list[Finding]:
    """DU001's finding on a document whose earlier near-duplicates are `matches` (most similar
    first), when the rule is among the `rules` that apply to it."""
    rule = next((r for r in rules if isinstance(r, NearDuplicateDocument)), None)
    return [rule.duplicate_of(doc, *matches[0])] if rule is not None and matches else []
