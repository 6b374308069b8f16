"""The quality dashboard: one self-contained HTML page drawn from a report CSV (and, when given,
the findings JSONL of the same run).

pandas does the aggregation; a jinja2 template (`templates/dashboard.html.j2`) draws it with
inline SVG charts and a little inline JavaScript to sort, filter and open the table of the worst
documents. No CDN, no server: the page opens from a file with no network. The page's size does
not grow with the corpus beyond the `rows` worst documents it lists.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from contentqa.categories import CATEGORIES, DOCUMENT_CATEGORIES

DEFAULT_ROWS = 300  # documents in the table: the worst by quality
FINDINGS_PER_DOCUMENT = 30  # findings shown when a row is opened
HISTOGRAM_BINS = 10


class DashboardError(ValueError):
    """A report or findings file that cannot be drawn; the message names the file and the row."""


@dataclass
class Bar:
    label: str
    value: float
    note: str = ""


def read_report(path: Path) -> "Any":
    """The report CSV as a DataFrame, checked for the columns the dashboard reads."""
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype={"id": str, "path": str, "cluster": str, "duplicate_of": str, "reason": str,
                                         "url": str, "domain": str}, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise DashboardError(f"{path}: cannot read the report: {error}") from None
    missing = [c for c in ("id", "path", "quality", "keep", "findings", "cluster") if c not in frame.columns]
    if missing:
        raise DashboardError(f"{path}: not a contentqa report (no column {', '.join(missing)}); "
                             "write one with `contentqa scan INPUT --report FILE`")
    for column in ("quality", "findings", "words", "lines", "lines_removed"):
        if column in frame.columns:
            values = pd.to_numeric(frame[column], errors="coerce")
            bad = values.isna() & (frame[column].astype(str) != "")
            if bad.any():
                row = int(bad.idxmax()) + 2  # the header is line 1
                raise DashboardError(f"{path}: line {row}: column {column!r} holds {frame[column][bad.idxmax()]!r}, "
                                     "not a number")
            frame[column] = values.fillna(0)
    frame["keep"] = frame["keep"].astype(str).str.lower().isin(["true", "1", "yes"])
    for column in ("id", "path", "cluster", "duplicate_of", "reason"):  # a spreadsheet-safe cell loses its '
        if column in frame.columns:
            frame[column] = frame[column].astype(str).str.replace(r"^'(?=[=+\-@])", "", regex=True)
    return frame


def read_findings(path: Path | None, wanted: set[str]) -> tuple[dict[str, list[dict]], Counter]:
    """Findings of the documents in `wanted` (by id), and the count of every finding by rule."""
    by_document: dict[str, list[dict]] = defaultdict(list)
    per_rule: Counter = Counter()
    if path is None:
        return by_document, per_rule
    from contentqa.readers import open_binary

    try:
        with open_binary(path) as stream:
            for number, raw in enumerate(stream, 1):
                if not raw.strip():
                    continue
                try:
                    row = json.loads(raw)
                except ValueError as error:
                    raise DashboardError(f"{path}: line {number}: not valid JSON ({error})") from None
                per_rule[f"{row.get('code', '?')} {row.get('rule', '')}".strip()] += 1
                doc_id = str(row.get("id", ""))
                if doc_id in wanted and len(by_document[doc_id]) < FINDINGS_PER_DOCUMENT:
                    by_document[doc_id].append(row)
    except OSError as error:
        raise DashboardError(f"{path}: cannot read the findings: {error}") from None
    return by_document, per_rule


def histogram(values: Iterable[float], bins: int = HISTOGRAM_BINS) -> list[Bar]:
    """Counts of quality scores in equal bins over 0-100 (100 falls in the last).

    >>> [(b.label, b.value) for b in histogram([0, 5, 10, 99, 100], bins=2)]
    [('0-50', 3), ('50-100', 2)]
    """
    width = 100 / bins
    counts = Counter(min(int(v // width), bins - 1) for v in values)
    return [Bar(f"{i * width:.0f}-{(i + 1) * width:.0f}", counts.get(i, 0)) for i in range(bins)]


def source_of(frame: "Any") -> tuple[str, "Any"]:
    """What to break the corpus down by: the site (domain) when the input had addresses, else
    the file a document came from, or its folder when every file holds one document."""
    if "domain" in frame.columns and (frame["domain"] != "").any():
        return "site", frame["domain"].where(frame["domain"] != "", "(no address)")
    files = frame["path"].str.replace(r":\d+$", "", regex=True)
    if len(frame) > 1 and files.nunique() == len(frame):
        return "folder", files.str.replace(r"[/\\][^/\\]*$", "", regex=True).replace("", ".")
    return "file", files


def summarise(frame: "Any", findings_by_rule: Counter, rows: int) -> dict[str, Any]:
    """Everything the page shows, as plain values for the template."""
    total = len(frame)
    categories = [c for c in CATEGORIES if c in frame.columns]
    per_category = sorted(((c, int(frame[c].sum())) for c in categories), key=lambda x: -x[1])
    kind, groups = source_of(frame)
    by_source = frame.assign(_source=groups).groupby("_source").agg(
        documents=("id", "size"), quality=("quality", "mean"), findings=("findings", "sum"),
        kept=("keep", "sum")).sort_values(["documents", "findings"], ascending=False)
    clusters = frame.groupby("cluster")["id"].size()
    clusters = clusters[clusters > 1]
    sizes = Counter(int(s) for s in clusters)
    dropped = frame[~frame["keep"]]
    reasons = Counter("near-duplicate" if r.startswith("near-duplicate") else r or "(none)" for r in dropped["reason"])
    return {
        "totals": {
            "documents": total,
            "kept": int(frame["keep"].sum()),
            "dropped": int((~frame["keep"]).sum()),
            "findings": int(frame["findings"].sum()),
            "words": int(frame["words"].sum()) if "words" in frame.columns else 0,
            "lines_removed": int(frame["lines_removed"].sum()) if "lines_removed" in frame.columns else 0,
            "median_quality": float(frame["quality"].median()) if total else 0.0,
        },
        "histogram": histogram(frame["quality"]),
        "categories": [Bar(c, n, "document" if c in DOCUMENT_CATEGORIES else "line") for c, n in per_category if n],
        "rules": [Bar(r, n) for r, n in findings_by_rule.most_common(25)],
        "source_kind": kind,
        "sources": [{"name": name, "documents": int(r.documents), "quality": float(r.quality),
                     "findings": int(r.findings), "dropped": int(r.documents - r.kept)}
                    for name, r in by_source.head(30).iterrows()],
        "source_count": len(by_source),
        "cluster_sizes": [Bar(str(size), n) for size, n in sorted(sizes.items())],
        "largest_clusters": [{"cluster": c, "size": int(n)} for c, n in clusters.sort_values(ascending=False).head(10).items()],
        "clustered_documents": int(clusters.sum()),
        "cluster_count": len(clusters),
        "reasons": [Bar(r, n) for r, n in reasons.most_common()],
        "rejected": dropped.sort_values("quality").head(rows)[["id", "path", "reason", "quality"]].to_dict("records"),
    }


def worst_of(frame: "Any", rows: int) -> "Any":
    """The `rows` documents of lowest quality, most findings first among equals."""
    return frame.sort_values(["quality", "findings"], ascending=[True, False]).head(rows)


def worst_documents(frame: "Any", worst: "Any", findings: dict[str, list[dict]]) -> list[dict[str, Any]]:
    """The table's rows: the `worst` documents (see `worst_of`) with their findings."""
    categories = [c for c in CATEGORIES if c in frame.columns]
    out = []
    for _, row in worst.iterrows():
        top = sorted(((c, int(row[c])) for c in categories if row[c]), key=lambda x: -x[1])
        out.append({
            "id": row["id"], "path": row["path"], "site": row.get("domain", "") or "",
            "quality": float(row["quality"]), "findings": int(row["findings"]), "words": int(row.get("words", 0)),
            "keep": bool(row["keep"]), "reason": row.get("reason", ""),
            "categories": " ".join(c for c, _ in top), "summary": ", ".join(f"{c} {n}" for c, n in top[:4]),
            "details": findings.get(row["id"], []),
        })
    return out


def render(report: Path, findings: Path | None = None, rows: int = DEFAULT_ROWS, title: str | None = None) -> str:
    """The dashboard page for a report CSV (and its findings JSONL), as HTML text."""
    import jinja2

    frame = read_report(report)
    worst = worst_of(frame, rows)
    by_document, per_rule = read_findings(findings, set(worst["id"]))
    environment = jinja2.Environment(loader=jinja2.PackageLoader("contentqa", "templates"),
                                     autoescape=jinja2.select_autoescape(["html", "j2"]),
                                     trim_blocks=True, lstrip_blocks=True)
    template = environment.get_template("dashboard.html.j2")
    return template.render(title=title or f"contentqa: {report.name}", report=report.name,
                           findings_file=findings.name if findings else "", summary=summarise(frame, per_rule, rows),
                           documents=worst_documents(frame, worst, by_document), rows=rows,
                           categories=[c for c in CATEGORIES if c in frame.columns])


def write_dashboard(report: Path, output: Path, findings: Path | None = None, rows: int = DEFAULT_ROWS,
                    title: str | None = None) -> None:
    """Render the dashboard and write it atomically."""
    from contentqa.writers import write_text

    write_text(output, render(report, findings, rows, title))
