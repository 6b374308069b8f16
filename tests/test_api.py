"""The Python API gives what the command line gives, and names the record it cannot use."""

from __future__ import annotations


import pandas as pd
import pytest
from click.testing import CliRunner

import contentqa
from contentqa.cli import cli


def test_clean_text_is_what_clean_writes(seeds_dir, tmp_path):
    seed = seeds_dir / "001_d47f74ae21f2c844.txt"
    out = tmp_path / "out.txt"
    CliRunner().invoke(cli, ["clean", str(seed), "-o", str(out)], catch_exceptions=False)
    assert contentqa.clean_text(seed.read_text(encoding="utf-8")) == out.read_text(encoding="utf-8")


def test_clean_records_keeps_fields_and_order(seeds_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    records = [{"id": f"r{n}", "text": t, "source": "crawl"} for n, t in enumerate(texts)]
    results = list(contentqa.clean_records(records, dedup=False))
    assert [r.id for r in results] == [f"r{n}" for n in range(len(texts))]
    assert all(r.record["source"] == "crawl" for r in results)


@pytest.mark.parametrize("records, message", [
    ([{"id": "a", "body": "x"}], "record 1: no text in field 'text'"),
    ([{"id": "a", "text": "One line."}, {"id": "a", "text": "Another line."}], "record 2: duplicate id 'a'"),
])
def test_a_record_it_cannot_use_is_named(records, message):
    with pytest.raises(ValueError, match=message):
        list(contentqa.clean_records(records))


def test_clean_series_drops_what_clean_drops(seeds_dir):
    text = (seeds_dir / "001_d47f74ae21f2c844.txt").read_text(encoding="utf-8")
    series = pd.Series([text, text], index=[10, 20], name="body")
    cleaned = contentqa.clean_series(series, dedup=True)
    assert list(cleaned.index) == [10, 20] and cleaned.name == "body"
    assert cleaned[10] == contentqa.clean_text(text) and cleaned[20] is None


def test_clean_frame_names_a_missing_column():
    with pytest.raises(ValueError, match="no column 'text' .*columns: body"):
        contentqa.clean_frame(pd.DataFrame({"body": ["x"]}))


def test_the_record_fields_reach_the_document():
    from contentqa.config import Config
    from contentqa.linter import Linter
    from contentqa.pipeline import examine
    from contentqa.readers import Record

    record = Record("a", "A headline\n\nSome text of the article.\n", "in.jsonl", "jsonl", number=1,
                    fields={"id": "a", "url": "https://news.example/a", "lang": "en"})
    result = examine(record, Linter(Config(select=["AI"])))
    assert result.doc.metadata["url"] == "https://news.example/a" and result.doc.id == "a"
