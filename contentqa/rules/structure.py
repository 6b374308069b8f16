"""Structure rules: a heading glued to its paragraph, a list intro with no list, a repeated
paragraph, and junk or blank lines left at the end of the text."""

from __future__ import annotations

import re
from typing import Iterable

from contentqa import text as shape
from contentqa.document import BlockKind, Document, Line
from contentqa.findings import Edit, Finding, Fix, Severity
from contentqa.glue import LABEL_VALUE, glue_split, marked_split, sentence_case_split
from contentqa.rules.base import Context, Rule, register

# Words with which a sentence announces a list: "Key steps include:", "several factors:", "such as:".
LIST_CUE = re.compile(
    r"\b(?:include|includes|including|such as|following|as follows|these|several|key|main|top|steps|ways|tips|"
    r"reasons|factors|benefits|advantages|disadvantages|examples|options|features|points|things|areas|measures|"
    r"elements|components|objectives|priorities|prioritize|types|categories|ideas|questions|strategies|"
    r"recommendations|implications|considerations|requirements|highlights|takeaways|below|\d+|two|three|four|"
    r"five|six|seven|eight|nine|ten)\b", re.I)
# A long sentence that ends by announcing items: "... should prioritize:", "... such as:".
ENDING_CUE = re.compile(r"\b(?:such as|include|includes|including|following|as follows|prioriti[sz]e|are|is|consider|"
                        r"these|below|like)\s*:$", re.I)
SPEECH_VERBS = re.compile(r"\b(said|says|say|told|tells|wrote|writes|asked|asks|added|adds|explained|"
                          r"explains|stated|states|reads|announced|tweeted|posted|noted|notes)\b[^:]*:$", re.I)


@register
class GluedHeading(Rule):
    """A heading glued to the paragraph after it, with no space or line break between them.

    When an extractor drops the break after a heading, the heading's last word and the
    paragraph's first word become one token: "In SummaryAs Belarus opens its doors ...". The
    heading part must read as a heading (short, no sentence punctuation) and the rest as a
    paragraph. A one-word heading must be a section word (Summary, Conclusion, Overview), or a
    usual heading word followed by a sentence opener; a longer heading must hold no verb such
    as "is", and must end in "?", "!" or ")" or be followed by a common sentence opener ("The",
    "As", "In", an imperative such as "Take") or an -ing word, or be in Title Case and followed
    by a full paragraph. Names written in camel case (YouTube, LinkedIn, SafetyWing,
    HawaiiNewsNow, "Apple's AirPods") are left alone: chains of capitals are names, a token the
    text uses again is a name, and a heading holds no verb such as "is".

    Some glues show themselves whatever the heading's shape: a whole lower-case word run into a
    capitalised one ("When budgets are not a considerationWhen you ..."; identifiers such as
    useMemo aside), a year run into a sentence ("November 19, 2019Spurs have ..."), a label line
    run into the next label ("262 000 usersPosts per week: 15"), two headings run together
    ("Next StepsDigital Nomad Resources:"), and a heading whose paragraph names it again
    ("... video callsWhereby is another ...", "... MacBook ProApple resellers ... MacBook Pro").

    Example: "ConclusionThe drills ended on Friday."
    Fix: a line break is put back between the heading and the paragraph.
    """

    code = "ST001"
    name = "heading-glued-to-paragraph"
    category = "glued-heading"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for line in doc.judged:
            if "|" in line.text or doc.word_counts[line.index] < 4:
                continue
            cut = glue_split(line, doc.text)
            if cut is None:
                cut = sentence_case_split(line.text, doc.text)
            if cut is None:
                cut = marked_split(line.text)
            if cut is None:
                continue
            offset = line.start + cut
            heading = line.text[:cut].strip()
            fix = Fix((Edit(offset, offset, doc.block_break),), f"split heading {heading[:40]!r} from its paragraph")
            yield self.finding(doc, line.start, line.end, f"heading {heading[:50]!r} is glued to the paragraph after it",
                               fix=fix)


@register
class OrphanListIntro(Rule):
    """A line that announces a list ("These initiatives should prioritize:") with no list after it.

    The list was lost in extraction, so the sentence now promises something the text does
    not hold. The line is kept (it is real prose) and flagged for review. Pages often lose
    only the bullets, leaving one item per line, so the intro counts as an orphan only when a
    full paragraph follows it (a long sentence with no "Label:" prefix, no quotation), or a
    heading and its paragraph, or the text ends there. A short line must announce a list
    ("include", "such as", "these", "several factors", a number); a long one must end by
    announcing it ("... such as:", "... should prioritize:"). A heading that ends in a colon
    ("Where HubSpot wins:") is no intro, and neither is an intro to speech ("she said:").

    Example: "Governments could benefit from structured initiatives such as:" followed by a
    paragraph.
    Fix: none; the line is reported only.
    """

    code = "ST002"
    name = "list-intro-without-list"
    category = "orphan-list-intro"
    severity = Severity.INFO

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for line in doc.judged:
            stripped = line.stripped
            if not stripped.endswith(":") or len(shape.words(stripped)) < 3 or "|" in stripped:
                continue
            if shape.is_list_item(stripped) or SPEECH_VERBS.search(stripped):
                continue
            short = doc.word_counts[line.index] <= 15
            if not (short and LIST_CUE.search(stripped) or ENDING_CUE.search(stripped)):
                continue
            following = doc.next_nonblank(line)
            if following is None or self.is_paragraph(doc, following) or self.section_follows(doc, following):
                yield self.finding(doc, line.start, line.end, "list intro with no list after it")

    def section_follows(self, doc: Document, following: Line) -> bool:
        """A heading and then a paragraph: the text moved on to its next section."""
        after = doc.next_nonblank(following)
        return (doc.block_of_line[following.index].kind is BlockKind.HEADING and not following.stripped.endswith(":")
                and after is not None and self.is_paragraph(doc, after))

    @staticmethod
    def is_paragraph(doc: Document, line: Line) -> bool:
        """A full paragraph of prose, which no list item looks like."""
        text = line.stripped
        if doc.block_of_line[line.index].kind is not BlockKind.PARAGRAPH or text[0] in "\"'“‘>`(":
            return False
        if line.text[:1].isspace() or LABEL_VALUE.match(text) or shape.looks_like_code(text):
            return False
        return doc.word_counts[line.index] >= 15 and (shape.ends_sentence(text) or text.endswith(":"))


@register
class RepeatedParagraph(Rule):
    """A paragraph printed again, word for word, later in the same text.

    Scrapers that merge page fragments, and pages that repeat a pull quote, print a paragraph
    twice, close to the first copy. Distance counts blocks (a table is one). A line of prose
    (several words with function words among them; no list item, table row, code or title)
    repeated within `near_distance` blocks counts whatever its shape; further on, up to
    `max_distance` blocks, only a finished sentence that is no heading or "Label: value" line
    does. A line printed three or more times is a template the page repeats on purpose (a meal
    plan, a spec sheet), not a copying slip. The first copy stays.

    Example: a 30-word paragraph that appears again two paragraphs later.
    Fix: the repeat is removed.
    """

    code = "ST003"
    name = "repeated-paragraph"
    category = "duplicate-line"
    default_options = {"min_words": 8, "max_distance": 10, "near_distance": 6}

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        copies: dict[str, list[Line]] = {}
        for line in doc.judged:
            if self.countable(line.text):
                copies.setdefault(shape.normalise(line.text), []).append(line)
        for lines in copies.values():
            if len(lines) != 2:
                continue
            first, repeat = lines
            distance = doc.block_number[repeat.index] - doc.block_number[first.index]  # in blocks: a table is one
            if distance <= self.options["near_distance"] or distance <= self.options["max_distance"] and \
                    self.is_prose(repeat.text):
                yield self.lines_finding(doc, repeat, None, f"paragraph repeats line {first.number}")

    def countable(self, text: str) -> bool:
        """Prose long enough to repeat only by mistake: no table row, list item, code, title or listing."""
        words = shape.words(text)
        if len(words) < self.options["min_words"] or "|" in text or shape.looks_like_code(text):
            return False
        if shape.is_list_item(text):
            return False
        if sum(1 for w in words if w.lower() in shape.STOPWORDS) < 3 and mostly_latin(text):
            return False  # English prose has function words; a command line or a product title has few
        return not shape.is_heading_like(text, 30) or text.rstrip().endswith(("?", ":"))

    def is_prose(self, text: str) -> bool:
        """A finished sentence that is no heading and no "Label: value" line."""
        return shape.ends_sentence(text) and not (shape.is_heading_like(text, 30) or LABEL_VALUE.match(text.strip()))


def mostly_latin(text: str) -> bool:
    """True when at least half the letters are ASCII (a text that could be English)."""
    if text.isascii():
        return True
    return sum(1 for c in text if c.isascii() and c.isalpha()) * 2 >= sum(1 for c in text if c.isalpha())


@register
class TrailingJunk(Rule):
    """Stray punctuation lines left at the very end of the text ("| .", ".", "…", "###").

    The remains of a footer, a table border or an end mark, with no letter or digit in them.
    Only the last lines of the document are looked at.

    Example: "| ." followed by "." and "." after the last paragraph.
    Fix: the lines are removed.
    """

    code = "ST005"
    name = "trailing-punctuation-lines"
    category = "trailing-junk"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        junk: list[Line] = []
        for line in reversed(doc.nonblank):
            stripped = line.stripped
            if shape.has_letters(stripped) or len(stripped.replace(" ", "")) > 6 or set(stripped) & set("()[]{}<>"):
                break  # a closing bracket ends code, not junk
            junk.append(line)
        if junk and len(junk) < len(doc.nonblank):
            first, last = junk[-1], junk[0]
            yield self.lines_finding(doc, first, last, f"{len(junk)} punctuation-only line(s) at the end")


@register
class TrailingBlankLines(Rule):
    """Blank lines after the last line of text.

    They carry nothing and make files compare unequal. One final newline is kept when the text
    had one.

    Example: a text that ends with a paragraph and twelve empty lines.
    Fix: the blank lines are removed.
    """

    code = "ST004"
    name = "trailing-blank-lines"
    category = "trailing-junk"
    severity = Severity.INFO

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        if not doc.nonblank:
            return
        last = doc.nonblank[-1]
        rest = doc.text[last.end:]
        if rest in ("", "\n", "\r\n"):
            return
        keep = "\n" if rest.startswith(("\n", "\r\n")) else ""
        fix = Fix.replace(last.end, len(doc.text), keep, "remove the blank lines at the end")
        count = max(0, rest.count("\n") - 1)
        first_blank = min(last.end + 1, len(doc.text))  # report the blank lines themselves
        yield self.finding(doc, first_blank, len(doc.text), f"{count} blank line(s) at the end", fix=fix)
