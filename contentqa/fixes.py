"""Applying fixes: take the non-overlapping ones, check again, and stop when the text is stable.

Every applied fix is recorded with the rule that asked for it and the text it removed or
replaced, so a removal can always be explained (`clean --explain`, the findings file).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from contentqa.document import Document
from contentqa.findings import Applicability, Edit, Finding

MAX_ROUNDS = 8


@dataclass(frozen=True)
class AppliedFix:
    """One fix that changed the text: which rule, in which round, and what it did."""

    round: int
    code: str
    rule: str
    category: str
    line: int
    end_line: int
    title: str
    before: str
    after: str


@dataclass
class FixOutcome:
    text: str
    applied: list[AppliedFix]
    rounds: int
    converged: bool


def overlaps(a: Edit, b: Edit) -> bool:
    """True when two edits touch the same text (two insertions at one point count as touching).

    >>> overlaps(Edit(0, 5), Edit(5, 9)), overlaps(Edit(0, 5), Edit(4, 9)), overlaps(Edit(3, 3, "x"), Edit(0, 5))
    (False, True, True)
    """
    a_insert, b_insert = a.start == a.end, b.start == b.end
    if a_insert and b_insert:
        return a.start == b.start
    if a_insert:
        return b.start < a.start < b.end
    if b_insert:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def apply_once(text: str, findings: Iterable[Finding], minimum: Applicability) -> tuple[str, list[tuple[Finding, str]]]:
    """Apply every fix at or above `minimum` that overlaps no fix taken before it.

    Fixes are taken in order of their start; a fix whose edits overlap an accepted edit waits for
    the next round. Returns the new text and the findings whose fixes were applied, each with the
    text its edits covered.
    """
    candidates = [f for f in findings if f.fix is not None and f.fix.applicability >= minimum]
    # the rules' fixes are taken before the learned detector's: where both touch the same
    # text, the removal is explained by a rule
    candidates.sort(key=lambda f: (f.learned, f.fix.span, f.code))
    accepted: list[Edit] = []
    taken: list[tuple[Finding, str]] = []
    for finding in candidates:
        edits = finding.fix.edits
        if any(overlaps(e, other) for e in edits for other in accepted):
            continue
        accepted.extend(edits)
        start, end = finding.fix.span
        taken.append((finding, text[start:end]))
    return splice(text, accepted), taken


def splice(text: str, edits: list[Edit]) -> str:
    r"""Apply non-overlapping edits; where a deletion leaves a run of blank lines, fold it to one.

    Removing two neighbouring blocks would otherwise leave a double gap, removing the first block
    a leading one and removing the last block a trailing one. Only the newlines at the deletion
    points are touched.

    >>> splice("a\n\nb\n\nc\n\nd", [Edit(3, 6), Edit(6, 9)])
    'a\n\nd'
    >>> splice("a\n\nb\n\nc\n", [Edit(3, 6), Edit(6, 8)])
    'a\n'
    """
    pieces: list[str] = []
    junctions: list[int] = []
    cursor = length = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        kept = text[cursor:edit.start]
        pieces += [kept, edit.content]
        length += len(kept)
        if not edit.content and edit.end > edit.start:
            junctions.append(length)
        length += len(edit.content)
        cursor = edit.end
    pieces.append(text[cursor:])
    result = "".join(pieces)
    for point in reversed(junctions):
        point = min(point, len(result))  # an end trim may have taken the text this point stood in
        left, right = point, point
        while left > 0 and result[left - 1] == "\n":
            left -= 1
        while right < len(result) and result[right] == "\n":
            right += 1
        if left == 0:
            result = result[right:]
        elif right == len(result):  # the text now ends here: keep its final newline, if it had one
            result = result[:left] + ("\n" if text.endswith("\n") else "")
        elif right - left > 2:
            result = result[:left] + "\n\n" + result[right:]
    return result


def fix_until_stable(doc: Document, check: Callable[[Document], list[Finding]],
                     minimum: Applicability = Applicability.SAFE, max_rounds: int = MAX_ROUNDS,
                     findings: list[Finding] | None = None,
                     settle: Callable[[Document, list[Finding]], list[Finding]] | None = None) -> FixOutcome:
    """Check, fix, and check again until no fix applies or `max_rounds` is reached.

    `findings`, when given, are the first round's findings (already computed for `doc`). `check`
    may be a quick check (without the costly rules); `settle`, when given, adds the costly
    rules' findings to the quick check's: once the quick check finds nothing more, a text that
    changed since it was last judged thoroughly is judged again, and its fixes go on. So
    cleaning a cleaned text changes nothing.
    """
    applied: list[AppliedFix] = []
    current = doc
    judged = doc.text if findings is not None else None  # the last text the thorough check saw
    for round_number in range(1, max_rounds + 1):
        if findings is None or round_number > 1:
            findings = check(current)
        new_text, taken = apply_once(current.text, findings, minimum)
        if (not taken or new_text == current.text) and settle is not None and current.text != judged:
            judged = current.text
            new_text, taken = apply_once(current.text, settle(current, findings), minimum)
        if not taken or new_text == current.text:
            return FixOutcome(current.text, applied, round_number - 1, True)
        for finding, before in taken:
            after = "".join(e.content for e in finding.fix.edits)
            applied.append(AppliedFix(round_number, finding.code, finding.rule, finding.category,
                                      finding.line, finding.end_line, finding.fix.title, before, after))
        current = Document(new_text, id=doc.id, source=doc.source, format=doc.format, metadata=doc.metadata)
    return FixOutcome(current.text, applied, max_rounds, False)
