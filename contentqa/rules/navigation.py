"""Navigation rules found by the shape of a line: breadcrumb trails and section labels."""

from __future__ import annotations

import re
from typing import Iterable

from contentqa import text as shape
from contentqa.document import BlockKind, Document, Line
from contentqa.findings import Finding
from contentqa.rules.base import Context, LineRule, Rule, in_head, in_tail, register

CRUMB_SEPARATOR = re.compile(r"\s*(?:›|»|>|→|/|\||::|·|•)\s*")
HOME_WORDS = frozenset({"home", "homepage", "start", "index", "main", "news", "front page"})
DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b"
                  r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
YOU_ARE_HERE = re.compile(r"^(?:you are here|breadcrumbs?|location)\s*:\s*", re.I)


def crumb_segments(text: str) -> list[str] | None:
    """The segments of a breadcrumb trail ("Home › Politics › News"), or None when it is not one.

    >>> crumb_segments("Home / Nonfiction / How to Think Like a Philosopher")
    ['Home', 'Nonfiction', 'How to Think Like a Philosopher']
    >>> crumb_segments("The 9/11 attacks changed everything") is None
    True
    """
    body = YOU_ARE_HERE.sub("", text.strip()).strip(" ›»>→/|")
    if shape.ends_sentence(body) or len(body) > 120:
        return None
    segments = [s.strip() for s in CRUMB_SEPARATOR.split(body) if s.strip()]
    if len(segments) < 2 or body.count(" ") > 18:
        return None
    # every separator must stand between words, not inside a number such as 9/11 or 24/7,
    # and a trail names places, not dates (a "Name | Role | July 2, 2025" line is a byline)
    if re.search(r"\d\s*/\s*\d", body) or DATE.search(body):
        return None
    if any(len(shape.words(s)) > 7 or not (s[0].isupper() or s[0].isdigit()) for s in segments):
        return None
    if sum(1 for s in segments if any(c.isdigit() for c in s)) * 2 >= len(segments):
        return None  # "1-5 Players • Ages 12+ • 120+ minutes": facts, not places
    homed = segments[0].lower() in HOME_WORDS or bool(YOU_ARE_HERE.match(text.strip()))
    short = all(len(shape.words(s)) <= 3 for s in segments[:-1])
    if homed or (len(segments) >= 3 and short):
        return segments
    return None


@register
class BreadcrumbTrail(LineRule):
    """A breadcrumb trail or section path at the top or bottom of the page.

    Found by shape rather than by wording: a short line of capitalised segments joined by
    "/", "›", "»", ">" or "|", that starts at "Home" (or "News"), or has three or more short
    segments. A two-part line with an arrow ("Notion Comments → Pivot Posts") is a mapping, not
    a trail. Numbers such as 9/11 or 24/7 are not separators.

    Example: "Home › Politics › News".
    Fix: the line is removed.
    """

    code = "NV001"
    name = "breadcrumb-trail"
    category = "nav-crumb"

    def describe(self, doc: Document, line: Line) -> str | None:
        if not (in_head(doc, line) or in_tail(doc, line)) or doc.block_of_line[line.index].kind is BlockKind.TABLE:
            return None
        segments = crumb_segments(line.text)
        return f"breadcrumb trail {' › '.join(segments)!r}" if segments else None


@register
class SectionLabel(Rule):
    """An all-capitals section label ("BUSINESS", "WORLD NEWS") above or below the headline.

    News pages print the section name over the headline; once extracted it is a lone line in
    capitals. Only the first three lines are looked at, and only labels of one to three words;
    usual heading words ("SUMMARY") do not count. A Title Case word there is as often the first
    subheading ("Key Points"), so it is left alone.

    Example: "POLITICS" right above the headline.
    Fix: the line is removed.
    """

    code = "NV002"
    name = "section-label"
    category = "nav-crumb"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for line in doc.nonblank[:3]:
            stripped = line.stripped
            letters = [c for c in stripped if c.isalpha()]
            if not 1 <= len(shape.words(stripped)) <= 3 or len(letters) < 3 or any(c.isdigit() for c in stripped):
                continue
            if stripped.lower() in shape.HEADING_WORDS or shape.ends_sentence(stripped) or ":" in stripped:
                continue  # "SUMMARY", "INTRODUCTION": a heading in capitals
            capitals = all(c.isupper() for c in letters)
            if capitals and line is doc.nonblank[0] and len(doc.nonblank) > 1 and not self.headline_follows(doc, line):
                continue
            if capitals:  # in Title Case it would be a first subheading ("Key Points") as often as a label
                yield self.lines_finding(doc, line, None, f"section label {stripped!r}")

    @staticmethod
    def headline_follows(doc: Document, line) -> bool:
        following = doc.next_nonblank(line)
        return following is not None and shape.is_heading_like(following.text, 24)
