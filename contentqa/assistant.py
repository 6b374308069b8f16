"""The grammar of chat-assistant text: how an assistant offers, introduces, refuses and hedges.

Assistant leftovers are recognised by their grammar rather than by fixed sentences: a first
person speaking to a second person about the text itself ("I can format this further if you
like"), a preamble that hands over a piece of writing, a disclaimer about the speaker's
knowledge or nature, a refusal of a request. Each function answers for one sentence and returns
the family it belongs to, or None. Human prose that shares the words (a blogger's "let me know
in the comments", a quotation) is told apart by the guards below.

The word lists and templates are data: `contentqa/packs/grammar/assistant.yaml`, one entry per
name below (FIRST_PERSON is the entry `first_person`), each with the examples a test runs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from contentqa.grammar import GRAMMAR_DIR, load_grammar

GRAMMAR = load_grammar(GRAMMAR_DIR / "assistant.yaml")
(FIRST_PERSON, FIRST_PERSON_I, SECOND_PERSON, OFFER_FRAME, STRONG_FRAME, ASSIST_VERB, TEXT_OBJECT, INVITATION,
 DELIVERABLE, HUMAN_CTA, QUOTED, SPEECH_VERB, PREAMBLE_OPENER, PREAMBLE_HANDOVER, WRITING, REQUEST_REFERENCE,
 REWRITE_TELL, HANDED_PIECE, ACCEPT_TASK, HERE_YOU_GO, HERE_PLAN, META_LABEL, SELF_REFERENCE, CUTOFF, REFUSAL,
 UI_TOKEN, STANDALONE_CLOSER, OFFER_START, REWORK_IT, REGISTER_OFFER, TRANSFORM_OFFER, TRIGGER) = (
    GRAMMAR[name].pattern for name in (
        "first_person", "first_person_i", "second_person", "offer_frame", "strong_frame", "assist_verb",
        "text_object", "invitation", "deliverable", "human_cta", "quoted", "speech_verb", "preamble_opener",
        "preamble_handover", "writing", "request_reference", "rewrite_tell", "handed_piece", "accept_task",
        "here_you_go", "here_plan", "meta_label", "self_reference", "cutoff", "refusal", "ui_token",
        "standalone_closer", "offer_start", "rework_it", "register_offer", "transform_offer", "trigger"))

SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a line.

    >>> [("Hi there. Bye!"[a:b]) for a, b in sentences("Hi there. Bye!")]
    ['Hi there.', 'Bye!']
    """
    spans, start = [], 0
    for match in SENTENCE_SPLIT.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


QUOTATION = re.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”')


def mask_quotations(text: str) -> str:
    """The text with what is inside double quotation marks blanked out, offsets kept: words an
    article quotes ("the listing read "I'm sorry, but I can't help with that"") are reported, not
    said, so they are not judged as the page's own voice.

    >>> mask_quotations('It said "I cannot help" twice.')
    'It said "             " twice.'
    """
    return QUOTATION.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1], text)


def is_quoted(sentence: str) -> bool:
    """True when the sentence quotes someone (checked in linear time: a speech verb is looked for
    once, then a quotation mark after it)."""
    sentence = sentence.strip()
    if QUOTED.search(sentence):
        return True
    verb = SPEECH_VERB.search(sentence)
    return bool(verb) and any(mark in sentence[verb.end():] for mark in '"“')


def offer_family(sentence: str) -> str | None:
    """'closer-offer' when a first person offers the reader more work on the text.

    >>> offer_family("If you want, I can help format this further or provide a textual summary.")
    'closer-offer'
    >>> offer_family("If you have questions, let me know in the comments below!") is None
    True
    >>> offer_family("I'll walk you through five questions you can answer in-house.") is None
    True
    >>> offer_family("If you want to further customize your outputs, the editor lets you tweak layouts.") is None
    True
    >>> offer_family("Would you like a version with subheadings and bullet points?")
    'closer-offer'
    >>> offer_family("Let me know what you think of the new menu!") is None
    True
    >>> offer_family("If you need a service to generate more sales, this tool is for you.") is None
    True
    >>> offer_family("The hosted version is perfect if you want familiar features without the upkeep.") is None
    True
    >>> offer_family("Happy to help with any further revisions!"), offer_family("Need a shorter version?")
    ('closer-offer', 'closer-offer')
    """
    if TRANSFORM_OFFER.match(sentence.strip()):
        return "closer-offer"  # "I can turn this into a newsletter format as well."
    if HUMAN_CTA.search(sentence) or is_quoted(sentence):
        return None
    if len(sentence.split()) <= 14 and STANDALONE_CLOSER.match(sentence.strip()):
        return "closer-offer"
    speaker, reader = FIRST_PERSON.search(sentence), SECOND_PERSON.search(sentence)
    frame, strong = OFFER_FRAME.search(sentence), STRONG_FRAME.search(sentence)
    # the two costliest searches, made only where a test below reads them
    worked_on = bool(speaker and frame or reader and OFFER_START.match(sentence.strip()))
    invited = bool(speaker and INVITATION.search(sentence))
    assist = (worked_on or invited) and ASSIST_VERB.search(sentence)
    text = (worked_on or invited and not assist) and TEXT_OBJECT.search(sentence)
    if frame and speaker and assist and text:
        return "closer-offer"  # a speaker offers to do more work on the text
    if REGISTER_OFFER.match(sentence.strip()):
        return "closer-offer"
    if OFFER_START.match(sentence.strip()) and assist and text and reader:
        return "closer-offer"  # "I can adjust the headings to match your site's style guide."
    if speaker and (frame or REQUEST_REFERENCE.search(sentence)) and REWORK_IT.search(sentence):
        return "closer-offer"  # "Let me know your thoughts and I'll refine it."
    if invited and (assist or text):
        return "closer-offer"  # "If you need citations added, just tell me.", "Let me know whether you'd prefer ..."
    opening = OFFER_FRAME.match(sentence.strip())
    if reader and opening and (DELIVERABLE.search(sentence)
                               or INVITATION.match(sentence.strip()) and (text or TEXT_OBJECT.search(sentence))):
        return "closer-offer"  # "Would you like a version ...?", "Feel free to ask ... on any section."
    if strong:
        return "closer-offer"  # "would you like me to ...": only an assistant asks that
    if frame and REQUEST_REFERENCE.search(sentence):
        return "closer-offer"
    return None


SENTENCE_CACHE = 20_000  # sentences whose family is remembered: cleaning judges a text again after each fix


@lru_cache(maxsize=SENTENCE_CACHE)
def preamble_family(sentence: str, near_top: bool) -> str | None:
    """'preamble' for a line that hands a piece of writing over ("Sure! Here's the article:").

    >>> preamble_family("Sure! Here's the article you asked for:", True)
    'preamble'
    >>> preamble_family("Here is what the minister said about the budget.", True) is None
    True
    >>> preamble_family("Here’s a quick overview of the benefits SMBs see:", True) is None
    True
    """
    stripped = sentence.strip()
    if META_LABEL.match(stripped):
        return "preamble" if near_top else None
    if is_quoted(stripped):
        return None
    if REQUEST_REFERENCE.search(stripped) and WRITING.search(stripped):
        return "preamble"
    if not near_top:
        return None
    rest = PREAMBLE_OPENER.sub("", stripped).strip()
    opener = rest != stripped
    handover = PREAMBLE_HANDOVER.match(rest)
    if HANDED_PIECE.match(stripped) and len(stripped.split()) <= 12 or ACCEPT_TASK.match(stripped):
        return "preamble"  # "Here's the article:", "Sure, I can do that."
    if HERE_YOU_GO.match(rest) and len(rest.split()) <= 8 or HERE_PLAN.match(rest):
        return "preamble"  # "Sure! Here you go:", "Here's the plan: first an outline, then the article."
    first_person_handover = handover and FIRST_PERSON_I.match(rest)
    rewrite = REWRITE_TELL.search(rest)
    if handover and WRITING.search(rest) and (SECOND_PERSON.search(rest) or opener or first_person_handover or rewrite):
        return "preamble"  # "Here's our breakdown:" alone is an author's own lead-in
    return None


def disclaimer_family(sentence: str) -> str | None:
    """The family of a self-reference, cutoff, refusal or chat-UI sentence, or None.

    >>> disclaimer_family("As an AI language model, I cannot browse the internet.")
    'self-reference'
    >>> disclaimer_family("As an AI researcher, I have seen this before.") is None
    True
    """
    if UI_TOKEN.search(sentence):
        return "chat-ui"
    if is_quoted(sentence):
        return None
    if SELF_REFERENCE.search(sentence):
        return "self-reference"
    if CUTOFF.search(sentence):
        return "cutoff-disclaimer"
    if REFUSAL.search(sentence):
        return "refusal"
    return None


@lru_cache(maxsize=SENTENCE_CACHE)
def chatter_family(sentence: str, near_top: bool = False) -> str | None:
    """The assistant family a sentence belongs to, or None for ordinary prose."""
    if not TRIGGER.search(sentence):
        return None
    return disclaimer_family(sentence) or offer_family(sentence) or preamble_family(sentence, near_top)
