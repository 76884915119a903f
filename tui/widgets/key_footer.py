"""The footer: the keys that work where the focus is, on one line, fed by the command registry.

Textual's Footer builds one widget per key and rebuilds them all on every focus move (each Tab
between form fields); with twenty keys that is a layout pass and tens of milliseconds each time.
This is one widget that redraws a line of text instead; it looks and clicks the same.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from postmortem.i18n import t
from tui.commands import Command, all_commands

SEPARATOR = "▏"


class ShownKey(NamedTuple):
    key: str            # as the binding names it ("ctrl+p"): what a click sends
    display: str        # as the footer shows it ("^p")
    description: str
    enabled: bool
    tooltip: str        # the command's help, shown while the pointer is on the key


@lru_cache(maxsize=1)
def first_keys() -> dict[str, str]:
    """The first key of every command of the registry, by command id."""
    return {command.id: command.key.split(",")[0] for command in all_commands()}


@lru_cache(maxsize=1)
def commands_by_id() -> dict[str, Command]:
    # The stage strip's keys are bound as "strip.<command id>" (tui.screens.stage_focus).
    return {command.id: command for command in all_commands()} | {
        f"strip.{command.id}": command for command in all_commands()}


def label_and_help(binding: Binding, tooltip: str) -> tuple[str, str]:
    """A registry command's label and help read from the catalogue now, not when its class
    was built: after a language switch the footer speaks the new language."""
    command = commands_by_id().get(binding.id or "")
    if command is None:
        return binding.description, tooltip or binding.tooltip
    return command.label_text, command.help_text


class KeyFooter(Widget, can_focus=False):
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description"}

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[ShownKey] = []
        self._palette: ShownKey | None = None
        self._spans: list[tuple[int, int, ShownKey]] = []   # (start, end, key) for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        keys, palette = self._keys_of(screen)
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def _keys_of(self, screen: Screen) -> tuple[list[ShownKey], ShownKey | None]:
        """One entry per action (its first key), in binding order, as Textual's footer does;
        the command palette's key apart, for the right end."""
        seen: set[str] = set()
        keys: list[ShownKey] = []
        palette = None
        preferred = first_keys()
        for _, binding, enabled, tooltip in screen.active_bindings.values():
            if preferred.get(binding.id or "", binding.key) != binding.key:
                # A command with several keys shows its first (Alt+→, not Ctrl+PgDn, which
                # many terminals keep for their tabs), wherever the others come in the chain.
                binding = Binding(preferred[binding.id], binding.action, binding.description,
                                  show=binding.show, id=binding.id, tooltip=binding.tooltip)
            description, help_text = label_and_help(binding, tooltip)
            shown = ShownKey(binding.key, self.app.get_key_display(binding), description,
                             enabled, help_text)
            if binding.key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                # Textual's own binding says "palette" in English, whatever the language.
                palette = ShownKey(shown.key, shown.display, t("key.palette"), shown.enabled,
                                   t("help.palette"))
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append(shown)
        return keys, palette

    def _item(self, shown: ShownKey) -> Text:
        item = Text.assemble(
            (f" {shown.display} ", self.get_component_rich_style("key-footer--key")),
            (f"{shown.description} ", self.get_component_rich_style("key-footer--description")))
        if not shown.enabled:
            item.stylize("dim")
        return item

    def render(self) -> Text:
        width = self.size.width
        right = Text(SEPARATOR, style="dim") + self._item(self._palette) if self._palette else Text()
        room = width - right.cell_len
        line, self._spans = Text(no_wrap=True, overflow="crop"), []
        for shown in self._keys:
            item = self._item(shown)
            if line.cell_len + item.cell_len > room:
                break  # whole keys only: half a label reads as a different key
            self._spans.append((line.cell_len, line.cell_len + item.cell_len, shown))
            line.append_text(item)
        if self._palette:
            line.append(" " * max(0, room - line.cell_len))
            self._spans.append((line.cell_len + 1, width, self._palette))
            line.append_text(right)
        return line

    def _key_at(self, x: int) -> ShownKey | None:
        return next((shown for start, end, shown in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        shown = self._key_at(event.x)
        self.tooltip = shown.tooltip if shown is not None and shown.tooltip else None

    def on_click(self, event: events.Click) -> None:
        shown = self._key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
