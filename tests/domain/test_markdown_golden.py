"""Golden files: the demo postmortem exported for the team and for customers.

A change to the output shows up as a diff here. After checking the new output by eye,
regenerate with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/domain/test_markdown_golden.py``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from postmortem.demo import demo_document
from postmortem.markdown import render_external, render_internal

GOLDEN = Path(__file__).parents[1] / "golden" / "markdown"
# Fixed: the demo is dated relative to the day it is made, and the checklist says the day it
# was checked (and would find reviews overdue on a later one).
TODAY = date(2026, 3, 11)

CASES = {
    "demo.internal.md": lambda: render_internal(demo_document(TODAY), today=TODAY),
    "demo.customer.md": lambda: render_external(demo_document(TODAY)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_demo_export_matches_its_golden_file(name):
    output = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    assert output == path.read_text(encoding="utf-8")
