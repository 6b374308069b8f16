"""A batch people can trust: every bad input named in the issue gets a clear error naming the file
and the record, the good records are all written, and the exit code says records were skipped;
outputs never land on inputs, keep the user's permissions, line ends and formats."""

from __future__ import annotations

import csv
import gzip
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentqa.cli import EXIT_SKIPPED, cli

ARTICLE = ("Council Delays Vote on Transit Plan\n\nThe city council delayed its vote on Tuesday after a long "
           "debate about the eastern routes.\n\nResidents asked for more frequent service on weekends and late at "
           "night, and several shop owners said the buses arrive too full to board.\n\nThe transit agency presented "
           "three options for the eastern corridor, each with a different price and timeline.\n\nBoard members "
           "praised the agency's work but asked for more detail on the budget before the next meeting.\n")
CHATTER = "If you want, I can help format this further or provide a textual summary of the key points."


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "corrupt.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00 this is not a gzip stream")
    whole = gzip.compress(("<html><body><p>" + "A sentence of the page. " * 2000 + "</p></body></html>").encode())
    (folder / "truncated.html.gz").write_bytes(whole[: len(whole) // 2])
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 60_000 + "deep" + "</div>" * 60_000 + "</body></html>",
                                      encoding="utf-8")
    (folder / ("n" * 240 + ".txt")).write_text(ARTICLE.replace("Council", "Board"), encoding="utf-8")
    return folder


def test_bad_files_are_named_skipped_and_the_rest_is_written(hostile_folder, tmp_path):
    out = tmp_path / "out"
    result = run("clean", str(hostile_folder), "-o", str(out), "--no-dedup")
    assert result.exit_code == EXIT_SKIPPED, result.stderr
    for name in ("corrupt.jsonl.gz", "truncated.html.gz", "deep.html"):
        assert str(hostile_folder / name) in result.stderr
    assert sorted(p.name for p in out.glob("[!.]*")) == sorted(["good.txt", "n" * 240 + ".txt"])
    assert (out / "good.txt").read_text(encoding="utf-8") == ARTICLE
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    assert run("clean", str(hostile_folder), "-o", str(tmp_path / "again"), "--no-dedup",
               "--allow-skips").exit_code == 0


def test_a_gzip_bomb_is_refused_not_unpacked(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(json.dumps({"id": "a", "text": ARTICLE}).encode() + b"\n" + b" " * (40 * 1024**2)))
    assert bomb.stat().st_size < 200_000
    result = run("scan", str(bomb), "--report", str(tmp_path / "r.csv"))
    assert result.exit_code == EXIT_SKIPPED
    assert f"{bomb}: refused: it decompresses to over" in result.stderr


def test_a_large_gzip_of_ordinary_ratio_is_read_whole_up_to_the_size_limit(tmp_path, monkeypatch):
    import random

    from contentqa import readers

    rng = random.Random(3)
    words = ARTICLE.split()
    lines = [json.dumps({"id": str(n), "text": " ".join(rng.choice(words) for _ in range(400))}) for n in range(300)]
    corpus = tmp_path / "big.jsonl.gz"
    corpus.write_bytes(gzip.compress("\n".join(lines).encode() + b"\n"))
    size = len("\n".join(lines)) + 1
    assert size < readers.MAX_RATIO * corpus.stat().st_size  # text-like, not a bomb
    monkeypatch.setattr(readers, "RATIO_FLOOR_BYTES", 0)
    result = run("scan", str(corpus), "--report", str(tmp_path / "r.csv"))
    assert result.exit_code == 0 and "300 documents" in result.stderr
    monkeypatch.setattr(readers, "MAX_DECOMPRESSED_BYTES", size // 2)  # the backstop still holds
    result = run("scan", str(corpus), "--report", str(tmp_path / "r2.csv"))
    assert result.exit_code == EXIT_SKIPPED and f"{corpus}: refused: it decompresses to over" in result.stderr


@pytest.mark.parametrize("name, content, message", [
    ("corpus.orc", b"ORC", "unknown input format '.orc'"),
    ("crawl.arc", b"ARC", "unknown input format '.arc'"),
    ("empty.jsonl", b"\n\n", "no records in this file"),
])
def test_an_input_that_yields_nothing_is_an_error_not_zero_documents(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("clean", str(path), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2 and message in result.stderr and str(path) in result.stderr


def test_a_folder_with_no_documents_is_an_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.pdf").write_bytes(b"%PDF")
    result = run("scan", str(tmp_path / "in"), "--report", str(tmp_path / "r.csv"))
    assert result.exit_code == 2 and "no documents in this folder" in result.stderr


def test_a_wrong_text_field_skips_every_record_and_says_so(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "body": ARTICLE}) + "\n", encoding="utf-8")
    result = run("clean", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == EXIT_SKIPPED
    assert f"{source}, record 1: no text field 'text' (fields: body, id)" in result.stderr


def test_check_exit_codes_with_skipped_records(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n{broken\n", encoding="utf-8")
    assert run("check", str(source)).exit_code == EXIT_SKIPPED
    assert run("check", str(source), "--allow-skips").exit_code == 0


def test_a_folder_of_jsonl_shards_is_read_as_one_corpus(tmp_path):
    folder = tmp_path / "shards"
    folder.mkdir()
    for n in range(3):
        (folder / f"part-{n}.jsonl").write_text(json.dumps({"id": f"d{n}", "text": ARTICLE + f"Shard {n}.\n"}) + "\n",
                                                encoding="utf-8")
    result = run("scan", str(folder), "--report", str(tmp_path / "r.csv"), "--no-dedup")
    assert result.exit_code == 0
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert [row["id"] for row in rows] == ["d0", "d1", "d2"]


def test_side_outputs_may_not_overwrite_an_input(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    before = source.read_bytes()
    for args in (("scan", str(source), "--report", str(source)),
                 ("clean", str(source), "-o", str(tmp_path / "o.jsonl"), "--findings", str(source)),
                 ("dedup", str(source), "--clusters", str(source))):
        result = run(*args)
        assert result.exit_code == 2 and "overwrite the input" in result.stderr
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("clean", str(folder), "-o", str(tmp_path / "out"), "--report", str(folder / "report.csv"))
    assert result.exit_code == 2 and "inside the input folder" in result.stderr
    assert source.read_bytes() == before and not (folder / "report.csv").exists()


def test_outputs_get_the_process_umask(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert run("clean", str(source), "-o", str(tmp_path / "out.txt"), "--report", str(tmp_path / "r.csv")).exit_code == 0
    finally:
        os.umask(old)
    for name in ("out.txt", "r.csv"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


def test_jsonl_gz_output_is_gzip_and_fields_round_trip(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": ' + json.dumps(ARTICLE + CHATTER + "\n") + ', "n": 123456789012345678901234567890}\n',
                      encoding="utf-8")
    out = tmp_path / "out.jsonl.gz"
    assert run("clean", str(source), "-o", str(out)).exit_code == 0
    with gzip.open(out, "rt", encoding="utf-8") as stream:
        record = json.loads(stream.read())
    assert record["n"] == 123456789012345678901234567890 and CHATTER not in record["text"]


def test_windows_and_old_mac_line_ends_are_lines_and_are_kept(tmp_path):
    for newline in ("\r\n", "\r"):
        source = tmp_path / f"in{len(newline)}.txt"
        source.write_bytes((ARTICLE + CHATTER + "\n").replace("\n", newline).encode())
        found = run("check", str(source), "--output-format", "jsonl", "--select", "AI001").stdout
        assert [json.loads(row)["line"] for row in found.splitlines()] == [10]
        out = tmp_path / f"out{len(newline)}.txt"
        assert run("clean", str(source), "-o", str(out)).exit_code == 0
        assert out.read_bytes() == ARTICLE.replace("\n", newline).encode()


def test_report_cells_that_a_spreadsheet_would_run_are_escaped(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "=HYPERLINK(\"http://x\")", "text": ARTICLE}) + "\n", encoding="utf-8")
    assert run("scan", str(source), "--report", str(tmp_path / "r.csv")).exit_code == 0
    row = next(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert row["id"] == "'=HYPERLINK(\"http://x\")"


def test_files_sharing_a_stem_keep_distinct_ids(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "a.md").write_text(ARTICLE.replace("Council", "Board"), encoding="utf-8")
    result = run("scan", str(folder), "--report", str(tmp_path / "r.csv"), "--no-dedup")
    assert result.exit_code == 0, result.stderr
    assert sorted(row["id"] for row in csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8"))) == ["a", "a.txt"]


def test_symbolic_links_inside_an_input_folder_are_not_followed_unless_asked(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text(ARTICLE.replace("Council", "Secret"), encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "linked-dir").symlink_to(outside)
    run("scan", str(folder), "--report", str(tmp_path / "r.csv"), "--no-dedup")
    assert [row["id"] for row in csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8"))] == ["a"]
    run("scan", str(folder), "--report", str(tmp_path / "r2.csv"), "--no-dedup", "--follow-symlinks")
    assert len(list(csv.DictReader((tmp_path / "r2.csv").open(encoding="utf-8")))) == 3


def test_check_fix_on_a_symbolic_link_rewrites_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(ARTICLE + CHATTER + "\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("check", str(link), "--fix")
    assert link.is_symlink() and CHATTER not in target.read_text(encoding="utf-8")


def test_check_fix_rewrites_only_the_jsonl_records_it_fixed(tmp_path):
    source = tmp_path / "in.jsonl"
    untouched = '{"id": "a",   "text": ' + json.dumps(ARTICLE) + ', "n": 123456789012345678901234567890, "x": 1.0}\n'
    fixed = json.dumps({"id": "b", "text": ARTICLE + CHATTER + "\n", "lang": "en"}) + "\n"
    source.write_text(untouched + fixed, encoding="utf-8")
    run("check", str(source), "--fix")
    first, second = source.read_text(encoding="utf-8").splitlines(keepends=True)
    assert first == untouched  # byte for byte: spacing, the big integer and 1.0 as written
    assert json.loads(second) == {"id": "b", "text": ARTICLE, "lang": "en"}


def test_a_folder_output_is_swapped_in_whole_and_keeps_no_stale_file(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for name in ("a", "b"):
        (source / f"{name}.txt").write_text(ARTICLE.replace("Council", name.upper()), encoding="utf-8")
    out = tmp_path / "out"
    assert run("clean", str(source), "-o", str(out), "--no-dedup").exit_code == 0
    (source / "b.txt").unlink()
    assert run("clean", str(source), "-o", str(out), "--no-dedup").exit_code == 0
    assert sorted(p.name for p in out.glob("[!.]*")) == ["a.txt"]  # b.txt of the first run is gone
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_a_folder_contentqa_did_not_write_is_never_replaced(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(ARTICLE, encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own notes", encoding="utf-8")
    result = run("clean", str(source), "-o", str(mine))
    assert result.exit_code == 2 and "was not written by contentqa" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_a_folder_of_shards_comes_out_as_shards(tmp_path):
    source = tmp_path / "shards"
    source.mkdir()
    for n in range(2):
        rows = [json.dumps({"id": f"d{n}{k}", "text": ARTICLE.replace("Council", f"Board {n}{k}") + CHATTER + "\n"})
                for k in range(2)]
        (source / f"part-{n}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("clean", str(source), "-o", str(out), "--no-dedup").exit_code == 0
    for n in range(2):
        records = [json.loads(line) for line in (out / f"part-{n}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in records] == [f"d{n}0", f"d{n}1"]
        assert all(CHATTER not in r["text"] for r in records)


def test_shards_of_one_name_in_two_subfolders_stay_apart(tmp_path):
    source = tmp_path / "shards"
    for n, sub in enumerate(("june", "july")):
        (source / sub).mkdir(parents=True)
        rows = [json.dumps({"text": ARTICLE.replace("Council", f"Board {sub} {k}") + CHATTER + "\n"}) for k in range(2)]
        (source / sub / "part-0.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("clean", str(source), "-o", str(out), "--no-dedup")
    assert result.exit_code == 0, result.output
    for sub in ("june", "july"):
        records = [json.loads(line) for line in (out / sub / "part-0.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [r["text"].split("\n")[0] for r in records] == [f"Board {sub} 0 Delays Vote on Transit Plan",
                                                               f"Board {sub} 1 Delays Vote on Transit Plan"]
    assert not (out / "part-0.jsonl").exists()


@pytest.mark.parametrize("toml, message", [
    ('unsafe-fixes = "no"', "'unsafe-fixes' must be true or false, not 'no'"),
    ("dedup-threshold = 0", "'dedup-threshold' must be a number over 0 and at most 1, not 0"),
    ("quality-threshold = 150", "'quality-threshold' must be a number from 0 to 100, not 150"),
    ("time-budget = -1", "'time-budget' must be a number 0 or more, not -1"),
    ("[tool.contentqa.rules.ML001]\nflag_threshold = 1.5", "option 'flag_threshold': must be between 0 and 1, not 1.5"),
    ('[tool.contentqa.rules.ML001]\nmin_lines = "3"', "option 'min_lines': must be a number, not '3'"),
    ("[tool.contentqa.rules.ST003]\nmin_words = 2.5", "option 'min_words': must be a whole number, not 2.5"),
])
def test_a_wrong_configuration_value_is_an_error_naming_it(tmp_path, toml, message):
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.contentqa]\n" + toml + "\n", encoding="utf-8")
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = run("check", str(source), "--config", str(config))
    assert result.exit_code == 2 and message in result.stderr and str(config) in result.stderr


def test_an_errors_file_lists_every_skipped_record(hostile_folder, tmp_path):
    errors = tmp_path / "errors.jsonl"
    result = run("clean", str(hostile_folder), "-o", str(tmp_path / "out"), "--no-dedup", "--errors", str(errors))
    assert result.exit_code == EXIT_SKIPPED
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(row["path"]).name for row in rows) == ["corrupt.jsonl.gz", "deep.html", "truncated.html.gz"]
    assert all(row["message"] for row in rows)


def test_check_fix_rewrites_only_the_csv_rows_it_fixed(tmp_path):
    source = tmp_path / "in.csv"
    untouched = 'a,"' + ARTICLE.replace('"', '""') + '",  spaced ,"quoted"\r\n'
    fixed_text = ARTICLE + CHATTER + "\n"
    source.write_text('id,text,note,extra\r\n' + untouched + 'b,"' + fixed_text + '",x,y\r\n', encoding="utf-8",
                      newline="")
    run("check", str(source), "--fix")
    with source.open(encoding="utf-8", newline="") as stream:
        content = stream.read()
    assert content.startswith('id,text,note,extra\r\n' + untouched)  # byte for byte, odd spacing and quoting kept
    rows = list(csv.DictReader(content.splitlines(keepends=True)))
    assert rows[1]["text"] == ARTICLE and rows[1]["note"] == "x" and rows[1]["extra"] == "y"


def test_a_warc_file_gives_its_html_responses_as_jsonl(tmp_path):
    pytest.importorskip("warcio", reason="WARC input is an optional extra (contentqa[warc])")
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warc = tmp_path / "crawl.warc.gz"
    with warc.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n, (url, kind, body) in enumerate([
                ("https://news.example/a", "text/html; charset=utf-8",
                 "<html><body><article><h1>Council Delays Vote</h1>"
                 + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:]) + f"<p>{CHATTER}</p></article></body></html>"),
                ("https://news.example/logo.png", "image/png", "PNG"),
        ]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body.encode()),
                                                          http_headers=headers))
    out = tmp_path / "out.jsonl"
    result = run("clean", str(warc), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["url"] for r in records] == ["https://news.example/a"] and records[0]["id"] == "https://news.example/a"
    assert records[0]["text"].startswith("Council Delays Vote") and CHATTER not in records[0]["text"]
    assert run("clean", str(warc), "-o", str(tmp_path / "out.txt")).exit_code == 2


def test_parquet_in_and_out_keeps_every_column(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="Parquet is an optional extra (contentqa[parquet])")
    import pyarrow.parquet as pq

    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": [ARTICLE + CHATTER + "\n", ARTICLE.replace("Council", "Board")],
                             "site": ["x.example", "y.example"], "n": [1, 2]}), source)
    out = tmp_path / "out.parquet"
    result = run("clean", str(source), "-o", str(out), "--no-dedup")
    assert result.exit_code == 0, result.stderr
    rows = pq.read_table(out).to_pylist()
    assert [(r["id"], r["site"], r["n"]) for r in rows] == [("a", "x.example", 1), ("b", "y.example", 2)]
    assert rows[0]["text"] == ARTICLE


def test_a_full_disk_under_the_near_duplicate_index_is_a_clear_error(tmp_path, monkeypatch, capsys):
    import sys
    import tempfile

    from contentqa.cli import main

    source = tmp_path / "in.txt"
    source.write_text(ARTICLE, encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    monkeypatch.setattr(sys, "argv", ["contentqa", "clean", str(source), "-o", str(tmp_path / "out.txt"), "--no-progress"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    message = capsys.readouterr().err
    assert "No space left on device" in message and "TMPDIR" in message and "--no-dedup" in message
    assert "Traceback" not in message and not (tmp_path / "out.txt").exists()
    monkeypatch.setattr(sys, "argv", [*sys.argv, "--no-dedup"])  # no index: no temporary file needed
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 0 and (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("Council")
