"""The interactive HTML roadmap: one offline file, checked in a real browser.

The browser tests (marked ``browser``) cover what a reader does with the page: the views,
filters and search kept in the URL hash, item anchors, the name resolver in the search,
sorting, the CSV button, phone and desktop layouts, print, the toolbar and the footer, and
a roadmap built to break the page (placeholders, ``</script>``, U+2028, an ID holding a
link). They save screenshots (desktop, phone, print) to ``build/``.

The browser test drives the system Chromium (``/usr/bin/chromium``, which ``.ci/run``
installs when it is missing) with Playwright; Playwright never downloads a browser. With
the environment variable ``CI`` set, a missing browser or Playwright fails the test;
elsewhere it skips with the reason.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import html as htmllib
import io
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
from stpmodel._labels import COLUMNS
from stpmodel.cli import main
from stpmodel.errors import WriteError
from stpmodel.model import Action, Initiative, StatusNote

pytest.importorskip("plotly", reason="the 'report' extra is not installed")

from stpmodel.report import (
    CSV_COLUMNS,
    PLOTLY_LABELS,
    RELATION_LABELS,
    render_html,
    report_records,
    write_html,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
GALLERY = ROOT / "docs" / "gallery"
TODAY = dt.date(2025, 6, 1)
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


def template_print() -> str:
    """The SHA-256 of the report's template (markup, style, script): the gallery's
    screenshot records the one it shows."""
    from stpmodel.report import _page

    return hashlib.sha256((_page.PAGE + _page.STYLE + _page.SCRIPT).encode()).hexdigest()


def test_the_gallery_shows_the_current_report() -> None:
    """The committed screenshot was taken of this template (the browser test refreshes it,
    and this check fails until the refreshed one is committed)."""
    assert (GALLERY / "report.png").read_bytes().startswith(b"\x89PNG")
    recorded = (GALLERY / "report.sha256").read_text(encoding="utf-8").strip()
    assert recorded == template_print(), "run the browser test and commit docs/gallery/"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory, roadmap: Roadmap) -> Path:
    path = tmp_path_factory.mktemp("report") / "roadmap.html"
    write_html(roadmap, path, today=TODAY)
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

    def __init__(
        self,
        browser: Browser,
        path: Path,
        *,
        hash: str = "",
        width: int = 1400,
        height: int = 900,
        downloads: bool = False,
    ) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.url = path.as_uri()
        self.page: Page = browser.new_page(
            viewport={"width": width, "height": height}, accept_downloads=downloads
        )
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: self.errors.append(f"dialog: {dialog.message}"))
        # a script the policy refused, or any other console error
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.goto(self.url + hash)
        self.page.wait_for_selector(".barlayer .point", state="attached")

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
            if url.split("#")[0] != self.url and not url.startswith(("data:", "blob:"))
        ]

    def hash(self) -> str:
        return str(self.page.evaluate("location.hash"))

    def shown(self, selector: str) -> bool:
        return bool(self.page.locator(selector).first.is_visible())


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
    for label in ("府省", "事業・制度", "日付の種類", "検索", "一覧", "本文", "工程表", "指標"):
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
def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser test: no browser"):
        _unavailable("no browser")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="no browser"):
        _unavailable("no browser")


@pytest.mark.browser
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
    assert ("取組" if deadline.kind == "initiative" else "取組方針") in tip
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
    # SIP第3期 is also a spelling of the program sip, so its items come too
    wanted = [
        d.item.id
        for d in everything
        if _norm("SIP第3期") in _norm(d.item.text) or "sip" in d.item.programs
    ]
    assert wanted
    assert watch.rows() == wanted
    assert watch.bars() == len(wanted)
    page.select_option("#f-program", "sip")
    assert watch.rows() == wanted  # those all mention SIP

    page.fill("#f-search", "")
    page.select_option("#f-program", "")
    assert watch.errors == []
    assert watch.foreign_requests() == []
    page.close()


@pytest.mark.browser
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


# -- one pass, escaped, under a policy ------------------------------------------------
PLACEHOLDERS = "{{script}}{{data}}{{plotly}}{{title}}{{style}}{{csp}}"
LINK_ID = '6.1.2.a3<a href="https://example.com/">link</a>'
FORMULA = '=HYPERLINK("https://example.com/","x")'


def _attack(roadmap: Roadmap) -> Roadmap:
    """The bundled roadmap with placeholders, ``</script>`` and line separators in its
    title, file name and an action's text, and that action's ID holding a link (as a
    JSON file could carry them)."""
    data = json.loads(stpmodel.dumps(roadmap))
    data["title"] = f"{PLACEHOLDERS}</script><script>window.PWNED=1</script>\u2028表題"
    data["source"]["name"] = f"{PLACEHOLDERS}</script>\u2029.txt"
    for initiative in data["sections"][0]["subsections"][0]["initiatives"]:
        for action in initiative["actions"]:
            if action["id"] == "6.1.2.a3":
                action["id"] = LINK_ID
                action["text"] = (
                    f"{FORMULA}{PLACEHOLDERS}</script><img src=x onerror=window.PWNED=1>"
                    f"\u2028\u2029<b>太字</b>{action['text']}"
                )
    hostile = stpmodel.loads(json.dumps(data))
    assert LINK_ID in {d.item.id for d in hostile.deadlines()}
    return hostile


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, re.S)


def test_template_is_filled_in_one_pass(roadmap: Roadmap) -> None:
    hostile = _attack(roadmap)
    page = render_html(hostile)
    # the placeholders in the title stay text: plotly is not pasted into <title>
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None
    assert PLACEHOLDERS in title.group(1)
    assert "Plotly" not in title.group(1)
    assert page.split("<body>")[0].count("<title>") == 1
    # the embedded data is valid JSON holding what the roadmap holds
    data = re.search(r'<script type="application/json" id="stp-data">(.*?)</script>', page, re.S)
    assert data is not None
    records = json.loads(data.group(1))
    assert records["title"] == hostile.title
    assert records["source"] == hostile.source.name
    assert len(records["rows"]) == len(hostile.deadlines())
    # nothing in it can end the element or a line in older JavaScript
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in data.group(1), repr(bad)
    assert page.lower().count("</script") == 3


def test_scripts_run_by_hash_not_unsafe_inline(roadmap: Roadmap) -> None:
    page = render_html(roadmap)
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert found is not None
    policy = htmllib.unescape(found.group(1))
    rules = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert rules["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in rules["script-src"]
    assert "'unsafe-eval'" not in rules["script-src"]
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _scripts(page)
    }
    assert len(hashes) == 2  # plotly and the page's script
    assert set(rules["script-src"]) == hashes
    # no inline event handler, which a hash cannot allow
    markup = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    assert re.search(r"<[^>]+\son\w+\s*=", markup) is None


def test_csv_cells_come_guarded_from_python(roadmap: Roadmap) -> None:
    from stpmodel.export.tables import guard

    hostile = _attack(roadmap)
    data = report_records(hostile)
    assert data["csv_columns"] == list(CSV_COLUMNS)
    (row,) = [r for r in data["rows"] if r["id"] == LINK_ID]
    text = row["csv"][CSV_COLUMNS.index(COLUMNS["text"].ja)]
    assert text == guard(row["text"])
    assert text.startswith("'=HYPERLINK(")


def test_today_defaults_to_the_library_clock(roadmap: Roadmap) -> None:
    from stpmodel.dates import today

    assert report_records(roadmap)["today"] == today().isoformat()
    assert report_records(roadmap, today=TODAY)["today"] == "2025-06-01"


def test_alias_table_is_the_library_resolver(roadmap: Roadmap) -> None:
    from stpmodel.registry._names import name_key

    aliases = report_records(roadmap)["aliases"]
    for spelling in ("MEXT", "文部科学省", "文科省", "文"):
        assert aliases[name_key(spelling)]["ministries"] == [roadmap.ministry_code(spelling)]
    for spelling in ("S I P", "SIP", "ムーンショット"):
        if name_key(spelling) in aliases:
            assert aliases[name_key(spelling)]["programs"] == [roadmap.program_id(spelling)]
    assert aliases[name_key("SIP")]["programs"] == ["sip"]


def test_citation_names_publisher_document_section_and_sha256(roadmap: Roadmap) -> None:
    cited = report_records(roadmap)["citation"]
    assert cited["publisher"] == "内閣府"
    assert cited["document"] == "統合イノベーション戦略2024"
    assert cited["section"].startswith("(6) 様々な社会課題")
    assert cited["sha256"] == hashlib.sha256(stpmodel.source_text().encode()).hexdigest() or (
        cited["sha256"] == roadmap.source.sha256
    )


# -- in the browser: a report that is a tool ------------------------------------------
def _anchors(page: Page) -> list[str]:
    """Every link of the page, HTML and SVG, as written."""
    return [
        str(h)
        for h in page.evaluate(
            """() => Array.from(document.querySelectorAll("a")).map(a =>
                a.getAttribute("href") || a.getAttribute("xlink:href") ||
                a.getAttributeNS("http://www.w3.org/1999/xlink", "href") || "")"""
        )
    ]


@pytest.mark.browser
def test_an_attack_shows_every_row_runs_nothing_and_links_nowhere(
    browser: Browser, tmp_path: Path, roadmap: Roadmap
) -> None:
    hostile = _attack(roadmap)
    path = tmp_path / "{{script}}{{data}}.html"
    write_html(hostile, path, today=TODAY)
    watch = _Watch(browser, path)
    page = watch.page
    assert watch.rows() == [d.item.id for d in hostile.deadlines()]
    assert watch.bars() == len(hostile.deadlines())
    assert page.evaluate("window.PWNED") is None
    assert page.locator("img").count() == 0
    assert page.title().startswith(PLACEHOLDERS)
    # the ID is text everywhere: in the table, in the chart's labels, in the roadmap view
    assert LINK_ID in (page.locator("#items tbody").text_content() or "")
    assert any(LINK_ID in t for t in page.locator("#chart .ytick").all_text_contents())
    for href in _anchors(page):
        assert href.startswith("#") or href == "", href
    assert watch.errors == []
    assert watch.foreign_requests() == []
    page.close()


@pytest.mark.browser
def test_filters_and_search_live_in_the_url(
    browser: Browser, html_file: Path, roadmap: Roadmap
) -> None:
    watch = _Watch(browser, html_file)
    page = watch.page
    assert watch.hash() == ""
    page.select_option("#f-ministry", "文")
    page.fill("#f-search", "2025")
    rows = watch.rows()
    expected = [
        d.item.id
        for d in roadmap.deadlines(ministry="文")
        if "2025" in _norm(" ".join([d.item.id, d.item.text, d.mention.text]))
    ]
    assert rows == expected
    assert 0 < len(rows) < len(roadmap.deadlines(ministry="文"))
    hash = watch.hash()
    assert hash.startswith("#?")
    assert "ministry=%E6%96%87" in hash
    assert "q=2025" in hash
    # a new page opened at that address shows the same view
    again = _Watch(browser, html_file, hash=hash)
    assert again.page.input_value("#f-ministry") == "文"
    assert again.page.input_value("#f-search") == "2025"
    assert again.rows() == rows
    assert again.page.locator("#count").text_content() == f"表示 {len(rows)}件 / 全 29件"
    assert watch.errors == again.errors == []
    page.close()
    again.page.close()


@pytest.mark.browser
def test_an_item_id_in_the_hash_opens_and_highlights_it(
    browser: Browser, html_file: Path, roadmap: Roadmap
) -> None:
    watch = _Watch(browser, html_file, hash="#6.1.2.a3")
    page = watch.page
    item = page.locator('#view-roadmap [data-anchor="6.1.2.a3"]')
    assert item.is_visible()
    assert "highlight" in (item.get_attribute("class") or "")
    assert roadmap.get("6.1.2.a3", Action).text[:20] in (item.text_content() or "")
    assert page.locator("#view-timeline").is_hidden()
    # scrolled into the screen
    assert item.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
    )
    # its initiative is open, the others closed
    assert "open" in (page.locator('.node[data-anchor="6.1.2"]').get_attribute("class") or "")
    assert "open" not in (page.locator('.node[data-anchor="6.1.1"]').get_attribute("class") or "")
    # a link in the timeline's table goes to the item the same way
    page.evaluate("location.hash = ''")
    page.click('#views [data-view="timeline"]')
    page.click('#items a[href="#6.1.1"]')
    page.wait_for_selector('#view-roadmap [data-anchor="6.1.1"].highlight', state="visible")
    assert watch.errors == []
    page.close()


@pytest.mark.browser
def test_search_reads_ministry_names_as_the_library_does(
    browser: Browser, html_file: Path, roadmap: Roadmap
) -> None:
    watch = _Watch(browser, html_file)
    expected = [d.item.id for d in roadmap.deadlines(ministry="文")]
    for spelling in ("MEXT", "mext", "文部科学省", "文科省"):
        watch.page.fill("#f-search", spelling)
        assert watch.rows() == expected, spelling
    watch.page.fill("#f-search", "S I P")
    assert watch.rows() == [d.item.id for d in roadmap.deadlines(program="sip")]
    assert watch.errors == []
    watch.page.close()


def _column(watch: _Watch, cls: str) -> list[str]:
    return [str(t) for t in watch.page.locator(f"#items tbody td.{cls}").all_text_contents()]


@pytest.mark.browser
def test_columns_sort_and_csv_holds_the_rows_shown(
    browser: Browser, html_file: Path, roadmap: Roadmap
) -> None:
    watch = _Watch(browser, html_file, downloads=True)
    page = watch.page
    document_order = _column(watch, "due")
    assert document_order != sorted(document_order)
    page.click('#items th[data-key="due"] button')
    assert _column(watch, "due") == sorted(document_order)
    assert page.get_attribute('#items th[data-key="due"]', "aria-sort") == "ascending"
    assert "sort=due" in watch.hash()
    page.click('#items th[data-key="due"] button')
    assert _column(watch, "due") == sorted(document_order, reverse=True)
    assert "dir=desc" in watch.hash()

    page.select_option("#f-ministry", "文")
    shown = watch.rows()
    with page.expect_download() as info:
        page.click("#csv")
    download = info.value
    assert download.suggested_filename == "roadmap.csv"
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert table[0] == list(CSV_COLUMNS)
    assert [r[0] for r in table[1:]] == shown
    dues = [r[CSV_COLUMNS.index(COLUMNS["due"].ja)] for r in table[1:]]
    assert dues == sorted(dues, reverse=True)
    by_id = {d.item.id: d for d in roadmap.deadlines(ministry="文")}
    for r in table[1:]:
        assert r[CSV_COLUMNS.index(COLUMNS["text"].ja)] == by_id[r[0]].item.text
    assert watch.errors == []
    page.close()


@pytest.mark.browser
def test_csv_cells_are_the_guarded_ones(browser: Browser, tmp_path: Path, roadmap: Roadmap) -> None:
    path = tmp_path / "attack.html"
    write_html(_attack(roadmap), path, today=TODAY)
    watch = _Watch(browser, path, downloads=True)
    watch.page.fill("#f-search", "HYPERLINK")
    with watch.page.expect_download() as info:
        watch.page.click("#csv")
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    (row,) = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert row[0] == LINK_ID
    assert row[CSV_COLUMNS.index(COLUMNS["text"].ja)].startswith("'=HYPERLINK(")
    watch.page.close()


@pytest.mark.browser
def test_views_list_the_whole_roadmap(browser: Browser, html_file: Path, roadmap: Roadmap) -> None:
    watch = _Watch(browser, html_file)
    page = watch.page
    page.click('#views [data-view="roadmap"]')
    assert "view=roadmap" in watch.hash()

    def ids(kind: str) -> list[str]:
        return [
            str(i)
            for i in page.locator(f'#tree [data-kind="{kind}"]').evaluate_all(
                "nodes => nodes.map(n => n.dataset.anchor)"
            )
        ]

    assert ids("initiative") == [i.id for i in roadmap.initiatives]
    assert len(ids("initiative")) == 25
    assert sorted(ids("action")) == sorted(a.id for a in roadmap.actions)
    assert len(ids("action")) == 95
    assert sorted(ids("status_note")) == sorted(n.id for n in roadmap.status_notes)
    assert len(ids("status_note")) == 102
    # collapsed until opened; each initiative shows its dates, ministries and programs
    first = page.locator('.node[data-anchor="6.1.2"]')
    assert first.locator(".body").is_hidden()
    first.locator(".head").click()
    assert first.locator(".body").is_visible()
    body = first.locator(".body > .meta").first.text_content() or ""
    initiative = roadmap.get("6.1.2", Initiative)
    for ref in initiative.ministries:
        assert ref.code in body
    for mention in initiative.dates:
        assert mention.text.strip() in body
    if initiative.programs:
        assert "事業・制度" in body

    page.click('#views [data-view="programs"]')
    items: list[Initiative | StatusNote | Action] = [
        *roadmap.initiatives,
        *roadmap.status_notes,
        *roadmap.actions,
    ]
    for pid in roadmap.programs:
        card = page.locator(f'#program-list [data-anchor="{pid}"]')
        listed = [
            str(h).lstrip("#")
            for h in card.locator(".links a").evaluate_all(
                "l => l.map(a => a.getAttribute('href'))"
            )
        ]
        assert sorted(listed) == sorted(i.id for i in items if pid in i.programs), pid
    sip = page.locator('#program-list [data-anchor="sip"]').text_content() or ""
    for phase in roadmap.programs["sip"].phases:
        assert str(getattr(phase, "label", phase)) in sip

    page.click('#views [data-view="ministries"]')
    assert page.locator("#ministry-list [data-anchor]").count() == len(roadmap.ministries)
    page.click('#views [data-view="indicators"]')
    assert page.locator("#indicator-list [data-anchor]").count() == len(roadmap.indicators)
    assert watch.errors == []
    page.close()


@pytest.mark.browser
def test_timeline_marks_today_and_the_toolbar_speaks_japanese(
    browser: Browser, html_file: Path
) -> None:
    watch = _Watch(browser, html_file)
    page = watch.page
    shapes = page.evaluate("document.getElementById('chart').layout.shapes")
    (line,) = [s for s in shapes if s["type"] == "line"]
    assert line["x0"] == line["x1"] == TODAY.isoformat()
    assert "今日 2025-06-01" in (page.locator("#chart .annotation").text_content() or "")
    page.hover("#chart")
    titles = page.locator(".modebar-btn").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('data-title'))"
    )
    assert titles == [
        PLOTLY_LABELS[k] for k in ("Download plot as a PNG", "Zoom in", "Zoom out", "Reset axes")
    ]
    assert watch.errors == []
    page.close()


@pytest.mark.browser
def test_footer_cites_the_source_as_a_person_would(
    browser: Browser, html_file: Path, roadmap: Roadmap
) -> None:
    watch = _Watch(browser, html_file)
    footer = watch.page.locator("footer").text_content() or ""
    assert "内閣府「統合イノベーション戦略2024」工程表" in footer
    assert "(6) 様々な社会課題" in footer
    assert "2024" in footer
    assert roadmap.source.sha256 in footer
    assert roadmap.source.name not in footer
    watch.page.close()


# -- screens and paper ----------------------------------------------------------------
@pytest.mark.browser
def test_desktop_first_screen_holds_filters_timeline_and_table_header(
    browser: Browser, html_file: Path
) -> None:
    watch = _Watch(browser, html_file, width=1400, height=1000)
    page = watch.page
    for selector in ("#filters", "#chart .ytick", ".barlayer .point", "#items thead"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        assert box["y"] >= 0
        assert box["y"] + box["height"] <= 1000, (selector, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / "report-desktop.png"))
    assert watch.errors == []
    page.close()
    # the gallery's screenshot is refreshed when the report's template changed
    recorded = GALLERY / "report.sha256"
    if not recorded.exists() or recorded.read_text(encoding="utf-8").strip() != template_print():
        (GALLERY / "report.png").write_bytes((BUILD / "report-desktop.png").read_bytes())
        recorded.write_text(template_print() + "\n", encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(390, 844), (360, 740)])
def test_phone_has_no_sideways_scroll_and_shows_cards(
    browser: Browser, html_file: Path, width: int, height: int
) -> None:
    watch = _Watch(browser, html_file, width=width, height=height)
    page = watch.page
    for view in ("timeline", "roadmap", "programs", "ministries", "indicators"):
        page.click(f'#views [data-view="{view}"]')
        page.click("#open-all") if view == "roadmap" else None
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (view, scroll)
    page.click('#views [data-view="timeline"]')
    assert page.locator("#items thead").is_hidden()
    assert page.eval_on_selector("#items tbody tr", "tr => getComputedStyle(tr).display") == "block"
    label = page.eval_on_selector(
        "#items tbody td.text", "td => getComputedStyle(td, '::before').content"
    )
    assert "本文" in label
    if width == 390:
        BUILD.mkdir(exist_ok=True)
        page.screenshot(path=str(BUILD / "report-phone.png"), full_page=False)
    assert watch.errors == []
    page.close()


@pytest.mark.browser
def test_print_shows_every_view_without_controls(browser: Browser, html_file: Path) -> None:
    watch = _Watch(browser, html_file, width=1000, height=1400)
    page = watch.page
    page.emulate_media(media="print")
    for hidden in ("#filters", "#views", "#csv", "#open-all"):
        assert page.locator(hidden).is_hidden(), hidden
    for view in ("timeline", "roadmap", "programs", "ministries", "indicators"):
        assert page.locator(f"#view-{view}").is_visible(), view
    assert page.locator('.node[data-anchor="6.1.2"] .body').is_visible()
    breaks = page.eval_on_selector("#view-roadmap", "s => getComputedStyle(s).breakBefore")
    assert breaks == "page"
    assert page.locator("#items tbody tr").count() == 29
    assert page.evaluate("document.documentElement.scrollWidth") <= 1000  # nothing cut off
    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / "report-print.png"), full_page=True)
    assert watch.errors == []
    page.close()
