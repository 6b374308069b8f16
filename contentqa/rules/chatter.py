"""Assistant leftovers: chatter lines and sentences, and unfilled template slots."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from contentqa import assistant, text as shape
from contentqa.document import Document
from contentqa.findings import Applicability, Finding, Fix, Severity
from contentqa.rules.base import Context, Rule, register

FAMILY_TEXT = {
    "closer-offer": "assistant offer to the requester",
    "preamble": "assistant preamble",
    "self-reference": "assistant talking about itself",
    "cutoff-disclaimer": "knowledge-cutoff disclaimer",
    "refusal": "assistant refusal or request for input",
    "chat-ui": "chat interface residue",
}
TOP_LINES = 8
PREAMBLE_MAX_WORDS = 40
# Families that leave no doubt even inside a paragraph of real prose.
CERTAIN = frozenset({"self-reference", "cutoff-disclaimer", "refusal", "chat-ui"})


def chatter_sentences(doc: Document) -> dict[int, tuple[list[tuple[int, int]], list[tuple[int, int, int, str]]]]:
    """For each line with chatter: its sentence spans and the chatter hits (position, start, end, family).

    Computed once per document and shared by the chatter rules.
    """
    if "chatter" in doc.cache:
        return doc.cache["chatter"]
    result = {}
    for line in doc.judged:
        if "|" in line.text:
            continue
        text = assistant.mask_quotations(line.text)  # offsets kept: spans index line.text too
        spans = assistant.sentences(text)
        may_be_preamble = doc.rank(line) <= TOP_LINES and doc.word_counts[line.index] <= PREAMBLE_MAX_WORDS
        hits = []
        if may_be_preamble and assistant.preamble_family(line.stripped, True):
            hits = [(0, spans[0][0], spans[-1][1], "preamble")]  # "Absolutely! Below is ...": the line as one
        for position, (a, b) in enumerate(spans if not hits else []):
            family = assistant.chatter_family(text[a:b], may_be_preamble and position == 0)
            if family:
                hits.append((position, a, b, family))
        if hits:
            result[line.index] = (spans, hits)
    doc.cache["chatter"] = result
    return result


@register
class AssistantChatter(Rule):
    """Text a chat assistant wrote to its user, left in the article.

    Recognised by grammar, not by fixed sentences: an offer from a first person to a second
    person about the text itself ("If you want, I can help format this further"), a preamble
    that hands the piece over ("Sure! Here's the article you asked for:"), the assistant
    speaking of itself ("As an AI language model, I ..."), a knowledge-cutoff or real-time
    disclaimer, a refusal or a request for input, and chat-interface residue ("Regenerate
    response", citation tokens such as "turn0search3"). Quotations and a blogger's own
    calls to action ("let me know in the comments") are left alone.

    Example: "If you want, I can help format this further or provide a textual summary of the
    key points."
    Fix: a line that is mostly chatter is removed. Inside a longer paragraph, a disclaimer,
    refusal or interface token is cut out, and so is an offer that closes the paragraph; a
    preamble counts only as a short line of its own near the top.
    """

    code = "AI001"
    name = "assistant-chatter"
    category = "llm-chatter"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        found = chatter_sentences(doc)
        for line in doc.judged:
            if line.index not in found:
                continue
            spans, hits = found[line.index]
            chatter_words = sum(len(shape.words(line.text[a:b])) for _, a, b, _ in hits)
            if chatter_words / (len(shape.words(line.text)) or 1) >= 0.5:
                family = hits[0][3]
                yield self.lines_finding(doc, line, None, f"{FAMILY_TEXT[family]}: {line.stripped[:70]!r}",
                                         family=family)
                continue
            hit_positions = {position for position, *_ in hits}
            for position, a, b, family in hits:
                closing = all(p in hit_positions for p in range(position, len(spans)))
                if family not in CERTAIN and not (family == "closer-offer" and closing):
                    continue
                if position + 1 < len(spans):
                    start, end = line.start + a, line.start + spans[position + 1][0]
                else:  # the last sentence: take the space before it instead
                    start, end = line.start + (spans[position - 1][1] if position else a), line.start + b
                fix = Fix.delete(start, end, "cut the chatter sentence", Applicability.SAFE)
                yield self.finding(doc, start, end, f"{FAMILY_TEXT[family]}: {line.text[a:b][:70]!r}", fix=fix,
                                   family=family)


PLACEHOLDER = re.compile(
    r"\[\s*(?:insert|add|enter|include|your|company|client|product|brand|city|country|state|date|name|author|"
    r"link|url|number|amount|price|year|month|location|address|phone|"
    r"e-?mail|website|keyword|topic|to be (?:added|confirmed|determined)|tbd|tbc|placeholder|"
    r"x{2,}|specific|relevant|first name|last name|full name)\b[^\]\n]{0,60}\](?![\w/]|\.[\w/])"
    r"|\[\s*[A-Z][a-z]+(?: [A-Z][a-z]+)* (?:Name|Date|Title|Here|Number|Link|URL)\s*\]"
    r"|<\s*(?:insert|your|placeholder|enter)[^>\n]{0,40}>"
    r"|\[[^\]\n]{0,40}\b(?:to be (?:written|added|completed|confirmed|determined|updated|inserted|decided)|tbd|tbc|todo|"
    r"coming soon|add here|write here|fill in|fill this in|placeholder)\b[^\]\n]{0,40}\]"
    r"|^\s*\[(?:TABLE|IMAGE|FIGURE|CHART|VIDEO|EMBED|GALLERY|INFOGRAPHIC|MAP|AUDIO|TWEET|CAPTION)\]\s*$"
    r"|^\s*\[(?:embed|image|video|photo|chart|graph|table|figure|gallery|infographic|map|audio|tweet|caption|quote|"
    r"pull quote|logo|headline|subhead|subheading|intro|bio|cta|button|sidebar|signature|featured image)\b[^\]\n]{0,40}\]\s*$"
    r"|\blorem ipsum dolor\b|^\s*lorem ipsum\W*$"  # the filler itself, not prose about it
    r"|^\s*\{\{\s*[a-z]\w*\.[\w.]{1,30}\s*\}\}\s*$"  # a template's field alone on its line: "{{ post.excerpt }}"
    r"|%%[a-z_]{2,30}%%"  # an SEO plugin's title variables: "%%title%% %%sep%% %%sitename%%"
    r"|(?-i:^\s*(?:TODO|TBD|TK|FIXME|XXX)\b\s*[:\-–—]?\s)"  # an editor's note left at the start of a line
    r"|^\s*\(\s*(?:image|photo|picture|chart|graph|table|video|map|quote|caption|graphic|infographic|link|figure|"
    r"illustration)s?\s+(?:to come|to follow|tbd|tbc|tk|coming soon|pending|here|goes here|to be (?:added|inserted|"
    r"confirmed|supplied))\s*\)\s*$"
    r"|\[[^\]\n]{0,40}\b(?:goes|go|will go) here\s*\]",
    re.I,
)
INLINE_CODE = re.compile(r"`[^`\n]{1,200}`")
BRACKET_WORD = re.compile(r"\[[A-Z][a-z]+\]")
# "{title}" or "{{ summary }}": a slot only alone on its line or inside a finished sentence, never in code.
BRACE_SLOT = re.compile(r"(?<![$\w])\{\{?\s*[a-z][a-z_ ]{1,30}\s*\}?\}", re.I)


@lru_cache(maxsize=shape.RECENT_LINES)
def slots_in(text: str) -> tuple[str, ...]:
    """The unfilled template slots of a line.

    >>> slots_in("The announcement was made on [date] in [City]."), slots_in("Container { data }")
    (('[date]', '[City]'), ())
    >>> slots_in("Lorem ipsum dolor sit amet."), slots_in("Designers have used lorem ipsum as filler since the 1500s.")
    (('Lorem ipsum dolor',), ())
    """
    text = INLINE_CODE.sub(" ", text)  # `{{ title }}` in backticks is code being written about
    found = PLACEHOLDER.findall(text)
    repeated = [slot for slot in dict.fromkeys(BRACKET_WORD.findall(text)) if text.count(slot) > 1]
    found += repeated  # "[Venue] ... [Venue]": one word in brackets, used twice, is a slot
    braces = BRACE_SLOT.findall(text)
    if braces and (not BRACE_SLOT.sub("", text).strip() or shape.ends_sentence(text)):
        found += braces  # slots alone on the line ("{ previous } { next }") or inside a finished sentence
    if found and shape.looks_like_code(BRACE_SLOT.sub("", PLACEHOLDER.sub("", text))):
        return ()
    return tuple(found)


@register
class UnfilledPlaceholder(Rule):
    """A template slot that nobody filled in: "[Insert image here]", "[Company Name]", "{title}".

    Generated articles are written from templates; a slot left open shows the text was never
    checked, and the sentence around it says nothing. Editorial notes ("[Conclusion to be
    written]"), a converter's stand-in for what it could not render ("[TABLE]") and lorem
    ipsum filler count too. Editorial brackets inside quotations
    ("[the company]", "[sic]"), labels such as "[Video]", URL templates ("[your domain].com")
    and source code ("const { user } = context;") do not match.

    Example: "The announcement was made on [date] in [City]."
    Fix: a line of up to 40 words (or with two or more slots) is removed; in a longer
    paragraph the finding is flagged with an unsafe removal.
    """

    code = "AI010"
    name = "unfilled-placeholder"
    category = "placeholder"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        for line in doc.judged:
            slots = slots_in(line.text)
            if not slots:
                continue
            words = len(shape.words(line.text))
            safe = words <= 40 or len(slots) >= 2
            yield self.lines_finding(doc, line, None, f"unfilled template slot {slots[0]!r}",
                                     applicability=Applicability.SAFE if safe else Applicability.UNSAFE)


@register
class WholeDocumentReply(Rule):
    """A document whose body is an assistant's reply (a refusal, a request for input) instead of an article.

    Content farms publish what the assistant answered, article or not: "I'm sorry, but I cannot
    write an article on that topic" under a headline, sometimes printed twice. The document is
    flagged when most of the words of its body (the lines after the headline that end like a
    sentence; teasers, bylines and labels aside) are assistant chatter, or when a short body
    (under 150 words) is half chatter.
    Such a document is best dropped, not cleaned; `clean` removes its chatter lines and the
    report marks the document.

    Example: a headline followed by "As an AI language model, I cannot write an article without
    more information. Please provide the topic you would like me to cover."
    Fix: none; the document is flagged.
    """

    code = "AI020"
    name = "whole-document-reply"
    category = "llm-whole-reply"
    severity = Severity.ERROR
    default_options = {"min_share": 0.6, "short_body_words": 150, "short_min_share": 0.5}

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        body = [line for line in doc.nonblank[1:] if doc.word_counts[line.index] >= 4 and "|" not in line.text
                and shape.ends_sentence(line.text)]  # sentences: teasers, bylines and labels do not dilute it
        total = sum(doc.word_counts[line.index] for line in body)
        if not total:
            return
        found = chatter_sentences(doc)
        chatter = sum(len(shape.words(line.text[a:b])) for line in body if line.index in found
                      for _, a, b, _ in found[line.index][1])
        share = chatter / total
        needed = self.options["short_min_share"] if total < self.options["short_body_words"] else self.options["min_share"]
        if share >= needed:
            yield self.document_finding(doc, f"the body is an assistant reply ({share:.0%} of its {total} words)",
                                        score=share)
