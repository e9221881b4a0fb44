"""mkdocs hooks: pages that are generated from the code and data, so they cannot drift.

``{{ glossary }}`` becomes the ministry and program tables from the registries,
``{{ cli }}`` the help of every command, ``{{ changelog }}`` the CHANGELOG.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


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


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    if "{{ glossary }}" in markdown:
        markdown = markdown.replace("{{ glossary }}", _glossary())
    if "{{ cli }}" in markdown:
        markdown = markdown.replace("{{ cli }}", _cli())
    if "{{ changelog }}" in markdown:
        text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        markdown = markdown.replace("{{ changelog }}", text.split("\n", 1)[1])
    return markdown
