"""Pipe tables: split rows into cells, recognise separators, and write rows back in their style.

A pipe table is written in one of three styles: `| a | b |` (outer pipes), `a | b |` (trailing
pipe only) or `a | b` (bare). Repairs keep the style the table already uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEPARATOR_CELL = re.compile(r"^\s*:?-{1,}:?\s*$")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def split_cells(line: str) -> list[str]:
    """The cells of a row, outer pipes removed, interior empty cells kept.

    >>> split_cells("| a | b |")
    ['a', 'b']
    >>> split_cells("a | b | |||")
    ['a', 'b', '', '', '']
    >>> split_cells("a | b")
    ['a', 'b']
    """
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [cell.strip() for cell in UNESCAPED_PIPE.split(inner)]


def is_separator(line: str) -> bool:
    """True for a header separator row such as `|---|:--:|` or `--- | ---`.

    >>> is_separator("---|---|---|"), is_separator("| --- | --- |"), is_separator("a | b")
    (True, True, False)
    """
    if "-" not in line or not has_pipe(line) and not line.strip().startswith("-"):
        return False
    cells = split_cells(line)
    return bool(cells) and all(SEPARATOR_CELL.match(c) or c == "" for c in cells) and any(c for c in cells)


def has_pipe(line: str) -> bool:
    """True when the line holds an unescaped pipe."""
    return bool(UNESCAPED_PIPE.search(line))


@dataclass(frozen=True)
class RowStyle:
    """How a table writes its rows: pipes at the ends, and spaces around cells."""

    leading: bool
    trailing: bool

    @classmethod
    def of(cls, line: str) -> "RowStyle":
        stripped = line.strip()
        return cls(stripped.startswith("|"), stripped.endswith("|"))

    def row(self, cells: list[str]) -> str:
        """A row in this style.

        >>> RowStyle(False, True).row(["a", "b"])
        'a | b |'
        >>> RowStyle(True, True).row(["a", "b"])
        '| a | b |'
        """
        text = " | ".join(cells)
        if self.leading:
            text = "| " + text
        if self.trailing:
            text = text + " |"
        return text

    def separator(self, width: int) -> str:
        """A header separator of `width` columns in this style.

        >>> RowStyle(False, True).separator(3)
        '---|---|---|'
        """
        text = "|".join(["---"] * width)
        if self.leading:
            text = "|" + text
        if self.trailing:
            text = text + "|"
        return text


def real_width(cells: list[str]) -> int:
    """The number of cells up to and including the last non-empty one.

    >>> real_width(["a", "", "c", "", ""]), real_width(["", ""])
    (3, 0)
    """
    for index in range(len(cells) - 1, -1, -1):
        if cells[index]:
            return index + 1
    return 0


def row_key(cells: list[str]) -> tuple[str, ...]:
    """The non-empty cells of a row, whitespace folded: rows compare equal whatever their style."""
    return tuple(" ".join(c.split()) for c in cells if c.strip())
