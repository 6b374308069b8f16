"""The grammar of chat-assistant text: how an assistant offers, introduces, refuses and hedges.

Assistant leftovers are recognised by their grammar rather than by fixed sentences: a first
person speaking to a second person about the text itself ("I can format this further if you
like"), a preamble that hands over a piece of writing, a disclaimer about the speaker's
knowledge or nature, a refusal of a request. Each function answers for one sentence and returns
the family it belongs to, or None. Human prose that shares the words (a blogger's "let me know
in the comments", a quotation) is told apart by the guards below.
"""

from __future__ import annotations

import re

I = r"(?:I|I'm|I’m|I'll|I’ll|I've|I’ve|I'd|I’d)"
FIRST_PERSON = re.compile(rf"(?:\b{I}\b|\b(?:me|my|myself)\b)", re.I)
FIRST_PERSON_I = re.compile(rf"\b{I}\b")
SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you’re|you'd|you’d|you'll|you’ll|you've|you’ve)\b", re.I)
# Frames that put an offer to the reader: conditional, interrogative or inviting. "If you want to
# <verb>" is the reader's own plan (a manual's wording), so a conditional must not go on with "to".
OFFER_FRAME = re.compile(
    r"\b(?:(?:if|should|whenever|in case) you(?:'d|’d| would)?(?: \w+)? (?:want|like|prefer|need|wish|require|are interested|"
    r"would like)(?! to\b)|would you like|do you (?:want|need)|would it help|let me know|feel free|just (?:ask|say|tell me|let me know|"
    r"give me a shout|ping me)|say the word|(?:happy|glad|delighted|more than happy) to|don't hesitate|don’t hesitate|"
    r"do not hesitate|tell me (?:what you think|your thoughts)|let me know (?:what you think|your thoughts)|is there anything|anything else (?:I can|you(?:'d|’d| would)? (?:like|want|need))|(?:could|can|would) you (?:please )?(?:clarify|specify|confirm|tell me|"
    r"share|provide|let me know))\b",
    re.I,
)
# Frames that only an assistant uses: the speaker asks leave to do more work.
STRONG_FRAME = re.compile(r"\b(?:would you like me to|do you want me to|want me to|you(?:'d|’d| would)? like me to|would it help if I|"
                          r"(?:should|shall) I (?:also|go ahead and|add|include|provide|expand|write|create|draft|rewrite|"
                          r"prepare|suggest|make|adjust)|"
                          r"I can also|I could also|I(?:'d|’d| would) be (?:happy|glad|delighted) to)\b", re.I)
ASSIST_VERB = re.compile(
    r"\b(?:help|assist|provide|create|write|expand|adjust|format|tailor|draft|summari[sz]e|add|turn|rewrite|"
    r"generate|refine|polish|prepare|convert|revise|shorten|lengthen|elaborate|modify|translate|outline|"
    r"clarify|explore|walk you through|put together|go (?:deeper|further|into more detail)|break (?:it|this|that) down|"
    r"craft|compose|produce|edit|proofread|tweak|optimi[sz]e|suggest|restructure|condense|simplify|"
    r"reformat|rephrase|reword|localize|adapt|extend|continue|dive deeper|develop|design|build|translate[ds]?|"
    r"change|changes|adjustments?|edits|revisions?|tweaks|polish|fine-tune|added|adding|expanded|shortened|"
    r"summari[sz]ed|rewritten|formatted|translated|changed|revised|adjusted|edited|modified|tweaked|improved)\b",
    re.I,
)
# What an assistant offers to work on: the text it just wrote.
TEXT_OBJECT = re.compile(
    r"\b(?:(?:this|the|that) (?:article|text|piece|post|draft|content|summary|table|list|outline|version|report|story|"
    r"copy|essay|overview|analysis|response|answer|write-?up)|an? (?:summary|version|outline|table|list|draft|infographic|"
    r"chart|headline|title|checklist|timeline|faq|sidebar|tl;?dr|bullet)|an? (?:shorter|longer|condensed|simplified|one-page|"
    r"printable|brief|different) (?:version|draft|summary|article|piece|post|outline|overview|take)|sections?|paragraphs?|headings?|(?:key )?points|more (?:detail|details|examples|"
    r"information|context|depth)|tone|style|format|formatting|length|word count|bullet points|seo|headlines?|"
    r"(?:a |the )?(?:title|summary|outline|infographic|checklist|version|draft|translation|changes|edits|revisions|"
    r"subheadings|bullet points|another language|other languages|social media|keywords|citations|sources|references|"
    r"topic|angle|alternatives|wording|word count|tone))\b",
    re.I,
)
# An invitation to come back with more requests.
INVITATION = re.compile(r"(?:(?:feel free to|just|please|don't hesitate to|don’t hesitate to|do not hesitate to) "
                        r"(?:ask|reach out|let me know|say the word|tell me)|^let me know (?:if|whether|which|how|what kind)"
                        r"|^if .{3,60}, (?:please |just )?(?:let me know|tell me))\b", re.I)
# What only a writer of the text can hand over: a reworked version of it.
DELIVERABLE = re.compile(
    r"\b(?:version|draft|summary|outline|translation|translated|rewrite|rewritten|bullet points|subheadings|headlines?|"
    r"tl;?dr|infographic|meta (?:description|title)s?|social media (?:post|caption)s?|press release|twitter thread)\b", re.I)
HUMAN_CTA = re.compile(
    r"\b(?:comments?|below|subscribe|newsletter|e-?mail (?:me|us)|contact (?:me|us)|dm|follow (?:me|us)|"
    r"on (?:twitter|instagram|facebook)|podcast|our team|we(?:'re|’re| are)? (?:happy|glad)|call us|visit us)\b",
    re.I,
)
QUOTED = re.compile(r"^[\"“‘']|[\"”’'],? (?:he|she|they|it|\w+) (?:said|says|told|added|wrote)\b"
                    r"|^(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}|[QA]): \S")  # a transcript's speaker: "Myron Scholes: I was"

PREAMBLE_OPENER = re.compile(
    r"^(?:sure thing|sure|certainly|absolutely|of course|okay|ok|alright|all right|great|got it|understood|no problem|"
    r"happy to help|with pleasure|yes|definitely|gladly|great question|good question|great idea|good idea|"
    r"sounds good|perfect|you got it|coming right up|will do|thanks for (?:the|your) (?:request|question|patience))\b\s?[!,.:—–-]", re.I,
)
PREAMBLE_HANDOVER = re.compile(
    r"^(?:here(?:'s|’s| is| are)|below,? (?:is|are|you(?:'ll|’ll| will) find)|what follows is|the following is|"
    r"this is (?:a|an|the|your)|these are (?:the|your)|"
    r"i(?:'ve|’ve| have) (?:(?:also |now |carefully )?(?:written|drafted|prepared|created|put together|rewritten|revised|"
    r"compiled|restructured|reorganized|reorganised|edited|polished|reworked|updated|condensed|expanded|shortened|"
    r"simplified|formatted|reformatted|tightened|trimmed|refined|adapted|translated|summari[sz]ed|optimi[sz]ed))|"
    r"i(?:'ll|’ll| will) (?:write|draft|create|prepare|rewrite|start|begin|provide|give|outline)|let me (?:write|draft|create|rewrite|start|begin|provide|give|outline|present))\b",
    re.I,
)
WRITING = re.compile(
    r"\b(?:article|rewrite|rewritten|version|draft|summary|post|piece|content|text|overview|story|blog|outline|"
    r"breakdown|report|analysis|essay|copy|write-?up|news (?:article|story|report)|headline|press release|plan|"
    r"list|listicle|guide|explainer|recap)\b", re.I,
)
REQUEST_REFERENCE = re.compile(
    r"\b(?:as (?:you )?requested|you asked|you(?:'ve|’ve| have) asked|per your request|your (?:request|prompt|"
    r"instructions|brief|specifications|requirements)|you requested|you provided|you(?:'ve|’ve| have) provided|"
    r"you shared|you mentioned|you specified|the requested|you (?:wanted|want|asked) me to|what you (?:had|have) in mind|(?:the )?(?:information|details|notes|text|content|outline|prompt|input|"
    r"brief|points|keywords) (?:you )?(?:provided|given|supplied|shared|above))\b", re.I,
)
# Words that say the text is a reworking of another, as an assistant hands it back.
REWRITE_TELL = re.compile(r"\b(?:version of (?:the|this|your|that)|rewritten|rewrite|reworded|paraphrased|plagiarism-free|"
                          r"seo-optimi[sz]ed|polished|revised|humani[sz]ed|unique,? (?:and )?(?:original|plagiarism))\b", re.I)
HANDED_PIECE = re.compile(
    r"^(?:here(?:'s|’s| is| are)|below,? (?:is|are)|this is) (?:the|your|my) (?:\w+[- ])?(?:article|rewrite|rewritten (?:article|version|text)|"
    r"blog post|draft|listicle|piece|essay|news (?:article|story|report)|press release|post|content|copy|text)\b.{0,60}[:.]?$", re.I)
# A chat opener that accepts the task: "Sure, I can do that."
ACCEPT_TASK = re.compile(r"^(?:sure|certainly|absolutely|of course|okay|ok|yes|no problem)[,!.]?\s+(?:I can|I(?:'d|’d) be happy to|"
                         r"I(?:'ll|’ll)|let me|happy to)\s+(?:do|help with|write|draft|create|take care of|handle) "
                         r"(?:that|this|it|one)\b"
                         r"|^(?:okay|ok|alright|all right|great|sure)[,!.]?\s+let(?:'s|’s| us) (?:get started|begin|dive in|do this)\b",
                         re.I)
HERE_YOU_GO = re.compile(r"^here (?:you go|you are|it is|they are|goes)\b", re.I)
HERE_PLAN = re.compile(r"^here(?:'s|’s| is) (?:the|my) (?:plan|approach)\s*:", re.I)
META_LABEL = re.compile(r"^(?:article|rewritten article|article content|content|body|full article|final article|"
                        r"revised article|news article|blog post|output|response|answer)\s*:\s*$", re.I)
HUMAN_ROLE = (r"researchers?|experts?|engineers?|scientists?|ethicists?|startups?|company|companies|enthusiasts?|"
              r"professionals?|developers?|investors?|journalists?|writers?|reporters?|analysts?|consultants?|founders?|"
              r"leaders?|educators?|teachers?|students?|lawyers?|policy|firms?|labs?|teams?|practitioners?|specialists?|"
              r"critics?|skeptics?|advocates?|novices?|users?|executives?|strategists?|product|products|platforms?|"
              r"vendors?|agency|agencies|artists?")
SELF_REFERENCE = re.compile(
    r"\bbeing an? (?:ai|artificial intelligence|(?:large )?language model|llm|chatbot|virtual assistant)\b[^.!?]{0,40}"
    r"[,;:]?\s*(?:I|I'm|I’m|my)\b"
    r"|\bas (?:an?|your) (?:(?:responsible|helpful|ethical|neutral|friendly|honest) )?(?:ai|artificial intelligence|"
    r"(?:large )?language model|llm|chatbot|virtual assistant|digital assistant)"
    rf"(?! (?:{HUMAN_ROLE})\b)(?:[^.!?]{{0,60}}?)[,;:]?\s*(?:I|I'm|I’m|my)\b"
    r"|\bI,\s*(?:as|being) (?:an?|your) (?:ai|artificial intelligence|(?:large )?language model|llm|chatbot|"
    r"virtual assistant|digital assistant)\b"
    r"|^(?:(?:this )?(?:content|text|article|post|piece|summary|response|draft) (?:was |is |has been )?)?(?:generated|"
    r"written|produced|created|drafted|composed) (?:entirely |partly |partially )?(?:by|with|using) (?:the help of |"
    r"assistance from |the assistance of )?(?:an? )?(?:ai|artificial intelligence|(?:large )?language model|llm|"
    r"chatbot|ai assistant|ai model|ai tool|chatgpt|gpt-?[345][\w.-]*|claude|gemini|copilot)\b"
    r"|\bI(?:'m|’m| am) (?:chatgpt|claude|gemini|bard|copilot)\b|\bI(?:'m|’m| am) not (?:a )?(?:human|person|real person)\b"
    r"|\b(?:large )?language model (?:trained|developed|created|built|made) by (?:openai|anthropic|google|meta)\b"
    r"|\bI(?:'m|’m| am) (?:just |only |merely |simply )?an? (?:ai|artificial intelligence|(?:large )?language model|llm|"
    r"chatbot|virtual assistant|digital assistant|machine learning model|computer program|text-based (?:ai|model))\b"
    r"|\bI(?: do not|'m not|’m not| am not| don't| don’t) have (?:personal )?(?:opinions|feelings|beliefs|emotions|"
    r"personal experiences|a physical (?:body|form)|consciousness)\b"
    r"|\b(?:developed|trained|created|built|made) by (?:openai|anthropic|google deepmind|meta ai)\b.*\bI\b"
    r"|\bI(?: was|'ve been|’ve been| have been) (?:trained|programmed|designed) (?:on|by|to)\b"
    r"|\b(?:this|the|that) (?:content|response|text|article|answer|summary|post|piece|draft) (?:was|is|has been) "
    r"(?:generated|written|produced|created|drafted|composed) (?:by|with|using) (?:an? )?(?:ai|artificial intelligence|"
    r"(?:large )?language model|llm|chatbot|assistant|ai assistant|ai model|ai tool|chatgpt|gpt-?[345][\w.-]*|claude|"
    r"gemini|copilot|bard)\b"
    r"|^(?:this )?ai[- ](?:generated|written|assisted) (?:content|text|article|post|summary|draft|copy)\b"
    r"|\b(?:this|the) (?:content|text|article|post|summary|draft) (?:is|was) (?:entirely |partly )?ai[- ]generated\b"
    r"|\bI (?:do not|don't|don’t|lack the|am without the) (?:have )?(?:the )?(?:ability|capability|capacity|means) to "
    r"(?:confirm|verify|access|browse|check|see|know|provide|independently)\b"
    r"|\bI(?:'m|’m| am) not an? (?:doctor|lawyer|attorney|physician|financial advis[eo]r|medical professional|therapist|"
    r"licensed \w+|certified \w+)\b.{0,40}\bnot (?:medical|legal|financial|professional|tax) advice\b",
    re.I,
)
MONTH_YEAR = (r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december|"
              r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? )?(?:19|20)\d{2}")
CUTOFF = re.compile(
    r"\b(?:as of|since|at the time of|up to|until) (?:my|the) (?:last|latest|most recent|final)? ?"
    r"(?:knowledge |training |data )?(?:update|cutoff|cut-off|training(?: data)?)\b"
    r"|\bmy (?:knowledge|training|information|data)(?: data| base)? (?:cutoff|cut-off|(?:only )?(?:goes|extends|runs|reaches)|"
    r"is limited|ends|stops|was last updated|(?:has|had) a (?:cutoff|cut-off|limit))\b"
    r"|\bto the best of my knowledge (?:as of|up to|until|through)\b"
    r"|\b(?:reflects?|based on|is|are) my (?:knowledge|information|data|understanding) (?:as of|up to|until|from)\b"
    r"|\b(?:outside|beyond) (?:of )?my (?:knowledge|training|data|knowledge base)\b"
    r"|\bI(?:'m|’m| am) (?:unable|not able) to (?:access|browse|check|retrieve|look up|search|see) (?:the )?(?:real-time|"
    r"current|live|up-to-date|up to date|latest|today's|recent)\b"
    r"|\b(?:based on|according to|from) my (?:training(?: data)?|knowledge(?: base)?|last update|(?:latest|last) data)\b"
    r"|\bI (?:cannot|can't|can’t|am unable to|am not able to) (?:independently )?(?:verify|confirm|guarantee) (?:the )?"
    r"(?:authenticity|accuracy|veracity|validity)\b"
    r"|^(?:the |this )?information (?:provided|above|given|here) (?:may|might|could) (?:be|become) (?:outdated|out of date|"
    r"inaccurate|incomplete)\b"
    r"|\bmy (?:responses?|answers?|information|knowledge|training)\b.{0,30}\bbased on\b.{0,40}\b(?:up to|until|through|"
    r"as of|before)\b"
    r"|\b(?:after|since|beyond|past) my (?:last|latest|most recent) (?:update|training(?: update)?|knowledge update|data update)\b"
    r"|\bI (?:do not|don't|don’t|cannot|can't|can’t|am unable to|am not able to) (?:have )?(?:access|browse|check|"
    r"retrieve|look up|search|provide) (?:to )?(?:real-time|current|live|up-to-date|up to date|the latest|the internet|"
    r"the web|recent|today's)\b"
    r"|\bI (?:do not|don't|don’t) have (?:access to )?(?:real-time|current|live|browsing|internet)\b"
    r"|\b(?:beyond|after) my (?:knowledge|training) (?:cutoff|cut-off|date)\b"
    r"|\b(?:information|data|knowledge|sources) (?:available|accessible|known) to me\b"
    r"|^for (?:the )?(?:most )?(?:up-to-date|up to date|current|latest|recent|accurate) (?:information|figures|data|details|"
    r"numbers|prices|news|guidance),? please (?:consult|check|refer to|visit|see)\b"
    r"|\bmy (?:information|knowledge|data|training data|responses?|answers?|sources) (?:may|might|does|do|could|can) not "
    r"(?:reflect|include|cover|capture|be)\b"
    r"|\b(?:may|might|does|do) not (?:reflect|include|cover|capture) (?:the )?(?:most )?(?:current|latest|recent|up-to-date)"
    r"(?: (?:developments|events|information|data|news|changes))?.{0,40}\b(?:I|my)\b"
    rf"|\b(?:this|the|my) (?:summary|response|answer|article|overview|information|text|piece|analysis|report) "
    rf"(?:is|was) (?:based on|current as of|accurate as of|up to date as of)(?: the)?(?: information| data| knowledge|"
    rf" sources)?(?: available)?(?: up to| until| through| as of)? {MONTH_YEAR}"
    rf"|\b(?:details|information|events|developments|changes|data|news|updates) (?:after|since|beyond|past) "
    rf"{MONTH_YEAR} (?:are|is|may|might|will) (?:not|be) (?:be )?(?:reflected|included|covered|captured|accounted|available)"
    rf"|\b(?:i|this (?:summary|response|answer)) (?:can(?:not|'t|’t)|do(?:es)?(?: not|n't|n’t)) (?:reflect|include|cover) "
    rf"(?:events|developments|changes|anything) (?:after|since|beyond) {MONTH_YEAR}",
    re.I,
)
REFUSAL = re.compile(
    r"\bI(?:'m|’m| am) (?:sorry|afraid)[,.]? (?:but )?I (?:can(?:'t|’t|not| not)|am (?:unable|not able)|won(?:'t|’t)|will not|"
    r"do not|don't|don’t)\b"
    r"|\bI (?:cannot|can't|can’t|can not|am unable to|am not able to|won't be able to|must decline to|will not|"
    r"won't|won’t) (?:fulfill|complete|write|provide|assist|create|generate|comply|produce|access|browse|view|open|"
    r"process|summari[sz]e|rewrite|fulfil|continue|do that|help with (?:this|that))\b"
    r"|\b(?:unfortunately|regrettably|sorry),? (?:but )?I (?:cannot|can't|can’t|am unable|don't|don’t|do not|was unable|"
    r"won't|won’t|will not|must decline)\b"
    r"|\bI (?:cannot|can't|can’t|am unable to|am not able to|won't|won’t|must decline to) (?:help|assist)(?: you)? with "
    r"(?:this|that|your|creating|writing|producing|generating|content|requests?|the request)\b"
    r"|^(?:please |(?:can|could|would) you (?:please )?)?(?:provide|share|send|paste|give|supply|upload|attach|specify|"
    r"clarify|tell me)(?: me)?(?: with)? "
    r"(?:the|a|an|your|more|some|which|what)"
    r" .{0,50}\b(?:text|article|topic|details|information|content|link|url|title|keywords?|subject|document|source|"
    r"material|context|data)\b.{0,80}\b(?:I|me|you want|you would like|you'd like|the article|the piece|the post|"
    r"to (?:write|rewrite|summari[sz]e|cover))\b"
    r"|\bI (?:don't|don’t|do not|cannot|can't|can’t) (?:see|find|access|open|view) (?:any|the|an?) (?:article|text|"
    r"attachment|file|link|document|content)\b"
    r"|^I (?:apologi[sz]e|regret),? but\b"
    r"|\b(?:it )?(?:seems|looks|appears)(?: like| that| as though)? (?:the|your) (?:text|article|content|message|attachment|"
    r"link|file|document|draft)\b.{0,50}\b(?:is missing|was(?:n't| not) (?:included|attached)|didn't come through|"
    r"did not come through|is empty|was cut off|got cut off)"
    r"|\byou (?:didn't|didn’t|did not|forgot to|haven't|haven’t|have not) (?:include|provide|attach|paste|share|send)\b"
    r".{0,60}\b(?:me|I)\b"
    r"|\b(?:sources?|citations?|details|information|data|the (?:text|article|content)|links?|references) "
    r"(?:were|was)(?: not|n't|n’t) (?:provided|included|given|specified|supplied)\b.{0,60}\b(?:I|me)\b"
    r"|\b(?:no|nothing|not any) (?:content |text |article )?(?:here |provided )?for me to (?:rewrite|summari[sz]e|edit|"
    r"work with|review|rephrase|expand)\b"
    r"|^please (?:paste|share|send|provide|upload|include) (?:it|the (?:text|article|content|draft)) (?:below|here|again)\b"
    r"|\bI(?:'m|’m| am) not (?:comfortable|willing|allowed|permitted) (?:writing|creating|producing|generating|"
    r"to write|to create|to produce|to generate|helping)\b"
    r"|^I(?:'m|’m| am) sorry,? but (?:there (?:is|was|are)|there's|the (?:request|text|article|message|prompt)|your|I)\b"
    r"|\bI(?:'m|’m| am) (?:unable|not able) to (?:fulfill|complete|write|rewrite|provide|assist|create|generate|comply|"
    r"produce|access|summari[sz]e|help|continue|process)\b"
    r"|\b(?:that's|that’s|that is|this is|it's|it’s) not something I (?:can|am able to|could) (?:help|assist|do|write|"
    r"create|provide|produce)\b",
    re.I,
)
UI_TOKEN = re.compile(
    r"turn\d+(?:search|news|view|fetch|file|image|product)\d+|citeturn|\boaicite\b|:?contentReference\[|"
    r"utm_source=chatgpt\.com|[\ue000-\uf8ff]|\[cite:\s*\d*\]|\[\^\d+_\d+\]|^(?:regenerate response|copy code|"
    r"chatgpt said:|you said:|was this (?:response|answer) (?:helpful|useful)\??|share this conversation)$",
    re.I,
)
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


SPEECH_VERB = re.compile(r"\b(?:said|says|told)\b")


def is_quoted(sentence: str) -> bool:
    """True when the sentence quotes someone (checked in linear time: a speech verb is looked for
    once, then a quotation mark after it)."""
    sentence = sentence.strip()
    if QUOTED.search(sentence):
        return True
    verb = SPEECH_VERB.search(sentence)
    return bool(verb) and any(mark in sentence[verb.end():] for mark in '"“')


# Closers that stand alone: a wish that the text helped, a readiness to help more, an offer put
# as a question about a reworked version.
STANDALONE_CLOSER = re.compile(
    r"^(?:i )?hope (?:this|that|it|the above|this (?:article|summary|draft|version))(?: \w+){0,2} "
    r"(?:helps|helped|was helpful|is helpful|answers|clarifies|is useful|was useful|works for you)\b.{0,40}$"
    r"|^(?:(?:i'm|i’m|i am|we're|always) )?(?:happy|glad|ready) to (?:help|assist|revise|adjust|tweak|expand|edit|refine|"
    r"rework|polish)(?: (?:it|this|that))?(?: (?:further|more|again|with (?:any|further|more) \w+))?.{0,40}$"
    r"|^feel free to (?:reach out|get back to me|let me know|ask|come back)\b.{0,20}\b(?:edits|changes|revisions|tweaks|"
    r"adjustments)\b.{0,20}$"
    r"|^(?:need|want|prefer|looking for|rather have) (?:a|an|the|any|more|some)\b.{0,40}\b(?:version|draft|summary|"
    r"outline|translation|rewrite|headline|bullet points|tl;?dr)\b.{0,30}\?$"
    r"|^(?:is|was) (?:this|that) (?:the kind of thing|the sort of thing|what|along the lines of what|close to what) you "
    r"(?:were|are|had been) (?:looking for|after|hoping for|expecting|thinking of)\?$"
    r"|^would (?:a|an|the|some) .{0,40}\b(?:version|summary|outline|table|list|chart|section|faq|conclusion|introduction|"
    r"headline|bullet points|tl;?dr)s?\b.{0,30}\b(?:be )?(?:useful|helpful|help|work better)\?$"
    r"|^(?:can|may|could) I (?:help|assist)(?: you)?(?: with)? (?:anything|something) else\b.{0,60}$"
    r"|^(?:thank you|thanks) for your (?:patience|understanding)[.!]?$"
    r"|^(?:I )?(?:apologi[sz]e|(?:I'm|I’m|I am )?sorry) for (?:the|any|my) (?:confusion|oversight|error|mistake|"
    r"misunderstanding|inconvenience)\b.{0,60}$"
    r"|^.{0,30}\b(?:replace|fill in|swap out|update) (?:the |these |any |all )?(?:placeholders?|bracketed (?:text|parts|fields|"
    r"sections))\b.{0,60}$"
    r"|^.{0,30}\b(?:names?|details|quotes?|quotations|characters?|events?|scenarios?|companies|people|statistics|figures)\b[^.]{0,40}"
    r"\b(?:in|of) (?:this|the above|the) (?:article|story|piece|text|post)\b[^.]{0,20}\b(?:are|is|were) (?:entirely |purely )?"
    r"(?:fictional|fictitious|hypothetical|made up|invented|illustrative)\b.{0,40}$"
    r"|^in this (?:rewritten|revised|updated|edited|new|improved) (?:version|draft|article|text)\b.{0,20}\bI\b.{0,120}$"
    r"|^feel free to (?:modify|edit|adapt|tweak|adjust|change|customi[sz]e|use) (?:the|this|my) (?:content|article|text|draft|"
    r"post|piece|copy)\b.{0,50}$"
    r"|^(?:i )?hope you (?:find|found|enjoy|enjoyed|like|liked) (?:this|the|my) (?:article|post|piece|draft|version|summary|"
    r"rewrite|content)\b.{0,30}\bfor your (?:blog|website|site|audience|readers|publication|newsletter|client|project|"
    r"business)\b.{0,20}$",
    re.I,
)


OFFER_START = re.compile(r"^(?:I can|I could|I(?:'d|’d| would) be (?:happy|glad) to|I(?:'m|’m| am) happy to)(?: also)?\b")
# The speaker promises to rework what it wrote: "I'll refine it", "I can try another angle".
REWORK_IT = re.compile(
    r"\bI(?:'ll|’ll| will| can| could| would| (?:am|'m|’m) happy to)\s+(?:\w+\s+)?(?:refine|revise|adjust|tweak|edit|update|"
    r"rework|polish|expand|shorten|change|modify|rewrite|fix|improve|redo|condense|turn|adapt)\s+(?:it|this|that|them)\b"
    r"|\b(?:try|take) (?:again|another (?:angle|approach|take|pass|version)|a different (?:angle|approach|take|version))\b"
    r"|^(?:happy|glad|ready) to (?:revise|adjust|tweak|edit|refine|rework|polish|expand|change) (?:it|this|that)\b"
    r"|\bI(?:'ll|’ll| will| can| could)\s+(?:make|do)\s+(?:any\s+)?(?:adjustments|changes|edits|revisions|tweaks)\b", re.I)
# "I can make it more formal if that fits your audience": an offer to change the text's register.
REGISTER_OFFER = re.compile(
    r"^I (?:can|could) (?:also )?(?:make|rewrite|adjust|tweak|change) (?:it|this|the (?:article|piece|post|text|tone|draft)) "
    r"(?:more|less|shorter|longer|simpler|friendlier)\b.{0,60}\b(?:if|should|for) (?:you|that|your)\b", re.I)


# An offer to turn the text into another format: only the text's writer for hire says that.
TRANSFORM_OFFER = re.compile(r"^I (?:can|could) (?:also |easily )?(?:turn|convert|adapt|reformat|repurpose|rework) (?:this|it|the "
                             r"(?:article|post|piece|text|content)) into (?:a |an )?(?:\w+ )?(?:newsletter|blog|post|article|"
                             r"thread|tweets?|summary|script|e-?mail|outline|infographic|slides?|presentation|listicle|"
                             r"press release|format|version|series|captions?)\b", re.I)


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
    assist, text = ASSIST_VERB.search(sentence), TEXT_OBJECT.search(sentence)
    if frame and speaker and assist and text:
        return "closer-offer"  # a speaker offers to do more work on the text
    if REGISTER_OFFER.match(sentence.strip()):
        return "closer-offer"
    if OFFER_START.match(sentence.strip()) and assist and text and reader:
        return "closer-offer"  # "I can adjust the headings to match your site's style guide."
    if speaker and (frame or REQUEST_REFERENCE.search(sentence)) and REWORK_IT.search(sentence):
        return "closer-offer"  # "Let me know your thoughts and I'll refine it."
    if speaker and INVITATION.search(sentence) and (assist or text):
        return "closer-offer"  # "If you need citations added, just tell me.", "Let me know whether you'd prefer ..."
    opening = OFFER_FRAME.match(sentence.strip())
    if reader and opening and (DELIVERABLE.search(sentence) or INVITATION.match(sentence.strip()) and text):
        return "closer-offer"  # "Would you like a version ...?", "Feel free to ask ... on any section."
    if strong:
        return "closer-offer"  # "would you like me to ...": only an assistant asks that
    if frame and REQUEST_REFERENCE.search(sentence):
        return "closer-offer"
    return None


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


TRIGGER = re.compile(r"\b(?:I|me|my|you|your|ai|model|sorry|unable|unfortunately|please|here|below|sure|certainly|"
                     r"absolutely|okay|ok|of course|as of|regenerate|copy code|requested|asked|article|content|reflected|"
                     r"based on|cutoff|cut-off|knowledge|training|summary|response|hope|happy|glad|need|version|"
                     r"apologi[sz]e|generated|written|most up-to-date|up to date|latest|feel free|thanks|thank|"
                     r"information|placeholders?|fictional|based)\b|"
                     r"turn\d|cite|oaicite|contentReference|chatgpt|[\ue000-\uf8ff]|\[cite|\[\^|:$", re.I)


def chatter_family(sentence: str, near_top: bool = False) -> str | None:
    """The assistant family a sentence belongs to, or None for ordinary prose."""
    if not TRIGGER.search(sentence):
        return None
    return disclaimer_family(sentence) or offer_family(sentence) or preamble_family(sentence, near_top)
