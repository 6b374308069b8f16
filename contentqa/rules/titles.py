"""Title rules: a browser page title with a site suffix, and the headline printed twice."""

from __future__ import annotations

import re
from typing import Iterable

from contentqa import text as shape
from contentqa.document import Document, Line
from contentqa.findings import Finding, Fix
from contentqa.rules.base import Context, Rule, register

TITLE_SEPARATOR = re.compile(r"(?<!\s)\s+(?:\|\|?|–|—|-|·|»|›|•|::|:|~|/|▷|►|▶|⋆|★)\s+")
# What a page title adds around the headline: separators, a site or section name, "Read on", "(Updated)".
SUFFIX_SEPARATOR = re.compile(r"[|–—·»›•:~/▷►▶⋆★-]")
HEAD_LINES = 6
TITLE_MAX_CHARS = 400  # a page title with its site suffix is never longer


def alphabetic(text: str) -> list[str]:
    return [w for w in shape.words(text) if w[0].isalpha()]


def split_page_title(text: str, headline: str = "") -> tuple[str, list[str]] | None:
    """Split "Headline | Section | Site" into the headline and the site parts, or None.

    The headline is the longest part; every other part must be short and name-like (a few
    capitalised words or a domain), as a site or section name is.

    >>> split_page_title("Belarus, Russia conduct joint drills | Russia-Ukraine war News | Al Jazeera")
    ('Belarus, Russia conduct joint drills', ['Russia-Ukraine war News', 'Al Jazeera'])
    >>> split_page_title("Stocks fall - and bonds rally as investors flee risk") is None
    True
    >>> split_page_title("Aaron Ricadela | Senior Writer | July 2, 2025") is None
    True
    """
    if len(text) > TITLE_MAX_CHARS:
        return None
    parts = [p.strip() for p in TITLE_SEPARATOR.split(text.strip())]
    if len(parts) < 2 or any(not p for p in parts):
        return None
    title_index = max(range(len(parts)), key=lambda i: len(shape.words(parts[i])))
    if headline and shape.overlap(parts[-1], headline) > shape.overlap(parts[title_index], headline):
        title_index = len(parts) - 1  # "Site - Short Title": the headline below tells which part is the title
    if title_index not in (0, len(parts) - 1):
        return None
    title = parts[title_index]
    sites = parts[:title_index] + parts[title_index + 1:]
    if len(alphabetic(title)) < 3 or title[0].islower():
        return None
    for site in sites:
        count = len(shape.words(site))
        if not 1 <= count <= 5 or len(site) > 48 or shape.ends_sentence(site):
            return None
        if 2 * len(alphabetic(site)) < count:
            return None  # a date, a phone number, a price: not a site name
        if not (shape.URL_OR_DOMAIN.search(site) or shape.title_case_ratio(site) >= 0.5):
            return None
    return title, sites


@register
class PageTitle(Rule):
    """A browser page title: the headline with a " | Section | Site" suffix, above the article.

    Extractors often keep the HTML <title>, which repeats the headline and adds the site and
    section names. When the real headline stands within the first lines of the document, the
    page-title line is removed; when it is the only title, its suffix is cut off instead.

    Example: "Belarus, Russia conduct joint military drills | Russia-Ukraine war News | Al Jazeera"
    above "Belarus and Russia Conduct Joint Military Drills Amid Rising NATO Tensions".
    Fix: the line is removed (or, as the only title, reduced to the headline).
    """

    code = "TT001"
    name = "page-title-with-site-suffix"
    category = "page-title"
    default_options = {"min_overlap": 0.4}

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        head = doc.nonblank[:HEAD_LINES]
        for position, line in enumerate(head[:3]):
            others = [other for other in head if other is not line and doc.word_counts[other.index] <= 30]
            headline = others[0].text if others else ""
            extra = self.around_headline(line.stripped, [other.stripped for other in others])
            if extra is not None:
                yield self.lines_finding(doc, line, None, f"page title with site suffix {extra!r}, the headline "
                                                          "stands below")
                return
            parts = split_page_title(line.stripped, headline)
            if parts is None:
                continue
            title, sites = parts
            if any(shape.overlap(title, other.text) >= self.options["min_overlap"] for other in others):
                yield self.lines_finding(doc, line, None, f"page title with site suffix {' | '.join(sites)!r}, "
                                                          "the headline stands below")
            elif position == 0 and "|" in line.text:
                fix = Fix.replace(line.start, line.end, title, f"cut the site suffix from line {line.number}")
                yield self.finding(doc, line.start, line.end,
                                   f"headline carries the site suffix {' | '.join(sites)!r}", fix=fix)
            return

    @staticmethod
    def around_headline(text: str, headlines: list[str]) -> str | None:
        """What a line adds around a headline printed below it, when that is a site suffix: the
        headline whole, plus a separator and a few name-like words ("Headline ~ Site")."""
        for headline in headlines:
            at = text.lower().find(headline.lower())
            if len(alphabetic(headline)) < 3 or len(headline) >= len(text) or at < 0:
                continue
            before, after = text[:at].strip(), text[at + len(headline):].strip()
            if before and after:
                continue  # the headline must open or close the line
            extra = before or after
            words = alphabetic(extra)
            edge = extra[-1] if before else extra[0]
            if (SUFFIX_SEPARATOR.match(edge) and 1 <= len(words) <= 8 and not shape.ends_sentence(extra)
                    and shape.title_case_ratio(" ".join(words)) >= 0.5):
                return extra
        return None


@register
class DuplicateTitle(Rule):
    """The headline printed twice at the top of the article.

    Pages print the headline in the page header and again above the article body, and the
    extractor keeps both. Lines in the first few lines of the document whose words are the
    same as an earlier headline-sized line are repeats; the first copy stays.

    Example: "Moscow Tightens the Bolts: Enhanced Military Coordination with Its Closest Ally",
    a blank line, and the same line again.
    Fix: the repeated copy is removed.
    """

    code = "TT002"
    name = "repeated-title"
    category = "duplicate-title"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        seen: dict[str, Line] = {}
        for line in doc.nonblank[:HEAD_LINES]:
            if not shape.is_heading_like(line.stripped.strip("*_ "), 30):
                continue  # emphasis marks aside: the title may be repeated in bold
            key = shape.normalise(line.text)
            if len(key.split()) < 2:
                continue
            if key in seen:
                yield self.lines_finding(doc, line, None, f"title repeated from line {seen[key].number}")
            else:
                seen[key] = line

