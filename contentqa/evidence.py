"""What a line is worth against its own document: the evidence the learned detector adds to a
line's words and shape.

Everything here is relative to the document, so it holds whatever the wording: does the line
share topic words with the article, does it speak in the first or second person inside a text
that does not, does it stand before, inside or after the article's body, is it repeated or a
truncated copy of another line, is it one of a run of short lines, and which rules saw
something in it (their findings as evidence, not verdicts). Each line gets one dense row of
numbers; `EVIDENCE_NAMES` names the columns. All of it is computed in one pass over the lines
(dictionaries, no pairwise comparison), so it is linear in the document's length.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Iterable

import numpy as np

from contentqa import text as shape
from contentqa.categories import LINE_CATEGORIES
from contentqa.document import Document, Line
from contentqa.findings import Finding

FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'll|I’ll|I'd|I’d|me|my|mine|myself)\b")
SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you’re|you've|you’ve|you'll|you’ll|yourself)\b", re.I)
BODY_MIN_WORDS = 12
PREFIX_WORDS = 5
RULE_CATEGORIES = tuple(c for c in LINE_CATEGORIES if c != "orphan-list-intro")

EVIDENCE_NAMES = (
    "topic_share", "no_topic_words", "first_person", "second_person", "doc_first_person", "doc_second_person",
    "voice_shift", "before_body", "after_body", "in_body", "log_distance_to_body", "no_body",
    "repeat_earlier", "repeat_later", "truncated_copy", "headline_overlap", "log_short_run", "is_body_line",
    "rule_any", "rule_removes", "rule_flag_only",
) + tuple(f"rule:{c}" for c in RULE_CATEGORIES)


def is_body_line(doc: Document, line: Line) -> bool:
    """A line of the article's running text: a long line that ends like a sentence."""
    return doc.word_counts[line.index] >= BODY_MIN_WORDS and shape.ends_sentence(line.stripped)


def rule_marks(doc: Document, findings: Iterable[Finding]) -> dict[int, tuple[set[str], bool, bool]]:
    """For each line index that a rule's finding covers: its categories, whether a fix removes
    it, whether a finding only flags it. The learned rules' own findings are left out."""
    marks: dict[int, tuple[set[str], bool, bool]] = {}
    for finding in findings:
        if finding.document_level or finding.learned or finding.category not in RULE_CATEGORIES:
            continue
        for number in range(finding.line, finding.end_line + 1):
            categories, removes, flags = marks.get(number - 1, (set(), False, False))
            categories.add(finding.category)
            marks[number - 1] = (categories, removes or finding.fix is not None, flags or finding.fix is None)
    return marks


@lru_cache(maxsize=shape.RECENT_LINES)
def text_evidence(text: str) -> tuple[frozenset[str], int, int, str]:
    """What a line's text alone tells the evidence: its content words, how many first- and
    second-person words it holds, and its first words (lower case)."""
    return (frozenset(shape.content_words(text)), len(FIRST_PERSON.findall(text)), len(SECOND_PERSON.findall(text)),
            " ".join(shape.words(text.lower())[:PREFIX_WORDS]))


def evidence_matrix(doc: Document, findings: Iterable[Finding] = ()) -> np.ndarray:
    """One row of evidence per non-blank line of the document (see EVIDENCE_NAMES)."""
    lines = doc.nonblank
    rows = np.zeros((len(lines), len(EVIDENCE_NAMES)), dtype=np.float32)
    if not lines:
        return rows
    texts = [line.stripped for line in lines]
    judged = [text_evidence(text) for text in texts]
    content = [words for words, _, _, _ in judged]
    frequency: dict[str, int] = {}
    for words in content:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    is_body = [is_body_line(doc, line) for line in lines]
    body = [i for i, flag in enumerate(is_body) if flag]
    first_body, last_body = (body[0], body[-1]) if body else (len(lines), -1)
    firsts = [first for _, first, _, _ in judged]
    seconds = [second for _, _, second, _ in judged]
    counts = [max(1, doc.word_counts[line.index]) for line in lines]
    total_words = sum(counts)
    doc_first, doc_second = sum(firsts) / total_words * 100, sum(seconds) / total_words * 100
    keys = [shape.normalise(t) for t in texts]
    seen: dict[str, int] = {}
    occurrences: dict[str, int] = {}
    for key in keys:
        occurrences[key] = occurrences.get(key, 0) + 1
    prefixes: dict[str, int] = {}
    heads = [head for _, _, _, head in judged]
    for head, text in zip(heads, texts):
        if head:
            prefixes[head] = max(prefixes.get(head, 0), len(text))
    headline = content[0]
    short_run = run_lengths([counts[i] <= 8 and not shape.ends_sentence(texts[i]) for i in range(len(lines))])
    marks = rule_marks(doc, findings)
    rule_column = {category: EVIDENCE_NAMES.index(f"rule:{category}") for category in RULE_CATEGORIES}
    for i, line in enumerate(lines):
        words = content[i]
        shared = sum(1 for w in words if frequency[w] > 1)
        first_rate, second_rate = firsts[i] / counts[i] * 100, seconds[i] / counts[i] * 100
        distance = first_body - i if i < first_body else (i - last_body if i > last_body else 0)
        key = keys[i]
        head = heads[i]
        categories, removes, flags = marks.get(line.index, (set(), False, False))
        row = rows[i]
        row[:18] = (
            shared / len(words) if words else 0.0, float(not words),
            min(first_rate, 50) / 50, min(second_rate, 50) / 50, min(doc_first, 20) / 20, min(doc_second, 20) / 20,
            min(max(first_rate + second_rate - doc_first - doc_second, 0), 50) / 50,
            float(i < first_body), float(i > last_body), float(first_body <= i <= last_body),
            math.log1p(distance) / 5, float(not body),
            float(seen.get(key, 0) > 0), float(occurrences[key] - seen.get(key, 0) > 1),
            float(len(texts[i].split()) >= 3 and prefixes.get(head, 0) > len(texts[i]) + 10),
            len(words & headline) / len(words) if words and i > 0 else 0.0,
            math.log1p(short_run[i]) / 3, float(is_body[i]),
        )
        row[18:21] = (float(bool(categories)), float(removes), float(flags and not removes))
        for category in categories:
            row[rule_column[category]] = 1.0
        seen[key] = seen.get(key, 0) + 1
    return rows


def run_lengths(flags: list[bool]) -> list[int]:
    """For each position, the length of the run of true flags it belongs to (0 where false).

    >>> run_lengths([True, True, False, True])
    [2, 2, 0, 1]
    """
    out = [0] * len(flags)
    start = 0
    for i in range(len(flags) + 1):
        if i == len(flags) or not flags[i]:
            for j in range(start, i):
                out[j] = i - start
            start = i + 1
    return out
