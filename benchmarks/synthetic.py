"""A synthetic corpus of any size for scale runs: documents of about 3 KB made of paragraphs drawn
from the labelled bench's documents (so they carry its artifacts), 5% of them near-duplicates of
an earlier document (a copy with a line changed). Deterministic for a seed; written as JSONL,
gzipped when the name ends in .gz, streamed (memory does not grow with N).

    python -m benchmarks.synthetic --docs bench-out/bench/bench/docs --n 1000000 -o bench-out/scale/1m.jsonl.gz
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import sys
from pathlib import Path

TARGET_CHARS = 3000
DUPLICATE_SHARE = 0.05
RECENT = 10_000  # near-duplicates copy one of the last RECENT documents


def paragraphs(folder: Path) -> tuple[list[str], list[str]]:
    """Every document's first line (a title) and its other paragraphs."""
    titles, body = [], []
    for path in sorted(folder.iterdir()):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        if blocks:
            titles.append(blocks[0].split("\n")[0])
            body += blocks[1:]
    return titles, body


def documents(titles: list[str], body: list[str], n: int, seed: int):
    rng = random.Random(seed)
    recent: collections.deque[str] = collections.deque(maxlen=RECENT)
    for number in range(n):
        if recent and rng.random() < DUPLICATE_SHARE:
            lines = rng.choice(recent).split("\n")
            lines[rng.randrange(len(lines))] = f"Updated on day {number}: the figures above were revised."
            text = "\n".join(lines)
        else:
            parts = [f"{rng.choice(titles)} ({number})"]
            size = len(parts[0])
            while size < TARGET_CHARS:
                block = rng.choice(body)
                parts.append(block)
                size += len(block) + 2
            text = "\n\n".join(parts) + "\n"
        recent.append(text)
        yield {"id": f"syn-{number:08d}", "text": text}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=Path("bench-out/bench/bench/docs"))
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    if not args.docs.is_dir():
        print(f"synthetic: {args.docs} absent (run make bench-labelled first)", file=sys.stderr)
        return 1
    titles, body = paragraphs(args.docs)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if args.output.name.endswith(".gz") else open
    with opener(args.output, "wt", encoding="utf-8") as stream:
        for record in documents(titles, body, args.n, args.seed):
            stream.write(json.dumps(record) + "\n")
    print(f"synthetic: {args.n} documents written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
