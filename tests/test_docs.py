"""The documentation site builds the way the README says (``mkdocs build``, strict, with no
warning at all and nothing fetched from the network), its API reference renders (no Sphinx
or reST residue, an anchor for every public name, fields with their types, public bases
only), the site holds documentation files only, and the tutorial shows pictures drawn at
build time."""

from __future__ import annotations

import html as htmllib
import importlib
import inspect
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import stpmodel

ROOT = Path(__file__).resolve().parents[1]
ROLES = re.compile(r":(?:class|func|meth|data|attr|mod|exc|obj|py:\w+):")
REST = re.compile(r">>>|``|\\ |:param |:returns?:|:rtype:|:raises |^\.\. \w[\w-]*::", re.M)


def _public_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(stpmodel.__path__, "stpmodel.")
        if not any(part.startswith("_") for part in info.name.split(".")[1:])
        and info.name != "stpmodel.data"
    ]


def _reference_pages() -> str:
    return "\n".join(
        page.read_text(encoding="utf-8") for page in sorted((ROOT / "docs" / "api").glob("*.md"))
    )


def test_every_public_module_has_all_and_is_in_the_reference() -> None:
    api = _reference_pages()
    for name in _public_modules():
        module = importlib.import_module(name)
        assert hasattr(module, "__all__"), name
        assert f"::: {name}\n" in api, name


def _build(config_dir: Path, folder: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` as the README runs it (strict, not quiet: every warning is shown),
    with no network proxy and a fresh home, so nothing cached or fetched can help."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(folder)],
        cwd=config_dir,
        capture_output=True,
        text=True,
        check=False,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(home),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
            # any attempt to reach the network fails at once
            "http_proxy": "http://127.0.0.1:9",
            "https_proxy": "http://127.0.0.1:9",
            "HTTP_PROXY": "http://127.0.0.1:9",
            "HTTPS_PROXY": "http://127.0.0.1:9",
        },
    )


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"\s*(WARNING|ERROR)\b", line)]


def _need_docs_extra() -> None:
    pytest.importorskip("mkdocs", reason="the 'docs' extra is not installed")
    pytest.importorskip("mkdocstrings", reason="the 'docs' extra is not installed")
    pytest.importorskip("matplotlib", reason="the tutorial's pictures need the 'plot' extra")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_docs_extra()
    home = tmp_path_factory.mktemp("home")
    folder = home / "site"
    done = _build(ROOT, folder, home)
    assert done.returncode == 0, done.stderr
    assert _warnings(done.stderr) == []
    return folder


@pytest.mark.slow
def test_the_build_reports_zero_warnings_and_fetches_nothing(site: Path) -> None:
    """The build above ran with a proxy that refuses every connection and printed no
    warning; the config names no inventory to fetch and no web font."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "inventories" not in config
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "api" / "model" / "index.html").exists()


@pytest.mark.slow
def test_a_broken_cross_reference_fails_the_build(tmp_path: Path) -> None:
    """The same build on a copy of the docs with one link that resolves nowhere fails and
    names the link (so the test above would see a broken reference)."""
    _need_docs_extra()
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copytree(ROOT / "docs", copy / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    shutil.copy(ROOT / "CHANGELOG.md", copy / "CHANGELOG.md")
    (copy / "src").symlink_to(ROOT / "src")
    page = copy / "docs" / "getting-started.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee [walking][stpmodel.Roadmap.no_such_member].\n",
        encoding="utf-8",
    )
    done = _build(copy, tmp_path / "site", tmp_path)
    assert done.returncode != 0
    assert any("stpmodel.Roadmap.no_such_member" in line for line in _warnings(done.stderr))


@pytest.fixture(scope="module")
def api_html(site: Path) -> str:
    """Every page of the API reference, one after another."""
    return "\n".join(
        page.read_text(encoding="utf-8") for page in sorted((site / "api").rglob("index.html"))
    )


def _prose(html: str) -> str:
    """The text a reader sees outside code: tags removed, entities decoded."""
    html = re.sub(r"<(pre|code)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


def _near(text: str, at: int) -> str:
    return " ".join(text[max(0, at - 60) : at + 40].split())


@pytest.mark.slow
def test_api_page_has_no_sphinx_roles_or_rest_residue(api_html: str) -> None:
    text = _prose(api_html)
    found = [_near(text, m.start()) for m in ROLES.finditer(text)]
    found += [_near(text, m.start()) for m in REST.finditer(text)]
    assert found == []
    # a doctest turned into nested quotes by Markdown
    assert "<blockquote>" not in api_html


@pytest.mark.slow
def test_my_pages_render_without_residue(api_html: str) -> None:
    """The sections of the modules already converted: no role, no reST residue."""
    for module in ("stpmodel.plot", "stpmodel.report"):
        start = api_html.index(f'id="{module}"')
        nxt = re.compile(r'<div class="doc doc-object doc-module">').search(api_html, start + 1)
        section = _prose(api_html[start : nxt.start() if nxt else len(api_html)])
        assert ROLES.search(section) is None, module
        assert REST.search(section) is None, module


@pytest.mark.slow
def test_every_public_name_has_an_anchor(api_html: str) -> None:
    ids = set(re.findall(r'\bid="([^"]+)"', api_html))
    missing = [
        f"stpmodel.{name}"
        for name in stpmodel.__all__
        if not name.startswith("__") and f"stpmodel.{name}" not in ids
    ]
    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        missing += [
            f"{module_name}.{name}"
            for name in module.__all__
            if f"{module_name}.{name}" not in ids
            # a name re-exported from another public module is documented there
            and getattr(getattr(module, name), "__module__", module_name) == module_name
        ]
    assert missing == []


@pytest.mark.slow
def test_class_pages_list_fields_with_types(api_html: str) -> None:
    ids = set(re.findall(r'\bid="([^"]+)"', api_html))
    checked = 0
    for name in stpmodel.__all__:
        cls = getattr(stpmodel, name)
        if not (inspect.isclass(cls) and attrs.has(cls)):
            continue
        parts = cls.__module__.split(".")
        places = [f"{'.'.join(parts[:n])}.{cls.__qualname__}" for n in range(len(parts), 0, -1)]
        where = next((p for p in places if p in ids), places[0])
        for field in attrs.fields(cls):
            if field.name.startswith("_"):
                continue
            anchor = f"{where}.{field.name}"
            assert anchor in ids, anchor
            signature = re.search(
                rf'id="{re.escape(anchor)}".*?</h\d>\s*<div class="doc-signature[^"]*">(.*?)</div>',
                api_html,
                re.S,
            )
            assert signature is not None, anchor
            shown = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", signature.group(1))).split())
            assert re.match(rf"{field.name}: \S", shown), f"{anchor}: no type in {shown!r}"
            checked += 1
    assert checked > 50


@pytest.mark.slow
def test_bases_are_public(api_html: str) -> None:
    bases = re.findall(r"Bases: (.*?)</p>", api_html, re.S)
    assert bases
    for line in bases:
        text = _prose(line)
        assert not re.search(r"(?:^|[\s,.\[])_[A-Za-z]", text), text
        assert "stpmodel._" not in line, line


@pytest.mark.slow
def test_site_holds_documentation_files_only(site: Path) -> None:
    odd = [
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.suffix in {".py", ".pyc"} or path.name == "__pycache__"
    ]
    assert odd == []


@pytest.mark.slow
def test_repository_link_is_real_or_none(site: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    url = re.search(r"^repo_url:\s*(\S+)", config, re.M)
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if url is not None:
        assert url.group(1) in project, "repo_url must be the project's own repository URL"
    home = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)"[^>]*class="md-source"', home)
    links += re.findall(r'class="md-source"[^>]*href="([^"]+)"', home)
    for link in links:
        assert ".invalid" not in link
        assert link in project, link


def _hooks() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_command_has_a_worked_example() -> None:
    from stpmodel.cli import _COMMANDS

    assert set(_hooks().EXAMPLES) == set(_COMMANDS)


@pytest.mark.slow
def test_cli_page_shows_each_example_with_its_real_output(site: Path) -> None:
    page = (site / "cli" / "index.html").read_text(encoding="utf-8")
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", page))
    for _why, argv, _lines in _hooks().EXAMPLES.values():
        assert f"$ stpmodel {' '.join(argv)}\n" in text, argv
    assert "$ echo $?" not in text  # no example failed
    assert "Traceback" not in text
    # the deadlines example printed what the library says
    (argv,) = [a for _, a, _ in _hooks().EXAMPLES.values() if a[0] == "deadlines"]
    options = dict(zip(argv[1::2], argv[2::2], strict=False))
    roadmap = stpmodel.load()
    expected = roadmap.deadlines(
        from_year=int(options["--from"]),
        to_year=int(options["--to"]),
        ministry=options["--ministry"],
    )
    start = text.index(f"$ stpmodel {' '.join(argv)}")
    shown = text[start : text.index("usage:", start)]
    assert expected
    for deadline in expected:
        assert deadline.item.id in shown, deadline.item.id


@pytest.mark.slow
def test_tutorial_shows_pictures_drawn_at_build_time(site: Path) -> None:
    tutorial = (site / "tutorial" / "index.html").read_text(encoding="utf-8")
    for name in ("timeline", "network"):
        assert f'src="../images/{name}.png"' in tutorial, name
        picture = site / "images" / f"{name}.png"
        assert picture.read_bytes().startswith(b"\x89PNG"), name
    # drawn by the hook, never committed
    tracked = subprocess.run(
        ["git", "ls-files", "docs/images", ":(glob)docs/*.png"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert tracked == ""


# -- a reference people can read --------------------------------------------------------
GROUPS = ("model", "roadmap", "dates", "diff", "parsing", "export", "plot", "report", "errors")


def _documented_classes() -> dict[type, str]:
    """Every public attrs class, with the module whose page documents it."""
    found: dict[type, str] = {}
    for module_name in ["stpmodel", *_public_modules()]:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and attrs.has(obj):
                found.setdefault(obj, module_name)
    return found


def _field_headings(api_html: str, cls: type, field: str) -> list[str]:
    return re.findall(
        rf'<h\d id="(stpmodel[\w.]*\.{re.escape(cls.__qualname__)}\.{re.escape(field)})"',
        api_html,
    )


@pytest.mark.slow
def test_reference_is_one_page_per_module_group(site: Path) -> None:
    pages = {
        p.parent.name: p.read_text(encoding="utf-8") for p in (site / "api").glob("*/index.html")
    }
    assert set(GROUPS) <= set(pages)
    sources = {g: (ROOT / "docs" / "api" / f"{g}.md").read_text(encoding="utf-8") for g in GROUPS}
    for module in _public_modules():
        homes = [g for g, text in sources.items() if f"::: {module}\n" in text]
        index = (ROOT / "docs" / "api" / "index.md").read_text(encoding="utf-8")
        assert len(homes) + index.count(f"::: {module}\n") == 1, module
    for group, page in pages.items():
        toc = page.count('class="md-nav__link"')
        assert toc < 700, f"{group}: {toc} links"


@pytest.mark.slow
def test_each_field_is_listed_once_with_a_sentence(api_html: str) -> None:
    # no table of fields (the summary and docstring-attributes tables are off) …
    assert 'doc-section-title">Attributes' not in api_html
    # … and no empty description cell in the tables that remain (parameters, returns)
    cells = re.findall(r'<div class="doc-md-description">(.*?)</div>', api_html, re.S)
    assert cells
    assert [c for c in cells if not _prose(c).strip()] == []
    missing = []
    checked = 0
    for cls in _documented_classes():
        for field in attrs.fields(cls):
            if field.name.startswith("_"):
                continue
            headings = _field_headings(api_html, cls, field.name)
            assert len(headings) == 1, (cls.__qualname__, field.name, headings)
            at = api_html.index(f'id="{headings[0]}"')
            body = re.search(r'<div class="doc doc-contents ?">(.*?)</div>', api_html[at:], re.S)
            assert body is not None
            if not _prose(body.group(1)).strip():
                missing.append(headings[0])
            checked += 1
    assert missing == []
    assert checked > 150


def test_field_sentences_name_real_fields() -> None:
    """docs/fields.toml describes only fields that exist and that the code leaves
    undocumented elsewhere, so nothing is described twice or left stale."""
    import tomllib

    table = tomllib.loads((ROOT / "docs" / "fields.toml").read_text(encoding="utf-8"))
    classes = {
        ".".join(
            p for p in f"{c.__module__}.{c.__qualname__}".split(".") if not p.startswith("_")
        ): c
        for c in _documented_classes()
    }
    for path, fields in table.items():
        assert path in classes, f"fields.toml: no public class {path}"
        names = {f.name for f in attrs.fields(classes[path])}
        for name, sentence in fields.items():
            assert name in names, f"fields.toml: {path} has no field {name}"
            assert sentence.endswith((".", "。")), f"{path}.{name}: not a sentence"


@pytest.mark.slow
def test_interface_is_english_and_japanese_terms_keep_their_script(site: Path) -> None:
    for page in site.rglob("*.html"):
        if page == site / "gallery" / "roadmap.html":
            continue  # the report itself, in Japanese
        text = page.read_text(encoding="utf-8")
        if "<html" in text:
            assert '<html lang="en"' in text, page
    home = (site / "api" / "model" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="Search"' in home
    for chrome in ("検索", "目次", "デスクリプション", "名前"):
        assert chrome not in _prose(re.sub(r'<div class="md-content".*', "", home, flags=re.S))
    assert "基本計画における具体的な取組" in home
    assert "今後の取組方針" in home


@pytest.mark.slow
def test_tutorial_figures_are_wide_and_link_to_full_size(site: Path) -> None:
    tutorial = (site / "tutorial" / "index.html").read_text(encoding="utf-8")
    css = (site / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert re.search(r"\.figure-full img \{[^}]*min-width: 600px", css)
    for name in ("timeline", "network"):
        figure = re.search(
            rf'<figure class="figure-full"><a href="../images/{name}.png"[^>]*><img [^>]*'
            rf'src="../images/{name}.png"',
            tutorial,
        )
        assert figure is not None, name


@pytest.mark.slow
def test_gallery_shows_the_report_the_pictures_and_a_notebook_table(site: Path) -> None:
    gallery = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    assert 'href="roadmap.html"' in gallery
    copy = (site / "gallery" / "roadmap.html").read_text(encoding="utf-8")
    assert copy.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in copy
    assert (site / "gallery" / "report.png").read_bytes().startswith(b"\x89PNG")
    assert 'src="report.png"' in gallery
    for name in ("timeline", "network"):
        assert f'src="../images/{name}.png"' in gallery, name
    table = re.search(r'<div class="notebook-table">\s*<table', gallery)
    assert table is not None
    for deadline in stpmodel.load().deadlines(ministry="文"):
        assert deadline.item.id in gallery


@pytest.mark.slow
def test_mkdocs_serve_works_offline(tmp_path: Path) -> None:
    """``mkdocs serve`` (the README's other command) builds and serves the site with every
    connection to the outside refused."""
    import socket
    import time
    import urllib.request

    _need_docs_extra()
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    env = {
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONDONTWRITEBYTECODE": "1",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "no_proxy": "127.0.0.1",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--strict",
            "--no-livereload",
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = ""
        for _ in range(240):
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/model/", timeout=2
                ) as answer:
                    page = answer.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.5)
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        assert '<html lang="en"' in page
        assert "stpmodel.model.Initiative" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()


@pytest.mark.slow
@pytest.mark.browser
def test_tutorial_figures_measure_at_least_600_px_in_a_browser(site: Path) -> None:
    """In Chromium, on a desktop and on a phone, each tutorial figure is drawn at least
    600 px wide, and the phone's page still does not scroll sideways."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright missing")
    chromium = os.environ.get("STPMODEL_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        pytest.skip(f"no Chromium at {chromium}")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        try:
            for width, height in ((1400, 1000), (390, 844)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto((site / "tutorial" / "index.html").as_uri())
                page.wait_for_function(
                    "Array.from(document.querySelectorAll('.figure-full img')).every(i => i.complete)"
                )
                widths = page.eval_on_selector_all(
                    ".figure-full img", "images => images.map(i => i.getBoundingClientRect().width)"
                )
                assert len(widths) == 2
                assert min(widths) >= 600, (width, widths)
                assert page.evaluate("document.documentElement.scrollWidth") <= width
                page.close()
        finally:
            browser.close()


def test_readme_python_block_runs_as_written_from_the_clone() -> None:
    """The README's "In Python" block runs as a newcomer pastes it in the clone's root: every
    file it names is there and every comment's claim about a value holds."""
    pytest.importorskip("pandas", reason="the block calls to_frame (the 'pandas' extra)")
    pytest.importorskip("polars", reason="the block mentions the polars engine")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In Python", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block is not None
    code = block.group(1)
    for name in re.findall(r'stpmodel\.read\("([^"]+)"\)', code):
        assert (ROOT / name).is_file(), f"the README reads {name}, which the clone lacks"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env={**os.environ, "STPMODEL_CACHE_DIR": ""},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    roadmap = stpmodel.load()
    phase = roadmap.program("SIP").phase(3)
    assert str(phase.period) == "FY2023–FY2027"
    assert phase.source


def test_getting_started_lists_every_extra_with_its_packages() -> None:
    """The extras table names each extra of pyproject.toml with every package it adds, so a
    reader knows which one `pip install 'stpmodel[…]'` an error message asks for."""
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    page = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([\w-]+)` \| ([^|]*) \|", page, re.M))
    for extra, requirements in extras.items():
        if extra in ("all", "dev", "bench"):
            continue
        assert extra in rows, f"the extras table lacks `{extra}`"
        for requirement in requirements:
            package = re.split(r"[\[<>=!~ ]", requirement, maxsplit=1)[0]
            assert package in rows[extra], f"`{extra}` adds {package}, which the table omits"


def test_readme_command_table_names_every_option_of_each_command() -> None:
    """The README's command table is where a newcomer looks for what a command takes: each
    long option of each command is in its row (`--input`/`--encoding`, common to every
    command that reads a roadmap, are said once under the table)."""
    import argparse

    from stpmodel.cli import _build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`--input FILE`" in readme
    usages = re.findall(r"^\| (`stpmodel .*?`) \|", readme, re.M)
    parser = _build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        rows = [u for u in usages if re.search(rf"`stpmodel {name}\b|/ `stpmodel {name}\b", u)]
        assert rows, f"the README's table has no row for `stpmodel {name}`"
        for action in sub._actions:
            longs = [o for o in action.option_strings if o.startswith("--")]
            if not longs or longs[0] in ("--help", "--input", "--encoding"):
                continue
            shown = [o for o in action.option_strings if any(o in row for row in rows)]
            assert shown, f"`stpmodel {name}` takes {longs[0]}, which the README omits"
