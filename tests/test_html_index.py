"""`--format html -o DIR` over many reports: index.html ranks the reports by errors, lists the
commonest problems and links to one page per report; every link resolves to a written file.
The page is read with a parser (and, when Debian's chromium is installed, in a real browser)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from reviewer.render.common import code_counts, ranking
from tests.test_cli import CLEAN, REPORT, invoke, sample_run
from tests.test_html_browser import BROWSER, Dom, chromium

WORSE = REPORT.replace("某某县财政局", "某某县水利局") + "另有一处合计99人。\n"


class Index(HTMLParser):
    """The ranking rows (their attributes and links) and the commonest-problems rows."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, str]] = []
        self.links: list[str] = []
        self.common: list[str] = []
        self._table = ""
        self._cells: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self._table = a.get("id", "")
        if tag == "tr" and self._table == "ranking" and "data-rank" in a:
            self.rows.append(a)
        if tag == "tr" and self._table == "common" and "data-code" in a:
            self.common.append(a["data-code"])
        if tag == "a" and self._table == "ranking":
            self.links.append(a["href"])


@pytest.fixture
def site(tmp_path: Path, fake_rules: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("reports/x").mkdir(parents=True)
    Path("reports/a.txt").write_text(REPORT, encoding="utf-8")
    Path("reports/b.txt").write_text(CLEAN, encoding="utf-8")
    Path("reports/c.txt").write_text(WORSE, encoding="utf-8")
    Path("reports/x/a.txt").write_text(CLEAN, encoding="utf-8")
    result = invoke("check", "reports", "-f", "html", "-o", "site/", "--no-progress")
    assert result.exit_code == 1, result.output
    return tmp_path / "site"


def test_the_index_ranks_reports_by_errors_and_links_to_each_page(site: Path) -> None:
    page = Index((site / "index.html").read_text(encoding="utf-8"))
    assert [r["data-rank"] for r in page.rows] == ["1", "2", "3", "4"]
    assert [int(r["data-errors"]) for r in page.rows] == [2, 1, 0, 0]
    assert page.links == ["c.html", "a.html", "b.html", "a-2.html"]  # one page per report
    assert sorted(p.name for p in site.iterdir()) == sorted(["index.html", *page.links])
    for link, path in zip(
        page.links,
        ["reports/c.txt", "reports/a.txt", "reports/b.txt", "reports/x/a.txt"],
        strict=True,
    ):
        text = (site / link).read_text(encoding="utf-8")
        assert f"<code>{path}</code>" in text  # the page of that report
        assert '<a href="index.html">' in text  # and back to the overview


def test_the_index_lists_the_commonest_problems_and_filters_by_them(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    page = Index(html)
    assert page.common == ["Z001", "Z002", "Z003"]  # 3 findings of Z001, 2 of Z002 and Z003
    assert '<option value="Z001">' in html
    assert page.rows[0]["data-codes"] == "Z001 Z002 Z003"
    assert page.rows[2]["data-codes"] == ""
    assert "Content-Security-Policy" in html and "<script src" not in html


def test_one_html_file_is_still_one_page(
    tmp_path: Path, fake_rules: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(REPORT, encoding="utf-8")
    Path("b.txt").write_text(CLEAN, encoding="utf-8")
    assert invoke("check", "b.txt", "a.txt", "-f", "html", "-o", "all.html").exit_code == 1
    assert invoke("check", "a.txt", "-f", "html", "-o", "one.html").exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "all.html", "b.txt", "one.html"]
    assert 'id="ranking"' not in Path("one.html").read_text(encoding="utf-8")
    assert 'id="common"' not in Path("one.html").read_text(encoding="utf-8")
    # the one page over both: its summary ranked by errors (a.txt, given second, first), then
    # the commonest problems
    both = Path("all.html").read_text(encoding="utf-8")
    assert both.index('<a href="#r1">a.txt</a>') < both.index('<a href="#r0">b.txt</a>')
    assert both.index('id="common"') < both.index('<section class="report"')


def test_ranking_and_code_counts(fake_rules: None) -> None:
    run = sample_run()  # a.txt: 3 findings, b.txt: none, bad.txt: not reviewed
    run.reports.reverse()
    assert [run.reports[i].path for i in ranking(run)] == [
        "reports/a.txt",
        "reports/b.txt",
        "reports/bad.txt",
    ]
    assert code_counts(run) == [("Z001", 1, 1), ("Z002", 1, 1), ("Z003", 1, 1)]


@pytest.mark.skipif(
    BROWSER is None,
    reason="no headless browser: install Debian's chromium (apt-get install chromium) "
    "or set REVIEWER_CHROMIUM",
)
def test_the_filters_work_in_a_browser(site: Path, tmp_path: Path) -> None:
    url = (site / "index.html").as_uri()
    dom = Dom(chromium(tmp_path, url + "#code=Z002", "--dump-dom"))
    assert dom.find("html", **{"data-ready": "1"})
    shown = [
        a["data-rank"]
        for a in dom.find("tr")
        if "data-rank" in a and "off" not in a.get("class", "")
    ]
    assert shown == ["1", "2"]
    dom = Dom(chromium(tmp_path, url + "#q=水利", "--dump-dom"))
    shown = [
        a["data-rank"]
        for a in dom.find("tr")
        if "data-rank" in a and "off" not in a.get("class", "")
    ]
    assert shown == ["1"]
