"""What findings may not touch, and what the user has told contentqa to leave alone.

* Fenced code blocks (``` or ~~~, opened and closed) and front matter (a YAML `---` or TOML `+++`
  block at the very top) are not article text: no line finding reaches into them, so no fix
  changes them. A fence that is never closed protects nothing.
* Inline markers, as HTML comments, so that they stay invisible in Markdown and HTML and can sit
  in plain text too:
  - `<!-- contentqa: ignore -->` on a line: no finding on that line; `<!-- contentqa: ignore
    CF001, share-widget -->`: none of those rules (codes, code prefixes, names or categories);
  - `<!-- contentqa: ignore-file -->` (or `ignore-file CODES`) anywhere: the same, for the whole
    document.
* Per record (JSONL, CSV, Parquet): a field `contentqa_ignore`, true or "ALL" for every rule, or
  rules as a comma-separated string or a list.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from contentqa.config import selects
from contentqa.document import MARKER, Document
from contentqa.findings import Finding

IGNORE_FIELD = "contentqa_ignore"
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
FRONT_MATTER = {"---": "---", "+++": "+++"}


def protected_lines(doc: Document) -> set[int]:
    r"""Numbers of the lines inside closed fenced code blocks and front matter (fences included).

    >>> sorted(protected_lines(Document("Intro\n```\ncode\n```\nText\n```markdown\nLeft over")))
    [2, 3, 4]
    """
    text = doc.text
    if "```" not in text and "~~~" not in text and not text.startswith(tuple(FRONT_MATTER)):
        return set()
    lines = doc.lines
    out: set[int] = set()
    if lines and lines[0].text.strip() in FRONT_MATTER:
        closing = FRONT_MATTER[lines[0].text.strip()]
        end = next((l.number for l in lines[1:] if l.text.strip() == closing), None)
        if end is not None:
            out.update(range(1, end + 1))
    fence: str | None = None
    opened = 0
    for line in lines:
        if line.number in out:
            continue
        match = FENCE.match(line.text)
        if fence is None:
            if match:
                fence, opened = match.group(1), line.number
        elif match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                and not line.text.strip()[len(match.group(1)):]:
            out.update(range(opened, line.number + 1))
            fence = None
    # a fence never closed is a stray line (an assistant's "```markdown" left behind), not a code
    # block: it protects nothing, and may itself be reported
    return out


def selectors(words: str) -> list[str]:
    """The rules a marker or field names; none named means every rule.

    >>> selectors(" CF001, share-widget "), selectors("")
    (['CF001', 'share-widget'], ['ALL'])
    """
    named = [w for w in re.split(r"[\s,]+", words.strip()) if w]
    return named or ["ALL"]


def field_selectors(value: Any) -> list[str]:
    """The rules a record's `contentqa_ignore` field names (nothing for false, empty or absent)."""
    if value is True:
        return ["ALL"]
    if isinstance(value, str):
        return selectors(value) if value.strip() and value.strip().lower() not in ("false", "0", "no") else []
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    return []


def markers(doc: Document) -> tuple[list[str], dict[int, list[str]]]:
    """The document-wide selectors (file markers and the record's field), and each marked line's."""
    whole = field_selectors(doc.metadata.get(IGNORE_FIELD)) if doc.metadata else []
    by_line: dict[int, list[str]] = {}
    if "contentqa:" in doc.text:
        for line in doc.lines:
            if "contentqa:" not in line.text:
                continue
            for match in MARKER.finditer(line.text):
                if match.group(1) == "ignore-file":
                    whole += selectors(match.group(2))
                else:
                    by_line.setdefault(line.number, []).extend(selectors(match.group(2)))
    return whole, by_line


def allowed(doc: Document, findings: Iterable[Finding]) -> list[Finding]:
    """The findings left once protected lines and the user's markers have had their say."""
    findings = list(findings)
    if not findings:
        return findings
    whole, by_line = markers(doc)
    protected = protected_lines(doc)
    if not (whole or by_line or protected):
        return findings

    def named(chosen: list[str], finding: Finding) -> bool:
        return any(selects(s, finding.code, finding.rule, finding.category) for s in chosen)

    out = []
    for finding in findings:
        if whole and named(whole, finding):
            continue
        if not finding.document_level:
            lines = range(finding.line, finding.end_line + 1)
            if protected and any(n in protected for n in lines):
                continue
            if by_line and any(named(by_line.get(n, []), finding) for n in lines):
                continue
        out.append(finding)
    return out
