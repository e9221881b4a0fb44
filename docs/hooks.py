"""mkdocs hooks: pages that are generated from the code and data, so they cannot drift.

``{{ glossary }}`` becomes the ministry and program tables from the registries,
``{{ cli }}`` the help of every command, ``{{ changelog }}`` the CHANGELOG.
The pictures the tutorial shows (``images/timeline.png``, ``images/network.png``) are drawn
at build time by the ``stpmodel plot`` commands they illustrate; none is committed.
The API page gets an anchor ``stpmodel.NAME`` for each name the package exports.

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
    return "\n".join(lines)


def _cli() -> str:
    from stpmodel.cli import _build_parser

    parser = _build_parser()
    out = ["```text", parser.format_help().rstrip(), "```"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out += [
                    "",
                    f"### stpmodel {name}",
                    "",
                    "```text",
                    sub.format_help().rstrip(),
                    "```",
                ]
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


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    from mkdocs.structure.files import File

    for name, content in _pictures().items():
        files.append(File.generated(config, name, content=content))
    return files


def _alias_anchors(html: str) -> str:
    """An anchor ``stpmodel.NAME`` before the heading of each exported name documented
    under its defining module (``stpmodel.roadmap.Roadmap``), so both spellings link."""
    import stpmodel

    for name in stpmodel.__all__:
        alias = f"stpmodel.{name}"
        if f'id="{alias}"' in html:
            continue
        obj = getattr(stpmodel, name)
        module = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if module is None or qualname is None:
            continue
        # where it is documented: its defining module, else the nearest package above it
        # (a class of a private module is documented where the package exports it)
        parts = module.split(".")
        places = [".".join(parts[:n]) for n in range(len(parts), 1, -1)]
        found = None
        for place in places:
            found = re.search(rf'<[^<>]*\bid="{re.escape(place)}.{re.escape(qualname)}"', html)
            if found is not None:
                break
        if found is not None:
            at = found.start()
            html = html[:at] + f'<a id="{alias}"></a>' + html[at:]
    return html


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    if page.file.src_uri == "api.md":
        return _alias_anchors(html)
    return html


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    if "{{ glossary }}" in markdown:
        markdown = markdown.replace("{{ glossary }}", _glossary())
    if "{{ cli }}" in markdown:
        markdown = markdown.replace("{{ cli }}", _cli())
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

    def _private(base: object) -> bool:
        path = getattr(base, "canonical_path", None) or str(base)
        return any(part.startswith("_") and not part.startswith("__") for part in path.split("."))

    class PublicBases(griffe.Extension):
        """Drops private bases (``_Tagged``, ``stpmodel._record.Record``) from classes, so
        the reference shows only bases a reader can look up."""

        def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
            self._walk(pkg)

        def _walk(self, obj: griffe.Object) -> None:
            for member in obj.members.values():
                if member.is_alias:
                    continue
                if isinstance(member, griffe.Class):
                    member.bases = [b for b in member.bases if not _private(b)]
                if isinstance(member, griffe.Module | griffe.Class):
                    self._walk(member)
