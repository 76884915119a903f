"""Stage 3's summary: root causes and contributing factors, gathered from the tree and the
fishbone, then the open and the dismissed blame findings. Enter goes to the item."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from postmortem import blame
from postmortem.findings import Finding
from postmortem.fishbone import MARKERS, clean
from postmortem.i18n import t
from postmortem.model import Postmortem
from tui.commands import RegistryBindings


class GoTo(Message):
    """Show an item (why-node id, cause id or "analysis.problem") in its view."""

    def __init__(self, location: str) -> None:
        super().__init__()
        self.location = location


class SummaryList(RegistryBindings, OptionList):
    COMMAND_SCOPE = "analysis-summary"
    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | {
        "summary--heading", "summary--root", "summary--contributing", "summary--finding",
        "summary--muted"}

    def __init__(self, document: Postmortem, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.locations: list[str | None] = []

    def _style(self, component: str):
        return self.get_component_rich_style(component, partial=True)

    def refresh_summary(self, findings: list[Finding]) -> None:
        doc = self.document
        keep = self.highlighted
        options: list[Option] = []
        self.locations = []

        def heading(title: str, count: int) -> None:
            options.append(Option(Text(t("analysis_ui.summary.heading", title=title, count=count),
                                       self._style("summary--heading")),
                                  disabled=True))
            self.locations.append(None)

        def item(text: Text, location: str | None) -> None:
            options.append(Option(text, disabled=location is None))
            self.locations.append(location)

        def none() -> None:
            item(Text("  " + t("analysis_ui.summary.none"), self._style("summary--muted")), None)

        for title, items, marker, component in (
                (t("analysis_ui.summary.root_causes"), blame.root_causes(doc),
                 MARKERS["root-cause"], "summary--root"),
                (t("analysis_ui.summary.contributing"), blame.contributing_factors(doc),
                 MARKERS["contributing"], "summary--contributing")):
            heading(title, len(items))
            for item_id, text, source in items:
                shown_source = t("analysis_ui.summary.from_why") if source == "why" else source
                item(Text.assemble("  ", (marker, self._style(component)), " ",
                                   clean(text) or t("fishbone.untitled_cause"),
                                   (f"  {item_id} · {shown_source}", self._style("summary--muted"))),
                     item_id)
            if not items:
                none()
        heading(t("analysis_ui.summary.findings"), len(findings))
        for finding in findings:
            where = (t("analysis_ui.summary.problem") if finding.location == "analysis.problem"
                     else finding.location)
            item(Text.assemble("  ", ("⚠ ", self._style("summary--finding")), finding.reason,
                               (f"  {where}", self._style("summary--muted"))), finding.location)
        if not findings:
            none()
        dismissed = [d for d in doc.dismissed_findings if d.key.startswith(f"{blame.RULE}:")]
        if dismissed:
            heading(t("analysis_ui.summary.dismissed"), len(dismissed))
            for entry in dismissed:
                matched = entry.key.split(":", 2)[-1]
                item(Text("  " + t("analysis_ui.summary.dismissed_item", matched=matched,
                                   reason=entry.reason), self._style("summary--muted")), None)
        self.clear_options()
        self.add_options(options)
        if keep is not None and keep < len(options) and not options[keep].disabled:
            self.highlighted = keep

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        location = self.locations[event.option_index]
        if location is not None:
            self.post_message(GoTo(location))
