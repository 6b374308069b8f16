"""Literals a regular expression's every match must contain, found from its syntax, and a
pattern that skips the regex engine on a text holding none of them.

A long alternation ("as of my last update|my knowledge cutoff|...") makes the engine try every
branch at every position of a sentence that cannot match; a substring test of a few words
first costs a fraction of that. The literals are derived, never written by hand, so they cannot
drift from the pattern: for a sequence, the most selective necessary part (a run of literal
characters, or the literals of one of its groups); for an alternation, the union over its
branches (nothing when one branch needs nothing); a repeat needs what its body needs only if it
must occur once; classes, anchors and negative look-arounds need nothing. Texts are compared
lower-cased, with the few characters that the engine's case-insensitive matching equates with
an ASCII letter (dotless i, long s, dotted capital I, the Kelvin sign) mapped to it first; a
literal character that has other case forms outside ASCII is not used. The test is a necessary
condition only: a text passing it still goes through the pattern, so results never change.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parser's opcodes
from re import _parser

FOLD = str.maketrans({"\u0131": "i", "\u017f": "s", "\u0130": "i", "\u212a": "k"})
FOLDED = re.compile("[\u0131\u017f\u0130\u212a]")
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
Literals = frozenset  # of lower-case strings, one of which every match contains


_last: tuple[str, str] = ("", "")  # the last text folded: a sentence meets several patterns in turn


def folded(text: str) -> str:
    """The text as the literals are compared with it."""
    global _last
    seen, lowered = _last
    if text is seen or text == seen:
        return lowered
    lowered = (text if text.isascii() or not FOLDED.search(text) else text.translate(FOLD)).lower()
    _last = (text, lowered)
    return lowered


def usable(code: int) -> str | None:
    """The character as a literal, lower-cased, or None when case folding could make a match
    contain something else (a non-ASCII letter)."""
    char = chr(code)
    if char.isascii():
        return char.lower()
    return char if char.lower() == char == char.upper() else None


def selectivity(literals: Literals) -> tuple[int, int]:
    """How much a set of literals narrows the texts down: longer shortest member first, then fewer."""
    return min(len(s.strip()) for s in literals), -len(literals)


def required(items) -> Literals | None:
    """The literals one of which every match of a parsed sequence contains, or None."""
    candidates: list[Literals] = []
    run: list[str] = []
    for op, value in list(items) + [(None, None)]:
        char = usable(value) if op is sre.LITERAL else None
        if char is not None:
            run.append(char)
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        if op is None or op is sre.LITERAL:
            continue
        found = needed(op, value)
        if found:
            candidates.append(found)
    return max(candidates, key=selectivity) if candidates else None


def needed(op, value) -> Literals | None:
    """The literals one element of a parsed pattern needs, or None."""
    if op is sre.SUBPATTERN:
        return required(value[-1])
    if op is sre.ATOMIC_GROUP:
        return required(value)
    if op is sre.ASSERT:  # a look-ahead or look-behind that must hold
        return required(value[1])
    if op in REPEATS:
        low, _, body = value
        return required(body) if low >= 1 else None
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            found = required(branch)
            if not found:
                return None
            union |= found
        return frozenset(union)
    return None


def literals_of(pattern: re.Pattern) -> Literals | None:
    """The literals (lower-case) one of which every match of the pattern contains, or None when
    the syntax shows none worth testing (one blank or one character)."""
    found = required(_parser.parse(pattern.pattern, pattern.flags))
    if not found or selectivity(found)[0] < 2:
        return None
    return found


UNKNOWN = frozenset(["\0unknown"])  # literals not derived yet


class Prefiltered:
    """A compiled pattern that first tests for its literals; otherwise the pattern itself.

    The literals are derived when a search first needs them (`match`, tried at one position
    only, is cheap already and never needs them), so start-up pays nothing for them.

    >>> p = Prefiltered(re.compile(r"\\bmy (?:knowledge|training) cutoff\\b", re.I))
    >>> sorted(p.literals)
    ['knowledge', 'training']
    >>> p.search("The cutoff of the training data passed.") is None, bool(p.search("My knowledge cutoff is 2023."))
    (True, True)
    """

    __slots__ = ("regex", "_literals")

    def __init__(self, regex: re.Pattern) -> None:
        self.regex = regex
        self._literals: Literals | None = UNKNOWN

    @property
    def literals(self) -> Literals | None:
        if self._literals is UNKNOWN:
            self._literals = literals_of(self.regex)
        return self._literals

    def _may_match(self, text: str) -> bool:
        literals = self.literals
        if literals is None:
            return True
        lowered = folded(text)
        return any(literal in lowered for literal in literals)

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    @property
    def flags(self) -> int:
        return self.regex.flags

    def search(self, text: str, *args) -> re.Match | None:
        return self.regex.search(text, *args) if self._may_match(text) else None

    def match(self, text: str, *args) -> re.Match | None:
        return self.regex.match(text, *args)  # one position only: already cheap

    def fullmatch(self, text: str, *args) -> re.Match | None:
        return self.regex.fullmatch(text, *args)

    def finditer(self, text: str, *args):
        return self.regex.finditer(text, *args) if self._may_match(text) else iter(())

    def findall(self, text: str, *args) -> list:
        return self.regex.findall(text, *args) if self._may_match(text) else []

    def sub(self, replacement, text: str, count: int = 0) -> str:
        return self.regex.sub(replacement, text, count) if self._may_match(text) else text
