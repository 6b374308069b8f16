"""A baseline: the findings a corpus already had, recorded so that only new ones fail a check.

A finding is known by where it is and what it names, not by its line number, so that text added
above it does not make it new: its file, its record id, its rule and a hash of the text of the
lines it covers (a finding about the whole document: of nothing more). The file is JSON, one
entry per finding with its count; it is written atomically and sorted, so it diffs well in a
repository.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Iterable

from contentqa.output import Located
from contentqa.writers import write_text

VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be read; the message names it."""


def fingerprint(item: Located) -> str:
    f = item.finding
    covered = "" if f.document_level else "\n".join(
        line.text.strip() for line in item.doc.lines[max(0, f.line - 1):f.end_line])
    digest = hashlib.sha1(covered.encode("utf-8")).hexdigest()[:16]
    return f"{item.record.path}\t{item.record.id}\t{f.code}\t{digest}"


def read_baseline(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Counter({entry["finding"]: int(entry.get("count", 1)) for entry in data["findings"]})
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BaselineError(f"{path}: not a contentqa baseline ({error}); delete it to record a new one") from None


def write_baseline(path: Path, items: Iterable[Located]) -> int:
    counts = Counter(fingerprint(item) for item in items)
    entries = [{"finding": key, "count": n} for key, n in sorted(counts.items())]
    write_text(path, json.dumps({"contentqa_baseline": VERSION, "findings": entries}, indent=1) + "\n")
    return sum(counts.values())


class Baseline:
    """Known findings, each matched at most as many times as it was recorded."""

    def __init__(self, known: Counter) -> None:
        self.known = known

    def new(self, items: Iterable[Located]) -> list[Located]:
        fresh = []
        for item in items:
            key = fingerprint(item)
            if self.known[key] > 0:
                self.known[key] -= 1
            else:
                fresh.append(item)
        return fresh
