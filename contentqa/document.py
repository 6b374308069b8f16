"""The document model: text parsed once into lines and blocks, which every rule reads.

A `Document` never changes; fixes produce a new text, which is parsed into a new `Document`.
Lines are split on "\\n" only, so character offsets always index the original text. Blocks are
headings, paragraphs, list items, pipe tables and blank lines. Scraped text usually puts one
paragraph on one line, so every non-table line is a block of its own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any

from contentqa import tables, text as shape


MAX_JUDGED_CHARS = 5_000  # longer lines are never judged line by line (see Document.judged)

class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE = "table"
    BLANK = "blank"


MARKER = re.compile(r"<!--\s*contentqa:\s*(ignore-file|ignore)\b([^>]*)-->")  # see contentqa.suppression


@dataclass(frozen=True)
class Line:
    """One line: its 0-based index, where its text starts and ends, and the text (no newline)."""

    index: int
    start: int
    end: int
    text: str

    @property
    def number(self) -> int:
        """The 1-based line number people see."""
        return self.index + 1

    @property
    def stripped(self) -> str:
        """The text without surrounding space, and without a contentqa marker (an HTML comment
        that silences findings: see `contentqa.suppression`), so rules judge what the line says."""
        if "contentqa:" in self.text:
            return MARKER.sub("", self.text).strip()
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Block:
    """Consecutive lines of one kind; only tables span more than one line."""

    kind: BlockKind
    lines: tuple[Line, ...]

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]


@dataclass
class Document:
    """A text and what it is: an id, where it came from, its format, and free metadata."""

    text: str
    id: str = ""
    source: str = ""
    format: str = "txt"
    metadata: dict[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # what rules share, per text

    @cached_property
    def lines(self) -> list[Line]:
        result, offset = [], 0
        for index, raw in enumerate(self.text.split("\n")):
            text = raw[:-1] if raw.endswith("\r") else raw
            result.append(Line(index, offset, offset + len(text), text))
            offset += len(raw) + 1
        if len(result) > 1 and result[-1].text == "" and self.text.endswith("\n"):
            result.pop()  # the empty string after a final newline is no line
        return result

    @cached_property
    def _line_starts(self) -> list[int]:
        return [line.start for line in self.lines]

    @cached_property
    def nonblank(self) -> list[Line]:
        """The lines that hold text, in order."""
        return [line for line in self.lines if not line.is_blank]

    @cached_property
    def judged(self) -> list[Line]:
        """The non-blank lines that rules judging one line at a time look at: every line up to
        MAX_JUDGED_CHARS long. No artifact line (a crumb, a caption, a chatter sentence, a template
        slot) is that long; a longer line is page text run together, left whole, and skipping it
        keeps every rule's time bounded on hostile input."""
        return [line for line in self.nonblank if len(line.text) <= MAX_JUDGED_CHARS]

    @cached_property
    def blocks(self) -> list[Block]:
        result: list[Block] = []
        lines = self.lines
        index = 0
        while index < len(lines):
            line = lines[index]
            run = self._pipe_run(index)
            if run > 1:
                result.append(Block(BlockKind.TABLE, tuple(lines[index:index + run])))
                index += run
                continue
            result.append(Block(classify(line.text), (line,)))
            index += 1
        return result

    def _pipe_run(self, index: int) -> int:
        """How many consecutive lines from `index` on hold a pipe (table rows)."""
        count = 0
        while index + count < len(self.lines) and tables.has_pipe(self.lines[index + count].text):
            count += 1
        return count

    @cached_property
    def tables(self) -> list[Block]:
        return [block for block in self.blocks if block.kind is BlockKind.TABLE]

    @cached_property
    def block_number(self) -> dict[int, int]:
        """Line index -> position of its block among the non-blank blocks (a table counts once)."""
        numbers, count = {}, 0
        for block in self.blocks:
            if block.kind is BlockKind.BLANK:
                continue
            for line in block.lines:
                numbers[line.index] = count
            count += 1
        return numbers

    @cached_property
    def block_of_line(self) -> dict[int, Block]:
        return {line.index: block for block in self.blocks for line in block.lines}

    @cached_property
    def blank_separated(self) -> bool:
        """True when most paragraphs are separated by blank lines (the document's 'mode')."""
        content = self.nonblank
        if len(content) < 2:
            return False
        gaps = sum(1 for a, b in zip(content, content[1:]) if b.index - a.index > 1)
        return gaps >= (len(content) - 1) / 2

    @property
    def block_break(self) -> str:
        """What separates two blocks in this document: a blank line, or just a newline."""
        return "\n\n" if self.blank_separated else "\n"

    @cached_property
    def word_count(self) -> int:
        return len(shape.words(self.text))

    def line_at(self, offset: int) -> Line:
        """The line that holds character `offset` (an offset at a line's end belongs to that line)."""
        position = bisect.bisect_right(self._line_starts, offset) - 1
        return self.lines[max(0, min(position, len(self.lines) - 1))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = self.line_at(offset)
        return line.number, offset - line.start + 1

    @cached_property
    def _nonblank_indexes(self) -> list[int]:
        return [line.index for line in self.nonblank]

    @cached_property
    def word_counts(self) -> list[int]:
        """How many words each line holds, by line index."""
        return [len(shape.words(line.text)) for line in self.lines]

    def rank(self, line: Line) -> int:
        """The position of `line` among the non-blank lines (0 for the first)."""
        return bisect.bisect_left(self._nonblank_indexes, line.index)

    def from_end(self, line: Line) -> int:
        """How many non-blank lines come after `line`."""
        return len(self.nonblank) - 1 - self.rank(line)

    def next_nonblank(self, line: Line) -> Line | None:
        for candidate in self.lines[line.index + 1:]:
            if not candidate.is_blank:
                return candidate
        return None

    def previous_nonblank(self, line: Line) -> Line | None:
        for candidate in reversed(self.lines[:line.index]):
            if not candidate.is_blank:
                return candidate
        return None

    def removal_span(self, first: Line, last: Line | None = None) -> tuple[int, int]:
        """The character span that deletes lines first..last with their newline.

        When the lines stand between blank lines (or at an edge of the text) the blank lines after
        them go too, so that removing a block leaves no double gap behind.
        """
        last = last or first
        start = first.start
        end = last.end + 1 if last.index + 1 < len(self.lines) or self.text.endswith("\n") else last.end
        end = min(end, len(self.text))
        before_is_gap = first.index == 0 or self.lines[first.index - 1].is_blank
        if before_is_gap:
            following = last.index + 1
            while following < len(self.lines) and self.lines[following].is_blank:
                line = self.lines[following]
                end = min(line.end + 1, len(self.text))
                following += 1
        if end == len(self.text) and start > 0 and not self.text.endswith("\n"):
            start -= 1  # the last line: take the newline before it instead
        return start, end


def classify(text: str) -> BlockKind:
    """The kind of block a single line makes.

    >>> classify(""), classify("- item"), classify("Key Facts"), classify("It rained all day.")
    (<BlockKind.BLANK: 'blank'>, <BlockKind.LIST_ITEM: 'list-item'>, <BlockKind.HEADING: 'heading'>, <BlockKind.PARAGRAPH: 'paragraph'>)
    """
    stripped = text.strip()
    if not stripped:
        return BlockKind.BLANK
    if stripped.startswith("#") and stripped.lstrip("#").startswith(" "):
        return BlockKind.HEADING
    if shape.is_list_item(stripped):
        return BlockKind.LIST_ITEM
    if shape.is_heading_like(stripped, max_words=14):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH
