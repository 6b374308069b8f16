"""Phrase rules as data: YAML packs of whole-line patterns, turned into rule classes at load time.

A pack is a YAML file with a list of rules. Each rule names its code, name, category, the zone of
the document it looks in, and regular expressions that must match a whole line (bullets and
trailing decoration such as ":", "»" or "*" aside). A rule may also take the teaser headlines
that follow its label (`then: teasers`), as a "Related Posts" block does. Users add their own
packs with `packs = ["my-site.yaml"]` under `[tool.contentqa]`; no Python is needed.

    rules:
      - code: NV010
        name: summary-widget-label
        category: nav-crumb
        zone: any              # any | head | tail | edges (head or tail)
        tail_lines: 20         # how many last lines make the tail
        max_words: 8           # longer lines never match
        message: "summary widget label"
        patterns: ['no time to read\\??', 'get (a|the) summary']
        doc: What it finds and why it matters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Iterable

import yaml

from contentqa import text as shape
from contentqa.document import Document, Line
from contentqa.grammar import SAFE_LOADER
from contentqa.findings import Finding, Severity
from contentqa.rules.base import Context, Rule, in_head, in_tail, register, validate

PACK_DIR = Path(__file__).resolve().parent.parent / "packs"
TAIL_LINES = 20  # a page's tail: comment forms, source lines and related links may fill twenty lines
ZONES = ("any", "head", "tail", "edges")
LEAD = r"^[\s>»›→•·*#|\-–—(\[]*"
TRAIL = r"[\s.:!?*»›→>|•·\-–—…)\]]*$"
TEASER_MAX_WORDS = 20
TEASER_MAX_LINES = 6
CHARS_PER_WORD = 30  # generous: long words and URLs; a longer line is no phrase


class PackError(ValueError):
    """A phrase pack that cannot be loaded; the message names the file and the entry."""


@dataclass(frozen=True)
class PhraseSpec:
    code: str
    name: str
    category: str
    message: str
    patterns: tuple[str, ...]
    zone: str = "any"
    max_words: int = 12
    then: str | None = None
    rest: str | None = None
    tail_lines: int = TAIL_LINES
    remove: bool = True
    severity: str = "warning"
    doc: str = ""

    def fits(self, doc: Document, line: Line) -> bool:
        """True when the line is short enough to be this phrase, in words and in characters (a
        line of symbols has no words, but its length still tells it is no label)."""
        return doc.word_counts[line.index] <= self.max_words and len(line.stripped) <= CHARS_PER_WORD * self.max_words + 120


class PhraseRule(Rule):
    """Base of the rules made from phrase packs."""

    spec: ClassVar[PhraseSpec]
    pattern: ClassVar[re.Pattern[str]]
    default_options: ClassVar[dict[str, Any]] = {}

    def matches(self, doc: Document, line: Line) -> bool:
        spec = self.spec
        if not spec.fits(doc, line):
            return False
        if not zone_allows(spec.zone, doc, line, spec.tail_lines):
            return False
        if not self.pattern.match(line.stripped):
            return False
        return spec.rest != "teaser" or is_teaser(after_prefix(line.stripped))

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        taken: set[int] = set()
        for line in short_lines(doc, self.spec.max_words):
            if line.index in taken or not self.matches(doc, line):
                continue
            last = line
            if self.spec.then == "teasers" and in_tail(doc, line, 15):
                teasers = teaser_run(doc, line)
                if teasers:
                    last = teasers[-1]
                    taken.update(t.index for t in teasers)
            message = self.spec.message + (f" (with {last.number - line.number} following lines)" if last is not line else "")
            yield self.lines_finding(doc, line, last, f"{message}: {line.stripped[:60]!r}", remove=self.spec.remove)


def short_lines(doc: Document, max_words: int) -> list[Line]:
    """The judged lines of at most `max_words` words, listed once per document for every phrase
    rule with that limit (most of an article's lines are longer than any phrase)."""
    key = f"short-lines:{max_words}"
    if key not in doc.cache:
        doc.cache[key] = [line for line in doc.judged if doc.word_counts[line.index] <= max_words]
    return doc.cache[key]


def zone_allows(zone: str, doc: Document, line: Line, tail_lines: int = 20) -> bool:
    if zone == "head":
        return in_head(doc, line)
    if zone == "tail":
        return in_tail(doc, line, tail_lines)
    if zone == "edges":
        return in_head(doc, line) or in_tail(doc, line)
    return True


PREFIX_END = re.compile(r"(?<!\s)\s*[:|»›→–—-]\s*")


def after_prefix(text: str) -> str:
    """What follows the first label separator of a line ("Read more: X" gives "X").

    >>> after_prefix("Read more: City Council Delays Vote")
    'City Council Delays Vote'
    """
    parts = PREFIX_END.split(text, maxsplit=1)
    return parts[1] if len(parts) == 2 else ""


def is_teaser(text: str) -> bool:
    """A teaser headline: a short line that does not read as a sentence and is no table row.

    >>> is_teaser("Winter windshield fluid policy, safety, and practical solutions in North America")
    True
    >>> is_teaser("The drills ended on Friday after four days of exercises near the border, officials said.")
    False
    """
    stripped = shape.strip_list_marker(text) if shape.is_list_item(text) else text.strip()
    count = len(shape.words(stripped))
    if not 2 <= count <= TEASER_MAX_WORDS or "|" in stripped or stripped.count(",") > 2:
        return False
    if stripped.endswith(("?", ".", ":", "!")):
        return count <= 12 and stripped.count(". ") <= 1  # a headline may end like a sentence, if short
    return not shape.ends_sentence(stripped) and not stripped.endswith((";", ","))


def teaser_run(doc: Document, label: Line) -> list[Line]:
    """The teaser headlines after a related-links label, stopping at other chrome or prose."""
    run: list[Line] = []
    line = doc.next_nonblank(label)
    while line is not None and len(run) < TEASER_MAX_LINES:
        if known_chrome(doc, line) or not is_teaser(line.text):
            break
        run.append(line)
        line = doc.next_nonblank(line)
    return run


_BUILTIN_PHRASE_RULES: list[type[PhraseRule]] = []


def known_chrome(doc: Document, line: Line) -> bool:
    """True when a built-in phrase rule matches the line as a whole."""
    stripped = line.stripped
    return any(cls.spec.fits(doc, line) and cls.pattern.match(stripped)
               for cls in _BUILTIN_PHRASE_RULES)


def compile_patterns(patterns: Iterable[str], where: str, each: bool = True) -> re.Pattern[str]:
    """One pattern for a pack entry's alternatives; a bad one is an error that names it.

    With `each`, every alternative is first compiled alone, so that one cannot reach into the
    next ("a)|(b"); the built-in packs, checked by the test suite, skip it to start faster.
    """
    patterns = list(patterns)
    for pattern in patterns if each else ():
        try:
            re.compile(pattern)
        except re.error as error:
            raise PackError(f"{where}: bad pattern {pattern!r}: {error}") from None
    return re.compile(LEAD + "(?:" + "|".join(f"(?:{pattern})" for pattern in patterns) + ")" + TRAIL,
                      re.IGNORECASE)


def rule_class(spec: PhraseSpec, origin: str, builtin: bool) -> type[PhraseRule]:
    """Make the rule class for one pack entry; a built-in pack's rules join the registry."""
    doc = (spec.doc.strip() or spec.message) + "\n\nMatches a whole line (zone: " + spec.zone + \
        f", at most {spec.max_words} words) against:\n" + "\n".join(f"    {p}" for p in spec.patterns)
    if spec.then == "teasers":
        doc += "\n\nIn the tail it also removes the teaser headlines that follow the label."
    if spec.rest == "teaser":
        doc += "\n\nWhat follows the label on the line must read as a teaser headline."
    if not spec.remove:
        doc += "\n\nFlag only: the line is reported, never removed."
    attributes = {
        "__doc__": doc,
        "code": spec.code,
        "name": spec.name,
        "category": spec.category,
        "severity": Severity[spec.severity.upper()],
        "spec": spec,
        "pattern": compile_patterns(spec.patterns, f"{origin}: {spec.code}", each=not builtin),
        "origin": origin,
    }
    cls = type("".join(part.title() for part in spec.name.split("-")) + "Rule", (PhraseRule,), attributes)
    if builtin:
        register(cls)
        _BUILTIN_PHRASE_RULES[:] = [c for c in _BUILTIN_PHRASE_RULES if c.code != cls.code] + [cls]
    else:
        validate(cls)
    return cls


def load_pack(path: Path, builtin: bool = False) -> list[type[PhraseRule]]:
    """Load one pack file's rules; errors name the file and the entry.

    The rules of a built-in pack join the registry; a user's pack belongs to the linter whose
    configuration names it, and its codes must not clash with built-in ones.
    """
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise PackError(f"{path}: cannot read phrase pack: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise PackError(f"{path}: a phrase pack is a mapping with a 'rules' list")
    classes = []
    known = set(PhraseSpec.__dataclass_fields__)
    for number, entry in enumerate(data["rules"], 1):
        where = f"{path}: rule #{number}"
        if not isinstance(entry, dict):
            raise PackError(f"{where}: each rule is a mapping")
        unknown = set(entry) - known
        if unknown:
            raise PackError(f"{where}: unknown keys {sorted(unknown)}")
        try:
            spec = PhraseSpec(**{**entry, "patterns": tuple(entry.get("patterns") or ())})
        except TypeError as error:
            raise PackError(f"{where}: {error}") from None
        if not spec.patterns:
            raise PackError(f"{where}: no patterns")
        if spec.zone not in ZONES:
            raise PackError(f"{where}: zone must be one of {ZONES}")
        if spec.then not in (None, "teasers"):
            raise PackError(f"{where}: 'then' can only be 'teasers'")
        if spec.rest not in (None, "teaser"):
            raise PackError(f"{where}: 'rest' can only be 'teaser'")
        try:
            classes.append(rule_class(spec, str(path), builtin))
        except (ValueError, KeyError) as error:
            raise PackError(f"{where}: {error}") from None
    return classes


def load_builtin_packs() -> list[type[PhraseRule]]:
    classes = []
    for path in sorted(PACK_DIR.glob("*.yaml")):
        classes.extend(load_pack(path, builtin=True))
    return classes

