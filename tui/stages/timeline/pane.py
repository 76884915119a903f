"""The timeline editor: the table, the selected event's details, the live metrics and the
one-line entry. Keys act on the selected event; every edit can be undone (u or Ctrl+Z: the
workspace's history of the whole postmortem).

Adding is built for typing while people talk: ``a`` opens the entry, ``14:05 paged on-call``
Enter saves and leaves the entry open with the time just used selected, so the next line
either starts with a new time (typing replaces the selection) or keeps it (→ then the text).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from postmortem.cells import quoted
from postmortem.i18n import t
from postmortem.metrics import (compute_metrics, format_duration, incident_duration,
                                problems_by_event, sorted_events)
from postmortem.model import Event, Postmortem
from postmortem.times import (TimeParseError, format_local_hm, format_time_hm, resolve_zone,
                              show_datetime)
from tui.commands import RegistryBindings
from postmortem import timeline_edits as edits
from tui.stages.base import editable, report_change
from tui.stages.timeline.dialogs import PasteDialog, SourceDialog
from tui.stages.timeline.entry import EntryBar
from postmortem.timeline_input import EntryError, local_zone_name, parse_entry
from tui.stages.timeline.table import TimelineTable


class TimelinePane(RegistryBindings, Vertical):
    COMMAND_SCOPE = "timeline"

    def __init__(self, document: Postmortem, *, read_only: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document, self.read_only = document, read_only
        self.local_zone = local_zone_name()
        self.local_input = False          # typed times are local (converted to UTC)
        self.editing: str | None = None   # the event the entry edits; None: the entry adds
        self.anchor: str | None = None    # the event a new one counts from ("+5m", the day)
        self.now: Callable[[], datetime | None] = lambda: None   # tests fix "now"
        self.problems: dict[str, str] = {}  # event id -> its milestone problem, as last shown

    def compose(self) -> ComposeResult:
        yield Static(t("timeline_ui.empty"), id="timeline-empty")
        yield TimelineTable(id="timeline-table")
        yield Static("", id="timeline-detail")
        yield Static("", id="timeline-metrics")
        yield EntryBar(id="timeline-entry-bar")

    def on_mount(self) -> None:
        # The table is filled by ``show``, which the workspace calls whenever it shows stage 2.
        self.show_metrics()
        # The detail follows the cursor in the frame that moves it (a RowHighlighted message
        # would arrive after that frame and cost a second one on every key).
        self.watch(self.table, "cursor_row", self.show_detail, init=False)

    @property
    def table(self) -> TimelineTable:
        return self.query_one(TimelineTable)

    # What needs an event is not offered (footer, palette) while the timeline is empty.
    NEEDS_AN_EVENT = frozenset({"edit", "delete", "milestone", "internal", "source"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.document.timeline) or action not in self.NEEDS_AN_EVENT

    @property
    def entry(self) -> EntryBar:
        return self.query_one(EntryBar)

    # Showing -------------------------------------------------------------------------------

    def show(self, *, select: str | None = None, rebuild: bool = False) -> None:
        """Table, metrics and details from the document; ``select`` puts the cursor on an event."""
        table = self.table
        events = sorted_events(self.document.timeline)
        self.problems = problems_by_event(self.document)
        table.show(events, set(self.problems), rebuild=rebuild)
        if select is not None:
            table.select_event(select)
        empty = self.query_one("#timeline-empty")
        if empty.display != (not events):
            empty.display = not events
            self.refresh_bindings()
        self.query_one("#timeline-detail").display = bool(events)
        self.show_metrics()
        self.show_detail()

    def show_metrics(self) -> None:
        metrics = compute_metrics(self.document)
        self.query_one("#timeline-metrics", Static).update(layout=False, content=t(
            "timeline_ui.metrics", detect=format_duration(metrics.time_to_detect),
            mitigate=format_duration(metrics.time_to_mitigate),
            resolve=format_duration(metrics.time_to_resolve),
            duration=format_duration(incident_duration(self.document))))

    @on(TimelineTable.Resized)
    def table_resized(self) -> None:
        # The detail repeats an event's whole text only where the table cuts it.
        self.show_detail()

    def show_detail(self) -> None:
        """The selected event: its milestone problem, its whole text when the table cuts it,
        when it was (UTC and local), its source and whether it is internal-only."""
        detail = self.query_one("#timeline-detail", Static)
        event = self.selected()
        if event is None:
            detail.update("", layout=False)
            return
        parts: list[str | tuple[str, str]] = []
        problem = self.problems.get(event.id)
        if problem:
            parts += [(f"⚠ {problem}", "bold $text-warning"), "\n"]
        if len(event.text) > self.table.text_width:
            parts += [(event.text, "$text"), "\n"]
        facts = [t("timeline_ui.detail.utc", datetime=show_datetime(event.at))]
        if self.local_zone and self.table.local_tz:
            facts.append(t("timeline_ui.detail.local", time=format_local_hm(event.at, self.local_zone),
                           zone=self.local_zone))
        facts.append(t("timeline_ui.detail.source", source=event.source) if event.source
                     else t("timeline_ui.detail.no_source"))
        if event.internal:
            facts.append(t("timeline_ui.detail.internal"))
        parts.append(" · ".join(facts))
        detail.update(Content.assemble(*parts), layout=False)   # its height is set (screens.tcss)

    @on(TimelineTable.RowSelected, "#timeline-table")
    def row_selected(self, event: TimelineTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def selected(self) -> Event | None:
        event_id = self.table.selected_id
        return edits.find(self.document, event_id) if event_id else None

    # Editing -------------------------------------------------------------------------------

    def _apply(self, record: edits.Undo | None, *, select: str | None = None) -> None:
        """After an edit (``record`` None: nothing changed): show it, save it."""
        if record is None:
            return
        self.show(select=select)
        report_change(self)

    def editable(self) -> bool:
        return editable(self, self.read_only)

    def _selected_or_say(self) -> Event | None:
        event = self.selected()
        if event is None:
            self.notify(t("timeline_ui.no_event"), severity="warning")
        return event

    def action_add(self) -> None:
        if not self.editable():
            return
        self.anchor = None
        self.editing = None
        self._open_entry_for_add()

    def _anchor_event(self) -> Event | None:
        """The event a new one counts from: the last one added here, else the selected one,
        else the last of the timeline (None on an empty timeline)."""
        anchor = edits.find(self.document, self.anchor) if self.anchor else None
        if anchor is None:
            anchor = self.selected() or (sorted_events(self.document.timeline)[-1]
                                         if self.document.timeline else None)
            self.anchor = anchor.id if anchor else None
        return anchor

    def _open_entry_for_add(self) -> None:
        anchor = self._anchor_event()
        prefill = f"{self._typed_time(anchor.at)} " if anchor else ""
        self.entry.open(t("timeline_ui.entry.add", zone=self._input_zone_label()), prefill,
                        t("timeline_ui.entry.placeholder"), select=len(prefill))

    def action_edit(self) -> None:
        if not self.editable():
            return
        event = self._selected_or_say()
        if event is None:
            return
        self.editing = event.id
        self.entry.open(t("timeline_ui.entry.edit", zone=self._input_zone_label()),
                        f"{self._typed_time(event.at)} {event.text}", t("timeline_ui.entry.placeholder"))

    @on(EntryBar.Saved)
    def entry_saved(self, message: EntryBar.Saved) -> None:
        message.stop()
        if self.read_only:
            return
        editing = edits.find(self.document, self.editing) if self.editing else None
        try:
            if editing is not None:
                at, text = parse_entry(message.line, previous=self._event_above(editing),
                                       day=self._day_in_input_zone(editing.at),
                                       now=self.now(), local_tz=self._input_tz())
            else:
                anchor = self._anchor_event()
                at, text = parse_entry(message.line, previous=anchor.at if anchor else None,
                                       day=None if anchor else self._default_day(),
                                       now=self.now(), local_tz=self._input_tz())
        except (TimeParseError, EntryError) as problem:
            self.entry.show_error(str(problem))   # what was typed stays; nothing is saved
            return
        if editing is not None:
            self._apply(edits.change_event(self.document, editing.id, at=at, text=text),
                        select=editing.id)
            self.close_entry()
            return
        added, record = edits.add_events(self.document, [(at, text)])
        self._apply(record, select=added[0].id)
        self.anchor = added[0].id
        self._open_entry_for_add()

    @on(EntryBar.Closed)
    def entry_closed(self, message: EntryBar.Closed) -> None:
        message.stop()
        self.close_entry()

    def close_entry(self) -> None:
        self.editing = None
        self.entry.close()
        self.table.focus()

    def action_delete(self) -> None:
        if not self.editable():
            return
        event = self._selected_or_say()
        if event is None:
            return
        row = self.table.cursor_row
        self._apply(edits.delete_event(self.document, event.id))
        self.table.move_cursor(row=min(row, self.table.row_count - 1))
        self.show_detail()
        self.notify(t("timeline_ui.deleted", time=format_time_hm(event.at), text=quoted(event.text)))

    def action_milestone(self, milestone: str) -> None:
        if not self.editable():
            return
        event = self._selected_or_say()
        if event is None:
            return
        before = {e.id: e.at for e in self.document.timeline if e.milestone == milestone}
        replaced = event.milestone if event.milestone not in (None, milestone) else None
        self._apply(edits.toggle_milestone(self.document, event.id, milestone), select=event.id)
        name = t(f"metrics.milestone_title.{milestone}")
        moved_from = [at for event_id, at in before.items() if event_id != event.id]
        if event.milestone is None:
            self.notify(t("timeline_ui.milestone_cleared", milestone=name))
            return
        if replaced:  # one milestone per event: say what the event no longer marks
            self.notify(t("timeline_ui.milestone_replaced", milestone=name,
                          old=t(f"metrics.milestone.{replaced}")))
        if moved_from:
            self.notify(t("timeline_ui.milestone_moved", milestone=name,
                          old=format_time_hm(min(moved_from)), new=format_time_hm(event.at)))

    def action_internal(self) -> None:
        if not self.editable():
            return
        event = self._selected_or_say()
        if event is None:
            return
        record = edits.change_event(self.document, event.id, internal=not event.internal)
        if record is not None:
            record.label = "timeline_ui.undo.internal"
        self._apply(record, select=event.id)
        self.notify(t("timeline_ui.internal_on" if event.internal else "timeline_ui.internal_off"))

    @work
    async def action_source(self) -> None:
        if not self.editable():
            return
        event = self._selected_or_say()
        if event is None:
            return
        what = t("timeline_ui.source_dialog.title", time=format_time_hm(event.at), text=quoted(event.text, 50))
        source = await self.app.push_screen_wait(SourceDialog(what, event.source))
        if source is None or edits.find(self.document, event.id) is None:
            return
        record = edits.change_event(self.document, event.id, source=source)
        if record is not None:
            record.label = "timeline_ui.undo.source"
        self._apply(record, select=event.id)

    @work
    async def action_paste(self) -> None:
        if not self.editable():
            return
        anchor = self.selected() or (sorted_events(self.document.timeline)[-1]
                                     if self.document.timeline else None)
        dialog = PasteDialog(day=None if anchor else self._default_day(),
                             previous=anchor.at if anchor else None,
                             local_tz=self._input_tz(), now=self.now())
        pasted = await self.app.push_screen_wait(dialog)
        if not pasted:
            return
        added, record = edits.add_events(self.document, pasted)
        self._apply(record, select=added[0].id)
        self.notify(t("timeline_ui.added_many", count=len(added)))

    # Local time -----------------------------------------------------------------------------

    def action_local_column(self) -> None:
        if self.local_zone is None:
            self.notify(t("timeline_ui.zone_unknown"), severity="warning")
            return
        self.set_local_column(self.table.local_tz is None)

    def set_local_column(self, shown: bool) -> None:
        table = self.table
        selected = table.selected_id
        table.local_tz = self.local_zone if shown else None
        self.show(select=selected, rebuild=True)
        if shown:
            self.notify(t("timeline_ui.local_column_on", zone=self.local_zone))

    def action_local_input(self) -> None:
        if self.local_zone is None:
            self.notify(t("timeline_ui.zone_unknown"), severity="warning")
            return
        self.local_input = not self.local_input
        if self.local_input and self.table.local_tz is None:
            self.set_local_column(True)
        if self.entry.is_open:
            key = "timeline_ui.entry.edit" if self.editing else "timeline_ui.entry.add"
            self.entry.set_label(t(key, zone=self._input_zone_label()))
        self.notify(t("timeline_ui.local_input_on", zone=self.local_zone) if self.local_input
                    else t("timeline_ui.local_input_off"))

    def _input_tz(self) -> str | None:
        return self.local_zone if self.local_input else None

    def _input_zone_label(self) -> str:
        return self._input_tz() or t("timeline_ui.entry.utc")

    def _typed_time(self, at: datetime) -> str:
        """A time as the user would type it in the current input mode."""
        zone = self._input_tz()
        return format_local_hm(at, zone) if zone else format_time_hm(at)

    def _day_in_input_zone(self, at: datetime) -> date:
        return at.astimezone(resolve_zone(self._input_tz())).date()

    def _default_day(self) -> date | None:
        """The day of a bare time with no event above: the meeting's, else today (None)."""
        meeting = self.document.meeting_at
        return self._day_in_input_zone(meeting) if meeting else None

    def _event_above(self, event: Event) -> datetime | None:
        events = sorted_events(self.document.timeline)
        index = next(i for i, e in enumerate(events) if e.id == event.id)
        return events[index - 1].at if index > 0 else None

    # Focus ----------------------------------------------------------------------------------

    def focus_table(self) -> None:
        self.table.focus()

    def select_event(self, event_id: str) -> bool:
        if edits.find(self.document, event_id) is None:
            return False
        self.table.select_event(event_id)
        self.table.focus()
        return True
