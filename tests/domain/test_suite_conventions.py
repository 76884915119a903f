"""Rules of the test suite that keep ``make test`` quick and ``make test-full`` whole.

Every stored snapshot picture belongs to a snapshot test that still exists: syrupy fails a
run that leaves a picture unused, but not under pytest-xdist, and ``make test`` runs in
parallel, so this keeps the check there. A renamed or deleted snapshot test must take its
picture with it (``pytest --snapshot-update`` without ``-n`` deletes unused pictures).
Parametrised pictures are matched by their test's name only.

Every property test's own example count goes through ``helpers.examples``: a bare
count (``max_examples`` set to a number) would override the fast profile of ``make test``.

Every snapshot is settled by ``helpers.settled`` (no ``run_before`` of a module's own, nothing
pressed by the plugin afterwards): one way to wait until a picture no longer depends on timing.
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
    """file:line of every way of settling a snapshot other than ``helpers.settled``: a
    ``run_before`` routine of the module's own, keys given to ``snap_compare`` to press after
    it, or no ``run_before`` at all."""
    found = []
    for path in sorted(tests.rglob("test_*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
                 and getattr(node.func, "id", None) == "snap_compare"]
        if not calls:
            continue
        found += [f"{path.relative_to(tests)}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.name == "run_before"]
        found += [f"{path.relative_to(tests)}:{call.lineno}" for call in calls
                  if any(keyword.arg == "press" for keyword in call.keywords)
                  or not any(keyword.arg == "run_before" for keyword in call.keywords)]
    return sorted(found, key=lambda place: (place.split(":")[0], int(place.split(":")[1])))


def test_every_snapshot_is_settled_one_way():
    assert unsettled_snapshots(TESTS) == [], "settle with helpers.settled(...), keys and all"


def test_a_snapshot_settled_another_way_is_found(tmp_path):
    (tmp_path / "test_demo.py").write_text(
        "def ready(*keys):\n    return settled(*keys)\n\n\n"
        "def test_a(snap_compare):\n    assert snap_compare(app, run_before=ready())\n\n\n"
        "def test_b(snap_compare):\n    assert snap_compare(app, press=['f6'])\n\n\n"
        "def test_c(snap_compare):\n    assert snap_compare(app)\n\n\n"
        "def own(keys):\n    async def run_before(pilot):\n        pass\n    return run_before\n",
        "utf-8")
    assert unsettled_snapshots(tmp_path) == ["test_demo.py:10", "test_demo.py:14", "test_demo.py:18"]
