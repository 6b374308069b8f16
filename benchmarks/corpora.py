"""The labelled corpora in ../shared, read and split the same way on every machine.

* residue: six real extractors' output on the ScrapingHub and WCXB-test pages, every line
  labelled content / boilerplate / mixed. Split by page (a hash of set and page id), so no page
  is on both sides.
* chatter lines: assistant leftovers, placeholders, human look-alikes and other chrome, one line
  each. Split by a hash of the text, so a text found in both files lands on one side. Each line is
  placed in an article (a residue page's content lines from the same side) where such a line sits
  (`position`), because some lines are only recognisable in context.
* chatter documents: assistant replies published as articles and genuine short articles. Split
  by a hash of the text.

About 30% of each goes to dev; the detector is trained on train only and measured on dev.
"""

from __future__ import annotations

import gzip
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEV_SHARE = 30  # percent
RESIDUE_SETS = ("scrapinghub", "wcxb-test")
HOST_LINES = 12


def split_of(key: str) -> str:
    """'dev' or 'train' for a key, by a stable hash.

    >>> split_of("scrapinghub:0a"), split_of("scrapinghub:0b")
    ('train', 'dev')
    """
    return "dev" if zlib.crc32(key.encode("utf-8")) % 100 < DEV_SHARE else "train"


def residue_path(shared: Path, name: str) -> Path:
    return shared / "data" / "residue" / f"{name}.jsonl.gz"


def residue_records(shared: Path, name: str, split: str | None = None) -> Iterator[dict]:
    """The residue records of one set, optionally only those of one split."""
    with gzip.open(residue_path(shared, name), "rt", encoding="utf-8") as stream:
        for raw in stream:
            record = json.loads(raw)
            if split is None or split_of(f"{record['set']}:{record['page']}") == split:
                yield record


def write_residue_split(shared: Path, name: str, split: str, out: Path) -> Path:
    """A copy of one set's residue and gold with only the pages of `split`, as the scorer reads it."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}.{split}.jsonl.gz"
    with gzip.open(target, "wt", encoding="utf-8") as stream:
        for record in residue_records(shared, name, split):
            stream.write(json.dumps(record) + "\n")
    gold = shared / "data" / "residue" / f"{name}.gold.jsonl.gz"
    with gzip.open(gold, "rt", encoding="utf-8") as source, \
            gzip.open(out / f"{name}.{split}.gold.jsonl.gz", "wt", encoding="utf-8") as stream:
        for raw in source:
            record = json.loads(raw)
            if split_of(f"{record['set']}:{record['page']}") == split:
                stream.write(raw if raw.endswith("\n") else raw + "\n")
    return target


@dataclass
class ChatterLine:
    text: str
    label: str
    family: str
    position: str


def chatter_lines(shared: Path, split: str) -> list[ChatterLine]:
    """The chatter corpus's lines of one split, each text once."""
    seen, out = set(), []
    for name in ("lines_a.jsonl", "lines_b.jsonl"):
        for raw in (shared / "data" / "chatter" / name).read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            record = json.loads(raw)
            text = record["text"].strip()
            if text in seen or split_of(text) != split:
                continue
            seen.add(text)
            out.append(ChatterLine(text, record["label"], record.get("family", ""), record.get("position", "any")))
    return out


def chatter_documents(shared: Path, split: str) -> list[dict]:
    """The chatter corpus's whole documents of one split: {"id", "text", "label", "family"}."""
    out = []
    for raw in (shared / "data" / "chatter" / "documents_b.jsonl").read_text(encoding="utf-8").splitlines():
        if raw.strip():
            record = json.loads(raw)
            if split_of(record["text"]) == split:
                out.append(record)
    return out


def host_articles(shared: Path, split: str) -> list[list[str]]:
    """Article texts to place chatter lines in: the content lines of trafilatura's output on the
    article pages of one split (headline first), at most HOST_LINES lines each."""
    hosts = []
    for name in RESIDUE_SETS:
        for record in residue_records(shared, name, split):
            if record["extractor"] != "trafilatura" or record.get("page_type", "article") != "article":
                continue
            lines = [line for line, label in zip(record["text"].split("\n"), record["labels"]) if label == "content"]
            if len(lines) >= 6:
                hosts.append(lines[:HOST_LINES])
    return hosts


def place(line: ChatterLine, host: list[str]) -> tuple[list[str], int]:
    """The host's lines with the chatter line put where such a line sits; returns the lines and
    the inserted line's index."""
    position = line.position
    if position not in ("start", "end", "mid"):
        position = ("start", "mid", "end")[zlib.crc32(line.text.encode("utf-8")) % 3]
    at = {"start": 1, "mid": len(host) // 2, "end": len(host)}[position]
    return host[:at] + [line.text] + host[at:], at


def placed_chatter(shared: Path, split: str) -> list[tuple[ChatterLine, list[str], int]]:
    """Every chatter line of a split, placed in a host article of the same split."""
    hosts = host_articles(shared, split)
    out = []
    for line in chatter_lines(shared, split):
        host = hosts[zlib.crc32(line.text.encode("utf-8")) % len(hosts)]
        lines, at = place(line, host)
        out.append((line, lines, at))
    return out
