"""Navigation rules found by the shape of a line: breadcrumb trails and section labels."""

from __future__ import annotations

import re
from typing import Iterable

from contentqa import text as shape
from contentqa.document import BlockKind, Document, Line
from contentqa.findings import Finding
from contentqa.rules.base import Context, LineRule, Rule, in_head, in_tail, register
from contentqa.rules.phrases import known_chrome, teaser_run

CRUMB_SEPARATOR = re.compile(r"(?<!\s)\s*(?:›|»|>|→|/|\||::|·|•)\s*")
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
    arrowed = len(segments) == 2 and re.search(r"\s(?:›|»|>)\s", body) and all(len(shape.words(s)) <= 3 for s in segments)
    short = all(len(shape.words(s)) <= 3 for s in segments[:-1])
    if homed or (len(segments) >= 3 and short) or arrowed:
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


# Labels that head a part of the article itself, whatever follows them.
OWN_SECTION = re.compile(r"\b(?:sources?|references?|bibliography|notes?|footnotes?|credits?|methodology|glossary|"
                         r"acknowledge?ments?|appendix|resources|tools|ingredients|instructions|steps|faqs?|"
                         r"pros|cons|specs|specifications|contents|chapters?|episodes?|tracklist|cast|"
                         r"works|books|publications|awards|discography|filmography|timeline|see also)\b", re.I)
# A work and its maker, as reading lists and playlists print them: "Demon Copperhead by Barbara
# Kingsolver", "Neko Case, The Harder I Fight".
CREDITED_WORK = re.compile(r"\sby\s+(?:[A-Z][\w.'’-]*\s*){1,4}(?:\(|$|and\s)|^[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2}, [A-Z]")
# An item that starts with what something does: "Hosting a live video", "Describes the dataset".
ACTIVITY = re.compile(r"^[A-Z][a-z]+ing\b|^[A-Z][a-z]+s (?:a|an|the|and|with|how|what|your|our|its|their)\b")
# Headlines of other articles share few words with this one; an article's own closing list shares many.
MAX_TOPIC_OVERLAP = 0.34


@register
class TeaserBlock(Rule):
    """A block of links to other articles at the end of the page, found by its shape.

    Whatever a site calls it ("In Case You Missed It", "Trending Stories", "More to Read"), a
    related-links widget is a short label followed by two or more headlines of other
    articles, with nothing after them but more page chrome. Only the last fifteen lines are
    searched; the label must be a short line with no sentence punctuation, the headlines must
    be four words or more and read as titles rather than sentences or list items, and the
    block must end the text (or run into other chrome) and come after the article's first
    paragraph. Headlines of other articles share few words with this one, so a list whose words
    the article already uses is its own closing list and stays; so do labels of the article's
    own closing sections ("Sources", "References", "Books"), reading lists ("Demon Copperhead
    by Barbara Kingsolver") and lists of activities or features ("Hosting a live video").

    Example: "In Case You Missed It" / "Seven Trails Worth the Early Alarm" / "Hospital
    Expands Night Clinic Hours".
    Fix: the label and its headlines are removed.
    """

    code = "RL003"
    name = "teaser-block"
    category = "related-links"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        prose_seen = False
        for line in doc.judged:
            if not prose_seen:
                prose_seen = doc.word_counts[line.index] >= 8 and shape.ends_sentence(line.text)
                continue  # the block comes after the article, never before its first paragraph
            if not in_tail(doc, line, 15) or not self.is_label(doc, line):
                continue
            run = teaser_run(doc, line)
            if len(run) < 2 or any(not self.is_headline(doc, t) for t in run):
                continue
            if sum(bool(ACTIVITY.match(t.stripped)) for t in run) >= 2:
                continue  # "Hosting a live video", "Describes the dataset": a list of activities or features
            after = doc.next_nonblank(run[-1])
            if after is not None and not known_chrome(doc, after):
                continue
            if self.topic_overlap(doc, line, run) > MAX_TOPIC_OVERLAP:
                continue  # the lines speak of what the article speaks of: its own closing list
            yield self.lines_finding(doc, line, run[-1], f"related-links block {line.stripped[:50]!r} "
                                                         f"with {len(run)} headlines")
            return

    @staticmethod
    def topic_overlap(doc: Document, label: Line, run: list[Line]) -> float:
        """The share of the headlines' content words that the rest of the text also uses."""
        block = {label.index} | {t.index for t in run}
        body = {w.lower() for line in doc.nonblank if line.index not in block for w in shape.words(line.text)}
        words = [w.lower() for t in run for w in shape.words(t.text) if w.lower() not in shape.STOPWORDS and len(w) > 2]
        return sum(w in body for w in words) / len(words) if words else 1.0

    @staticmethod
    def is_label(doc: Document, line: Line) -> bool:
        text = line.stripped
        count = doc.word_counts[line.index]
        return (1 <= count <= 6 and text[0].isupper() and not text.endswith((".", ",", ";", ":"))
                and not shape.is_list_item(text) and "|" not in text and not OWN_SECTION.search(text)
                and doc.block_of_line[line.index].kind is not BlockKind.TABLE)

    @staticmethod
    def is_headline(doc: Document, line: Line) -> bool:
        text = line.stripped
        return (doc.word_counts[line.index] >= 4 and text[0].isupper() and not text.endswith((".", ":", ";"))
                and not CREDITED_WORK.search(text) and not shape.is_list_item(text) and not line.text[:1].isspace())
