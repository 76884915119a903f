"""The blameless preamble, full screen and large enough to read aloud at the start of the
meeting (Ctrl+R). The same text as stage 1's collapsible preamble (``scope.preamble``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from postmortem.i18n import t
from tui.commands import RegistryBindings
from tui.widgets.key_footer import KeyFooter


class PreambleScreen(RegistryBindings, Screen[None]):
    COMMAND_SCOPE = "preamble"

    def compose(self) -> ComposeResult:
        yield Static(t("room.preamble.title"), id="preamble-title")
        with VerticalScroll(id="preamble-body"):
            with Center():
                # One paragraph a line of the catalogue text: a pause between sentences read aloud.
                yield Static("\n\n".join(t("scope.preamble").splitlines()), id="preamble-read",
                             markup=False)
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)
