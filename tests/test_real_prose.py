"""Real article text that must come through `clean` untouched (negative examples).

Each file in fixtures/real/ is the human-checked main text of a real page that once drew a
false positive. Cleaning may add a missing table separator, but must not remove or rewrite
any line, except the few boilerplate lines the gold kept, listed in expected_removals.json.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from contentqa.document import Document

FIXTURES = Path(__file__).parent / "fixtures" / "real"
REAL = sorted(FIXTURES.glob("*.txt"))
ALLOWED = json.loads((FIXTURES / "expected_removals.json").read_text(encoding="utf-8"))
SPACE = re.compile(r"\s+")


def lines_of(text: str) -> Counter:
    return Counter(SPACE.sub(" ", l).strip() for l in text.splitlines() if l.strip())


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_article_keeps_every_line(linter, path):
    text = path.read_text(encoding="utf-8")
    outcome = linter.fix(Document(text, id=path.stem))
    lost = lines_of(text) - lines_of(outcome.text) - Counter(ALLOWED.get(path.stem, []))
    explained = [f"{a.code} line {a.line}: {a.before[:60]!r}" for a in outcome.applied]
    assert not lost, f"{path.name}: lost {list(lost)[:3]} via {explained[:3]}"


def test_fixtures_are_there():
    assert len(REAL) >= 10
