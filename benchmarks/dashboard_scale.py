"""The dashboard of a 50,000-document report: the page's size, the time `contentqa dashboard`
takes to draw it, and the time headless Chromium takes to open it (navigation start to the
load event, median of 3 fresh loads). Issue 9: under 5 MB, open in under 3 seconds.

The report is the bench's own `scan` (report and findings of 2,000 documents) repeated, each
copy with new ids, to 50,000 rows; its findings are repeated with it.

    python -m benchmarks.dashboard_scale --rows 50000 --out bench-out/dashboard
"""

from __future__ import annotations

import csv
import json
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from benchmarks.common import corpus_arguments, docs_present, run


def scaled_report(contentqa: str, docs: Path, out: Path, rows: int) -> tuple[Path, Path]:
    """A scan of `docs`, its report and findings repeated to `rows` documents."""
    report, findings = out / "scan.csv", out / "scan.jsonl"
    run([contentqa, "scan", str(docs), "--report", str(report), "--findings", str(findings), "--no-progress"])
    with open(report, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        header, base = reader.fieldnames, list(reader)
    lines = findings.read_text(encoding="utf-8").splitlines()
    big_report, big_findings = out / f"report-{rows}.csv", out / f"findings-{rows}.jsonl"
    with open(big_report, "w", encoding="utf-8", newline="") as stream, \
            open(big_findings, "w", encoding="utf-8") as found:
        writer = csv.DictWriter(stream, header)
        writer.writeheader()
        copy = 0
        while copy * len(base) < rows:
            suffix = f"~{copy}" if copy else ""
            for row in base[:rows - copy * len(base)]:
                writer.writerow({**row, "id": row["id"] + suffix, "cluster": row["cluster"] + suffix,
                                 "duplicate_of": row["duplicate_of"] + suffix if row["duplicate_of"] else ""})
            for line in lines:
                data = json.loads(line)
                data["id"] = str(data.get("id", "")) + suffix
                found.write(json.dumps(data) + "\n")
            copy += 1
    return big_report, big_findings


def open_seconds(page: Path, repeat: int = 3) -> list[float]:
    """Seconds from navigation start to the load event, for `repeat` fresh loads in headless Chromium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        times = []
        for _ in range(repeat):
            driver.get("about:blank")
            driver.get(page.resolve().as_uri())
            timing = [0, 0]
            for _ in range(200):  # the load event's end is recorded just after get() returns
                timing = driver.execute_script(
                    "var t = performance.getEntriesByType('navigation')[0]; return [t.loadEventEnd, t.startTime];")
                if timing[0] > 0:
                    break
                time.sleep(0.05)
            times.append(round((timing[0] - timing[1]) / 1000, 3))
        return times
    finally:
        driver.quit()


def main() -> int:
    parser = corpus_arguments(__doc__.splitlines()[0], "bench-out/dashboard")
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    if not docs_present(args.docs, "dashboard"):
        return 0
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("dashboard: chromium and chromedriver are absent (make install adds them); skipped")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    report, findings = scaled_report(args.contentqa, args.docs, args.out, args.rows)
    page = args.out / "dashboard.html"
    draws = []
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run([args.contentqa, "dashboard", str(report), "--findings", str(findings), "-o", str(page)],
                       check=True, stderr=subprocess.DEVNULL)
        draws.append(round(time.perf_counter() - began, 2))
    opens = open_seconds(page)
    result = {"documents": args.rows, "report_mb": round(report.stat().st_size / 2**20, 1),
              "findings_mb": round(findings.stat().st_size / 2**20, 1),
              "page_mb": round(page.stat().st_size / 2**20, 2), "draw_seconds": draws,
              "draw_median": statistics.median(draws), "open_seconds": opens,
              "open_median": statistics.median(opens)}
    (args.out / "result.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
