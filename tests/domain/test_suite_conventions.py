"""Rules of the test suite that keep ``make test`` quick and ``make test-full`` whole.

Every stored snapshot picture belongs to a snapshot test that still exists: syrupy fails a
run that leaves a picture unused, but not under pytest-xdist, and ``make test`` runs in
parallel, so this keeps the check there. A renamed or deleted snapshot test must take its
picture with it (``pytest --snapshot-update`` without ``-n`` deletes unused pictures).
Parametrised pictures are matched by their test's name only.

Every property test's own example count goes through ``helpers.examples``: a bare
count (``max_examples`` set to a number) would override the fast profile of ``make test``.

Every snapshot is taken after ``helpers.settled`` (its ``run_before``, nothing pressed by the
plugin afterwards): one way to wait until a picture no longer depends on timing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).parents[1]


def top_level_names(module: Path) -> set[str]:
    if not module.exists():
        return set()
    tree = ast.parse(module.read_text("utf-8"))
    return {node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def orphan_pictures(tests: Path) -> list[str]:
    """Pictures under ``tests`` whose test function (or class) is not in their module."""
    orphans = []
    for picture in sorted(tests.rglob("__snapshots__/*/*.svg")):
        # __snapshots__/<test module>/<test name>[<parameters>].svg, beside the module
        module = picture.parent.parent.parent / f"{picture.parent.name}.py"
        test_name = picture.stem.split("[")[0].split(".")[0]
        if test_name not in top_level_names(module):
            orphans.append(str(picture.relative_to(tests)))
    return orphans


def test_every_snapshot_picture_has_its_test():
    assert list(TESTS.rglob("__snapshots__/*/*.svg")), "no snapshot pictures found: moved?"
    assert orphan_pictures(TESTS) == []


def test_a_picture_of_a_renamed_test_is_an_orphan(tmp_path):
    (tmp_path / "test_demo.py").write_text("def test_kept(snap_compare):\n    pass\n", "utf-8")
    pictures = tmp_path / "__snapshots__" / "test_demo"
    pictures.mkdir(parents=True)
    for name in ("test_kept[size0].svg", "test_old_name[size0].svg", "test_kept.svg"):
        (pictures / name).write_text("<svg/>", "utf-8")
    assert orphan_pictures(tmp_path) == ["__snapshots__/test_demo/test_old_name[size0].svg"]


def bare_example_counts(tests: Path) -> list[str]:
    """file:line of every ``max_examples=<number>`` in the test files under ``tests``."""
    return [f"{path.relative_to(tests)}:{number}"
            for path in sorted(tests.rglob("test_*.py"))
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            if re.search(r"max_examples\s*=\s*\d", line)]


def test_every_example_count_scales_with_the_profile():
    assert bare_example_counts(TESTS) == [], "write max_examples=examples(N) (tests/helpers.py)"


def test_a_bare_example_count_is_found(tmp_path):
    bare = "max_examples" + " = 400"  # not written out: this file would be found
    (tmp_path / "test_demo.py").write_text(
        f"@settings(max_examples=examples(400))\n@settings({bare}, deadline=None)\n", "utf-8")
    assert bare_example_counts(tmp_path) == ["test_demo.py:2"]


def unsettled_snapshots(tests: Path) -> list[str]:
    """file:line of every ``snap_compare(...)`` not given ``run_before=settled(...)`` (or a
    helper of its module that returns ``settled(...)``), or given keys to press after it."""
    found = []
    for path in sorted(tests.rglob("test_*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        settling = {"settled"} | {
            node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
            and isinstance(node.body[-1], ast.Return) and isinstance(node.body[-1].value, ast.Call)
            and getattr(node.body[-1].value.func, "id", None) == "settled"}
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "snap_compare"):
                continue
            keywords = {keyword.arg: keyword.value for keyword in call.keywords}
            before = keywords.get("run_before")
            if ("press" in keywords or not isinstance(before, ast.Call)
                    or getattr(before.func, "id", None) not in settling):
                found.append(f"{path.relative_to(tests)}:{call.lineno}")
    return found


def test_every_snapshot_is_settled_one_way():
    assert unsettled_snapshots(TESTS) == [], "give snap_compare run_before=settled(...) (helpers.py)"


def test_a_snapshot_settled_another_way_is_found(tmp_path):
    (tmp_path / "test_demo.py").write_text(
        "def ready(*keys):\n    return settled(*keys)\n\n\n"
        "def test_a(snap_compare):\n    assert snap_compare(app, run_before=ready())\n\n\n"
        "def test_b(snap_compare):\n    assert snap_compare(app, press=['f6'])\n\n\n"
        "def test_c(snap_compare):\n    assert snap_compare(app, run_before=settled(), press=['t'])\n",
        "utf-8")
    assert unsettled_snapshots(tmp_path) == ["test_demo.py:10", "test_demo.py:14"]
