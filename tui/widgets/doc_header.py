"""The top line of the workspace: title, severity, status, saving state, the meeting clock
and a UTC clock; a SHARING badge in sharing-safe mode."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from postmortem.hidden_text import mark_hidden
from postmortem.i18n import t


class DocumentHeader(Widget):
    title_text: reactive[str] = reactive("")
    severity: reactive[str] = reactive("")
    save_state: reactive[str] = reactive("")
    read_only: reactive[bool] = reactive(False)
    meeting: reactive[str] = reactive("")      # "Meeting 0:12" while a meeting is on
    sharing: reactive[bool] = reactive(False)   # sharing-safe mode: a badge says so

    def __init__(self, *, clock: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock

    def on_mount(self) -> None:
        if self.clock:
            self.set_interval(1, self.refresh)

    def render(self) -> Text:
        now = self.app.clock.now().strftime("%H:%M UTC") if self.clock else "--:-- UTC"
        right = Text()
        if self.meeting:
            right.append(f" {self.meeting} ", style="bold reverse")
            right.append(" ")
        if self.sharing:
            right.append(f" {t('sharing.badge')} ", style="bold reverse")
            right.append(" ")
        if self.read_only:
            right.append(f" {t('header.read_only')} ", style="bold reverse")
            right.append(" ")
        right.append(self.save_state + "  " if self.save_state else "")
        right.append(now, style="bold")
        left = Text(no_wrap=True, overflow="ellipsis")
        if self.severity:
            left.append(f" {self.severity} ", style="bold reverse")
            left.append(" ")
        left.append(mark_hidden(self.title_text) or t("header.untitled"), style="bold")
        room = max(1, self.size.width - right.cell_len - 1)
        left.truncate(room, overflow="ellipsis")
        left.align("left", room)
        return Text.assemble(left, " ", right)
