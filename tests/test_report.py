"""The interactive HTML roadmap: one offline file, checked in a real browser.

The browser test drives the system Chromium (``/usr/bin/chromium``, which ``.ci/run``
installs when it is missing) with Playwright; Playwright never downloads a browser. With
the environment variable ``CI`` set, a missing browser or Playwright fails the test;
elsewhere it skips with the reason.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import stpmodel
from stpmodel import Roadmap
from stpmodel.cli import main
from stpmodel.errors import WriteError

pytest.importorskip("plotly", reason="the 'report' extra is not installed")

from stpmodel.report import RELATION_LABELS, render_html, report_records, write_html

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("STPMODEL_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# in the source: the parser drops <tags> but reads &lt; entities, so the model gets
# '"</script " <img src=x onerror=alert(1)> <!--' in an action's text
HOSTILE = '"</script " &lt;img src=x onerror=alert(1)&gt; <!--'


def _hostile(source: str) -> tuple[Roadmap, str]:
    roadmap = stpmodel.parse(source.replace("モリブデン", "モリブデン" + HOSTILE, 1))
    (text,) = [a.text for a in roadmap.actions if "onerror" in a.text]
    assert "</script " in text
    assert "<img src=x onerror=alert(1)>" in text
    return roadmap, text


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory, roadmap: Roadmap) -> Path:
    path = tmp_path_factory.mktemp("report") / "roadmap.html"
    write_html(roadmap, path)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    if not os.path.exists(CHROMIUM):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


class _Watch:
    """A page opened from disk, with every page error and request it made."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.url = path.as_uri()
        self.page: Page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: self.errors.append(f"dialog: {dialog.message}"))
        self.page.goto(self.url)
        self.page.wait_for_selector(".barlayer .point")

    def bars(self) -> int:
        return self.page.locator(".barlayer .point").count()

    def rows(self) -> list[str]:
        ids = self.page.locator("#items tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.id)"
        )
        return [str(i) for i in ids]

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if url != self.url and not url.startswith(("data:", "blob:"))
        ]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


# -- the file -------------------------------------------------------------------------
def test_page_is_self_contained_and_in_japanese(html_file: Path, roadmap: Roadmap) -> None:
    page = html_file.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="ja">' in page
    assert re.search(r"<script[^>]+src=", page) is None
    assert re.search(r"<link[^>]+href=", page) is None
    assert "Plotly" in page  # the library itself is inside
    data = re.search(r'<script type="application/json" id="stp-data">(.*?)</script>', page, re.S)
    assert data is not None
    records = json.loads(data.group(1))
    assert len(records["rows"]) == len(roadmap.deadlines())
    assert {r["id"] for r in records["rows"]} == {d.item.id for d in roadmap.deadlines()}
    for label in ("府省", "事業・制度", "日付の種類", "検索", "一覧", "本文"):
        assert label in page


def test_records_carry_what_the_hover_shows(roadmap: Roadmap) -> None:
    data = report_records(roadmap)
    for record, deadline in zip(data["rows"], roadmap.deadlines(), strict=True):
        assert record["id"] == deadline.item.id
        assert record["expression"] == deadline.mention.text
        assert record["relation_ja"] == RELATION_LABELS[deadline.mention.relation.value]
        assert record["start"] == deadline.mention.period.start.isoformat()
        leads = {r.code for r in deadline.item.ministries if r.lead}
        assert [label.rstrip("◎") for label in record["ministry_labels"]] == [
            r.code for r in deadline.item.ministries
        ]
        assert {label[:-1] for label in record["ministry_labels"] if label.endswith("◎")} == leads
    assert set(data["ministries"]) == {
        r.code for d in roadmap.deadlines() for r in d.item.ministries
    }


def test_text_cannot_break_out_of_the_page(source: str) -> None:
    hostile, _ = _hostile(source)
    page = render_html(hostile)
    assert "<img src=x" not in page
    assert page.lower().count("</script") == 3  # plotly, the data, the page script
    assert page.count("<!--") == 0


def test_write_html_never_replaces_a_file_unless_asked(tmp_path: Path, roadmap: Roadmap) -> None:
    target = tmp_path / "r.html"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(WriteError, match="exists"):
        write_html(roadmap, target)
    assert target.read_text(encoding="utf-8") == "mine"
    write_html(roadmap, target, overwrite=True)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(WriteError, match="symbolic link"):
        write_html(roadmap, link, overwrite=True)
    assert not (tmp_path / "elsewhere.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "r.html"]


def test_report_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "roadmap.html"
    assert main(["report", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    assert main(["report", "-o", str(target)]) == 2
    assert "exists" in capsys.readouterr().err
    assert main(["report", "-o", str(target), "--force"]) == 0


# -- in the browser -------------------------------------------------------------------
def test_report_in_a_real_browser(browser: Browser, html_file: Path, roadmap: Roadmap) -> None:
    watch = _Watch(browser, html_file)
    page = watch.page
    everything = roadmap.deadlines()

    # one bar per deadline, one table row per deadline
    assert watch.bars() == len(everything) == 29
    assert watch.rows() == [d.item.id for d in everything]
    assert page.locator("#count").text_content() == f"表示 29件 / 全 {len(everything)}件"

    # hovering a bar shows its ID, kind, ministries with the lead, expression and text
    bar = page.locator(".barlayer .point").first
    box = bar.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext")
    tip = page.locator(".hoverlayer .hovertext").text_content() or ""
    found = re.match(r"(\S+) \(.*?日付: (.+?) — ", tip)
    assert found is not None, tip
    (deadline,) = [
        d
        for d in everything
        if (d.item.id, d.mention.text.strip()) == (found.group(1), found.group(2))
    ]
    assert ("取組" if deadline.kind == "initiative" else "今後の取組方針") in tip
    for ref in deadline.item.ministries:
        assert (f"{ref.code}◎" if ref.lead else ref.code) in tip
    assert deadline.mention.period.start.isoformat() in tip
    assert _norm(deadline.item.text[-20:]) in _norm(tip)  # the full text, to its end

    # a ministry filter redraws the chart with that ministry's deadlines only
    page.select_option("#f-ministry", "文")
    expected = roadmap.deadlines(ministry="文")
    assert 0 < len(expected) < len(everything)
    assert watch.bars() == len(expected)
    assert watch.rows() == [d.item.id for d in expected]

    # the relation filter narrows further; clearing restores everything
    page.select_option("#f-relation", "from")
    both = [d for d in expected if d.mention.relation.value == "from"]
    assert watch.bars() == len(both)
    page.click("#f-reset")
    assert watch.bars() == len(everything)

    # the search box filters the table (and the chart), ignoring PDF spacing and width
    page.fill("#f-search", "ＳＩＰ第3期")
    wanted = [d.item.id for d in everything if _norm("SIP第3期") in _norm(d.item.text)]
    assert wanted
    assert watch.rows() == wanted
    assert watch.bars() == len(wanted)
    page.select_option("#f-program", "sip")
    assert watch.rows() == wanted  # those all mention SIP

    page.fill("#f-search", "")
    page.select_option("#f-program", "")
    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    page.screenshot(path=str(build / "report.png"))
    page.screenshot(path=str(build / "report-full.png"), full_page=True)
    assert watch.errors == []
    assert watch.foreign_requests() == []
    page.close()


def test_hostile_text_stays_text_in_the_browser(
    browser: Browser, tmp_path: Path, source: str
) -> None:
    hostile, text = _hostile(source)
    path = tmp_path / "hostile.html"
    write_html(hostile, path)
    watch = _Watch(browser, path)
    watch.page.fill("#f-search", "onerror")
    cells = watch.page.locator("#items tbody td.text").all_text_contents()
    assert cells == [text]
    assert watch.errors == []
    assert watch.foreign_requests() == []  # the <img src=x> was never made
    watch.page.close()
