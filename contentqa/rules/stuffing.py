"""Keyword stuffing: one long phrase repeated through the body to rank for it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from typing import Iterable

from contentqa import text as shape
from contentqa.document import BlockKind, Document
from contentqa.findings import Finding, Severity
from contentqa.rules.base import Context, Rule, register

PROSE = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


@dataclass(frozen=True)
class Phrase:
    text: str
    count: int
    lines: list[int]
    written_as_name: bool  # every word capitalised (small words aside) where it first occurs


@dataclass
class ProseLine:
    """One line of a document's paragraphs and list items: its number and its words."""

    number: int
    original: tuple[str, ...]
    lower: tuple[str, ...]

    def grams(self, size: int) -> Iterable[tuple[str, ...]]:
        """Its word n-grams that start inside a sentence (not at its first word), in order."""
        return zip(*(self.lower[1 + k:] for k in range(size)))


def prose_lines(doc: Document) -> list[ProseLine]:
    """The paragraphs' and list items' lines; the headline is not body text."""
    out = []
    for line in doc.judged[1:]:
        if doc.block_of_line[line.index].kind in PROSE:
            words = shape.recent_words(line.text)
            out.append(ProseLine(line.number, words, tuple(w.lower() for w in words)))
    return out


def counts_as_phrase(gram: tuple[str, ...]) -> bool:
    content = sum(1 for w in gram if w not in shape.STOPWORDS and not w.isdigit())
    return content >= 2 and sum(1 for w in gram if w.isdigit()) < 2


def repeated_phrase(doc: Document, min_words: int, max_words: int, min_count: int) -> Phrase | None:
    """The most repeated phrase of `min_words`..`max_words` words (the longest such) in the prose.

    Occurrences at the start of a line do not count: labels ("Why listeners love it:") repeat
    there by design. Phrases of stop words or numbers alone do not count either.
    """
    prose = prose_lines(doc)
    shortest = Counter(chain.from_iterable(line.grams(min_words) for line in prose))
    frequent = {gram for gram, count in shortest.items() if count >= min_count}
    if not frequent:
        return None  # no phrase of the shortest size recurs often enough, so no longer one does
    candidates: list[tuple[int, int, Phrase]] = []
    for size in range(max_words, min_words - 1, -1):
        counts: Counter[tuple[str, ...]] = Counter()
        first: dict[tuple[str, ...], tuple[ProseLine, int]] = {}
        lines: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for line in prose:
            for offset, gram in enumerate(line.grams(size), 1):
                if gram[:min_words] in frequent:
                    counts[gram] += 1
                    first.setdefault(gram, (line, offset))
                    lines[gram].add(line.number)
        best = [(count, gram) for gram, count in counts.items() if count >= min_count and counts_as_phrase(gram)]
        if best:
            count, gram = max(best)
            where, offset = first[gram]
            written = where.original[offset:offset + size]
            name = all(w[0].isupper() or w.lower() in shape.SMALL_WORDS for w in written)
            candidates.append((count, size, Phrase(" ".join(gram), count, sorted(lines[gram]), name)))
    # the most repeated phrase wins; among equally repeated ones (a phrase and its parts), the longest
    return max(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None


def topic_words(doc: Document) -> tuple[set[str], set[str]]:
    """The words of the headline (the headline-sized lines at the top: page chrome may stand
    before it) and of the lede (the first paragraph)."""
    headline: set[str] = set()
    for line in doc.nonblank[:6]:
        if shape.is_heading_like(line.text, 24):
            headline |= {w.lower() for w in shape.words(line.text)}
    lede = next((line for line in doc.nonblank[1:12] if doc.word_counts[line.index] >= 15), None)
    return headline, {w.lower() for w in shape.words(lede.text)} if lede is not None else set()


@register
class KeywordStuffing(Rule):
    """A long phrase (usually the headline's keywords) repeated again and again through the body.

    SEO farms paste their target phrase into sentence after sentence. The rule finds the
    longest phrase of five or more words (not a run of numbers) that recurs inside the
    sentences of paragraphs and list items (not at the start of a line, where labels such as
    "Why listeners love it:" repeat by design; not in headings or tables), and flags the
    document when the phrase occurs at least `min_count` times on different lines, at least
    `min_per_1000_words` times per thousand words, and either repeats the words of the headline
    or of the lede (where SEO writers put their keyword; a name there does not count) or
    takes up more than `min_share` of the text without being a name ("the Federal Reserve Bank
    of New York", which a report may well name again and again). The occurrences must spread
    over at least `min_spread` of the text: a phrase bunched on neighbouring lines is a list or
    a reference section ("doi pmc free article pubmed google scholar").

    Example: "Moscow strengthens military coordination with its closest ally" four times in a
    900-word article titled "Moscow Tightens the Bolts: Enhanced Military Coordination with Its
    Closest Ally".
    Fix: none; the document is flagged (the words are content, the document is low quality).
    """

    code = "SP001"
    name = "keyword-stuffing"
    category = "keyword-stuffing"
    severity = Severity.INFO
    default_options = {"min_count": 4, "min_words": 5, "max_words": 8, "min_share": 0.06, "title_overlap": 0.75,
                       "min_per_1000_words": 3.0, "min_spread": 0.25}

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        options = self.options
        if len(doc.nonblank) < 3:
            return
        phrase = repeated_phrase(doc, options["min_words"], options["max_words"], options["min_count"])
        if phrase is None or len(phrase.lines) < 3:
            return
        if phrase.count * 1000 / max(1, doc.word_count) < options["min_per_1000_words"]:
            return
        lines = [line.number for line in doc.nonblank]
        spread = (phrase.lines[-1] - phrase.lines[0]) / max(1, lines[-1] - lines[0])
        if spread < options["min_spread"]:
            return  # bunched on neighbouring lines: a list or a reference section repeats by design
        headline, lede = topic_words(doc)
        phrase_words = phrase.text.split()
        from_headline = sum(1 for w in phrase_words if w in headline) / len(phrase_words)
        from_lede = sum(1 for w in phrase_words if w in lede) / len(phrase_words)
        share = phrase.count * len(phrase_words) / max(1, doc.word_count)
        topical = from_headline >= options["title_overlap"] or \
            from_lede >= options["title_overlap"] and not phrase.written_as_name
        if not topical and (share < options["min_share"] or phrase.written_as_name):
            return  # not the headline's or the lede's words: only a phrase that fills the text, and no name
        line = doc.lines[phrase.lines[0] - 1]
        where = ", ".join(map(str, phrase.lines[:8]))
        yield self.finding(doc, line.start, line.end, f"phrase {phrase.text!r} repeated {phrase.count} times on lines {where}",
                           score=share, phrase=phrase.text, count=phrase.count)
