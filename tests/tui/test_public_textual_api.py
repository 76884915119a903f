"""The UI uses Textual's public API only (DESIGN §10): no private attribute or method of a
Textual class is read, set, called or overridden anywhere in tui/, so a Textual upgrade that
keeps its public API keeps the app working."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from functools import lru_cache
from pathlib import Path

import textual

UI = Path(__file__).resolve().parents[2] / "tui"
SELF_PRIVATE = re.compile(r"\bself\.(_[a-z]\w*)")


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@lru_cache(maxsize=None)
def private_names_of(base: type) -> frozenset[str]:
    """The private names one Textual class defines or uses on ``self`` in its source. Cached:
    the UI's classes share most of their Textual bases (Widget, DOMNode, MessagePump), and
    reading a class's source again for each of them made this check take ten seconds."""
    names = {name for name in vars(base) if is_private(name)}
    try:
        names |= set(SELF_PRIVATE.findall(inspect.getsource(base)))
    except (OSError, TypeError):
        pass
    return frozenset(names)


def textual_private_names(cls: type) -> set[str]:
    """The private names of the Textual classes ``cls`` is built on: those they define and the
    instance attributes their code sets or reads on ``self``."""
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.startswith("textual"):
            names |= private_names_of(base)
    return names


def ui_modules() -> list[tuple[Path, object]]:
    root = UI.parent
    return [(path, importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts)))
            for path in sorted(UI.rglob("*.py"))]


def textual_subclasses(module: object) -> dict[str, type]:
    return {name: value for name, value in vars(module).items()
            if inspect.isclass(value) and value.__module__ == module.__name__  # type: ignore[attr-defined]
            and any(base.__module__.startswith("textual") for base in value.__mro__[1:])}


def private_uses(tree: ast.AST) -> list[tuple[int, str, bool]]:
    """Every ``x._name`` in the code: its line, the name, and whether ``x`` is ``self``."""
    return [(node.lineno, node.attr, isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
            for node in ast.walk(tree) if isinstance(node, ast.Attribute) and is_private(node.attr)]


def test_the_check_knows_textual_s_private_names():
    """Without this, an empty set of names would let everything pass."""
    from textual.widgets import DataTable
    assert {"_render_cell", "_clear_caches", "_row_locations",
            "_require_update_dimensions"} <= textual_private_names(DataTable)
    assert textual.__version__


def test_no_private_textual_name_is_used_in_the_ui():
    found = []
    for path, module in ui_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(UI.parent))
        # Another object's private parts (``table._x``, ``super()._x()``): never, Textual or not.
        found += [f"{where}:{line}: .{name}" for line, name, on_self in private_uses(tree)
                  if not on_self]
        # Its own (``self._x``, ``def _x``) in a class built on Textual: not one of Textual's.
        classes = textual_subclasses(module)
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef) or node.name not in classes:
                continue
            private = textual_private_names(classes[node.name])
            found += [f"{where}:{line}: {node.name} uses Textual's self.{name}"
                      for line, name, on_self in private_uses(node) if on_self and name in private]
            found += [f"{where}:{item.lineno}: {node.name} overrides Textual's {item.name}"
                      for item in node.body
                      if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and is_private(item.name) and item.name in private]
    assert found == []
