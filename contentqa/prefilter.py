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
A case-insensitive pattern whose text allows it (`lowerable`) is also compiled lower-cased and
run case-sensitively on the folded text, which the engine does about three times faster.
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


def literals_of(source: str, flags: int) -> Literals | None:
    """The literals (lower-case) one of which every match of the pattern contains, or None when
    the syntax shows none worth testing (one blank or one character)."""
    found = required(_parser.parse(source, flags))
    if not found or selectivity(found)[0] < 2:
        return None
    return found


ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]", re.DOTALL)
RANGE = re.compile(r"(\\u[0-9a-fA-F]{4}|\\.|[^\\])-(\\u[0-9a-fA-F]{4}|\\[^\]]|[^\\\]])", re.DOTALL)
PLAIN_ESCAPES = frozenset("bdswntrfv")  # escapes whose meaning lower-casing keeps (\b, \d, \n, ...)
INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")  # (?-i:...) would make a part case-sensitive again


def caseless(char: str) -> bool:
    return char.lower() == char == char.upper()


def escaped(token: str) -> str:
    """The character a class endpoint stands for ("a", "\\-", "\\u00e9")."""
    return chr(int(token[2:], 16)) if token.startswith("\\u") else token[-1]


def range_keeps(low: str, high: str) -> bool:
    """True when a class range means the same lower-cased on folded text as case-insensitively:
    lower-case letters to lower-case letters, capitals to capitals, or a range of caseless characters."""
    if "a" <= low <= high <= "z" or "A" <= low <= high <= "Z":
        return True
    if ord(high) - ord(low) > 0x10000:
        return False
    return all(caseless(chr(code)) for code in range(ord(low), ord(high) + 1))


def lowerable(source: str, flags: int) -> bool:
    """True when the case-insensitive pattern, lower-cased and matched case-sensitively against
    folded text, finds exactly what it finds itself. Decided from the text of the pattern, and
    conservatively: every character ASCII or caseless; no escape but of punctuation, a caseless
    \\uXXXX or one of \\b \\d \\s \\w \\n \\t \\r \\f \\v (no \\W, \\x41, back-reference...); every range in a
    class within one case or caseless ([A-z] would lose [\\]^_`]); no inline flags."""
    if not flags & re.IGNORECASE or not all(char.isascii() or caseless(char) for char in source):
        return False
    if INLINE_FLAGS.search(source):
        return False
    for escape in ESCAPE.finditer(source):
        token = escape.group(1)
        if len(token) == 5:
            if not caseless(chr(int(token[1:], 16))):
                return False
        elif token.isalnum() and token not in PLAIN_ESCAPES:
            return False
    return all(range_keeps(escaped(low), escaped(high))
               for found in CLASS.finditer(source) for low, high in RANGE.findall(found.group()[1:-1]))


UNKNOWN = frozenset(["\0unknown"])  # literals not derived yet


class Prefiltered:
    """A pattern that first tests a text for the literals every match contains.

    A case-insensitive pattern that allows it is compiled lower-cased and run case-sensitively
    on the folded text (the same length, so a match's offsets index the text given), which the
    engine runs about three times faster. The literals are derived when a search first needs them
    (`match`, tried at one position only, never does), so start-up pays nothing for them.

    >>> p = Prefiltered(r"\\bmy (?:knowledge|training) cutoff\\b", re.I)
    >>> sorted(p.literals)
    ['knowledge', 'training']
    >>> p.search("The cutoff of the training data passed.") is None, p.search("My Knowledge CUTOFF is 2023.").span()
    (True, (0, 19))
    """

    __slots__ = ("pattern", "flags", "regex", "folds", "_literals")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern, self.flags = source, flags
        self.folds = lowerable(source, flags)
        self.regex = re.compile(source.lower(), flags & ~re.IGNORECASE) if self.folds else re.compile(source, flags)
        self._literals: Literals | None = UNKNOWN

    @property
    def literals(self) -> Literals | None:
        if self._literals is UNKNOWN:
            self._literals = literals_of(self.regex.pattern, self.regex.flags)
        return self._literals

    def _subject(self, text: str) -> str | None:
        """The text the regex runs on (folded, when the regex is the lower-cased twin), or None
        when the text holds none of the literals."""
        literals = self.literals
        if literals is None:
            return folded(text) if self.folds else text
        lowered = folded(text)
        if not any(literal in lowered for literal in literals):
            return None
        return lowered if self.folds else text

    def search(self, text: str, *args) -> re.Match | None:
        subject = self._subject(text)
        return None if subject is None else self.regex.search(subject, *args)

    def match(self, text: str, *args) -> re.Match | None:
        return self.regex.match(folded(text) if self.folds else text, *args)  # one position: no literal test

    def finditer(self, text: str, *args):
        subject = self._subject(text)
        return iter(()) if subject is None else self.regex.finditer(subject, *args)

    def sub(self, replacement: str, text: str) -> str:
        """The text with every match replaced by `replacement`, a plain string."""
        if "\\" in replacement:
            raise ValueError("a replacement with group references is not supported")
        pieces, cursor = [], 0
        for found in self.finditer(text):
            pieces += [text[cursor:found.start()], replacement]
            cursor = found.end()
        return "".join(pieces) + text[cursor:] if pieces else text
