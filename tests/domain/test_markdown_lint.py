"""markdownlint (npm markdownlint-cli, config tests/markdownlint.json: line length off, <br>
allowed) finds nothing in the exports of the demo, the DESIGN example, an empty document and
the hostile document. Skipped, saying why, where markdownlint is not installed: run
``python tests/lint_markdown.py install`` (needs npm) first.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1]))
from lint_markdown import PACKAGE, find_markdownlint, lint  # noqa: E402

from postmortem.markdown import render_external, render_internal  # noqa: E402
from postmortem.model import Postmortem  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "fixtures"
TODAY = date(2026, 3, 10)

pytestmark = pytest.mark.skipif(
    find_markdownlint() is None,
    reason="markdownlint is not installed (needs node/npm: python tests/lint_markdown.py install)")


def documents() -> dict[str, Postmortem]:
    from postmortem.demo import demo_document

    def fixture(name: str) -> Postmortem:
        return Postmortem.from_dict(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    failing = demo_document(date(2026, 1, 5))   # its reviews are overdue on TODAY
    failing.lessons.went_wrong.append("Human error: we should have rolled back")
    failing.actions[2].internal = True
    return {"demo": demo_document(), "example": fixture("design_example.json"),
            "hostile": fixture("hostile.json"), "empty": Postmortem(id="empty"),
            "failing": failing}


def test_every_export_is_clean_under_markdownlint(tmp_path):
    paths = []
    for name, doc in documents().items():
        for audience, text in (("internal", render_internal(doc, today=TODAY)),
                               ("customer", render_external(doc))):
            path = tmp_path / f"{name}.{audience}.md"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
    result = lint(paths)
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdownlint_does_catch_a_broken_document(tmp_path):
    """The lint really runs: a document with a known fault fails."""
    path = tmp_path / "broken.md"
    path.write_text("# Title\n## Next\n\n| a | b |\n| --- | --- |\n| 1 |\n", encoding="utf-8")
    result = lint([str(path)])
    assert result.returncode != 0
    assert "MD022" in result.stdout + result.stderr


def test_the_lint_that_runs_is_the_locked_version():
    """A stale install (0.45 has no MD060) would pass exports the pinned lint refuses:
    ``python tests/lint_markdown.py install`` brings it to the version in the lock."""
    import subprocess
    lock = json.loads((PACKAGE / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/markdownlint-cli"]["version"]
    shown = subprocess.run([find_markdownlint(), "--version"], capture_output=True, text=True,
                           check=False).stdout.strip()
    assert shown == locked
