"""The baselines: bare Textual apps showing what the app shows, with nothing of the app's own.

Run one in a terminal (the start-up benchmark does, in a pseudo-terminal):
``python -m bench.bare_apps library-table 1000``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (ContentSwitcher, DataTable, Footer, Input, Label, Static, TabbedContent,
                             TabPane, Tree)


class OneInput(App[None]):
    """One text field, focused: the baseline of typing. Compact, as the app's fields are."""

    def compose(self) -> ComposeResult:
        yield Input(compact=True, id="field")

    def on_mount(self) -> None:
        self.query_one(Input).focus()


TIMELINE_COLUMNS = ("UTC", "Milestone", "What happened", "Source", "Int.")


def timeline_rows(document: dict[str, Any]) -> list[tuple[str, ...]]:
    """The timeline's cells as plain strings, as the bare table shows them."""
    return [(event["at"][11:16], event["milestone"] or "", event["text"], event["source"],
             "yes" if event["internal"] else "") for event in document["timeline"]]


def read_document(library_file: Path) -> dict[str, Any]:
    """The document inside a library file (format: the TinyDB envelope)."""
    return json.loads(library_file.read_text(encoding="utf-8"))["postmortem"]["1"]


class BareTable(App[None]):
    """A DataTable of ``rows`` with a row cursor, focused: the baseline of the timeline."""

    def __init__(self, rows: list[tuple[str, ...]], columns: tuple[str, ...] = TIMELINE_COLUMNS) -> None:
        super().__init__()
        self.rows, self.columns = rows, columns

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", id="table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*self.columns)
        table.add_rows(self.rows)
        table.focus()


def library_rows(count: int) -> list[tuple[str, ...]]:
    from bench.fixtures import SEVERITIES, library_title
    return [(library_title(i), SEVERITIES[i % len(SEVERITIES)], "In review", "2026-03-04 00:00", "Priya N.")
            for i in range(count)]


LIBRARY_COLUMNS = ("Title", "Severity", "Status", "Meeting", "Owner")


class BareStages(App[None]):
    """Two views in a ContentSwitcher, the second built the first time it is shown (as the
    app builds its stages): a form line, then three tabs holding a tree of the whys, a tree of
    the fishbone's categories and causes, and a list. Keys 1 and 3 switch; nothing else."""

    BINDINGS = [Binding("1", "show(1)"), Binding("3", "show(3)")]

    def __init__(self, document: dict[str, Any]) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="view-1", id="views"):
            with Vertical(id="view-1"):
                yield Input(self.document["title"], compact=True)

    async def action_show(self, number: int) -> None:
        switcher = self.query_one(ContentSwitcher)
        if not self.query(f"#view-{number}"):
            await switcher.mount(BareAnalysisView(self.document["analysis"], id=f"view-{number}"))
        switcher.current = f"view-{number}"
        if number == 3:
            self.query_one("#whys", Tree).focus()


class BareAnalysisView(Vertical):
    """Stage 3's items in stock widgets: the problem, then tabs of two trees and a list."""

    def __init__(self, analysis: dict[str, Any], *, id: str) -> None:
        super().__init__(id=id)
        self.analysis = analysis

    def compose(self) -> ComposeResult:
        analysis = self.analysis
        whys: Tree[str] = Tree("whys", id="whys")
        whys.show_root = False
        nodes = {None: whys.root}
        for why in analysis["whys"]:
            nodes[why["id"]] = nodes[why["parent"]].add(why["text"], data=why["id"], expand=True)
        fishbone: Tree[str] = Tree("fishbone", id="fishbone")
        fishbone.show_root = False
        for bone in analysis["fishbone"]:
            category = fishbone.root.add(bone["category"], expand=True)
            for cause in bone["causes"]:
                category.add_leaf(cause["text"], data=cause["id"])
        with Horizontal():
            yield Label("Problem")
            yield Input(analysis["problem"], compact=True)
        with TabbedContent():
            with TabPane("Five whys"):
                yield whys
            with TabPane("Fishbone"):
                yield fishbone
            with TabPane("Summary"):
                yield Static("\n".join(why["text"] for why in analysis["whys"] if why["role"]))


class StockWhyEditing(App[None]):
    """A reference, not a baseline: stage 3 as stock widgets would show it while a why is
    typed — a header, the stage strip and exit line, the problem and the tabs of
    ``BareAnalysisView``, a text field open over the whys tree, a status line and Textual's
    ``Footer``. What a key costs a screen of this many widgets, with none of the app's code."""

    CSS = """
    TabPane { layers: tree editor; }
    #why-editor { layer: editor; position: absolute; offset: 8 1; width: 60; }
    """

    def __init__(self, document: dict[str, Any]) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        yield Static(self.document["title"])
        yield Static("1 Scope  2 Timeline  3 Root cause  4 Lessons  5 Actions  6 Follow-up")
        yield Static("Exit: a root cause is marked")
        yield BareAnalysisView(self.document["analysis"], id="view-3")
        yield Static("Saved")
        yield Footer()

    def on_mount(self) -> None:
        editor = Input(compact=True, id="why-editor")
        self.query_one("#whys", Tree).parent.mount(editor)
        editor.focus()


if __name__ == "__main__":
    if sys.argv[1:2] == ["library-table"]:
        BareTable(library_rows(int(sys.argv[2])), LIBRARY_COLUMNS).run()
    else:
        sys.exit("usage: python -m bench.bare_apps library-table COUNT")
