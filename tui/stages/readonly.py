"""Stages 2–6 shown read-only until their editors land: the document's content, labelled so."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from postmortem.fields import format_time
from postmortem.i18n import t
from postmortem.model import Postmortem
from tui.stages.base import StageView


def _table(*columns: str) -> Table:
    table = Table(*columns, expand=True, show_edge=False, pad_edge=False)
    return table


def _bullets(title: str, items: list[str]) -> RenderableType:
    body = Text(f"{title}\n", style="bold")
    for item in items or [t("readonly.none")]:
        body.append(f"  • {item}\n")
    return body


class ReadOnlyStage(StageView):
    """Renders a section of the document; no editing until the stage's issue lands."""

    def compose(self) -> ComposeResult:
        yield Static(t("readonly.banner"), classes="readonly-banner")
        with VerticalScroll(classes="readonly-body"):
            yield Static(id=f"{self.id}-content")

    def on_mount(self) -> None:
        self.refresh_from_document()

    def refresh_from_document(self) -> None:
        self.query_one(f"#{self.id}-content", Static).update(self.render_section(self.document))

    def render_section(self, doc: Postmortem) -> RenderableType:
        raise NotImplementedError


class TimelineReadOnly(ReadOnlyStage):
    STAGE = 2

    def render_section(self, doc: Postmortem) -> RenderableType:
        table = _table(t("readonly.time"), t("readonly.event"), t("readonly.milestone"))
        for event in sorted(doc.timeline, key=lambda e: e.at):
            table.add_row(format_time(event.at).replace("T", " ")[:16], event.text, event.milestone or "")
        impact = doc.impact
        facts = Text(f"\n{t('readonly.users_affected')}: {impact.users_affected or '—'}\n")
        return Group(table, facts)


class AnalysisReadOnly(ReadOnlyStage):
    STAGE = 3

    def render_section(self, doc: Postmortem) -> RenderableType:
        lines = Text(f"{t('readonly.problem')}: {doc.analysis.problem or '—'}\n\n", style="bold")
        depth = {w.id: 0 for w in doc.analysis.whys}
        for node in doc.analysis.whys:
            parent = node.parent
            while parent is not None:
                depth[node.id] += 1
                parent = doc.why(parent).parent if doc.why(parent) else None
            role = f" [{node.role}]" if node.role else ""
            lines.append(f"{'  ' * depth[node.id]}why? {node.text}{role}\n")
        for category in doc.analysis.fishbone:
            lines.append(f"\n{category.category}\n", style="bold")
            for cause in category.causes:
                lines.append(f"  • {cause.text}{f' [{cause.role}]' if cause.role else ''}\n")
        return lines


class LessonsReadOnly(ReadOnlyStage):
    STAGE = 4

    def render_section(self, doc: Postmortem) -> RenderableType:
        return Group(_bullets(t("lessons.went_well"), doc.lessons.went_well),
                     _bullets(t("lessons.went_wrong"), doc.lessons.went_wrong),
                     _bullets(t("lessons.lucky"), doc.lessons.lucky))


class ActionsReadOnly(ReadOnlyStage):
    STAGE = 5

    def render_section(self, doc: Postmortem) -> RenderableType:
        table = _table(t("readonly.action"), t("readonly.type"), t("readonly.owner"),
                       t("readonly.due"), t("readonly.status"))
        for action in doc.actions:
            table.add_row(action.title, action.type, action.owner,
                          action.due.isoformat() if action.due else "—", action.status)
        return table


class CommunicationReadOnly(ReadOnlyStage):
    STAGE = 6

    def render_section(self, doc: Postmortem) -> RenderableType:
        comms = doc.communication
        body = Text()
        body.append(f"{t('readonly.internal_summary')}\n", style="bold")
        body.append(f"{comms.internal_summary or '—'}\n\n")
        body.append(f"{t('readonly.customer_summary')}\n", style="bold")
        body.append(f"{comms.customer_summary or '—'}\n\n")
        body.append(f"{t('readonly.legal_review')}: {comms.legal_review}\n")
        follow = [f"{f.due.isoformat()} {f.label} {'✓' if f.done else ''}" for f in comms.follow_ups]
        return Group(body, _bullets(t("readonly.follow_ups"), follow))
