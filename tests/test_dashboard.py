"""The dashboard as a person sees it: the page of a real report, rendered in headless Chromium
(Debian's chromium and chromium-driver, which `make install` installs where they are missing).
The totals equal the CSV's, sorting works, a filter narrows the table, a row opens on its
findings; and the page needs no network.

Set CONTENTQA_SCREENSHOT_DIR to keep the screenshot (`make screenshot` writes the README's).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentqa.cli import cli
from contentqa.dashboard import histogram, read_report, DashboardError

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A scan of real text: the seeds, real articles, and one article saved twice under other chrome."""
    corpus = tmp_path_factory.mktemp("corpus")
    for path in sorted((ROOT / "seeds").glob("*.txt")) + sorted(REAL.glob("*.txt")):
        shutil.copy(path, corpus / path.name)
    article = (REAL / "wcxb_4997.txt").read_text(encoding="utf-8")
    (corpus / "copy_of_4997.txt").write_text("Home > Health\n\n" + article + "\nRelated Posts\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    page = out / "dashboard.html"
    result = CliRunner().invoke(cli, ["scan", str(corpus), "--report", str(out / "report.csv"), "--findings",
                                      str(out / "findings.jsonl"), "--dashboard", str(page), "--workers", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / "report.csv", out / "findings.jsonl", page


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Debian's chromium and chromium-driver are not installed and could not be "
                    "(`make install` installs them with apt-get where it may)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                     "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def rows_of(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def visible_documents(browser) -> list:
    from selenium.webdriver.common.by import By

    return [row for row in browser.find_elements(By.CSS_SELECTOR, "#worst tr.document") if row.is_displayed()]


def test_the_page_is_self_contained(report) -> None:
    page = report[2].read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page and "http://" not in page.replace("http://www.w3", "")
    assert "https://" not in page or all(url in page for url in ())  # no remote resource of any kind
    assert "@import" not in page


def test_a_person_reads_the_totals_sorts_filters_and_opens_a_row(report, browser, tmp_path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    csv_rows = rows_of(report[0])
    browser.get(report[2].as_uri())
    total = {e.get_attribute("data-total"): e.find_element(By.TAG_NAME, "b").text.replace(",", "")
             for e in browser.find_elements(By.CSS_SELECTOR, "#totals .total")}
    assert int(total["documents"]) == len(csv_rows)
    assert int(total["kept"]) == sum(r["keep"] == "True" for r in csv_rows)
    assert int(total["dropped"]) == sum(r["keep"] != "True" for r in csv_rows)
    assert int(total["findings"]) == sum(int(r["findings"]) for r in csv_rows)
    assert "near-duplicate" in browser.find_element(By.ID, "rejected").text

    shown = visible_documents(browser)
    assert len(shown) == len(csv_rows)  # fewer than --rows: every document is listed
    qualities = [float(r.get_attribute("data-quality")) for r in shown]
    assert qualities == sorted(qualities)  # worst first
    browser.find_element(By.CSS_SELECTOR, "#worst th[data-key=quality]").click()
    qualities = [float(r.get_attribute("data-quality")) for r in visible_documents(browser)]
    assert qualities == sorted(qualities, reverse=True) and qualities[0] > qualities[-1]
    browser.find_element(By.CSS_SELECTOR, "#worst th[data-key=findings]").click()
    counts = [int(r.get_attribute("data-findings")) for r in visible_documents(browser)]
    assert counts == sorted(counts)

    box = browser.find_element(By.ID, "filter")
    box.send_keys("wcxb_")
    narrowed = visible_documents(browser)
    assert 0 < len(narrowed) < len(csv_rows)
    assert all("wcxb_" in r.get_attribute("data-id") for r in narrowed)
    assert browser.find_element(By.ID, "shown").text == f"{len(narrowed)} shown"
    box.clear()
    box.send_keys("x")  # clear() fires no input event: type and erase
    box.send_keys("\b")
    Select(browser.find_element(By.ID, "category")).select_by_value("llm-chatter")
    chatter = visible_documents(browser)
    assert chatter and len(chatter) < len(csv_rows)
    assert all("llm-chatter" in r.get_attribute("data-categories").split() for r in chatter)

    row = chatter[0]
    details = row.find_element(By.XPATH, "following-sibling::tr[1]")
    assert not details.is_displayed()
    row.click()
    assert details.is_displayed()
    assert "llm-chatter" in details.text and "|" in details.text  # the finding and the lines around it
    row.click()
    assert not details.is_displayed()

    keep = Path(os.environ.get("CONTENTQA_SCREENSHOT_DIR") or tmp_path)
    keep.mkdir(parents=True, exist_ok=True)
    browser.get(report[2].as_uri())  # as it opens, the worst document's findings shown
    visible_documents(browser)[0].click()
    browser.set_window_size(1400, 2400)
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(keep / "dashboard.png"))


def test_a_report_that_is_not_one_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "numbers.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DashboardError, match="not a contentqa report"):
        read_report(bad)
    result = CliRunner().invoke(cli, ["dashboard", str(bad), "-o", str(tmp_path / "page.html")])
    assert result.exit_code == 2 and "numbers.csv" in result.output
    assert not (tmp_path / "page.html").exists()


def test_quality_histogram_covers_zero_to_a_hundred() -> None:
    bars = histogram([0, 9.9, 10, 55, 100])
    assert [b.value for b in bars] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]


def test_a_corpus_with_addresses_is_broken_down_by_site(tmp_path) -> None:
    article = (REAL / "wcxb_5549.txt").read_text(encoding="utf-8")
    other = (REAL / "wcxb_4997.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": "a", "url": "https://www.example.org/a", "text": article + "\n\nLeave a Reply"},
            {"id": "b", "url": "https://news.example.net/b?x=1", "text": other},
            {"id": "c", "url": "http://example.org/c", "text": other + "\n\nRelated Posts"}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report, page = tmp_path / "report.csv", tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["scan", str(corpus), "--report", str(report), "--dashboard", str(page),
                                      "--workers", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    table = {r["id"]: r for r in rows_of(report)}
    assert table["a"]["domain"] == "example.org" and table["b"]["domain"] == "news.example.net"
    assert table["c"]["near-duplicate"] == "1" and table["c"]["duplicate_of"] == "b"
    html = page.read_text(encoding="utf-8")
    assert "<h2>Per site</h2>" in html
    sites = html[html.index("<h2>Per site</h2>"):html.index('<section id="rejected">')]
    assert sites.index("example.org") < sites.index("news.example.net")  # two documents before one
