"""Stage 3's small shared widgets: the in-place line editor and the list of blame findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from postmortem.findings import Finding
from postmortem.i18n import t
from tui.commands import RegistryBindings
from tui.widgets.text_field import TextField


def normalised(text: str) -> str:
    """One line, single spaces, no spaces at the ends."""
    return " ".join(text.split())


class DismissRequested(Message):
    """Ask the stage to dismiss a finding (it asks for the reason in a dialog)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__()
        self.finding = finding


# The in-place line editor -----------------------------------------------------------------


@dataclass
class EditSession:
    on_save: Callable[[str], str | None]   # returns an error sentence to keep the editor open
    on_cancel: Callable[[], None]
    on_change: Callable[[str], None]


class InlineEditor(RegistryBindings, TextField):
    """A one-line field laid over a tree line: Enter (or leaving it) saves, Escape cancels.
    Ctrl+Z undoes typing in the line only (what it typed is live in the document: the
    postmortem's history takes over once the line is closed)."""

    COMMAND_SCOPE = "analysis-editor"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(own_undo_only=True, id=id, classes="inline-editor")
        self.session: EditSession | None = None

    @property
    def is_open(self) -> bool:
        return self.session is not None

    def open(self, session: EditSession, *, value: str, placeholder: str,
             x: int, y: int, width: int) -> None:
        self.session = session
        self.placeholder = placeholder
        self.set_text(value)
        self.place(x=x, y=y, width=width)
        self.add_class("-open")
        self.focus()

    def place(self, *, x: int, y: int, width: int) -> None:
        self.styles.offset = (x, y)
        self.styles.width = max(8, width)

    def action_cancel(self) -> None:
        session, self.session = self.session, None
        self._close()
        if session is not None:
            session.on_cancel()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.session is not None:
            self.session.on_change(event.value)

    def on_blur(self) -> None:
        # Clicking elsewhere keeps what was typed, as leaving a form field does.
        if self.session is not None:
            self.commit(keep_open_on_error=False)

    def commit(self, keep_open_on_error: bool = True) -> None:
        session, self.session = self.session, None
        if session is None:
            return
        error = session.on_save(self.value)
        if error:
            self.notify(error, severity="error")
            if keep_open_on_error:
                self.session = session
                return
            self._close()
            session.on_cancel()
            return
        self._close()

    def _close(self) -> None:
        self.remove_class("-open")


# Findings ---------------------------------------------------------------------------------


class FindingsList(RegistryBindings, OptionList):
    """The blame findings of one text: reason and suggested rewording; x dismisses one."""

    COMMAND_SCOPE = "analysis-findings"
    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | {"findings--reason", "findings--suggestion"}

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=f"findings-list {classes}".strip())
        self.findings: list[Finding] = []

    def show(self, findings: list[Finding]) -> None:
        # Called at every key typed in a line: the list is redrawn only when it changes.
        unchanged = [f.key for f in findings] == [f.key for f in self.findings]
        self.findings = findings
        if unchanged and self.option_count == len(findings) and self.display == bool(findings):
            return
        self.clear_options()
        self.add_options([Option(self._prompt(f)) for f in findings])
        self.display = bool(findings)
        if findings:
            self.highlighted = 0

    def _prompt(self, finding: Finding) -> Text:
        reason = self.get_component_rich_style("findings--reason", partial=True)
        suggestion = self.get_component_rich_style("findings--suggestion", partial=True)
        return Text.assemble((t("analysis_ui.findings.item", reason=finding.reason), reason), " ",
                             (t("analysis_ui.findings.suggestion", suggestion=finding.suggestion),
                              suggestion))

    def action_dismiss(self) -> None:
        if self.highlighted is not None and self.highlighted < len(self.findings):
            self.post_message(DismissRequested(self.findings[self.highlighted]))
