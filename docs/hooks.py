"""mkdocs hooks: pages that are generated from the code and data, so they cannot drift.

``{{ glossary }}`` becomes the ministry and program tables from the registries,
``{{ cli }}`` a worked example of every command (run at build time, so the output shown
is real) and its help, ``{{ changelog }}`` the CHANGELOG.
The pictures the tutorial and the gallery show (``images/timeline.png``,
``images/network.png``) are drawn at build time by the ``stpmodel plot`` commands they
illustrate; none is committed. The gallery's copy of the HTML report
(``gallery/roadmap.html``) and its notebook table (``{{ notebook_table }}``) are made at
build time too; only the report's screenshot (``gallery/report.png``, saved by the browser
test) is committed.
The API reference (``docs/api/``, one page per group of modules) documents each name once,
where it is defined: every ``::: module`` directive gets the module's own members, and each
other spelling of a name (``stpmodel.Roadmap.walk`` for ``stpmodel.roadmap.Roadmap.walk``)
is registered as a link to it. Links to the standard library and other packages use a small
vendored table (``EXTERNAL``): nothing is fetched from the network.

This file is also a griffe extension (``PublicBases``, named in mkdocs.yml): class pages
list public bases only.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[1]

# What the tutorial shows, and the commands that draw it (as a reader would type them).
PICTURES = {
    "images/timeline.png": ["plot", "timeline", "--from", "2025", "--to", "2027"],
    "images/network.png": ["plot", "graph"],
}


def _glossary() -> str:
    from stpmodel.registry import default_ministries, default_programs

    lines = [
        "## Ministry codes (【】 tags)",
        "",
        "| code | 日本語 | English | kind |",
        "|---|---|---|---|",
    ]
    for code, m in default_ministries().items():
        mark = "" if m.confirmed else " (?)"
        lines.append(f"| {code} | {m.name_ja} | {m.name_en}{mark} | {m.kind.value} |")
    lines += [
        "",
        "(?) marks an English name not confirmed against an official source.",
        "",
        "## Programs",
        "",
        "| ID | 日本語 | English | acronym | run by | spellings matched |",
        "|---|---|---|---|---|---|",
    ]
    for pid, p in default_programs().items():
        aliases = "、".join(p.aliases)
        mark = "" if p.confirmed else " (?)"
        lines.append(
            f"| `{pid}` | {p.name_ja} | {p.name_en}{mark} | {p.acronym} | {p.operator} | {aliases} |"
        )
    from stpmodel.registry._glossary import program_facts_markdown

    return "\n".join(lines) + "\n\n" + program_facts_markdown(default_programs())


# One worked example per command, run at build time: the page shows the real output.
# (why it is worth running, the arguments after "stpmodel", how many lines to show)
EXAMPLES: dict[str, tuple[str, list[str], int]] = {
    "deadlines": (
        "What 文部科学省 must do by when in fiscal 2025–2027, soonest first (a ministry may "
        "be named by its code 文, its abbreviation MEXT or its name 文部科学省):",
        ["deadlines", "--from", "2025", "--to", "2027", "--ministry", "MEXT", "--sort", "date"],
        30,
    ),
    "show": (
        "One object by its ID, with its ministries, dates and source lines:",
        ["show", "6.1.2.a3"],
        30,
    ),
    "programs": (
        "The programs the roadmap names, with how many items mention each:",
        ["programs"],
        12,
    ),
    "ministries": (
        "The ministries tagged in the roadmap, and where they lead:",
        ["ministries"],
        12,
    ),
    "search": (
        "Full-text search that ignores the PDF's letter spacing (S I P is SIP):",
        ["search", "SIP第3期"],
        12,
    ),
    "dates": (
        "How the date reader understands expressions:",
        ["dates", "2025年度までに", "令和7年度末", "2030年代半ば"],
        12,
    ),
    "parse": (
        "Parse a roadmap text file (here the bundled text saved as roadmap.txt) and report "
        "its warnings:",
        ["parse", "roadmap.txt"],
        12,
    ),
    "export": (
        "Write the roadmap as a SQLite database (typed columns, a deadlines view):",
        ["export", "--format", "sqlite", "-o", "roadmap.sqlite"],
        5,
    ),
    "plot": (
        "Draw the timeline of 2025–2027 (the picture on the [tutorial](tutorial.md) page):",
        ["plot", "timeline", "--from", "2025", "--to", "2027", "-o", "t.png"],
        5,
    ),
    "report": (
        "Write the interactive roadmap, one HTML file that works offline:",
        ["report", "-o", "roadmap.html"],
        5,
    ),
    "schema": ("The JSON Schema of the JSON export (first lines):", ["schema"], 12),
    "diff": (
        "What changed between two editions (here next.txt is the bundled text with one "
        "date moved from 2025年度 to 2026年度):",
        ["diff", "bundled", "next.txt"],
        20,
    ),
}


def _run(argv: list[str], folder: str) -> tuple[int, str]:
    """Run ``stpmodel ARGV`` in ``folder`` as a reader would; its exit status and output."""
    import os

    from stpmodel.cli import main

    here = os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.chdir(folder)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
    finally:
        os.chdir(here)
    return status, out.getvalue() + err.getvalue()


def _shown(text: str, lines: int) -> str:
    rows = text.rstrip("\n").split("\n")
    if len(rows) > lines:
        rows = [*rows[:lines], f"… ({len(rows) - lines} more lines)"]
    return "\n".join(rows)


def _cli() -> str:
    from stpmodel import source_text
    from stpmodel.cli import _build_parser

    parser = _build_parser()
    out = ["```text", parser.format_help().rstrip(), "```"]
    with tempfile.TemporaryDirectory() as folder:
        text = source_text()
        Path(folder, "roadmap.txt").write_text(text, encoding="utf-8")
        moved = text.replace("2025年度までに体制整備", "2026年度までに体制整備", 1)
        Path(folder, "next.txt").write_text(moved, encoding="utf-8")
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                continue
            for name, sub in action.choices.items():
                why, argv, lines = EXAMPLES[name]
                status, output = _run(argv, folder)
                shown = " ".join(argv)
                out += ["", f"## stpmodel {name}", "", why, "", "```console"]
                out += [f"$ stpmodel {shown}", _shown(output, lines)]
                if status != 0:
                    out.append(f"$ echo $?\n{status}")
                out += ["```", "", "```text", sub.format_help().rstrip(), "```"]
    return "\n".join(out)


def _pictures() -> dict[str, bytes]:
    from stpmodel.cli import main

    drawn: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, argv in PICTURES.items():
            target = Path(folder) / Path(name).name
            with contextlib.redirect_stdout(io.StringIO()):
                status = main([*argv, "-o", str(target)])
            if status != 0:
                raise RuntimeError(f"stpmodel {' '.join(argv)} failed with status {status}")
            drawn[name] = target.read_bytes()
    return drawn


def _report_copy() -> bytes:
    """The HTML report of the bundled roadmap, as ``stpmodel report`` writes it."""
    from stpmodel import load
    from stpmodel.report import render_html

    return render_html(load()).encode("utf-8")


def _notebook_table() -> str:
    """What a notebook shows for a query result (its ``_repr_html_``)."""
    from stpmodel import load

    table = load().deadlines(ministry="MEXT")._repr_html_()
    return f'<div class="notebook-table">\n{table}\n</div>'


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    from mkdocs.structure.files import File

    for name, content in _pictures().items():
        files.append(File.generated(config, name, content=content))
    files.append(File.generated(config, "gallery/roadmap.html", content=_report_copy()))
    return files


API = "api/"  # the reference: one page per group of modules

# Names outside the package that docstrings link to, with where they are documented
# (vendored so that no inventory is fetched from the network when the site is built).
EXTERNAL = {
    "datetime.date": "https://docs.python.org/3/library/datetime.html#datetime.date",
    "datetime.datetime": "https://docs.python.org/3/library/datetime.html#datetime.datetime",
    "decimal.Decimal": "https://docs.python.org/3/library/decimal.html#decimal.Decimal",
    "pathlib.Path": "https://docs.python.org/3/library/pathlib.html#pathlib.Path",
    "matplotlib.figure.Figure": "https://matplotlib.org/stable/api/_as_gen/matplotlib.figure.Figure.html",
    "networkx.MultiDiGraph": "https://networkx.org/documentation/stable/reference/classes/multidigraph.html",
    "pandas.DataFrame": "https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.html",
}

DIRECTIVE = re.compile(r"^::: (stpmodel[\w.]*)[ \t]*\n((?:[ \t]+\S.*\n)*)", re.M)


def _documented_modules() -> list[str]:
    """The modules the reference pages document, in page order."""
    found: list[str] = []
    for page in sorted((ROOT / "docs" / "api").glob("*.md")):
        found += DIRECTIVE_NAME.findall(page.read_text(encoding="utf-8"))
    return found


DIRECTIVE_NAME = re.compile(r"^::: (stpmodel[\w.]*)", re.M)


def _home(obj: object, module: str, documented: list[str]) -> str:
    """The documented module that defines ``obj``: its own module when that is documented,
    else the nearest documented package above it that exports it (a class of a private
    module is documented where the package exports it), else ``module``."""

    defined = getattr(obj, "__module__", None)
    if not isinstance(defined, str) or not defined.startswith("stpmodel"):
        return module
    parts = defined.split(".")
    for n in range(len(parts), 0, -1):
        place = ".".join(parts[:n])
        if place in documented and (
            place == defined or any(value is obj for _, value in _exports(place))
        ):
            return place
    return module


def _exports(module: str) -> list[tuple[str, object]]:
    import importlib

    loaded = importlib.import_module(module)
    return [(name, getattr(loaded, name)) for name in getattr(loaded, "__all__", ())]


def _own_members(module: str, documented: list[str]) -> list[str]:
    """The names ``module`` exports that it defines (the others are documented once, where
    they are defined)."""
    return [name for name, obj in _exports(module) if _home(obj, module, documented) == module]


def _with_members(markdown: str) -> str:
    """Each ``::: module`` directive of a reference page lists the module's own members
    only, so that a re-exported class is not documented twice."""
    documented = _documented_modules()

    def directive(found: re.Match[str]) -> str:
        module, options = found.group(1), found.group(2)
        if "members:" in options:
            return found.group(0)
        members = _own_members(module, documented)
        listed = "".join(f"\n        - {name}" for name in members) if members else " []"
        if "options:" not in options:
            options = "    options:\n" + options
        return f"::: {module}\n{options}      members:{listed}\n"

    return DIRECTIVE.sub(directive, markdown)


def _aliases(html: str) -> dict[str, str]:
    """Every other spelling of each documented ID on a page: ``stpmodel.Roadmap.walk`` for
    ``stpmodel.roadmap.Roadmap.walk`` (alias → anchor on the page)."""
    documented = _documented_modules()
    ids = set(re.findall(r'\bid="(stpmodel[^"]*)"', html))
    found: dict[str, str] = {}
    for module in ["stpmodel", *documented]:
        for name, obj in _exports(module):
            qualname = getattr(obj, "__qualname__", None)
            if not isinstance(qualname, str):
                continue
            place = f"{_home(obj, module, documented)}.{qualname}"
            alias = f"{module}.{name}"
            if alias == place:
                continue
            for anchor in ids:
                if anchor == place or anchor.startswith(place + "."):
                    spelled = alias + anchor[len(place) :]
                    if spelled not in ids:
                        found.setdefault(spelled, anchor)
    return found


def _alias_anchors(html: str, aliases: dict[str, str]) -> str:
    """An anchor ``stpmodel.NAME`` before the heading of each exported name, so a link to
    either spelling lands on it."""
    for alias, anchor in aliases.items():
        if alias.count(".") != 1:
            continue  # members are linked through the registry, not given anchors
        found = re.search(rf'<[^<>]*\bid="{re.escape(anchor)}"', html)
        if found is not None:
            html = html[: found.start()] + f'<a id="{alias}"></a>' + html[found.start() :]
    return html


FIGURE = re.compile(r'<p>(<img alt="([^"]*)" src="([^"]*/images/[^"]+\.png)"[^>]*>)</p>')


def _figures(html: str) -> str:
    """Each picture drawn at build time as a figure at least 600 px wide that links to the
    image at full size, with its caption."""
    return FIGURE.sub(
        r'<figure class="figure-full"><a href="\3" title="full size">\1</a>'
        r'<figcaption>\2 — <a href="\3">full size</a></figcaption></figure>',
        html,
    )


def _declared_home(path: str) -> str | None:
    """Where ``path``, a public name in a private module, says it belongs (its object's
    ``__module__``) when that module is public: a public module re-exports the names of
    its private parts under its own name (``stpmodel._collections.Deadline`` is
    ``stpmodel.roadmap.Deadline``); None otherwise."""
    import importlib

    module_name, _, name = path.rpartition(".")
    if not module_name.startswith("stpmodel") or name.startswith("_"):
        return None
    if not any(part.startswith("_") for part in module_name.split(".")):
        return None
    try:
        obj = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError, ValueError):
        return None
    home = getattr(obj, "__module__", None)
    if not isinstance(home, str) or any(p.startswith("_") for p in home.split(".")):
        return None
    return f"{home}.{name}"


TITLE_PATH = re.compile(r'(title="[^"]*\()(stpmodel[\w.]*)(\)" href="[^"#]*#)(stpmodel[\w.]*)"')


def _public_titles(html: str) -> str:
    """A link's title names what it links to by the path of its anchor (a public one),
    not by the private module the name is defined in."""

    def title(found: re.Match[str]) -> str:
        path, anchor = found.group(2), found.group(4)
        private = any(part.startswith("_") for part in path.split(".")[1:])
        return found.group(1) + (anchor if private else path) + found.group(3) + anchor + '"'

    return TITLE_PATH.sub(title, html)


@event_priority(-100)  # after autorefs (-50) has made the links and their titles
def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    for file in files:
        if file.page is not None and file.page.content:
            file.page.content = _public_titles(file.page.content)
    return env


def on_page_content(html: str, page: Any, config: Any, **kwargs: Any) -> str:
    autorefs = config.plugins.get("autorefs")
    if autorefs is not None:
        for identifier, url in EXTERNAL.items():
            autorefs.register_url(identifier, url)
    html = _figures(html)
    if not page.file.src_uri.startswith(API):
        return html
    aliases = _aliases(html)
    if autorefs is not None:
        for alias, anchor in aliases.items():
            autorefs.register_anchor(page, alias, anchor, primary=False)
    return _alias_anchors(html, aliases)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if page.file.src_uri.startswith(API):
        markdown = _with_members(markdown)
    if "{{ glossary }}" in markdown:
        markdown = markdown.replace("{{ glossary }}", _glossary())
    if "{{ cli }}" in markdown:
        markdown = markdown.replace("{{ cli }}", _cli())
    if "{{ notebook_table }}" in markdown:
        markdown = markdown.replace("{{ notebook_table }}", _notebook_table())
    if "{{ changelog }}" in markdown:
        text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        markdown = markdown.replace("{{ changelog }}", text.split("\n", 1)[1])
    return markdown


# -- griffe extension ---------------------------------------------------------------------
try:
    import griffe
except ImportError:  # pragma: no cover - only mkdocstrings loads this part
    pass
else:

    def _public_base(base: Any) -> Any:
        """A base as a reader may see it: ``tuple[_T, ...]`` (a private type variable
        inside) becomes ``tuple``; a private base is dropped (``None``)."""
        names = [
            part
            for part in (base.iterate(flat=True) if hasattr(base, "iterate") else ())
            if isinstance(part, griffe.ExprName)
        ]
        if not _private(base) and not any(_private(name) for name in names):
            return base
        left = getattr(base, "left", None)
        if left is not None and not _private(left):
            return left
        return None

    def _private(base: object) -> bool:
        """True for a private base, or one spelt with a private name (``tuple[_T, ...]``)."""
        canonical = getattr(base, "canonical_path", None) or str(base)
        paths = [] if _declared_home(canonical) else [canonical]
        paths += re.findall(r"[A-Za-z_][\w.]*", str(base))
        return any(
            part.startswith("_") and not part.startswith("__")
            for path in paths
            for part in path.split(".")
        )

    # [title][stpmodel.some.path] in a docstring
    LINK = re.compile(r"\[([^\[\]]+)\]\[(stpmodel(?:\.\w+)*)\]")

    def _hidden(path: str) -> bool:
        """True when ``path`` names something that exists but that the reference does not
        show: a private name, or a module attribute left out of the module's ``__all__``.
        (A name that does not exist at all stays a link, so the build reports it.)"""
        import importlib

        parts = path.split(".")
        for n in range(len(parts), 0, -1):
            try:
                module = importlib.import_module(".".join(parts[:n]))
            except ImportError:
                continue
            rest = parts[n:]
            if any(p.startswith("_") for p in parts[:n]):
                return True
            if not rest:
                return False
            if not hasattr(module, rest[0]):
                return False
            if rest[0] not in getattr(module, "__all__", ()) or any(
                p.startswith("_") for p in rest
            ):
                obj: object = module
                for part in rest:
                    obj = getattr(obj, part, None)
                return obj is not None
            return False
        return False

    def _unlink_hidden(text: str) -> str:
        return LINK.sub(lambda m: m.group(1) if _hidden(m.group(2)) else m.group(0), text)

    class PublicBases(griffe.Extension):
        """Drops private bases (``_Tagged``, ``stpmodel._record.Record``) from classes, so
        the reference shows only bases a reader can look up, and turns a docstring's link
        to a name the reference does not show (private, or not in its module's
        ``__all__``) into its plain title."""

        def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
            if pkg.docstring is not None:
                pkg.docstring.value = _unlink_hidden(pkg.docstring.value)
            self._walk(pkg)

        def _walk(self, obj: griffe.Object) -> None:
            for member in list(obj.members.values()):
                if member.is_alias:
                    continue
                if isinstance(member, griffe.Class):
                    member.bases = [p for p in map(_public_base, member.bases) if p is not None]
                    _describe_fields(member)
                if member.docstring is not None:
                    member.docstring.value = _unlink_hidden(member.docstring.value)
                if isinstance(member, griffe.Module | griffe.Class):
                    self._walk(member)

    def _public_path(cls: griffe.Class) -> str:
        """``stpmodel.diff._result.DiffEntry`` → ``stpmodel.diff.DiffEntry``."""
        return ".".join(p for p in cls.canonical_path.split(".") if not p.startswith("_"))

    def _field_docs(cls: griffe.Class) -> dict[str, str]:
        """What documents each field of ``cls`` besides its own docstring: its class
        docstring's "Attributes:" section, ``metadata["doc"]``, then docs/fields.toml
        (then, in ``_describe_fields``, the clause of the class docstring naming it)."""
        import importlib
        import tomllib

        import attrs

        found: dict[str, str] = {}
        table = tomllib.loads((ROOT / "docs" / "fields.toml").read_text(encoding="utf-8"))
        key = _public_path(cls)
        with contextlib.suppress(ImportError, AttributeError):
            module = importlib.import_module(cls.module.canonical_path)
            real = getattr(module, cls.name)
            # a class of a private part of a public module belongs to that module
            declared = f"{real.__module__}.{real.__qualname__}"
            key = declared if declared in table else key
        found.update(table.get(key, {}))
        with contextlib.suppress(ImportError, AttributeError):
            module = importlib.import_module(cls.module.canonical_path)
            real = getattr(module, cls.name)
            if attrs.has(real):
                for field in attrs.fields(real):
                    if field.metadata.get("doc"):
                        found[field.name] = str(field.metadata["doc"])
        if cls.docstring is not None:
            for section in cls.docstring.parse(griffe.Parser.google):
                if isinstance(section, griffe.DocstringSectionAttributes):
                    found.update({a.name: a.description for a in section.value if a.description})
        return found

    CLAUSE_END = re.compile(r"(?<=[.;。])\s+|\n\s*\n")

    def _clause(cls: griffe.Class, name: str) -> str:
        """The first sentence or clause of the class docstring that names the field in
        backticks (``start_fy`` and ``end_fy`` are the first and last year …), as its
        description when nothing else describes it."""
        if cls.docstring is None:
            return ""
        text = cls.docstring.value.split("\n\n```", 1)[0]
        for clause in CLAUSE_END.split(text):
            if re.search(rf"`{{1,2}}{re.escape(name)}`{{1,2}}", clause):
                clause = " ".join(clause.split()).rstrip(";,: ")
                return clause if clause.endswith((".", "。", ")")) else clause + "."
        return ""

    def _describe_fields(cls: griffe.Class) -> None:
        """Gives each attribute of ``cls`` that has no docstring its description, so the
        reference shows every field once: its heading, its type and a sentence."""
        docs = _field_docs(cls)
        for name, member in cls.members.items():
            if member.is_alias or not isinstance(member, griffe.Attribute):
                continue
            text = docs.get(name) or _clause(cls, name)
            if member.docstring is None and text:
                member.docstring = griffe.Docstring(
                    text, parent=member, parser=griffe.Parser.google
                )
