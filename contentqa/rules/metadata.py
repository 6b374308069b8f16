"""Page metadata printed as text: bylines, dates, reading times and counters, photo credits and captions.

These lines are found by their shape, not their wording: a name after "By", a line that is
mostly a date, a name followed by a role, a credit naming a photographer and an agency, an
image file name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from contentqa import text as shape
from contentqa.document import BlockKind, Document, Line
from contentqa.rules.base import LineRule, in_head, in_tail, register
from contentqa.rules.tables import table_views

NAME = r"[A-Z][\w.'’-]*+(?:\s++(?:(?:de|van|von|da|di|del|der|la|le|bin|al)\s*+)?[A-Z][\w.'’-]*+){0,3}"
MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
         r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?")
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\b\.?"
# a calendar date or a clock time: a year alone ("2026 Cadillac Lyriq") is no date line
DATE = re.compile(
    rf"\b(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b,?\s*(?:\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s*(?:\d{{4}})?"
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|{MONTH}\s+\d{{4}})"
    rf"|\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?!\w)|\b\d{{1,2}}\s*(?:am|pm)\b",
    re.I,
)
DATE_EXTRAS = re.compile(rf"\b{WEEKDAY}|\b(?:et|est|edt|pt|pst|pdt|ct|cst|gmt|utc|bst|cet|cest|ist|aest)\b|\b(?:19|20)\d{{2}}\b",
                         re.I)
FULL_DATE = re.compile(rf"\b(?:{MONTH}\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}|\d{{4}}-\d{{1,2}}-\d{{1,2}}|"
                       rf"\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})", re.I)
META_LEAD = re.compile(r"^\W*(?:published|updated|posted|last updated|last modified|modified|released|first published|"
                       r"originally published|date)\b", re.I)
META_WORDS = re.compile(
    r"\b(?:by|on|at|and|published|updated|posted|last|modified|released|written|reviewed|edited|fact-?checked|"
    r"originally|first|date|time|reading|read|min|mins|minutes?|hours?|days?|weeks?|months?|years?|ago|"
    r"views?|reads?|comments?|shares?|likes?|reactions?|staff|writer|reporter|editor|correspondent|"
    r"contributor|columnist|author|journalist|photographer|producer|admin|guest|team|desk|news|senior|chief|"
    r"contributing|associate|managing|special|political|business|sports|health|science|tech|technology|"
    r"opinion|culture|travel|food|world|local|markets|finance|lifestyle|entertainment|education|"
    r"environment|autos|estate|personal|the|of|for|a)\b",
    re.I,
)
# the lead words in any case, the name itself capitalised ("By Any Other Name by Jodi Picoult" is a title)
BY_NAME = re.compile(rf"^(?i:written\s+|posted\s+|reported\s+|reporting\s+|words\s+|story\s+|text\s+|"
                     rf"(?:medically |expertly |legally )?reviewed\s+|fact[- ]checked\s+|edited\s+|illustrated\s+|"
                     rf"additional reporting\s+)?(?i:by)[:\s]+(?:{NAME}|"
                     r"(?i:admin|staff|editor|guest)|(?i:the\s+\w+(?:\s+\w+)?\s+(?:team|desk|staff)))\b")
ROLE_LABEL = re.compile(rf"^(?i:authors?|contributors?|reporters?|writers?|editors?|columnist|correspondent|"
                        rf"byline|edited by|reviewed by|fact-checked by)\s*:?\s*{NAME}(?:\s*(?:[;,&]|and)\s*.{{0,60}})?$")
COUNTER = re.compile(r"^(?:(?:est(?:imated)?\.?\s+)?read(?:ing)?\s+time:?\s*)?(?:about |approx\.? |~)?\d[\d,.]*\s*k?[\s-]*"
                     r"(?:min|mins|minutes?|hrs?|hours?)\.?(?:\s+(?:read|reading|"
                     r"watch|listen))?$|^\d[\d,.]*\s*k?\s+(?:views?|reads?|comments?|shares?|likes?|reactions?|claps?)$"
                     r"|^(?:comments?|views?|shares?)\s*[:(]?\s*\d[\d,.]*k?\)?$|^reading time:?\s*\d+.{0,12}$"
                     r"|^(?:posted|published|updated|edited|last updated)?\s*(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|"
                     r"days?|weeks?|months?|years?)\s+ago$", re.I)
ROLE = re.compile(r"\b(?:reporter|writer|editor|correspondent|columnist|contributor|author|journalist|staff|producer|"
                  r"analyst|critic|photographer|intern|desk)\b", re.I)
# A job title alone on its line ("Outdoors Correspondent", "Senior Staff Writer"), as bylines print under a name.
ROLE_ONLY = re.compile(r"^(?:[A-Z][\w&'’.-]*\s+){0,3}(?i:correspondent|reporter|editor|writer|columnist|contributor|"
                       r"journalist|producer|critic|analyst|editor-at-large|staff)s?$")
NAME_ROLE = re.compile(rf"^{NAME}\s*(?:[|·•,–—-]\s*(?P<role>[\w &'’,.-]{{0,50}}))?\s*[|·•]?$")


def is_dateline(text: str) -> bool:
    """True for a line that holds a date or time and little else but byline words.

    >>> is_dateline("Updated 09/10/2017 02:38"), is_dateline("2019-09-21 | Updated 3:02 am")
    (True, True)
    >>> is_dateline("The vote was held on March 3, 2024, after a long debate.")
    False
    >>> is_dateline("Decluttering 101"), is_dateline("2026 Cadillac Lyriq"), is_dateline("19. ONE Musicfest (Oct. 24-25)")
    (False, False, False)
    >>> is_dateline("November 2015"), is_dateline("6:00 a.m. – Morning"), is_dateline("Last updated: November 2015")
    (False, False, True)
    """
    if not DATE.search(text) or len(shape.words(text)) > 14 or shape.is_list_item(text) or "(" in text:
        return False  # no date, a sentence, a numbered item or a "(June 5-7)" range
    if not (FULL_DATE.search(text) or META_LEAD.search(text)):
        return False  # "November 2015" or "6:00 a.m. – Morning" alone: a heading or a schedule, no date line
    rest = META_WORDS.sub(" ", DATE_EXTRAS.sub(" ", DATE.sub(" ", text)))
    leftover = [w for w in shape.words(rest) if not w.isdigit()]
    return len(leftover) <= 3 and all(w[0].isupper() for w in leftover) and not text.rstrip().endswith((".", "?", "!"))


def in_real_table(doc: Document, line: Line) -> bool:
    """True inside a pipe block that reads as a table (two "Name | date" lines are no table)."""
    block = doc.block_of_line[line.index]
    return block.kind is BlockKind.TABLE and any(view.block is block for view in table_views(doc))


def byline_kind(doc: Document, line: Line) -> str | None:
    """What kind of byline the line is, or None. A name alone on its line counts only above a
    job title: "Maya Okafor" above "Food Correspondent"."""
    text = line.stripped.strip("*_ ")
    if len(shape.words(text)) > 16 or in_real_table(doc, line):
        return None
    if not (in_head(doc, line, 10) or in_tail(doc, line, 8)):
        return None
    by_name = BY_NAME.match(text)
    if by_name and not re.match(r"[^;,|•]*\sby\s", text[by_name.end():], re.I) and not shape.ends_sentence(text.rstrip(".")) and (not text.endswith(".") or len(shape.words(text)) <= 6):
        return "author"
    if COUNTER.match(text):
        return "counter"
    if ROLE_LABEL.match(text) and len(shape.words(text)) <= 12:
        return "author"
    if is_dateline(text):
        return "date"
    match = NAME_ROLE.match(text)
    if in_head(doc, line, 10) and match and len(shape.words(text)) <= 8:
        role = match.group("role")
        if role is not None and (ROLE.search(role) or role.strip() == "" or DATE.search(role)):
            return "author"
    if in_head(doc, line, 10) and ROLE_ONLY.match(text):
        return "role"
    if in_head(doc, line, 10) and match and match.group("role") is None and 2 <= len(text.split()) <= 4 \
            and not any(c.isdigit() for c in text):
        following = doc.next_nonblank(line)
        if following is not None and ROLE_ONLY.match(following.stripped.strip("*_ ")):
            return "author"
    return None


@register
class Byline(LineRule):
    """A byline, date line, reading time or counter printed above or below the article.

    Found by shape: "By" and a name; a line that is mostly a date or time ("Updated 09/10/2017
    02:38", "Published: Monday, November 6, 2023 9:56 am"); a reading time or a counter ("5 min
    read", "1,204 views", "Comments 12"); near the top, a name followed by a role or a lone
    separator ("Yusuf Demir | Food Reporter", "Maya Okafor ·"). Only the first ten and the last
    eight lines are searched. Sentences that mention a date ("The vote was held on March 3,
    2024."), a year alone ("2026 Cadillac Lyriq") and titles such as "By Any Other Name by Jodi
    Picoult" do not match.

    Example: "By Grace Whitfield | March 3, 2024".
    Fix: the line is removed.
    """

    code = "MD001"
    name = "byline-or-date-line"
    category = "byline"

    def describe(self, doc: Document, line: Line) -> str | None:
        kind = byline_kind(doc, line)
        return f"{kind} line {line.stripped[:60]!r}" if kind else None


AGENCIES = (r"ap|afp|reuters|getty(?: images)?|shutterstock|istock(?:photo)?|alamy|epa(?:-efe)?|xinhua|bloomberg|"
            r"unsplash|pexels|pixabay|zuma(?: press| wire)?|sipa(?: usa)?|pa(?: images| wire| media)?|ansa|dpa|tass|"
            r"anadolu|kyodo|efe|nurphoto|wireimage|filmmagic|associated press|agence france-presse|picture alliance|"
            r"imago|abaca|rex|rex features|dreamstime|adobe stock|canva|flickr|wikimedia commons|nasa|courtesy")
MEDIA = (r"(?:photo|photograph|image|picture|pic|illustration|video|graphic|screenshot|footage|artwork|pictured|"
         r"pictured (?:above|below|here|left|right|from left)|above|below|top image|main image|image via|photo via|"
         r"illustration by|photo[- ]illustration|"
         r"(?:featured|cover|header|hero|lead|top|main) (?:image|photo)|file (?:photo|image)|representative (?:image|photo))s?"
         r"(?: credits?| source)?")
# A caption that ends with its credit: "A view of the harbour at dawn. Photo by Jo Larkin."
CAPTION_WITH_CREDIT = re.compile(
    rf"^[^.!?]{{2,200}}[.!?]\s+\(?(?i:photo|photograph|image|picture|video|illustration|graphic)s?(?i: by| credit:?|:)\s+"
    rf"(?:{NAME}|(?i:{AGENCIES}))(?:\s*(?:/|for|via)\s*[\w .&-]{{2,40}})?\.?\)?$")
CREDIT = re.compile(
    rf"^\(?{MEDIA}\s*[:\-–—|]\s*\S.{{0,90}}\)?$|^\(?{MEDIA}\s+(?:by|courtesy(?: of)?|via|from)\s+\S.{{0,90}}\)?$"
    rf"|^\(?credits?\s*[:\-–—|]\s*\S.{{0,90}}\)?$|^\(?courtesy(?: of)?\s+\S.{{0,90}}\)?$"
    rf"|^\(?(?:{AGENCIES})(?:\s*/\s*{NAME})?\)?$|^\(?{NAME}\s*/\s*(?:{AGENCIES})\)?$"
    rf"|^\(?{NAME}\s+(?:for|via|from)\s+(?:{AGENCIES})\)?$"
    rf"|^[^.!?]{{2,60}}[.]?\s*\((?:{AGENCIES}|{NAME}/(?:{AGENCIES}))\)$"  # "A file photo. (AP)"
    rf"|^.{{0,120}}\((?:{AGENCIES}) (?:photo|image|file photo)\s*/\s*{NAME}\)$",  # "... (AP Photo/Jane Doe)"
    re.I,
)
IMAGE_FILE = re.compile(r"^(?:[\w ()-]{0,40}:\s*)?[\w.()-]{1,80}\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|heic|avif)"
                        r"(?:\s*\((?:opens|open|opening) in (?:a )?new (?:tab|window)\)|\s*\(\d+\s*[x×]\s*\d+\)|\s*\[\d+ ?[kKmM]?B\])?$",
                        re.I)
MEDIA_WIDGET = re.compile(r"^(?:click|tap)( here)? to (?:enlarge|expand|zoom|view (?:the )?(?:full|larger)(?: size| image)?)"
                          r"|^(?:view|open|see) (?:the )?(?:full[- ]size|larger) (?:image|photo|version)"
                          r"|^(?:view|open|see|launch) (?:the )?(?:photo |image )?gallery|^\d+ (?:photos|images|pictures)$"
                          r"|^(?:enlarge|expand) (?:this )?(?:image|photo)$|^(?:play|watch) (?:the )?video$"
                          r"|^(?:photo |image |picture )?(?:gallery|slideshow|album)\s*[:(|-]?\s*\d[\d,]*\s*(?:photos|images|pictures|"
                          r"slides|items)\)?$|^\d[\d,]* (?:photos|images|pictures|slides) in (?:this )?(?:gallery|slideshow)$"
                          r"|^(?:tap|click|touch) (?:to|for) (?:expand|enlarge|zoom|full ?screen)$"
                          r"|^(?:watch|see|play|view) (?:the )?(?:video|clip|gallery|slideshow|photos?|images?) (?:above|below)\.?$"
                          r"|^(?:image|photo|picture|slide) \d+ (?:of|/) \d+$"
                          r"|^(?:the )?video (?:player )?is loading\.?$|^loading (?:the )?(?:video|player)\W*$", re.I)


@lru_cache(maxsize=shape.RECENT_LINES)
def caption_kind(text: str) -> str | None:
    """What kind of caption or credit a line is, or None.

    >>> caption_kind("Photo: Patrick Doyle/iStock"), caption_kind("Unsplash/Priya Raman")
    ('credit', 'credit')
    >>> caption_kind("IMG_48213.jpg"), caption_kind("Click to enlarge")
    ('file name', 'media widget')
    >>> caption_kind("Photo editing is a skill that takes years to learn, she said.") is None
    True
    """
    stripped = text.strip().strip("*_")
    count = len(shape.words(stripped))
    if IMAGE_FILE.match(stripped):
        return "file name"
    if MEDIA_WIDGET.match(stripped):
        return "media widget"
    if count <= 40 and CAPTION_WITH_CREDIT.match(stripped):
        return "caption"
    if count > 14 or (shape.ends_sentence(stripped) and not stripped.endswith(")") and count > 8):
        return None
    if CREDIT.match(stripped):
        return "credit"
    return None


@register
class MediaCaption(LineRule):
    """A photo credit, caption label, image file name or gallery button left between paragraphs.

    Found by shape: a credit ("Photo: name/agency", "Image credit: name", "Credit: name via
    agency", "(Photo by name on Unsplash)"), a name and an agency joined by a slash
    ("Reuters/Maya Okafor", with a known photo agency on one side), an image file name
    ("IMG_48213.jpg") or a gallery control ("Click to enlarge"). Sentences about photos ("Photo
    editing takes years to learn.") do not match.

    Example: "Photo: Patrick Doyle/iStock".
    Fix: the line is removed.
    """

    code = "MD010"
    name = "media-caption-or-credit"
    category = "media-caption"

    def describe(self, doc: Document, line: Line) -> str | None:
        if in_real_table(doc, line):
            return None
        kind = caption_kind(line.text)
        return f"{kind} {line.stripped[:60]!r}" if kind else None
