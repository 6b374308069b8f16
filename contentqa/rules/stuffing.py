"""Keyword stuffing: one long phrase repeated through the body to rank for it."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from contentqa import text as shape
from contentqa.document import BlockKind, Document
from contentqa.findings import Finding, Severity
from contentqa.rules.base import Context, Rule, register


def repeated_phrase(doc: Document, min_words: int, max_words: int, min_count: int) -> tuple[str, int, list[int]] | None:
    """The longest phrase of `min_words`..`max_words` words that recurs `min_count`+ times in the prose.

    Returns the phrase, how often it occurs and the line numbers it occurs on. Phrases made of
    stop words alone are not counted.
    """
    body = [line for line in doc.nonblank[1:] if doc.block_of_line[line.index].kind is not BlockKind.TABLE]
    words = [w.lower() for line in body for w in shape.words(line.text)]
    numbers = [line.number for line in body for _ in shape.words(line.text)]
    shortest = Counter(zip(*(words[k:] for k in range(min_words))))
    frequent = {gram for gram, count in shortest.items() if count >= min_count}
    if not frequent:
        return None  # no phrase of the shortest size recurs often enough, so no longer one does
    for size in range(max_words, min_words - 1, -1):
        counts: Counter[tuple[str, ...]] = Counter()
        where: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in range(len(words) - size + 1):
            if tuple(words[i:i + min_words]) not in frequent:
                continue
            gram = tuple(words[i:i + size])
            counts[gram] += 1
            where[gram].append(numbers[i])
        best = [(count, gram) for gram, count in counts.items() if count >= min_count
                and sum(1 for w in gram if w not in shape.STOPWORDS and not w.isdigit()) >= 2]
        if best:
            count, gram = max(best)
            return " ".join(gram), count, sorted(set(where[gram]))
    return None


@register
class KeywordStuffing(Rule):
    """A long phrase (usually the headline's keywords) repeated again and again through the body.

    SEO farms paste their target phrase into sentence after sentence. The rule finds the
    longest phrase of four or more words that recurs in the prose (tables aside), and flags the
    document when it occurs at least `min_count` times on different lines and either repeats the
    headline's words or takes up more than `min_share` of the text. Names that a report
    mentions often are short or made of capitalised words and rarely reach these numbers.

    Example: "Moscow strengthens military coordination with its closest ally" four times in a
    900-word article titled "Moscow Tightens the Bolts: Enhanced Military Coordination with Its
    Closest Ally".
    Fix: none; the document is flagged (the words are content, the document is low quality).
    """

    code = "SP001"
    name = "keyword-stuffing"
    category = "keyword-stuffing"
    severity = Severity.INFO
    default_options = {"min_count": 4, "min_words": 4, "max_words": 8, "min_share": 0.03, "title_overlap": 0.75}

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        if len(doc.nonblank) < 3:
            return
        found = repeated_phrase(doc, self.options["min_words"], self.options["max_words"], self.options["min_count"])
        if found is None:
            return
        phrase, count, lines = found
        if count < self.options["min_count"] or len(lines) < 3:
            return
        title_words = {w.lower() for w in shape.words(doc.nonblank[0].text)}
        phrase_words = phrase.split()
        from_title = sum(1 for w in phrase_words if w in title_words) / len(phrase_words)
        share = count * len(phrase_words) / max(1, doc.word_count)
        if from_title < self.options["title_overlap"] and share < self.options["min_share"]:
            return
        line = doc.lines[lines[0] - 1]
        yield self.finding(doc, line.start, line.end,
                           f"phrase {phrase!r} repeated {count} times on lines {', '.join(map(str, lines[:8]))}",
                           score=share, phrase=phrase, count=count)
