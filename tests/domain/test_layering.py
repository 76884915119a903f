"""The domain package never imports the UI or the storage layer (DESIGN §3)."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "postmortem"
FORBIDDEN = {"textual", "tinydb", "tui", "storage"}


def imported_roots(source: str) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_domain_imports_no_ui_or_storage():
    offenders = {
        str(path.relative_to(DOMAIN)): sorted(imported_roots(path.read_text()) & FORBIDDEN)
        for path in DOMAIN.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_storage_does_not_import_the_ui():
    storage = DOMAIN.parent / "storage"
    for path in storage.rglob("*.py"):
        assert not imported_roots(path.read_text()) & {"textual", "tui"}, path
