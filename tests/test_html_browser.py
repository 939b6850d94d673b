"""The HTML report in a real headless browser: highlights sit on the right words, the filters
hide what they should, nothing is loaded from outside. Skips when no Chromium is installed
(Debian: `apt-get install chromium`; or point REVIEWER_CHROMIUM at a Chrome/Chromium binary)."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reviewer.cli import app
from tests.test_cli import REPORT


def _browser() -> str | None:
    env = os.environ.get("REVIEWER_CHROMIUM")
    if env:
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


BROWSER = _browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless browser: install Debian's chromium (apt-get install chromium) "
    "or set REVIEWER_CHROMIUM",
)


def chromium(tmp_path: Path, url: str, *extra: str) -> str:
    assert BROWSER is not None
    cmd = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1400,900",
        *extra,
        url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


class Dom(HTMLParser):
    """Elements with their attributes, and the text inside <pre class="doc">."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.doc_text: list[str] = []
        self.mark_text: list[tuple[dict[str, str], str]] = []
        self._in_doc = 0
        self._mark: dict[str, str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "pre" and "doc" in a.get("class", ""):
            self._in_doc += 1
        if tag == "mark":
            self._mark = a
            self.mark_text.append((a, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._in_doc:
            self._in_doc -= 1
        if tag == "mark":
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._in_doc:
            self.doc_text.append(data)
        if self._mark is not None:
            a, text = self.mark_text[-1]
            self.mark_text[-1] = (a, text + data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


@pytest.fixture
def page(tmp_path: Path, fake_rules: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    text = REPORT.replace("二、绩效目标", "二、绩效目标 <script>window.pwned=1</script>&amp;")
    Path("a.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["check", "a.txt", "-f", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output
    return out


def test_findings_are_highlighted_in_place(page: Path, tmp_path: Path) -> None:
    dom = Dom(chromium(tmp_path, page.as_uri(), "--dump-dom"))
    assert dom.find("html", **{"data-ready": "1"}), "the page script did not run"
    # the report's own text, unchanged and escaped (the <script> in it is text, not a tag)
    assert "".join(dom.doc_text) == Path("a.txt").read_text(encoding="utf-8")
    assert not any(a.get("src") for _, a in dom.elements)  # nothing loaded from outside
    marks = {text: a for a, text in dom.mark_text}
    assert marks["合计99人"]["data-sev"] == "error"
    assert marks["进一步提高"]["data-sev"] == "warning"
    assert marks["尾差"]["data-sev"] == "info"
    assert marks["其中在编40人、编外3人"]["data-sev"] == "evidence"
    assert len(dom.find("li", **{"data-sev": "error"})) == 1
    assert not [a for a, _ in dom.mark_text if "off" in a.get("class", "")]


def test_filters_hide_findings_by_severity_and_source(page: Path, tmp_path: Path) -> None:
    dom = Dom(chromium(tmp_path, page.as_uri() + "#sev=error&src=rules", "--dump-dom"))
    off = {text for a, text in dom.mark_text if "off" in a.get("class", "").split()}
    on = {text for a, text in dom.mark_text if "off" not in a.get("class", "").split()}
    assert off == {"进一步提高", "尾差"}
    assert on == {"合计99人", "其中在编40人、编外3人"}
    hidden = {a["data-sev"] for a in dom.find("li") if "off" in a.get("class", "").split()}
    assert hidden == {"warning", "info"}
    assert dom.find("html", **{"data-filtered": "warning,info,llm"})  # the boxes follow the hash

    nothing = Dom(
        chromium(tmp_path, page.as_uri() + "#sev=error,warning,info&src=llm", "--dump-dom")
    )
    assert all("off" in a.get("class", "") for a, _ in nothing.mark_text)


def test_screenshot_renders(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    chromium(tmp_path, page.as_uri(), f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000
