"""The merge conflicts of a postmortem (``Postmortem.conflicts``, left by ``postmortem
merge-driver`` or the outside-change merge), at the top of the workspace until each is settled.

Each conflict is a row with both values; ``o`` keeps ours and ``t`` takes theirs for the row
under the cursor (postmortem/settle.py). Settling is an edit like any other: saved, undone
with u (``DocumentChanged``); ``Settled`` asks the workspace to show the stage again. Hidden
while the document has no conflict.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from postmortem.hidden_text import mark_hidden
from postmortem.i18n import catalogue, current_language, t
from postmortem.model import Conflict, Postmortem
from postmortem.scanner import mask
from postmortem.settle import SettleError, parse_path, settle
from tui.commands import RegistryBindings
from tui.messages import DocumentChanged

SHOWN_CHARACTERS = 60  # of a value in a row: one line at 80 columns, beside its label


def shown_value(value: Any, item: bool = False) -> str:
    """A side's value in a row: text as it is, an item (``item``: the path names one) by its
    text or title, a deletion or an empty value said."""
    if value is None or value == "":
        return t("team_git.banner.deleted" if item else "team_git.banner.empty")
    if isinstance(value, dict):
        value = value.get("text") or value.get("title") or value.get("label") or json.dumps(
            value, ensure_ascii=False, sort_keys=True)
    elif not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    one_line = mark_hidden(" ".join(str(value).split()))
    return one_line if len(one_line) <= SHOWN_CHARACTERS else one_line[:SHOWN_CHARACTERS - 1] + "…"


def place(path: str) -> str:
    """A conflict's path as read on screen, the document's parts by their names in the app's
    language: ``actions › a3 › title`` (行动项 › a3 › 标题); an item by its id."""
    if path == "":
        return t("team_git.whole_document")
    try:
        steps = parse_path(path)
    except ValueError:
        return path
    names = catalogue(current_language())
    return " › ".join(names.get(f"outside.part.{step}", step) if isinstance(step, str) else step[1]
                      for step in steps)


def conflict_row(conflict: Conflict, shown: Callable[[str], str] = str) -> Table:
    """``shown`` masks what sharing-safe mode must not show (both values are the document's)."""
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")  # Chinese has no spaces to wrap at
    grid.add_row(Text(t("team_git.banner.place"), style="dim"),
                 Text(mark_hidden(place(conflict.path)), style="bold"))
    whole = conflict.path == ""
    item = conflict.path.endswith("]")
    ours = t("team_git.banner.this_document") if whole else shown_value(conflict.ours, item)
    theirs = t("team_git.banner.their_document") if whole else shown_value(conflict.theirs, item)
    grid.add_row(Text(t("team_git.banner.ours"), style="dim"), Text(shown(ours)))
    grid.add_row(Text(t("team_git.banner.theirs"), style="dim"), Text(shown(theirs)))
    return grid


class ConflictList(RegistryBindings, OptionList):
    COMMAND_SCOPE = "conflicts"

    def action_keep_ours(self) -> None:
        self.parent.settle_highlighted("ours")

    def action_take_theirs(self) -> None:
        self.parent.settle_highlighted("theirs")


class ConflictBanner(Vertical):
    """Shown by the workspace (``show``) each time it refreshes its status."""

    class Settled(Message):
        """A conflict was settled: the stage in view shows the document again."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.document: Postmortem | None = None
        self.read_only = False
        self._shown: list[Conflict] | None = None
        self._masked = False

    def compose(self) -> ComposeResult:
        yield Static(id="conflict-heading")
        yield ConflictList(id="conflict-list", compact=True)

    def show(self, document: Postmortem, read_only: bool = False, masked: bool = False) -> None:
        """``masked``: sharing-safe mode, where the values show what the scanner finds masked."""
        self.document, self.read_only = document, read_only
        if self._shown == document.conflicts and self._masked == masked:
            return
        self._masked = masked
        shown = mask if masked else str
        before = self._shown or []
        self._shown = list(document.conflicts)
        self.display = bool(document.conflicts)
        heading = "team_git.banner.heading_read_only" if read_only else "team_git.banner.heading"
        self.query_one("#conflict-heading", Static).update(t(heading, count=len(document.conflicts)))
        rows = self.query_one(ConflictList)
        keep = rows.highlighted or 0
        rows.set_options([Option(conflict_row(c, shown)) for c in document.conflicts])
        if document.conflicts:
            rows.highlighted = min(keep, len(document.conflicts) - 1)
            if any(c not in before for c in document.conflicts):  # new ones (opened, merged) come first
                self.call_after_refresh(rows.focus)

    def settle_highlighted(self, side: str) -> None:
        rows = self.query_one(ConflictList)
        if self.document is None or rows.highlighted is None or not self.document.conflicts:
            return
        if self.read_only:
            self.notify(t("workspace.read_only"), severity="warning")
            return
        try:
            settled = settle(self.document, rows.highlighted, side)
        except SettleError as error:
            self.notify(str(error), severity="error")
            return
        for field in dataclasses.fields(Postmortem):  # in place: the stage views hold this object
            setattr(self.document, field.name, getattr(settled, field.name))
        self.post_message(DocumentChanged())  # saved and recorded for undo like any edit
        self.post_message(self.Settled())
        self.notify(t(f"team_git.banner.settled_{side}"), timeout=4)
