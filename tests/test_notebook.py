"""In a notebook, every public class and every query result shows as an HTML table.

The test writes a notebook, runs it in a real Jupyter kernel (nbclient, ipykernel) and
reads back each cell's rich output. It is marked `notebook`; CI runs it.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

import pytest

import stpmodel
from stpmodel import query

nbformat = pytest.importorskip("nbformat", reason="the 'dev' extra is not installed")
nbclient = pytest.importorskip("nbclient", reason="the 'dev' extra is not installed")
pytest.importorskip("ipykernel", reason="the 'dev' extra is not installed")

pytestmark = pytest.mark.notebook

SETUP = """\
import datetime as dt
import stpmodel
from stpmodel import query
r = stpmodel.load()
indicator = next(i for i in r.indicators if i.observations)
"""

# One expression per public class of the package, evaluated in the notebook.
CLASSES: dict[str, str] = {
    "Roadmap": "r",
    "RoadmapDiff": (
        "stpmodel.compare(r, stpmodel.parse("
        "stpmodel.source_text().replace('2025年度までに', '2026年度までに', 1)))"
    ),
    "Section": "r.sections[0]",
    "Subsection": "r.subsections[0]",
    "Initiative": "r.initiatives[1]",
    "StatusNote": "r.status_notes[0]",
    "Action": "r.actions[0]",
    "Indicator": "indicator",
    "Observation": "indicator.observations[0]",
    "Footnote": "next(iter(r.footnotes.values()))",
    "Paragraph": "r.sections[0].vision[0]",
    "Goal": "r.sections[0].goals[0]",
    "Ministry": "r.ministries['文']",
    "MinistryRef": "r.actions[0].ministries[0]",
    "Program": "r.programs['sip']",
    "Phase": "r.programs['sip'].phase(3)",
    "Operator": "r.programs['sip'].operators[0]",
    "ProgramMention": "r.actions[0].program_mentions[0] if r.actions[0].program_mentions else "
    "next(m for a in r.actions for m in a.program_mentions)",
    "SourceSpan": "r.actions[0].source",
    "SourceInfo": "r.source",
    "Deadline": "r.deadlines()[0]",
    "Deadlines": "r.deadlines(from_year=2025, to_year=2027)",
    "Items": "query.items_of(r, 'SIP')",
    "ProgramMentions": "r.program_mentions('SIP', phase=3)",
    "ProgramLink": "r.program_mentions('SIP')[0]",
    "Nodes": "query.search(r, 'S I P')",
    "Observations": "r.observations()",
    "ParseWarning": "stpmodel.parse(stpmodel.source_text() + '\\n○取組。【ZZ】').warnings[0]",
    "Coverage": "stpmodel.coverage(stpmodel.source_text(), r)",
    "Period": "stpmodel.Period.fiscal_year(2025)",
    "DateMention": "stpmodel.find_dates('2025年度までに')[0]",
}


# Every query result type, as a user would ask for it.
RESULTS: dict[str, str] = {
    "Roadmap.deadlines": "r.deadlines(ministry='MEXT')",
    "a slice of deadlines": "r.deadlines()[:5]",
    "query.deadlines": "query.deadlines(r, program='sip', kind='action')",
    "query.overdue": "query.overdue(r, as_of=dt.date(2026, 4, 1))",
    "query.upcoming": "query.upcoming(r, as_of=dt.date(2025, 4, 1), within=730)",
    "query.items_of": "query.items_of(r, '戦略的イノベーション創造プログラム')",
    "query.actions_of": "query.actions_of(r, '文部科学省')",
    "query.search": "query.search(r, '2025年度')",
    "query.ministries_of": "query.ministries_of(r, 'sip')",
    "query.programs_of": "query.programs_of(r, '科技')",
    "query.co_responsibility": "query.co_responsibility(r)",
}


def _public_classes() -> set[str]:
    return {
        name
        for name in stpmodel.__all__
        if isinstance(getattr(stpmodel, name), type)
        and not issubclass(getattr(stpmodel, name), BaseException)
        and not hasattr(getattr(stpmodel, name), "__members__")  # enums show as text
    }


def test_every_public_class_has_an_example() -> None:
    assert _public_classes() == set(CLASSES)


def test_every_query_result_type_is_covered() -> None:
    returned = {
        name
        for name in query.__all__
        if callable(getattr(query, name)) and not isinstance(getattr(query, name), type)
    } - {"due_date"}  # returns a date, and is deprecated
    assert {f"query.{name}" for name in returned} <= set(RESULTS)


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict[str, Any]]:
    """Each labelled cell's rich output, from one kernel run."""
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    cells = [nbformat.v4.new_code_cell(SETUP)]
    labels = [*CLASSES, *RESULTS]
    for expression in [*CLASSES.values(), *RESULTS.values()]:
        cells.append(nbformat.v4.new_code_cell(expression))
    notebook = nbformat.v4.new_notebook(cells=cells)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # jupyter's own path warnings
        client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3")
        client.execute()
    found = {}
    for label, cell in zip(labels, notebook.cells[1:], strict=True):
        results = [o for o in cell.outputs if o.output_type == "execute_result"]
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, (label, errors)
        assert len(results) == 1, label
        found[label] = dict(results[0]["data"])
    return found


@pytest.mark.parametrize("label", [*CLASSES, *RESULTS])
def test_the_output_is_an_html_table(outputs: dict[str, dict[str, Any]], label: str) -> None:
    data = outputs[label]
    assert "text/html" in data, label
    html = data["text/html"]
    assert "<table" in html
    assert "<th" in html
    assert "</td>" in html  # at least one row of data
    assert "<pre>" not in html
    class_name = label if label in CLASSES else ""
    if class_name:  # the attrs repr (ClassName(field=…)) is not what shows
        assert f"{class_name}(" not in html
