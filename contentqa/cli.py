"""The `contentqa` command line: check, clean, scan, dedup, rules and rule.

Findings go to stdout; progress, summaries and errors go to stderr. Exit codes: 0 nothing
found (or the job completed with every record read), 1 findings (`check`), 2 a usage,
configuration or input error, 3 some records could not be read and were skipped (each named on
stderr; `--allow-skips` accepts them and exits as if they were not there).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any, Iterable

import click
import orjson

from contentqa import __version__
from contentqa.checkpoint import CHUNK, Resumed, ResumeError, RunParts
from contentqa.config import ConfigError, load_config
from contentqa.document import Document
from contentqa.output import FORMATS, WRITERS, Located
from contentqa.output import statistics as statistics_writer
from contentqa.jobs import SideOutputs, explanation, fix_in_place, output_kind
from contentqa.pipeline import CHECK_STEPS, DocumentResult, Stats, examine, process
from contentqa.readers import FORMATS as INPUT_FORMATS
from contentqa.readers import InputError, Record, RecordError, folder_files, format_of, read_inputs
from contentqa.writers import CorpusWriter, OutputError, atomic_open, write_csv_rows, write_text

if TYPE_CHECKING:  # the linter loads and compiles every rule: only commands that check anything need it
    from contentqa.linter import Linter
    from contentqa.compact import IdTable


EXIT_SKIPPED = 3


class CliError(click.ClickException):
    """A usage, configuration or input error: exit status 2, not 1 (1 means findings)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"contentqa: error: {self.format_message()}", err=True)


def build_linter(config_path: Path | None, select: str | None, ignore: str | None, unsafe: bool = False) -> Linter:
    """The linter for a run. The configuration is --config or the nearest pyproject.toml from the
    working directory, never one found inside the corpus being read."""
    from contentqa.linter import Linter
    from contentqa.rules import PackError

    try:
        config = load_config(config_path)
        if select:
            config.select = [s.strip() for s in select.split(",") if s.strip()]
        if ignore:
            config.ignore += [s.strip() for s in ignore.split(",") if s.strip()]
        context = click.get_current_context(silent=True)
        extend = context.meta.get("contentqa.extend_select") if context is not None else None
        if extend:
            config.select += [s.strip() for s in extend.split(",") if s.strip()]
        config.unsafe_fixes = config.unsafe_fixes or unsafe
        return Linter(config)
    except (ConfigError, PackError) as error:
        raise CliError(str(error)) from None


def remember(context: click.Context, parameter: click.Parameter, value: Any) -> Any:
    """Keep an option every command shares (--extend-select) for `build_linter`, not the command."""
    context.meta[f"contentqa.{parameter.name}"] = value
    return value


def common_options(function: Any) -> Any:
    options = [
        click.option("--select", metavar="RULES", help="Only these rules: codes, code prefixes, names or "
                                                       "categories, comma-separated (default: all)."),
        click.option("--ignore", metavar="RULES", help="Leave out these rules (same forms as --select)."),
        click.option("--extend-select", metavar="RULES", expose_value=False, callback=remember,
                     help="Add these rules to the selection (of --select or the configuration)."),
        click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="A pyproject.toml (or TOML file) to read [tool.contentqa] from; by default the "
                          "nearest pyproject.toml that has one."),
        click.option("--text-field", default="text", show_default=True, help="JSONL/CSV field holding the text."),
        click.option("--id-field", default="id", show_default=True, help="JSONL/CSV field holding the record id."),
        click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links inside input folders "
                                                              "(by default they are left out)."),
        click.option("--allow-skips", is_flag=True, help="Exit as if all went well when some records could not "
                                                          f"be read (by default such a run exits {EXIT_SKIPPED})."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def records(paths: Iterable[Path], text_field: str, id_field: str,
            follow_symlinks: bool = False) -> Iterable[Record | RecordError]:
    try:
        yield from read_inputs(list(paths), text_field, id_field, follow_symlinks)
    except InputError as error:
        raise CliError(str(error)) from None


def report_error(error: RecordError) -> None:
    click.echo(f"contentqa: skipped {error}", err=True)


def exit_for_skips(skipped: int, allow_skips: bool) -> None:
    """Exit EXIT_SKIPPED when records were skipped, unless the user accepts skips."""
    if skipped and not allow_skips:
        click.echo(f"contentqa: {skipped} record(s) skipped (named above); exit {EXIT_SKIPPED} "
                   "(--allow-skips accepts them)", err=True)
        sys.exit(EXIT_SKIPPED)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="contentqa")
def cli() -> None:
    """Find, explain and repair scraped-page artifacts in article text.

    \b
    contentqa check PATH...           findings as a linter prints them; exit 1 when any
    contentqa clean INPUT -o OUTPUT   a cleaned corpus in the same form as the input
    contentqa scan INPUT --report R   a CSV report, one row per document
    contentqa dashboard R -o PAGE     the report drawn as one self-contained HTML page
    contentqa dedup INPUT --clusters C  near-duplicate clusters (id,cluster)
    contentqa rules / rule CODE       the rule catalogue and each rule's documentation

    Inputs: a folder of .txt/.md/.html files, one such file, a JSONL file or a CSV file.
    """


# --- check ----------------------------------------------------------------------------------

@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output-format", type=click.Choice(FORMATS), default="concise", show_default=True,
              help="How findings are printed.")
@click.option("--fix", is_flag=True, help="Repair the inputs in place (text, Markdown, JSONL and CSV files).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--exit-non-zero-on-fix", is_flag=True,
              help="With --fix: exit 1 when anything was fixed, even if nothing remains.")
@click.option("--no-dedup", is_flag=True, help="Do not look for near-duplicates among the documents read (DU001).")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of the findings.")
@click.option("--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the findings (or --statistics) to this file instead of standard output.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings not recorded in this file; when it does not exist, record today's "
                   "findings in it and exit 0.")
@common_options
def check(paths: tuple[Path, ...], output_format: str, fix: bool, unsafe_fixes: bool, exit_zero: bool,
          exit_non_zero_on_fix: bool, no_dedup: bool, statistics: bool, output_file: Path | None,
          baseline_path: Path | None, select: str | None, ignore: str | None, config_path: Path | None,
          text_field: str, id_field: str, follow_symlinks: bool, allow_skips: bool) -> None:
    """Report artifacts in PATHS, as a linter does: path:line:col: CODE [category] message.

    Exits 1 when anything is found, 0 when nothing is, 2 on a usage, configuration or input
    error, 3 when records could not be read. With --fix the inputs are repaired in place first
    and what remains is reported. Inline markers (`<!-- contentqa: ignore -->` on a line,
    `<!-- contentqa: ignore-file -->` anywhere) and a record's `contentqa_ignore` field silence
    findings; fenced code blocks and front matter are never touched.
    """
    from contentqa.baseline import Baseline, BaselineError, read_baseline, write_baseline

    linter = build_linter(config_path, select, ignore, unsafe_fixes)
    recording = baseline_path is not None and not baseline_path.exists()
    try:
        baseline = Baseline(read_baseline(baseline_path)) if baseline_path and not recording else None
    except BaselineError as error:
        raise CliError(str(error)) from None
    located: list[Located] = []
    errors = 0
    fixed = 0
    writer = statistics_writer if statistics else WRITERS[output_format]
    streaming = output_format in ("concise", "full", "jsonl", "github") and not statistics and not recording
    duplicates = NearDuplicates.for_linter(linter, enabled=not no_dedup)
    by_file: dict[str, list[Record | RecordError]] = defaultdict(list)
    for item in records(paths, text_field, id_field, follow_symlinks):
        by_file[item.path].append(item)
    with ExitStack() as outputs:
        stream = outputs.enter_context(atomic_open(output_file)) if output_file else sys.stdout
        for path, items in by_file.items():
            bad = [i for i in items if isinstance(i, RecordError)]
            for error in bad:
                report_error(error)
            errors += len(bad)
            good = [i for i in items if isinstance(i, Record)]
            if fix and good:
                if bad:
                    click.echo(f"contentqa: {path}: not fixed, {len(bad)} record(s) could not be read", err=True)
                else:
                    good, count, problem = fix_in_place(linter, good, text_field)
                    fixed += count
                    if problem:
                        click.echo(f"contentqa: {problem}", err=True)
            for record in good:
                try:
                    batch = located_findings(linter, record, duplicates)
                except Exception as error:  # noqa: BLE001 - a bug on one document must not lose the batch
                    report_error(RecordError(record.path, record.number, f"internal error, document skipped "
                                                                         f"({type(error).__name__}: {error})"))
                    errors += 1
                    continue
                if baseline is not None:
                    batch = baseline.new(batch)
                if streaming:
                    writer(batch, stream)
                located.extend(batch)
        if recording:
            recorded = write_baseline(baseline_path, located)
            click.echo(f"contentqa: recorded {recorded} finding(s) in the baseline {baseline_path}; "
                       "later runs report only new ones", err=True)
            located = []
        elif not streaming:
            writer(located, stream)
    report_rule_failures(linter)
    if output_format in ("concise", "full") or statistics:
        fixable = sum(1 for item in located if item.finding.fixable)
        found = "new finding(s)" if baseline is not None else "finding(s)"
        summary = f"Found {len(located)} {found}" + (f" ({fixable} fixable with `clean` or --fix)" if fixable else "")
        if fix:
            summary += f"; fixed {fixed}"
        click.echo(summary + ".", err=True)
    exit_for_skips(errors, allow_skips)
    if exit_non_zero_on_fix and fixed:
        sys.exit(1)
    sys.exit(0 if exit_zero or not located else 1)


def located_findings(linter: Linter, record: Record, duplicates: "NearDuplicates | Nothing") -> list[Located]:
    """One record's findings, with the record they belong to; near-duplicates of earlier ones too."""
    result = examine(record, linter, CHECK_STEPS)
    found = result.findings + duplicates.findings(record, result.doc, linter)
    return [Located(record, result.doc, f) for f in found]


class NearDuplicates:
    """DU001 for `check`: each document against every one read before it in the run. The index
    (and its temporary file) is built when a second document comes: a hook that checks one file
    starts as fast as without it."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.index: Any = None
        self.first: tuple[str, str] | None = None  # the only document so far: its name and text

    @classmethod
    def for_linter(cls, linter: Linter, enabled: bool = True) -> "NearDuplicates | Nothing":
        from contentqa.rules.duplicates import NearDuplicateDocument  # loaded with the linter's rules

        wanted = enabled and any(isinstance(rule, NearDuplicateDocument) for rule in linter.rules)
        return cls(linter.config.dedup_threshold) if wanted else Nothing()

    def findings(self, record: Record, doc: Document, linter: Linter) -> list[Any]:
        from contentqa.rules.duplicates import duplicate_findings

        name = f"{record.path}#{record.id}" if record.number is not None else record.path
        if self.index is None:
            if self.first is None or self.first[0] == name:
                self.first = (name, doc.text)
                return []
            from contentqa.dedup import NearDuplicateIndex

            self.index = NearDuplicateIndex(self.threshold)
            self.index.add(*self.first)
        if name in self.index:
            return []  # the same document named twice on the command line
        return duplicate_findings(linter.rules_for(record.relative or record.path), doc,
                                  self.index.add(name, doc.text))


class Nothing:
    """Near-duplicates not looked for."""

    def findings(self, record: Record, doc: Document, linter: Linter) -> list[Any]:
        return []


def report_rule_failures(linter: Linter) -> None:
    for failure in linter.failures:
        click.echo(f"contentqa: internal error in rule {failure.code} on {failure.document}: {failure.error} "
                   "(the rule was skipped for that document; please report it)", err=True)


# --- clean and scan -------------------------------------------------------------------------

def check_paths(source: Path, target: Path) -> None:
    """An output (the corpus or a side file) may neither be the input nor lie inside it."""
    if not source.exists():
        raise CliError(f"{source}: no such file or folder")
    if source.resolve() == target.resolve():
        raise CliError(f"{target}: the output would overwrite the input; to repair in place use `check --fix`")
    if source.is_dir() and source.resolve() in target.resolve().parents:
        raise CliError(f"{target}: this output lies inside the input folder")


def run_job(source: Path, linter: Linter, dedup: bool, text_field: str, id_field: str, show_progress: bool,
            on_result: Any, follow_symlinks: bool = False, executor: Any = None, index: Any = None,
            on_error: Any = None, stats: Stats | None = None, after: Any = None, skip_items: int = 0,
            seen: "IdTable | None" = None) -> Stats:
    """Every record of `source` through the pipeline, each result handed to `on_result` as it
    comes (nothing is kept: memory stays flat in the corpus size), then to `after`. A resumed
    run skips the `skip_items` items its checkpoints hold (`stats`, `index` and `seen` say what
    they were)."""
    stats = stats if stats is not None else Stats()
    items = islice(records([source], text_field, id_field, follow_symlinks), skip_items, None)  # read, not examined
    bar = progress_bar(show_progress)
    with bar:
        bar.update(skip_items)
        for item in process(items, linter, dedup=dedup, stats=stats, executor=executor, index=index, seen=seen):
            bar.update(1)
            if isinstance(item, RecordError):
                report_error(item)
                if on_error is not None:
                    on_error(item)
            else:
                on_result(item)
            if after is not None:
                after(item)
    report_rule_failures(linter)
    return stats


def errors_option(function: Any) -> Any:
    return click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
                        help="Also write every record that could not be read or examined (path, record, "
                             "message) as JSONL.")(function)


def stats_option(function: Any) -> Any:
    return click.option("--stats", "stats_path", type=click.Path(dir_okay=False, path_type=Path),
                        help="Also write, as JSON, what each step did and how long it took (check, fix and "
                             "score, deduplicate, write) and each rule's time, slowest first.")(function)


def write_stats(path: Path | None, stats: Stats) -> None:
    if path is not None:
        write_text(path, json.dumps(stats.report(), indent=2) + "\n")


def timed(stats: Stats, step: str, call: Any) -> Any:
    """`call`, with the time it takes added to `step` in the run's counts."""
    def run(*args: Any) -> None:
        began = time.perf_counter()
        call(*args)
        stats.steps[step] += time.perf_counter() - began
    return run


def workers_option(function: Any) -> Any:
    function = click.option("--scheduler", metavar="ADDRESS",
                            help="With --executor dask: a running Dask scheduler (default: a LocalCluster of "
                                 "--workers processes).")(function)
    function = click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                            help="Where documents are examined: here (with --workers processes) or on a Dask "
                                 "cluster (pip install 'contentqa[dask]'); the output is the same.")(function)
    return click.option("--workers", type=click.IntRange(min=1), default=None,
                        help="Processes that examine documents (default: the machine's cores); the output is "
                             "the same for any number.")(function)


def make_executor(executor: str, workers: int | None, scheduler: str | None) -> Any:
    from contentqa.executors import executor_for

    if scheduler and executor != "dask":
        raise CliError("--scheduler goes with --executor dask")
    return executor_for(executor, worker_count(workers), scheduler)


def progress_option(function: Any) -> Any:
    return click.option("--progress/--no-progress", default=None,
                        help="Show a progress bar on stderr (default: when stderr is a terminal).")(function)


def progress_bar(show: bool, items: Iterable[Any] | None = None) -> Any:
    """A progress bar on stderr over `items` (or updated by hand), drawn only when `show`."""
    from tqdm import tqdm  # imported here: `check` never draws one, and a pre-commit hook starts often

    return tqdm(items, desc="documents", unit="doc", file=sys.stderr, disable=not show, dynamic_ncols=True)


def worker_count(workers: int | None) -> int:
    return workers or os.cpu_count() or 1


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output_path", required=True, type=click.Path(path_type=Path),
              help="Where the cleaned corpus goes: a folder for a folder, a JSONL file for JSONL, and so on.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Also write the report CSV.")
@click.option("--findings", "findings_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every finding as JSONL.")
@click.option("--rejects", "rejects_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every dropped document (near-duplicates, assistant replies, title-only pages) "
                   "with its reason and original text, as JSONL.")
@click.option("--no-dedup", is_flag=True,
              help="Keep near-duplicate documents instead of dropping them. Without it, the near-duplicate index "
                   "keeps about 0.9 KB a document in temporary files under TMPDIR.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--explain", is_flag=True, help="Print every change made, with its rule and lines, to stderr.")
@click.option("--resume", is_flag=True,
              help="Go on from where an interrupted run with the same arguments stopped; the output is the same "
                   "as an uninterrupted run's.")
@click.option("--checkpoint-every", type=click.IntRange(min=1), default=CHUNK, show_default=True,
              help="Records read between two checkpoints (what --resume goes on from).")
@stats_option
@errors_option
@workers_option
@progress_option
@common_options
def clean(input_path: Path, output_path: Path, report: Path | None, findings_path: Path | None,
          rejects_path: Path | None, no_dedup: bool, resume: bool, checkpoint_every: int, stats_path: Path | None,
          unsafe_fixes: bool, explain: bool, progress: bool | None, workers: int | None, executor: str,
          scheduler: str | None, errors_path: Path | None,
          select: str | None, ignore: str | None, config_path: Path | None, text_field: str, id_field: str,
          follow_symlinks: bool, allow_skips: bool) -> None:
    """Write a cleaned copy of INPUT to OUTPUT, in the same form.

    A folder gives a folder with the same file names (an HTML page gives <stem>.txt), JSONL
    gives JSONL with the text field cleaned and every other field kept, CSV gives CSV. Safe
    fixes are applied; near-duplicates of earlier documents are dropped unless --no-dedup, and
    so are assistant replies published as articles and pages with nothing left but a title
    (`drop` in the configuration). --rejects lists every dropped document. A JSONL, CSV or folder
    output is checkpointed as it goes: a killed run goes on with --resume. The input is never
    modified.
    """
    for target in (output_path, report, findings_path, rejects_path, errors_path, stats_path):
        if target is not None:
            check_paths(input_path, target)
    linter = build_linter(config_path, select, ignore, unsafe_fixes)
    try:
        kind = output_kind(input_path, output_path)
    except ValueError as error:
        raise CliError(str(error)) from None
    show = sys.stderr.isatty() if progress is None else progress
    parts = None
    if checkpointed(kind, input_path, follow_symlinks):
        sides = (report, findings_path, rejects_path, errors_path)
        parts = RunParts(output_path, run_fingerprint(input_path, output_path, linter, text_field, id_field,
                                                      not no_dedup, follow_symlinks, sides), checkpoint_every)
    elif resume:
        raise CliError(f"{output_path}: this {kind} output is written in one piece (Parquet is, and a single text), "
                       "so there is nothing to resume; run again without --resume")
    try:
        writer = CorpusWriter(output_path, kind, text_field, parts)
        state = parts.start(resume) if parts is not None else Resumed()
    except (OutputError, ResumeError) as error:
        raise CliError(str(error)) from None
    if resume and state.items:
        click.echo(f"contentqa clean: resuming after {state.items} items read before", err=True)
    index = None if no_dedup else replayed_index(linter, state)
    stats = Stats.from_dict(state.stats) if state.stats else Stats()
    with writer, SideOutputs(report, findings_path, rejects_path, errors_path, parts, bool(state.items)) as side:
        writer.restore(state.writers)

        def on_result(result: DocumentResult) -> None:
            if explain:
                for line in explanation(result):
                    click.echo(line, err=True)
            if result.keep:
                writer.write(result.record, result.cleaned)
            side.write(result)

        on_result = timed(stats, "write", on_result)

        def after(item: DocumentResult | RecordError) -> None:
            if isinstance(item, RecordError):
                parts.done(item.id, False, None, stats.as_dict, writer.state)
            else:
                parts.done(item.record.id, item.indexed, item.signature, stats.as_dict, writer.state)

        from contentqa.compact import IdTable  # numpy: only once records flow

        stats = run_job(input_path, linter, not no_dedup, text_field, id_field, show, on_result, follow_symlinks,
                        make_executor(executor, workers, scheduler), index=index, on_error=side.write_error,
                        stats=stats, after=after if parts is not None else None, skip_items=state.items,
                        seen=IdTable(state.ids()))
        if parts is not None:
            parts.finish(stats.as_dict(), writer.state())
    write_stats(stats_path, stats)
    click.echo(f"contentqa clean: {stats.summary()}; {stats.kept} written to {output_path}", err=True)
    exit_for_skips(stats.errors, allow_skips)


def checkpointed(kind: str, source: Path, follow_symlinks: bool) -> bool:
    """Whether a clean's output is written in parts that a killed run can resume from: JSONL, CSV,
    and folders, unless the folder holds Parquet shards (Parquet is written in one piece)."""
    if kind == "folder":
        return not any(format_of(file) is INPUT_FORMATS["parquet"] for file, _ in folder_files(source, follow_symlinks))
    return kind in ("jsonl", "csv")


def replayed_index(linter: Linter, state: Resumed) -> Any:
    """A near-duplicate index holding the documents an interrupted run had indexed (none for a fresh run)."""
    from contentqa.dedup import NearDuplicateIndex

    index = NearDuplicateIndex(linter.config.dedup_threshold)
    for doc_id, signature in state.indexed():
        index.insert(doc_id, signature)
    return index


def run_fingerprint(source: Path, output: Path, linter: Linter, text_field: str, id_field: str, dedup: bool,
                    follow_symlinks: bool, sides: Iterable[Path | None]) -> dict:
    """What a resumed run must share with the run it goes on from: the input and outputs, the
    options and configuration, and the contentqa that made it."""
    stamp = source.stat() if source.is_file() else None  # a file changed since is another input
    return {"input": str(source.resolve()), "output": str(output.resolve()),
            "input size and time": [stamp.st_size, stamp.st_mtime_ns] if stamp else None,
            "side outputs": [str(path.resolve()) if path else "" for path in sides],
            "fields": [text_field, id_field], "deduplication": dedup, "follow symlinks": follow_symlinks,
            "configuration": repr(linter.config), "version": __version__}


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.option("--report", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The report CSV: one row per document.")
@click.option("--findings", "findings_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every finding as JSONL.")
@click.option("--no-dedup", is_flag=True, help="Do not look for near-duplicates.")
@click.option("--dashboard", "dashboard_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the report as a self-contained HTML page (see `contentqa dashboard`).")
@stats_option
@errors_option
@workers_option
@progress_option
@common_options
def scan(input_path: Path, report: Path, findings_path: Path | None, no_dedup: bool, dashboard_path: Path | None,
         stats_path: Path | None, progress: bool | None, workers: int | None, executor: str, scheduler: str | None,
         errors_path: Path | None, select: str | None, ignore: str | None, config_path: Path | None,
         text_field: str, id_field: str, follow_symlinks: bool, allow_skips: bool) -> None:
    """Score every document of INPUT and write the report CSV; no corpus is written.

    Each row holds the document's size, finding counts per category, quality score (0-100),
    near-duplicate cluster and whether `clean` would keep it.
    """
    for side in (report, findings_path, errors_path, stats_path, dashboard_path):
        if side is not None:
            check_paths(input_path, side)
    linter = build_linter(config_path, select, ignore)
    show = sys.stderr.isatty() if progress is None else progress
    stats = Stats()
    with ExitStack() as cleanup:
        if dashboard_path is not None and findings_path is None:  # the page shows each document's findings
            findings_path = Path(cleanup.enter_context(TemporaryDirectory(prefix="contentqa-"))) / "findings.jsonl"
        with SideOutputs(report, findings_path, errors=errors_path) as side:
            run_job(input_path, linter, not no_dedup, text_field, id_field, show, timed(stats, "write", side.write),
                    follow_symlinks, make_executor(executor, workers, scheduler), on_error=side.write_error,
                    stats=stats)
        if dashboard_path is not None:
            draw_dashboard(report, dashboard_path, findings_path)
    write_stats(stats_path, stats)
    click.echo(f"contentqa scan: {stats.summary()}; report in {report}"
               + (f", dashboard in {dashboard_path}" if dashboard_path else ""), err=True)
    exit_for_skips(stats.errors, allow_skips)


# --- dashboard ------------------------------------------------------------------------------

def draw_dashboard(report: Path, output: Path, findings: Path | None, rows: int | None = None,
                   title: str | None = None) -> None:
    from contentqa.dashboard import DEFAULT_ROWS, DashboardError, write_dashboard

    try:
        write_dashboard(report, output, findings, rows or DEFAULT_ROWS, title)
    except (DashboardError, OSError) as error:
        raise CliError(str(error)) from None


@cli.command()
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML page to write.")
@click.option("--findings", "findings_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The findings JSONL of the same run (scan or clean --findings): per-rule counts, and each "
                   "document's findings with the lines around them.")
@click.option("--rows", type=click.IntRange(min=1), default=None,
              help="Documents listed in the table, the worst first (default 300).")
@click.option("--title", help="The page's title (default: the report's name).")
def dashboard(report: Path, output_path: Path, findings_path: Path | None, rows: int | None,
              title: str | None) -> None:
    """Draw a report CSV as one self-contained HTML page: totals, the quality histogram, findings per
    category and rule, a per-site (or per-file) breakdown, near-duplicate clusters, dropped
    documents and why, and a sortable, filterable table of the worst documents, each opening on its
    findings. No network is needed to open it.
    """
    if output_path.resolve() in {report.resolve()} | ({findings_path.resolve()} if findings_path else set()):
        raise CliError(f"{output_path}: the page would overwrite an input")
    draw_dashboard(report, output_path, findings_path, rows, title)
    click.echo(f"contentqa dashboard: {output_path} ({output_path.stat().st_size / 1024:.0f} KB)", err=True)


# --- dedup ----------------------------------------------------------------------------------

@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.option("--clusters", "clusters_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The clusters CSV to write: columns id,cluster.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True), default=None,
              help="Jaccard similarity of word 5-grams that makes a near-duplicate (default 0.5, or "
                   "dedup-threshold in the configuration).")
@click.option("--raw", is_flag=True, help="Compare the texts as they are, without cleaning them first.")
@workers_option
@progress_option
@common_options
def dedup(input_path: Path, clusters_path: Path, threshold: float | None, raw: bool, progress: bool | None,
          workers: int | None, executor: str, scheduler: str | None, select: str | None, ignore: str | None,
          config_path: Path | None, text_field: str, id_field: str, follow_symlinks: bool, allow_skips: bool) -> None:
    """Cluster the near-duplicate documents of INPUT; write id,cluster rows.

    Texts are cleaned first, by the same steps as `clean` (page chrome would otherwise make
    copies look different), so dedup and clean agree; then they are compared with MinHash LSH
    and confirmed by the share of permutations on which their signatures agree (an estimate of
    their Jaccard similarity). A cluster is named after its first document.
    Assistant replies and other documents clean drops are left out of every cluster.
    """
    from contentqa.dedup import NearDuplicateIndex

    check_paths(input_path, clusters_path)
    linter = build_linter(config_path, select, ignore)
    index = NearDuplicateIndex(threshold or linter.config.dedup_threshold)
    show = sys.stderr.isatty() if progress is None else progress
    ids: list[str] = []
    skipped = 0
    if raw:  # the texts as they are: no linter, nothing cleaned
        for item in progress_bar(show, records([input_path], text_field, id_field, follow_symlinks)):
            if isinstance(item, RecordError):
                report_error(item)
                skipped += 1
                continue
            try:
                index.add(item.id, item.text)
            except ValueError as error:  # an id used twice
                report_error(RecordError(item.path, item.number, str(error)))
                skipped += 1
                continue
            ids.append(item.id)
    else:
        def on_result(result: DocumentResult) -> None:
            ids.append(result.record.id)

        stats = run_job(input_path, linter, True, text_field, id_field, show, on_result, follow_symlinks,
                        make_executor(executor, workers, scheduler), index=index)
        skipped = stats.errors
    clusters = index.clusters()
    write_csv_rows(clusters_path, ["id", "cluster"], [[i, clusters.get(i, i)] for i in ids])
    groups = len({clusters.get(i, i) for i in ids})
    click.echo(f"contentqa dedup: {len(ids)} documents in {groups} clusters "
               f"({len(ids) - groups} near-duplicates); written to {clusters_path}", err=True)
    exit_for_skips(skipped, allow_skips)


# --- train ----------------------------------------------------------------------------------

@cli.command()
@click.option("--labels", "label_files", multiple=True, required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Labelled lines: a labels.jsonl (the benchmark's format) or an expected.json beside its "
                   "text files. Give it several times to combine files.")
@click.option("-o", "--output", "output_stem", required=True, type=click.Path(path_type=Path),
              help="Where the model goes, without suffix: writes OUTPUT.npz, OUTPUT.json and OUTPUT.md.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (training is reproducible).")
def train(label_files: tuple[Path, ...], output_stem: Path, seed: int) -> None:
    """Train the artifact detector on your own labelled lines and save it as plain arrays (no pickle).

    Use it with `[tool.contentqa.rules.ML001] model = "OUTPUT"` (and ML002). The shipped model
    is trained by `make model` on real extractor output, independent chatter and the public bench.
    """
    from contentqa.detector import ArtifactDetector
    from contentqa.modelcard import write_model_card
    from contentqa.training import LabelsError, attach_rule_findings, read_labels, training_documents

    try:
        by_file = {str(path): training_documents(read_labels(path)) for path in label_files}
    except LabelsError as error:
        raise CliError(str(error)) from None
    documents = [doc for part in by_file.values() for doc in part]
    if not documents:
        raise CliError("no labelled documents in " + ", ".join(map(str, label_files)))
    click.echo(f"contentqa train: {len(documents)} documents", err=True)
    attach_rule_findings(documents)
    try:
        model = ArtifactDetector.fit(documents, seed=seed, progress=lambda m: click.echo(f"  {m}", err=True))
    except ValueError as error:
        raise CliError(f"cannot train on these labels: {error}") from None
    model.meta["sources"] = {path: len(part) for path, part in by_file.items()}
    arrays, card = model.save(output_stem)
    write_model_card(model, output_stem.with_suffix(".md"))
    click.echo(f"contentqa train: model written to {arrays} and {card}", err=True)


# --- rules ----------------------------------------------------------------------------------

@cli.command("rules")
@click.option("--output-format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also list the rules of the packs this configuration names.")
def list_rules(output_format: str, config_path: Path | None) -> None:
    """List every rule: code, name, category and what it finds."""
    classes = catalogue(config_path)
    if output_format == "json":
        data = [{"code": c.code, "name": c.name, "category": c.category, "severity": str(c.severity),
                 "origin": c.origin, "summary": c.summary()} for c in classes.values()]
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return
    width = max(len(c.name) for c in classes.values())
    for cls in classes.values():
        click.echo(f"{cls.code}  {cls.name:<{width}}  {cls.category:<20}  {cls.summary()}")


@cli.command("rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also look in the packs this configuration names.")
def show_rule(code: str, config_path: Path | None) -> None:
    """Print the documentation of one rule, by code (TB001) or name (padded-table-rows)."""
    classes = catalogue(config_path)
    found = classes.get(code.upper()) or next((c for c in classes.values() if c.name == code), None)
    if found is None:
        near = [c.code for c in classes.values() if c.code.startswith(code.upper()[:2])]
        hint = f"; rules starting {code.upper()[:2]}: {', '.join(near)}" if near else "; see `contentqa rules`"
        raise CliError(f"no rule {code!r}{hint}")
    defaults = found.default_options
    click.echo(f"{found.code} {found.name}  [category: {found.category}, severity: {found.severity}]\n")
    click.echo(found.documentation())
    if defaults:
        click.echo("\nOptions ([tool.contentqa.rules." + found.code + "]):")
        for key, value in defaults.items():
            click.echo(f"    {key} = {value!r}")


def catalogue(config_path: Path | None) -> dict[str, Any]:
    from contentqa.rules import PackError, load_rules

    try:
        config = load_config(config_path) if config_path else load_config()
        return load_rules(config.packs)
    except (ConfigError, PackError) as error:
        raise CliError(str(error)) from None


def main() -> None:
    try:
        cli(prog_name="contentqa")
    except OSError as error:
        from contentqa.compact import SpillError  # numpy: only when something went wrong

        if not isinstance(error, SpillError):
            raise
        click.echo(f"contentqa: error: {error}", err=True)  # the near-duplicate index's temporary files
        sys.exit(2)


if __name__ == "__main__":
    main()
