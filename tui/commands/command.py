"""One command: a key, the action it runs, and how it is shown (footer, palette, help)."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

from textual.binding import Binding

from postmortem.i18n import t


@dataclass(frozen=True)
class Command:
    """A key of the registry. Its footer label and help line are the catalogue entry of its id
    (``command."<id>" = { label = "…", help = "…" }`` in postmortem/locale/en/commands.toml);
    its scope is the key of the ``COMMANDS`` entry that lists it."""

    id: str                 # stable id, e.g. "workspace.stage-2"
    key: str                # Textual key spec, e.g. "f1" or "ctrl+s"; several: "d,delete"
    action: str             # Textual action string run on the scope's screen or widget
    _: KW_ONLY
    footer: bool = True     # shown in the footer
    palette: bool = True    # offered in the command palette
    priority: bool = False  # fires even while a text field has focus
    scope: str = ""         # filled in by the registry from the module's COMMANDS

    @property
    def label(self) -> str:
        """Catalogue key of the short footer label."""
        return f"command.{self.id}.label"

    @property
    def help(self) -> str:
        """Catalogue key of the one-line description (help screen, palette, footer tooltip)."""
        return f"command.{self.id}.help"

    @property
    def label_text(self) -> str:
        return t(self.label)

    @property
    def help_text(self) -> str:
        return t(self.help)

    def binding(self) -> Binding:
        return Binding(self.key, self.action, self.label_text, show=self.footer,
                       priority=self.priority, id=self.id, tooltip=self.help_text)
