"""Small pure functions that describe the shape of a line of text.

Rules ask these questions again and again (is it a list item, does it end a sentence, how many
words, is it in Title Case), so they live in one place and each has a doctest.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

RECENT_LINES = 4096  # lines whose words are remembered: every rule asks for a line's words again
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
LIST_MARKER = re.compile(r"^\s*(?:[-*+•–—·▪◦●■]\s+|\(?\d{1,3}[.)]\s+|\(?[a-z][.)]\s+)")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
URL_OR_DOMAIN = re.compile(
    r"(?:https?://\S+|www\.\S+|(?<![\w-])(?<!\w\.)[\w-]++(?:\.[\w-]++)*\.(?:com|org|net|io|co|news|info|gov|edu|uk|de|fr|ca|au|in|us)\b)",
    re.IGNORECASE,
)
SMALL_WORDS = frozenset(
    "a an and as at but by for from if in into nor of on or over per the to vs via with up off out".split()
)
# Common section-heading words in English articles.
HEADING_WORDS = frozenset(
    """summary conclusion conclusions introduction overview background takeaways takeaway thoughts analysis
    context outlook verdict recap results discussion methodology methods faq faqs notes highlights
    details update updates history next steps pros cons features specifications specs price pricing
    availability review performance design benefits risks challenges recommendations implications
    ingredients instructions directions tips resources references sources examples requirements
    prerequisites installation setup usage configuration troubleshooting acknowledgments acknowledgements
    abstract timeline schedule agenda eligibility costs fees drawbacks alternatives comparison
    warnings precautions symptoms causes treatment diagnosis prevention recovery method approach
    findings limitations significance impact reaction aftermath lessons questions answers
    disclaimer epilogue prologue preface foreword appendix glossary""".split()
)
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no nor
    not now of off on once only or other our ours out over own same she should so some such than that the
    their theirs them then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours""".split()
)


CODE_KEYWORD = r"\s*(?:def|class|return|import|const|let|var|fn|if|for|module\.exports|#include|SELECT)\b"
CODE = re.compile(r"[{}]|=>|[=!<>]=|\(\)|\$\{|(?:^|\s)//|;\s*$|\w\s*=\s*[\w'\"(\[]|\w\([a-z]?[\"']|^" + CODE_KEYWORD)
CODE_MARKS = "{}=($/;"  # one of them is in every match of CODE but one starting with a keyword
CODE_START = re.compile(CODE_KEYWORD)


@lru_cache(maxsize=RECENT_LINES)
def looks_like_code(text: str) -> bool:
    """True for a line of source code rather than prose; a semicolon inside a sentence is prose.

    >>> looks_like_code("const { user } = context;"), looks_like_code("x = compute(y)"), looks_like_code('print(f"Hi")')
    (True, True, True)
    >>> looks_like_code("The user left early; the others stayed."), looks_like_code("Chess and checkers; go further.")
    (False, False)
    """
    if not any(mark in text for mark in CODE_MARKS):
        return bool(CODE_START.match(text))
    return bool(CODE.search(text))


def words(text: str) -> list[str]:
    """The words of `text`: runs of letters and digits, apostrophes and hyphens inside.

    >>> words("It's a well-known fact: 42 | yes.")
    ["It's", 'a', 'well-known', 'fact', '42', 'yes']
    """
    return list(recent_words(text))


@lru_cache(maxsize=RECENT_LINES)
def recent_words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text))


@lru_cache(maxsize=RECENT_LINES)
def normalise(text: str) -> str:
    """Lowercase words joined by single spaces, for comparing lines that differ in punctuation.

    >>> normalise("  Hello,   World! ")
    'hello world'
    """
    return " ".join(recent_words(text)).lower()


def is_list_item(text: str) -> bool:
    """True when the line starts with a bullet or an item number.

    >>> is_list_item("- Building trust"), is_list_item("  2. Enhanced Logistics"), is_list_item("2024 was hot")
    (True, True, False)
    """
    return bool(LIST_MARKER.match(text))


def strip_list_marker(text: str) -> str:
    """The text of a list item without its bullet or number.

    >>> strip_list_marker("  • The Ukraine Conflict")
    'The Ukraine Conflict'
    """
    return LIST_MARKER.sub("", text, count=1).strip()


def ends_sentence(text: str) -> bool:
    """True when the line ends with sentence punctuation (closing quotes allowed).

    >>> ends_sentence('He said "no."'), ends_sentence("Related Posts")
    (True, False)
    """
    return bool(SENTENCE_END.search(text.rstrip()))


def title_case_ratio(text: str) -> float:
    """Share of the words (small words aside) that start with a capital letter or a digit.

    >>> title_case_ratio("The Best Cheap Laptops Under $500")
    1.0
    >>> round(title_case_ratio("Winter windshield fluid policy"), 2)
    0.25
    """
    counted = [w for w in words(text) if w.lower() not in SMALL_WORDS]
    if not counted:
        return 0.0
    return sum(1 for w in counted if w[0].isupper() or w[0].isdigit()) / len(counted)


@lru_cache(maxsize=RECENT_LINES)
def is_heading_like(text: str, max_words: int = 16) -> bool:
    """A short line that starts with a capital or digit and does not end like a sentence.

    >>> is_heading_like("Details of the Military Drills"), is_heading_like("The drills began today.")
    (True, False)
    >>> is_heading_like("- Building trust: Encouraging open dialogue")
    False
    """
    stripped = text.strip().lstrip("#").strip()
    if not stripped or is_list_item(stripped) or "|" in stripped:
        return False
    count = len(words(stripped))
    if not 1 <= count <= max_words or len(stripped) > 140:
        return False
    if stripped[-1] in ".,;:!" and not stripped.endswith("..."):
        return False
    return stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"'“‘"


ASCII_LETTERS, ASCII_UPPER, ASCII_DIGITS = (chars.encode("ascii") for chars in (
    string.ascii_letters, string.ascii_uppercase, string.digits))
NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def character_counts(text: str) -> tuple[int, int, int]:
    """How many letters, upper-case letters and digits the text holds (as str.isalpha, isupper
    and isdigit count them), the ASCII part counted in C.

    >>> character_counts("Über 42 ÉTATS")
    (9, 6, 2)
    """
    ascii_part = text.encode("ascii", "ignore")
    n = len(ascii_part)
    letters, upper, digits = (n - len(ascii_part.translate(None, chars))
                              for chars in (ASCII_LETTERS, ASCII_UPPER, ASCII_DIGITS))
    if n < len(text):
        rest = "".join(NON_ASCII.findall(text))
        letters += sum(map(str.isalpha, rest))
        upper += sum(map(str.isupper, rest))
        digits += sum(map(str.isdigit, rest))
    return letters, upper, digits


def has_letters(text: str) -> bool:
    """True when the text holds at least one letter or digit.

    >>> has_letters("| ."), has_letters("No. 5")
    (False, True)
    """
    return any(ch.isalnum() for ch in text)


def content_words(text: str) -> list[str]:
    """Lowercased words that are not stop words.

    >>> content_words("The drills were held in Belarus")
    ['drills', 'held', 'belarus']
    """
    return [w for w in (x.lower() for x in words(text)) if w not in STOPWORDS]


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of the lowercased word sets of two lines (0 when either is empty).

    >>> overlap("Belarus, Russia conduct drills", "Belarus and Russia Conduct Drills")
    0.8
    """
    left, right = {w.lower() for w in words(a)}, {w.lower() for w in words(b)}
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)
