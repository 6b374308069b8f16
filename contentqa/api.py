"""The Python API: the command line's pipeline for text in memory.

`check_text` and `clean_text` judge one text; `clean_records` runs a whole corpus (strings or
mappings) through the same steps as `contentqa clean`, near-duplicates included; `clean_series`
and `clean_frame` do the same for a pandas Series or DataFrame. The default linter is built once
and reused; pass a `Config` for other rules or thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from contentqa.config import Config
from contentqa.linter import Linter
from contentqa.findings import Finding
from contentqa.pipeline import CHECK_STEPS, DocumentResult, examine, process
from contentqa.readers import Record, RecordError, split_newlines

if TYPE_CHECKING:
    import pandas as pd

_default_linter: Linter | None = None


def linter_for(config: Config | None) -> Linter:
    """The linter for a configuration; the default one is built once per process."""
    global _default_linter
    if config is not None:
        return Linter(config)
    if _default_linter is None:
        _default_linter = Linter(Config())
    return _default_linter


@dataclass
class Cleaned:
    """One document after cleaning: its text, whether `clean` keeps it and why not, its quality
    score (0-100) and every finding, with the record it came from."""

    id: str
    text: str
    keep: bool
    reason: str
    quality: float
    findings: list[Finding] = field(default_factory=list)
    record: Mapping[str, Any] | None = None

    @classmethod
    def of(cls, result: DocumentResult) -> "Cleaned":
        return cls(result.record.id, result.cleaned, result.keep, result.reason, result.quality, result.findings,
                   result.record.fields or None)


def check_text(text: str, config: Config | None = None) -> list[Finding]:
    """Every finding in one text, as `contentqa check` reports them."""
    return examine(next(as_records([text], "text", "id")), linter_for(config), CHECK_STEPS).findings


def clean_text(text: str, config: Config | None = None) -> str:
    """One text with its safe fixes applied, as `contentqa clean` writes it (a document clean
    would drop entirely, such as an assistant's reply, still comes back cleaned: see
    `clean_records` for the verdict)."""
    return clean_one(text, config).text


def clean_one(text: str, config: Config | None) -> Cleaned:
    return next(clean_records([text], dedup=False, config=config))


def clean_records(records: Iterable[str | Mapping[str, Any]], *, text_field: str = "text", id_field: str = "id",
                  dedup: bool = True, workers: int = 1, config: Config | None = None) -> Iterator[Cleaned]:
    """Each record (a string, or a mapping holding `text_field`) cleaned, in order.

    Raises ValueError naming the record when a mapping has no text in `text_field` or an id is
    used twice.
    """
    linter = linter_for(config)
    for result in process(as_records(records, text_field, id_field), linter, dedup=dedup, workers=workers):
        if isinstance(result, RecordError):
            raise ValueError(f"record {result.number}: {result.message}")
        yield Cleaned.of(result)


def as_records(records: Iterable[str | Mapping[str, Any]], text_field: str, id_field: str) -> Iterator[Record]:
    for number, item in enumerate(records, 1):
        fields = dict(item) if isinstance(item, Mapping) else {}
        text = item if isinstance(item, str) else fields.get(text_field)
        if not isinstance(text, str):
            raise ValueError(f"record {number}: no text in field {text_field!r}")
        doc_id = str(fields.get(id_field) or number)
        text, newline = split_newlines(text)
        yield Record(doc_id, text, "<memory>", "txt", number=number, fields=fields, newline=newline)


def clean_series(series: "pd.Series", *, dedup: bool = False, workers: int = 1,
                 config: Config | None = None) -> "pd.Series":
    """The texts of a Series cleaned, same index; a text that `clean` would drop becomes None."""
    import pandas as pd

    cleaned = clean_records(({"id": str(label), "text": str(text)} for label, text in series.items()), dedup=dedup,
                            workers=workers, config=config)
    return pd.Series([c.text if c.keep else None for c in cleaned], index=series.index, name=series.name,
                     dtype=object)


def clean_frame(frame: "pd.DataFrame", text_column: str = "text", *, dedup: bool = True, workers: int = 1,
                config: Config | None = None) -> "pd.DataFrame":
    """A copy of the frame with the text cleaned and four columns beside it: `quality`, `keep`,
    `reason` (why clean drops the row; a near-duplicate names the index label of its original)
    and `findings` (how many). Index labels must be unique."""
    if text_column not in frame.columns:
        raise ValueError(f"no column {text_column!r} (columns: {', '.join(map(str, frame.columns))})")
    rows = ({"id": str(label), "text": str(text)} for label, text in frame[text_column].items())
    results = list(clean_records(rows, dedup=dedup, workers=workers, config=config))
    out = frame.copy()
    out[text_column] = [c.text for c in results]
    out["quality"] = [c.quality for c in results]
    out["keep"] = [c.keep for c in results]
    out["reason"] = [c.reason for c in results]
    out["findings"] = [len(c.findings) for c in results]
    return out
