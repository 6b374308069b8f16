"""Where a heading was glued to the paragraph after it: the offset at which to put the break back.

An extractor that drops the break after a heading runs its last word into the paragraph's first
("In SummaryAs Belarus ..."). The functions here find that junction and judge whether the text
before it reads as a heading and the text after it as a paragraph, while camel-case names
(YouTube, SafetyWing), identifiers (useMemo) and units ("10GB") are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from contentqa import text as shape
from contentqa.document import Line

# A capital letter that starts a new word inside a token: "SummaryAs", "Now?Reading", "2019Spurs".
GLUE_BEFORE = set("?!)]\"”") | set("0123456789")
# Words that open a sentence far more often than they continue a name (closed-class English).
SENTENCE_OPENERS = frozenset(
    """a an the as in on at by for from to with without into this that these those it its we our you your
    they their he she his her i my there here when while if after before although though despite since
    because but and so yet however moreover furthermore additionally overall today now many most some all
    each every one two three both what why how who which where whether according during over under
    between among unlike like once until not no just even also still then first firstly second finally
    ultimately meanwhile instead perhaps let whatever whenever let's it's there's here's inside throughout
    upon honestly sometimes recently currently essentially basically generally typically usually often
    yesterday tomorrow next take make say imagine consider think remember note keep start try send use get
    you'll you’ll we'll we’ll i'm i’m i've i’ve you're you’re we're we’re they're they’re that's that’s
    it’s there’s here’s let’s don't don’t can't can’t anyone everyone someone nobody""".split()
)
# Words no camel-case name continues with: "...LightweightThe trend".
ARTICLE_OPENERS = frozenset("The This These Those Our We There When While If Although However".split())
LABEL_VALUE = re.compile(r"^[^\W_][\w &/()'’,-]{0,60}:\s")
# Words that name a section of an article and little else.
SECTION_WORDS = frozenset("summary conclusion introduction overview takeaways verdict recap faq faqs abstract "
                          "background".split())
# lower-case only: "You Can Trust Our Reviews" is a Title Case heading, "insurer is SafetyWing" a sentence
FINITE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|does|did|will|would|can|could)\b")

INNER_CAPITAL = re.compile(r"(?<=[a-z?!)])[A-Z]")


@lru_cache(maxsize=shape.RECENT_LINES)
def glue_points(text: str, limit: int = 160) -> tuple[int, ...]:
    """Offsets where a capital letter starts a word glued to what came before: after a lower-case
    letter, a digit or closing punctuation ("SummaryAs"), or after a heading in capitals
    ("BENEFITSResearch": a capital followed by lower case, after a run of capitals)."""
    points = []
    for i in range(1, min(len(text), limit)):
        if not (text[i].isupper() and text[i].isalpha()):
            continue
        if text[i - 1].islower() or text[i - 1] in GLUE_BEFORE:
            points.append(i)
        elif text[i - 1].isupper() and i + 1 < len(text) and text[i + 1].islower() and all_capitals(text[:i]):
            points.append(i)
    return tuple(points)


def all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def reads_as_paragraph(text: str) -> bool:
    """A sentence or more: several words ending in sentence punctuation, or a long run of words."""
    count = len(shape.words(text))
    return count >= 15 or (count >= 4 and shape.ends_sentence(text)) or (count >= 6 and text.rstrip().endswith(":"))


def long_paragraph(text: str) -> bool:
    return len(shape.words(text)) >= 12 and shape.ends_sentence(text)


HEADING_NUMBER = re.compile(r"^(?:#?\d{1,2}[.):]*\)?\.?|step \d{1,2}:)\s+", re.I)
TWO_PART_QUESTION = re.compile(r"^[A-Z][^.?!]{3,80}\? (?=(?:[A-Z][\w'’-]*|a|an|the|of|for|to|in|and|on|vs) )")


def token_around(text: str, cut: int) -> tuple[str, str]:
    """The whole space-delimited token a glue point falls in, and its part before the point.

    >>> token_around("In SummaryAs Belarus opens", 10)
    ('SummaryAs', 'Summary')
    """
    start = text.rfind(" ", 0, cut) + 1
    end = text.find(" ", cut)
    return text[start:end if end != -1 else len(text)], text[start:cut]


def heading_body(left: str) -> str:
    """A heading without what may stand inside it: a leading number ("6). ", "#4:"), "vs.", and a
    question before a subtitle ("What Makes a Platform Right for You? The Key Criteria")."""
    body = HEADING_NUMBER.sub("", left).replace(" vs. ", " vs ")
    rest = TWO_PART_QUESTION.sub("", body)
    return rest if rest != body and shape.title_case_ratio(rest) == 1.0 else body


def glue_split(line: Line, doc_text: str) -> int | None:
    """The offset (within the line) where a heading ends and its paragraph begins, or None."""
    text = line.text
    for cut in glue_points(text):
        left, right = text[:cut].strip(), text[cut:].strip()
        if not left or not shape.is_heading_like(left, 12) and not left.endswith(("?", "!")):
            continue
        body = heading_body(left)
        if re.search(r"[.?!] ", body) or body.count("(") != body.count(")") or not reads_as_paragraph(right):
            continue
        token, left_piece = token_around(text, cut)
        right_word = shape.words(right)[0]
        left_words = shape.words(left)
        word = left_words[-1].lower() if left_words else ""
        section_heading = len(left_words) >= 2 and word in shape.HEADING_WORDS  # "Final Thoughts"
        if len(shape.words(left_piece)) == 0 or len(INNER_CAPITAL.findall(token)) > 1 and not section_heading:
            continue  # no word, or a chain of capitals such as HawaiiNewsNow: a name
        if doc_text.count(token.strip(".,;:!?\"'")) > 1:
            continue  # a name written in camel case (MacBook, YouTube) that the text uses again
        if not text[cut - 1].isalpha() and not (len(right_word) >= 3 and right_word[1:].islower()):
            continue  # after a digit or a bracket, a unit or a code ("10GB", "B2B", "3D") is no new sentence
        if all_capitals(left) and (len(left_words) >= 2 or word in shape.HEADING_WORDS) and len(right_word) >= 2 \
                and right_word[1:].islower():
            return cut  # "TYPES OF EXERCISE & BENEFITSResearch has shown ...": a heading in capitals
        right_words = shape.words(right)
        opener = right_word.lower() in SENTENCE_OPENERS or (right_word.lower().endswith("ly") and len(right_word) > 4)
        gerund = right_word.lower().endswith("ing") and len(right_word) > 5
        echo = right_word.lower() == left_piece.lower()  # "PatagoniaPatagonia has long been ..."
        topic_echo = (len(left_words) >= 3 and len(right_word) >= 5 and ":" not in left
                      and right_word.lower() in {w.lower() for w in left_words[:-1]})  # "...adoptionDocumentation quality"
        verb_next = len(right_words) > 1 and (FINITE_VERB.fullmatch(right_words[1]) or right_words[1] == "said")
        if " " not in left:  # a one-word heading must be a usual heading word, or be named again
            if word in SECTION_WORDS or word in shape.HEADING_WORDS and (opener or gerund or len(right_word) > 3):
                return cut
            if echo or (opener and len(left_piece) >= 5 and not verb_next):
                return cut  # "DripDrip, which ...", "SymmetryIn contrast" (but not "LinkedIn is")
            continue
        if FINITE_VERB.search(left) and right_word not in ARTICLE_OPENERS:
            continue  # "My favorite insurer is SafetyWing": a sentence, not a heading ("The Future is LightweightThe ...")
        punctuation_glue = left_piece[-1] in "?!)]\"”" or left_piece[-1].isdigit()
        titled_list = "," in left and shape.title_case_ratio(left) == 1.0 and opener  # "At a Crossroads, Nature Tech on the RiseWhile"
        strong_opener = right_word in ARTICLE_OPENERS or right_word == "From"  # "...about AmsterdamFrom hundreds of ..."
        if re.search(r"[,/]", left) and not punctuation_glue and not titled_list and not (strong_opener and "/" not in left):
            continue  # "subscribing to NordVPN, ...", "r/WildernessBackpacking": a sentence or a path, not a heading
        if punctuation_glue or (len(left_piece) >= 3 and (opener or gerund or echo or topic_echo
                                                           or word in shape.HEADING_WORDS)):
            return cut
        title = shape.title_case_ratio(left) == 1.0 and not re.search(r"\s[–—-]\s|^according\b|:|['’]s\b", left, re.I) \
            and not LABEL_VALUE.match(right)  # "Sonicare DiamondClean Electric Toothbrush: The brush ...": a name
        if title and len(left_piece) >= 3 and len(right_word) >= 3 and len(left_words) <= 8 and long_paragraph(right):
            return cut  # a short Title Case heading before a full paragraph
    return None


# A whole lower-case word run into a capitalised one: "considerationWhen", "full-timeBeing".
LOWER_JUNCTION = re.compile(r"(?:^|(?<=\s))(?:[a-z][a-z-]*[a-z]{2}(?=[A-Z][a-z]+|[AI]\s|[A-Z]{3,}\s[a-z])"
                            r"|[a-z]{2}(?=(?:But|The|This|When|While|If|So|And|Now|Here|There)\s))")
# How identifiers in code start: useMemo, getElementById, handleSubmit.
CODE_PREFIXES = frozenset("use get set has add remove handle create update delete fetch load init make render "
                          "parse format to from with on is can should".split())
NOT_IN_HEADING = re.compile(r"[.?!;(){}=<>\[\]\"“”]")


def sentence_case_split(text: str, doc_text: str) -> int | None:
    """The offset where a sentence-case heading ends and its paragraph begins, or None.

    The heading starts with a capital, runs three to twelve words without punctuation and ends
    in a whole lower-case word that the paragraph's first word is glued to; camel-case names
    start with a capital ("SafetyWing") or a single letter ("iPhone"), and code is left alone.

    >>> text = "When budgets are not a considerationWhen you have a strong IT team, a suite of tools works well."
    >>> text[:sentence_case_split(text, text)]
    'When budgets are not a consideration'
    >>> sentence_case_split("Sketch is a macOS-specific design and prototyping tool for teams.", "") is None
    True
    """
    for match in LOWER_JUNCTION.finditer(text[:200]):
        cut = match.end()
        left, right = text[:cut].strip(), text[cut:].strip()
        opening = re.sub(r"^[\W_]+", "", left)  # a check mark, bullet or emoji before the heading
        if not (opening[:1].isupper() or opening[:1].isdigit()) or NOT_IN_HEADING.search(left.replace(" vs. ", " vs ")):
            return None
        if not 3 <= len(shape.words(left)) <= 12:
            continue
        if not reads_as_paragraph(right) or right[:3].isupper() and "," in left:
            continue  # an acronym after a word ("audiencesAPI documentation") only ends a comma-free heading
        if match.group(0) in CODE_PREFIXES:
            continue  # "the use of useMemo": an identifier, not a heading word
        token = text[match.start():].split(" ")[0].strip(".,;:!?\"'")
        if doc_text.count(token) > 1 or shape.looks_like_code(text):
            return None
        return cut
    return None


# A year run into the next sentence: "November 19, 2019Spurs have won ..." (a dateline or a quoted
# post's date glued to the paragraph after it).
YEAR_GLUE = re.compile(r"(?<=\b(?:19|20)\d{2})(?=(?:[A-Z][a-z]+|A)\s)")
# A "Label: value" line run into the next label: "Community: 262 000 usersPosts per week: 15".
NEXT_LABEL = re.compile(r"(?<=[a-z)])(?=[A-Z][a-z][\w&/()'’-]*(?: [\w&/()'’-]+){0,4}:\s)")
# A short Title Case label line, the second of two headings run together: "Digital Nomad Resources:".
TITLED_LABEL = re.compile(r"^(?:(?:[A-Z][\w'’-]*+|(?:of|and|for|to|the|in|on)\b|&)\s?){2,6}:$|^(?:Pros|Cons):$")


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def shared_phrase(left: str, right: str, size: int = 3) -> bool:
    """True when the two share a run of `size` words (a heading the paragraph repeats)."""
    words = [w.lower() for w in shape.words(left)]
    runs = {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}
    other = [w.lower() for w in shape.words(right)]
    return any(tuple(other[i:i + size]) in runs for i in range(len(other) - size + 1))


def marked_split(text: str) -> int | None:
    """The offset of a glue that marks itself, or None: a year run into a capitalised word, a
    label line run into the next label, or a heading whose paragraph opens by naming what the
    heading named ("#4: Whereby — best for video callsWhereby is ...").

    >>> text = "— Dele (@dele_official) November 19, 2019Spurs have won just five matches this season."
    >>> text[marked_split(text):]
    'Spurs have won just five matches this season.'
    >>> marked_split("Community: 262 000 usersPosts per week: 15 (not counting pictures)")
    24
    >>> marked_split("In 2019 Spurs won five matches, and 2020 was no better for the club.") is None
    True
    """
    if shape.looks_like_code(text) or "|" in text:
        return None
    for match in YEAR_GLUE.finditer(text[:200]):
        if len(shape.words(text[:match.start()])) <= 20 and reads_as_paragraph(text[match.start():]):
            return match.start()
    if LABEL_VALUE.match(text):
        first_colon = text.index(":")
        for match in NEXT_LABEL.finditer(text, first_colon, 300):
            if len(shape.words(text[first_colon:match.start()])) <= 25:
                return match.start()
    for cut in glue_points(text):
        left, right = text[:cut].strip(), text[cut:].strip()
        named = re.sub(r"['’]s$", "", right.split(" ")[0].strip(".,;:!?\"'"))
        token, piece = token_around(text, cut)
        if not named[:1].isupper() or not (piece[:1].isalpha() and len(piece) >= 3):
            continue  # "of eCommerce", "@SarahHauer": a name, not a glue
        if re.search(r"[.?!,] ", left) or FINITE_VERB.search(left) or not shape.is_heading_like(left, 14):
            continue
        if TITLED_LABEL.match(right) and all(w[0].isupper() for w in shape.words(left)) and len(shape.words(left)) <= 8 \
                and len(piece) >= 4 and len(named) >= 3 and piece[-1].islower():
            return cut  # two headings run together: "Next StepsDigital Nomad Resources:", "ONVIF SupportCons:"
        if not reads_as_paragraph(right):
            continue
        if text.count(token) == 1 and shared_phrase(left, first_sentence(right)):
            return cut  # "...the 16-inch MacBook ProApple resellers ... the new 16-inch MacBook Pro"
        if len(piece) < 4 or len(named) < 4:
            continue  # "DocSearch": too short a piece to tell a glue from a name
        if re.search(rf"(?<![\w]){re.escape(named)}(?![\w])", left, re.I):
            return cut
        if right.lower().startswith(left.lower() + " ") and len(left) >= 5:
            return cut  # "Plants, shelters and backgroundsPlants, shelters and backgrounds provide ..."
    return None
