"""Leaving a postmortem whose edits are not on disk (DESIGN §8): never without a word.

When a save fails (a full disk, a permission error, the file replaced under the app), quitting
or going back to the library first asks what to do: retry, save a copy elsewhere, discard (after
a confirmation), or go back to editing. ``settle_unsaved`` runs that conversation and says how
it ended; the caller (the app's quit, the workspace's way back to the library) acts on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from postmortem.i18n import t
from tui.commands import RegistryBindings
from storage.errors import StorageError
from storage.rescue import default_copy_path, failure_reason, rescue_bytes, write_emergency_copy
from tui.widgets.cell_wrap import CellWrapped

if TYPE_CHECKING:
    from tui.screens.workspace import WorkspaceScreen


class UnsavedChoice(Enum):
    RETRY = "retry"
    SAVE_COPY = "copy"
    DISCARD = "discard"
    CANCEL = "cancel"


class UnsavedEditsScreen(RegistryBindings, ModalScreen[UnsavedChoice]):
    """Says what is not saved and why; the result is the facilitator's choice."""

    COMMAND_SCOPE = "unsaved"

    def __init__(self, report: str) -> None:
        super().__init__(classes="dialog-screen")
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog unsaved-dialog"):
            yield Static(t("unsaved.heading"), classes="dialog-question")
            yield Static(CellWrapped(self.report), id="unsaved-report")
            yield Static(t("unsaved.choices"), classes="field-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("unsaved.retry"), variant="primary", id="retry")
                yield Button(t("unsaved.copy"), id="copy")
                yield Button(t("unsaved.discard"), variant="error", id="discard")
                yield Button(t("unsaved.cancel"), id="cancel")

    def on_mount(self) -> None:
        # The report says why the save failed: the toast that said it first would only lie
        # over the buttons (at 80×24 over Save a copy… and Discard…).
        self.app.clear_notifications()
        self.query_one("#retry").focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(UnsavedChoice(choice))

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(UnsavedChoice(event.button.id))


class Settled(Enum):
    SAVED = "saved"          # everything is on disk now
    COPIED = "copied"        # the edits are in a copy the facilitator chose
    DISCARDED = "discarded"  # the facilitator confirmed throwing them away
    CANCELLED = "cancelled"  # back to editing: do not leave


@dataclass(frozen=True)
class Outcome:
    settled: Settled
    exit_note: str | None = None  # a sentence for stderr once the app has exited

    @property
    def leave(self) -> bool:
        return self.settled is not Settled.CANCELLED


async def settle_unsaved(workspace: "WorkspaceScreen") -> Outcome:
    """Flush; while something is still unsaved, ask until it is saved, copied, discarded or
    the facilitator goes back to editing. Must run in a worker (it waits for dialogs)."""
    from tui.screens.dialogs import ConfirmScreen
    from tui.screens.export import ExportPathScreen, write_export

    app = workspace.app
    while not workspace.flush():
        choice = await app.push_screen_wait(UnsavedEditsScreen(workspace.unsaved_report()))
        if choice is UnsavedChoice.CANCEL:
            return Outcome(Settled.CANCELLED)
        if choice is UnsavedChoice.RETRY:
            workspace.retry_save()
        elif choice is UnsavedChoice.SAVE_COPY:
            document = workspace.document
            data = rescue_bytes(document.to_dict())
            default = default_copy_path(document.id, workspace.document_file.path.parent)
            question = t("unsaved.copy_question", title=document.title)
            copy: Path | None = await app.push_screen_wait(ExportPathScreen(
                default, question, lambda path: write_export(path, data, default.name)))
            if copy is not None:
                workspace.discard_unsaved()  # they are in the copy; the file cannot take them
                return Outcome(Settled.COPIED, t(
                    "unsaved.exit.copied", id=document.id,
                    path=workspace.document_file.path, copy=copy))
        elif choice is UnsavedChoice.DISCARD:
            since = workspace.unsaved_since_text()
            question = t("unsaved.confirm_discard", title=workspace.document.title, since=since,
                         path=workspace.document_file.path)
            if await app.push_screen_wait(ConfirmScreen(question, t("unsaved.discard_confirm_label"))):
                workspace.discard_unsaved()
                return Outcome(Settled.DISCARDED, t(
                    "unsaved.exit.discarded", id=workspace.document.id,
                    path=workspace.document_file.path, since=since))
    return Outcome(Settled.SAVED)


def rescue_unsaved(workspace: "WorkspaceScreen") -> str:
    """The process is being stopped (SIGTERM, SIGHUP) and the edits are not on disk: write an
    emergency copy (next to the file, else the data or temporary folder); the sentence for stderr."""
    document = workspace.document
    error = workspace.unsaved_error()
    reason = failure_reason(error) if error is not None else t("unsaved.exit.still_writing")
    path = workspace.document_file.path
    try:
        copy = write_emergency_copy(document.id, document.to_dict(), path)
    except StorageError as failure:
        return t("unsaved.exit.lost", id=document.id, path=path, error=reason, reason=str(failure))
    workspace.discard_unsaved()  # they are in the copy: nothing more is written from here
    return t("unsaved.exit.rescued", id=document.id, path=path, error=reason, copy=copy)
