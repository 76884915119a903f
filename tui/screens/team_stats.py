"""The library's figures as a small dashboard (s in the library; issue 17 §4): counts, median
times by quarter, the trend of time to resolve (a ``Sparkline``), overdue items and what keeps
coming back — ``postmortem stats`` on one screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline, Static

from postmortem.i18n import t
from postmortem.metrics import format_duration
from postmortem.stats import MEASURES, LibraryStats, completion_line, library_stats, resolve_trend
from storage.summary_cache import read_summaries
from tui.commands import RegistryBindings
from tui.stages.actions import clock as actions_clock
from tui.widgets.key_footer import KeyFooter
from tui.widgets.status_line import StatusLine


class StatsView(RegistryBindings, Screen[None]):
    COMMAND_SCOPE = "team-stats"

    def __init__(self) -> None:
        super().__init__()
        self.stats: LibraryStats | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("team.view.stats_heading"), id="team-heading")
        with VerticalScroll(id="stats-body"):
            yield Static("", id="stats-counts")
            yield Static(t("team.view.trend"), id="stats-trend-label", classes="stats-label")
            yield Sparkline([], id="stats-trend")
            yield DataTable(id="stats-quarters", cursor_type="none", show_cursor=False)
            yield Static("", id="stats-recurring")
        yield StatusLine()
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        read = read_summaries(self.app.library.root)
        self.stats = stats = library_stats(read.summaries, actions_clock.today())
        severities = "  ".join(f"{name if name != 'none' else t('team.stats.no_severity')} "
                               f"{count}" for name, count in stats.by_severity)
        self.query_one("#stats-counts", Static).update(Text("\n".join([
            t("team.stats.total", count=stats.total) + "  " + severities,
            completion_line(stats),
            t("team.stats.overdue_actions", count=stats.overdue_actions) + "  "
            + t("team.stats.overdue_reviews", count=stats.overdue_reviews)])))
        trend = resolve_trend(stats)
        self.query_one(Sparkline).data = trend
        self.query_one(Sparkline).display = len(trend) > 1   # one point is no trend
        self.query_one("#stats-trend-label", Static).update(
            t("team.view.trend_span", first=stats.quarters[0].label, last=stats.quarters[-1].label)
            if len(trend) > 1 else t("team.view.trend_none"))
        table = self.query_one("#stats-quarters", DataTable)
        table.display = bool(stats.quarters)
        table.clear(columns=True)
        table.add_columns(t("team.stats.quarter"), t("team.stats.count"),
                          *(t(f"team.stats.median.{m}") for m in MEASURES))
        for quarter in reversed(stats.quarters):   # the latest first: what the room asks about
            table.add_row(quarter.label, str(quarter.count),
                          *(format_duration(quarter.medians[m]) for m in MEASURES))
        lines = []
        for key, items in (("recurring_tags", stats.recurring_tags),
                           ("recurring_causes", stats.recurring_causes)):
            lines.append(t(f"team.stats.{key}"))
            lines += [f"  {count}× {text}" for text, count in items] or ["  " + t("team.stats.none")]
        self.query_one("#stats-recurring", Static).update(Text("\n".join(lines)))

    def action_close(self) -> None:
        self.app.pop_screen()
