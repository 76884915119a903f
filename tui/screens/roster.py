"""F4 in a postmortem: the meeting roster (issue 14). One row per person with their role,
whether they came, and whether the room has heard from them; below, whom to ask next and a
warning when a facilitator took part in the incident. Every change is saved like any edit."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from postmortem import roster
from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.times import show_datetime
from tui.commands import RegistryBindings


class RosterTable(RegistryBindings, DataTable):
    """Enter ticks "heard from" through a key of its own, not the table's selection: a mouse
    click selects a row too, and must only move the cursor."""

    COMMAND_SCOPE = "roster-table"
    SHARED_SCOPES = ("rows",)  # Home/End: the first and last row


def role_text(role: str | None) -> str:
    return t(f"roster.role.{role}") if role else t("roster.role.none")


class RosterScreen(RegistryBindings, ModalScreen[None]):
    COMMAND_SCOPE = "roster"

    def __init__(self, document: Postmortem, changed: Callable[[], None], *,
                 read_only: bool = False) -> None:
        """``changed`` is called after each edit: the workspace saves and records it."""
        super().__init__(classes="dialog-screen")
        self.document, self.changed, self.read_only = document, changed, read_only

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog roster-dialog"):
            yield Static(t("roster_ui.title"), classes="dialog-question")
            yield RosterTable(cursor_type="row", zebra_stripes=False, id="roster-table")
            yield Static(id="roster-warning")
            yield Static(id="roster-next")
            yield Static(t("roster_ui.hint"), classes="field-hint")

    def on_mount(self) -> None:
        table = self.query_one(RosterTable)
        table.add_column(t("roster_ui.column.heard"), key="heard", width=3)
        table.add_column(t("roster_ui.column.name"), key="name")
        table.add_column(t("roster_ui.column.role"), key="role")
        table.add_column(t("roster_ui.column.presence"), key="presence")
        self.show()
        table.focus()

    @property
    def people(self) -> list[str]:
        return roster.people(self.document.scope)

    def show(self) -> None:
        """The rows and the lines below them, from the document; the cursor stays put."""
        scope = self.document.scope
        table = self.query_one(RosterTable)
        row = table.cursor_row
        table.clear()
        for name in self.people:
            entry = roster.entry_of(scope, name)
            table.add_row("✓" if entry.heard else "·", name, role_text(roster.role_of(scope, name)),
                          t(f"roster.presence.{entry.presence or 'none'}"), key=name)
        if self.people:
            table.move_cursor(row=min(row, len(self.people) - 1))
        self._show_warning()
        self._show_next()

    def _show_warning(self) -> None:
        found = roster.facilitator_in_incident(self.document)
        warning = self.query_one("#roster-warning", Static)
        warning.display = bool(found)
        warning.update("\n".join(
            t("roster_ui.facilitator_in_incident", name=f.name, at=show_datetime(f.event.at),
              text=f.event.text.strip() or f.event.source.strip())
            for f in found))

    def _show_next(self) -> None:
        scope = self.document.scope
        waiting = roster.next_to_ask(scope)
        if waiting:
            names = [t("roster_ui.person_with_role", name=name,
                       role=role_text(roster.role_of(scope, name)))
                     if roster.role_of(scope, name) else name for name in waiting[:4]]
            more = len(waiting) - len(names)
            line = t("roster_ui.ask_next", names=t("export.list_separator").join(names))
            line += t("roster_ui.and_more", count=more) if more else ""
        elif not self.people:
            line = t("roster_ui.nobody")
        elif any(roster.entry_of(scope, n).presence == "present" for n in self.people):
            line = t("roster_ui.heard_everyone")
        else:
            line = t("roster_ui.take_attendance")
        self.query_one("#roster-next", Static).update(line)

    def _current(self) -> str | None:
        table = self.query_one(RosterTable)
        if self.read_only:
            self.notify(t("workspace.read_only"), severity="warning")
            return None
        if not self.people or table.cursor_row < 0:
            return None
        return self.people[table.cursor_row]

    def _edited(self) -> None:
        self.changed()
        self.show()

    def action_heard(self) -> None:
        name = self._current()
        if name is not None:
            roster.toggle_heard(self.document.scope, name)
            self._edited()

    def action_role(self) -> None:
        name = self._current()
        if name is not None:
            scope = self.document.scope
            roster.set_role(scope, name, roster.next_role(scope, name))
            self._edited()

    def action_presence(self) -> None:
        name = self._current()
        if name is not None:
            scope = self.document.scope
            roster.set_presence(scope, name, roster.next_presence(scope, name))
            self._edited()

    def action_close(self) -> None:
        self.dismiss(None)
