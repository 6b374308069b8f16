"""Grammar files: named word lists and templates kept as data, compiled into regular expressions.

A grammar file (YAML) has `pieces`, fragments shared by several entries (`{name}` inside a
pattern stands for one), and `entries`, each either a list of `words` matched as whole words or a
list of `templates` (alternatives), with an `example` each must find and, optionally, `not`:
sentences it must not find. `contentqa/packs/grammar/assistant.yaml` is the grammar of chat
assistant text that `contentqa.assistant` reads; a test runs every example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from contentqa.prefilter import Prefiltered

GRAMMAR_DIR = Path(__file__).resolve().parent / "packs" / "grammar"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where PyYAML has it
PIECE = re.compile(r"\{([a-z_]+)\}")  # "{name}"; a quantifier such as {0,40} has no letters


class GrammarError(ValueError):
    """A grammar file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Example:
    text: str
    source: str  # what must find it: the template it illustrates, or the whole entry
    flags: int

    @property
    def pattern(self) -> re.Pattern:
        """Compiled only when asked (by the tests): the entry's own pattern is what runs."""
        return re.compile(self.source, self.flags)


@dataclass(frozen=True)
class Entry:
    name: str
    about: str
    pattern: Prefiltered  # the compiled pattern, behind a test for the literals it needs
    examples: list[Example] = field(default_factory=list)
    counterexamples: list[str] = field(default_factory=list)


def load_grammar(path: Path) -> dict[str, Entry]:
    """The compiled entries of a grammar file, by name."""
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise GrammarError(f"{path}: cannot read the grammar ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise GrammarError(f"{path}: a grammar needs a mapping 'entries'")
    pieces = {str(k): str(v) for k, v in (data.get("pieces") or {}).items()}
    return {name: compile_entry(path, name, spec, pieces) for name, spec in data["entries"].items()}


def compile_entry(path: Path, name: str, spec: dict, pieces: dict[str, str]) -> Entry:
    where = f"{path}: entry {name!r}"
    if not isinstance(spec, dict) or ("words" in spec) == ("templates" in spec):
        raise GrammarError(f"{where}: give either 'words' or 'templates'")
    case = spec.get("case", "ignore")
    if case not in ("ignore", "sensitive"):
        raise GrammarError(f"{where}: case must be 'ignore' or 'sensitive', not {case!r}")
    flags = re.IGNORECASE if case == "ignore" else 0

    def expand(text: str) -> str:
        def piece(match: re.Match) -> str:
            if match.group(1) not in pieces:
                raise GrammarError(f"{where}: unknown piece {{{match.group(1)}}}")
            return pieces[match.group(1)]
        return PIECE.sub(piece, str(text))

    def compiled(source: str) -> Prefiltered:
        try:
            return Prefiltered(source, flags)
        except re.error as error:
            raise GrammarError(f"{where}: {error} in {source[:80]!r}") from None

    examples = []
    if "words" in spec:
        pattern = compiled(r"\b(?:" + "|".join(expand(word) for word in spec["words"]) + r")\b")
        if spec.get("example"):
            examples.append(Example(str(spec["example"]), pattern.pattern, flags))
    else:
        sources = []
        for template in spec["templates"]:
            source = expand(template["pattern"] if isinstance(template, dict) else template)
            sources.append(source)
            if isinstance(template, dict) and template.get("example"):
                examples.append(Example(str(template["example"]), source, flags))
        pattern = compiled("|".join(sources))
    return Entry(name, str(spec.get("about", "")), pattern, examples, [str(s) for s in spec.get("not") or ()])
