"""Table rules: padded rows, a lost header separator, repeated rows, a row run into a heading.

Every rule reads a pipe table through `TableView`, which splits its rows into cells once and
works out the table's real width (the columns that hold text, padding aside).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from contentqa import tables, text as shape
from contentqa.document import Block, Document, Line
from contentqa.findings import Edit, Finding, Fix
from contentqa.rules.base import Context, Rule, register

MIN_PADDING = 2


@dataclass(frozen=True)
class Row:
    line: Line
    cells: tuple[str, ...]
    separator: bool

    @property
    def width(self) -> int:
        return tables.real_width(list(self.cells))


class TableView:
    """A pipe-table block split into rows and cells."""

    def __init__(self, block: Block):
        self.block = block
        self.rows = [Row(line, tuple(tables.split_cells(line.text)), tables.is_separator(line.text))
                     for line in block.lines]

    @cached_property
    def data_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.separator]

    @cached_property
    def truncated_row(self) -> Row | None:
        """The last row when it was cut short and the next heading glued onto it."""
        rows = self.data_rows
        if len(rows) < 3:
            return None
        last, others = rows[-1], rows[:-1]
        width = max(row.width for row in others)
        cells = [c for c in last.cells if c]
        if width < 2 or len(cells) < 2 or len(cells) > width:
            return None
        tail = cells[-1]
        tail_words = shape.words(tail)
        if not (shape.is_heading_like(tail, 16) and any(w[0].isalpha() and len(w) >= 3 for w in tail_words)):
            return None
        column = len(cells) - 1
        column_words = [len(shape.words(row.cells[column])) for row in others[1:] if len(row.cells) > column]
        longer = not column_words or len(tail_words) > max(column_words) + 2
        style_break = all(tables.RowStyle.of(row.line.text).trailing for row in others) and \
            not tables.RowStyle.of(last.line.text).trailing
        section = len(tail_words) == 1 and tail.lower() in shape.HEADING_WORDS
        if len(tail_words) == 1 and not (section or style_break):
            return None  # one word ending a short row is a cell, unless it is a section name or breaks the style
        if len(cells) < width or style_break or longer:
            return last
        return None

    @cached_property
    def width(self) -> int:
        """The number of columns that hold text in some row (padding and a truncated row aside)."""
        rows = [row for row in self.data_rows if row is not self.truncated_row]
        return max((row.width for row in rows), default=0)

    @cached_property
    def style(self) -> tables.RowStyle:
        header = self.data_rows[0].line.text if self.data_rows else self.rows[0].line.text
        style = tables.RowStyle.of(header)
        padded = len(self.data_rows[0].cells) >= self.width + MIN_PADDING if self.data_rows else False
        return tables.RowStyle(style.leading, style.trailing or padded)

    def is_table(self) -> bool:
        """True when the block reads as a table: a separator, or 3+ rows of 2+ columns that agree."""
        if any(row.separator for row in self.rows):
            return True
        rows = [row for row in self.data_rows if row is not self.truncated_row]
        if len(rows) < 3 or self.width < 2:
            return False
        agreeing = sum(1 for row in rows if row.width in (self.width, self.width - 1))
        return agreeing >= 0.75 * len(rows)


def table_views(doc: Document) -> list[TableView]:
    """The document's pipe blocks that read as tables, parsed once and shared by every rule."""
    if "tables" not in doc.cache:
        doc.cache["tables"] = [view for view in (TableView(block) for block in doc.tables) if view.is_table()]
    return doc.cache["tables"]


@register
class PaddedTableRows(Rule):
    """Table rows padded with runs of empty cells ("a | b | c | |||||||").

    HTML-to-text converters turn colspans and layout cells into empty cells, so rows carry
    more columns than the table has. The table's real width is the number of columns that hold
    text in some row; rows and separators with two or more extra empty cells are padded.

    Example: "Aspect | Potential Impact | Stakeholders | |||||||||||" in a 3-column table.
    Fix: each padded row is trimmed to the table's width, in the table's own pipe style.
    """

    code = "TB001"
    name = "padded-table-rows"
    category = "table-ragged"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for view in table_views(doc):
            width = view.width
            if width < 1:
                continue
            padded = [row for row in view.rows if row is not view.truncated_row
                      and len(row.cells) >= width + MIN_PADDING]
            if not padded:
                continue
            edits = []
            for row in padded:
                content = view.style.separator(width) if row.separator else view.style.row(list(row.cells[:width]))
                edits.append(Edit(row.line.start, row.line.end, content))
            extra = max(len(row.cells) for row in padded) - width
            fix = Fix(tuple(edits), f"trim {len(padded)} rows to {width} columns")
            yield self.finding(doc, padded[0].line.start, padded[-1].line.end,
                               f"{len(padded)} table rows padded with up to {extra} empty cells; "
                               f"the table has {width} columns", fix=fix)


@register
class MissingTableSeparator(Rule):
    """A pipe table whose header separator row ("---|---|---") was lost.

    Without the separator the rows are no Markdown table, only lines with pipes. The block
    must read as a table (three or more rows that agree on three or more columns) and hold no
    separator anywhere. Two-column blocks are usually flattened "key | value" lists, and are
    left alone.

    Example: "Participant | Role | Duration |" directly followed by "Belarus | Host | 10 days |".
    Fix: a separator of the table's width is inserted after the header row.
    """

    code = "TB002"
    name = "missing-table-separator"
    category = "table-no-separator"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for view in table_views(doc):
            if any(row.separator for row in view.rows) or len(view.rows) < 3 or view.width < 3:
                continue
            header, following = view.rows[0], view.rows[1]
            separator = view.style.separator(view.width)
            fix = Fix((Edit(following.line.start, following.line.start, separator + "\n"),),
                      f"insert a {view.width}-column separator after line {header.line.number}")
            yield self.finding(doc, header.line.start, header.line.end,
                               f"table header has no separator row ({view.width} columns)", fix=fix)


@register
class RepeatedTableRows(Rule):
    """Table rows repeated verbatim inside the same table.

    Scrapers that page through a table, and converters that expand merged cells, print rows
    twice. A row whose cells are the same as an earlier row's is a repeat; the first copy stays.

    Example: the rows "Force Deployment | ..." to "Technological Edge | ..." printed again right
    after themselves.
    Fix: the repeated rows are removed.
    """

    code = "TB003"
    name = "repeated-table-rows"
    category = "table-duplicate-rows"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for view in table_views(doc):
            seen: dict[tuple[str, ...], Row] = {}
            repeats: list[tuple[Row, Row]] = []
            for row in view.data_rows:
                key = tables.row_key(list(row.cells))
                if len(key) < 2:
                    continue
                if key in seen:
                    repeats.append((row, seen[key]))
                else:
                    seen[key] = row
            for run in consecutive_runs(repeats):
                first, last = run[0][0].line, run[-1][0].line
                originals = f"{run[0][1].line.number}-{run[-1][1].line.number}" if len(run) > 1 else str(run[0][1].line.number)
                yield self.lines_finding(doc, first, last, f"{len(run)} table row(s) repeat line(s) {originals}")


def consecutive_runs(repeats: list[tuple[Row, Row]]) -> list[list[tuple[Row, Row]]]:
    """Group repeated rows that stand on consecutive lines."""
    runs: list[list[tuple[Row, Row]]] = []
    for pair in repeats:
        if runs and pair[0].line.index == runs[-1][-1][0].line.index + 1:
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return runs


@register
class RowRunIntoHeading(Rule):
    """The last table row cut short, with the next heading glued onto it.

    When the blank line after a table is lost, the heading that follows becomes the last
    cell of a broken row. The row has fewer cells than the table (or breaks its pipe style,
    or its last cell is longer than anything else in that column) and its last cell reads as a
    heading; a one-word last cell must be a usual section name ("Conclusion", "Background")
    or break the table's pipe style.

    Example: "Diplomatic Leverage | Recommendations for Diplomatic Engagement and Military
    Transparency Initiatives" under a 3-column table.
    Fix: the heading is restored on a line of its own; the broken partial row cannot be
    recovered and is dropped.
    """

    code = "TB004"
    name = "table-row-runs-into-heading"
    category = "table-truncated-row"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for view in table_views(doc):
            row = view.truncated_row
            if row is None or row is not view.rows[-1]:
                continue
            heading = [c for c in row.cells if c][-1]
            gap = "\n" if doc.blank_separated else ""
            fix = Fix.replace(row.line.start, row.line.end, gap + heading,
                              f"restore the heading {heading[:40]!r} on its own line")
            yield self.finding(doc, row.line.start, row.line.end,
                               f"last table row runs into the heading {heading[:60]!r}", fix=fix)
