"""Stage 2 — timeline & impact (DESIGN §2.2, §5): the minute-resolution UTC timeline editor
with its live metrics, and the impact form.

Large terminals show the impact form under the timeline; smaller ones (80×24) show one at a
time (``v`` switches, the line at the top says which is showing). The stage's exit condition is re-checked by the
workspace after every edit.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Static

from postmortem.i18n import t
from postmortem import timeline_edits as edits
from tui.messages import DocumentChanged
from tui.stages.base import StageView
from tui.stages.timeline.impact import ImpactForm
from tui.stages.timeline.pane import TimelinePane

# From this size of the stage on, the impact form (two columns) fits under the timeline.
SPLIT_WIDTH, SPLIT_HEIGHT = 100, 28


class ViewSwitch(Static):
    """"Timeline │ Impact": which one is showing; a click switches."""

    def on_click(self) -> None:
        stage = next(a for a in self.ancestors if isinstance(a, TimelineStage))
        stage.action_switch_view()


class TimelineStage(StageView):
    STAGE = 2
    COMMAND_SCOPE = "timeline-stage"

    showing_impact: var[bool] = var(False, init=False)
    """The impact form is the view shown (one view at a time on a small stage, "-single")."""

    def compose(self) -> ComposeResult:
        yield ViewSwitch(id="timeline-views")
        with Vertical(id="timeline-panes"):
            yield TimelinePane(self.document, read_only=self.read_only, id="timeline-pane")
            with Vertical(id="impact-pane") as impact_pane:
                impact_pane.border_title = t("timeline_ui.impact_title")
                yield ImpactForm(self.document, read_only=self.read_only, id="impact-form")

    def on_mount(self) -> None:
        self._show_view_switch()

    @property
    def pane(self) -> TimelinePane:
        return self.query_one(TimelinePane)

    @property
    def impact(self) -> ImpactForm:
        return self.query_one(ImpactForm)

    @on(DocumentChanged)
    def edited(self) -> None:
        """An edit in the timeline or the form (on its way to the workspace): the duration
        shown in the form follows the milestones."""
        self.impact.show_duration()

    def refresh_from_document(self) -> None:
        pane = self.pane
        if pane.editing and edits.find(self.document, pane.editing) is None:
            pane.close_entry()   # the event being edited was taken back by an undo
        pane.show(select=pane.table.selected_id)
        self.impact.refresh_from_document()

    def show_change(self, location: str | None) -> None:
        if location and location.startswith("impact."):
            self.showing_impact = True
        elif location and self.pane.select_event(location):
            self.showing_impact = False

    # Layout ---------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        single = event.size.width < SPLIT_WIDTH or event.size.height < SPLIT_HEIGHT
        self.set_class(single, "-single")
        self._show_view_switch()

    def watch_showing_impact(self, impact: bool) -> None:
        self.set_class(impact, "-impact")
        self._show_view_switch()

    def _show_view_switch(self) -> None:
        impact = self.showing_impact
        line = Text(" ")
        line.append(f" {t('timeline_ui.view_timeline')} ", style="" if impact else "bold reverse")
        line.append(" │ ")
        line.append(f" {t('timeline_ui.impact_title')} ", style="bold reverse" if impact else "")
        line.append(f"   {t('timeline_ui.view_hint')}", style="dim")
        self.query_one(ViewSwitch).update(line)

    def action_switch_view(self) -> None:
        if self.has_class("-single"):
            self.showing_impact = not self.showing_impact
            if self.showing_impact:
                self.impact.focus_field("users_affected")
            else:
                self.pane.focus_table()
        elif self.impact.has_focus_within:
            self.pane.focus_table()
        else:
            self.impact.focus_field("users_affected")

    # Focus ----------------------------------------------------------------------------------

    def focus_first(self) -> None:
        self.showing_impact = False
        self.pane.focus_table()

    def focus_location(self, location: str) -> bool:
        if location.startswith("impact."):
            self.showing_impact = True
            return self.impact.focus_field(location.removeprefix("impact."))
        if location == "timeline":
            self.focus_first()
            return True
        if self.pane.select_event(location):
            self.showing_impact = False
            return True
        return False

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus moved into the other view (a jump, a click): show that view."""
        in_impact = self.impact in event.widget.ancestors_with_self
        if self.has_class("-single") and in_impact != self.showing_impact:
            self.showing_impact = in_impact
