"""Stage 3 — root cause analysis (DESIGN §2.3): the problem statement with its blame findings,
then three views: the five-whys tree, the fishbone (editor and diagram), and the summary of
root causes and contributing factors. The blame check runs on every edit (DESIGN §6)."""

from __future__ import annotations

from collections import defaultdict

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, TabbedContent, TabPane

from postmortem import blame, fishbone
from postmortem.findings import Finding, active, dismiss
from postmortem.fishbone import clean, truncate
from postmortem.i18n import t
from tui.screens.dismiss import DismissFindingScreen
from tui.messages import DocumentChanged
from tui.stages.analysis.editing import DismissRequested, FindingsList
from tui.stages.analysis.fishbone import FishbonePanel
from tui.stages.analysis.summary import GoTo, SummaryList
from tui.stages.analysis.whys import WhysPanel
from tui.stages.base import StageView
from tui.widgets.text_field import TextField
from tui.widgets.typing_pause import AfterTyping

PROBLEM = "analysis.problem"
VIEWS = ("analysis-whys", "analysis-fishbone", "analysis-summary")


class AnalysisStage(StageView):
    STAGE = 3
    COMMAND_SCOPE = "analysis"

    def compose(self) -> ComposeResult:
        doc, ro = self.document, self.read_only
        with Horizontal(id="analysis-problem-row"):
            yield Label(t("analysis_ui.problem"), id="analysis-problem-label")
            yield TextField(doc.analysis.problem, id="analysis-problem", disabled=ro,
                        placeholder=t("analysis_ui.problem_placeholder"))
        yield FindingsList(id="analysis-problem-findings")
        with TabbedContent(id="analysis-tabs"):
            with TabPane(t("analysis_ui.tab.whys"), id="analysis-whys"):
                yield WhysPanel(doc, read_only=ro, id="whys-panel")
            with TabPane(t("analysis_ui.tab.fishbone"), id="analysis-fishbone"):
                yield FishbonePanel(doc, read_only=ro, id="fishbone-panel")
            with TabPane(t("analysis_ui.tab.summary"), id="analysis-summary"):
                yield SummaryList(doc, id="analysis-summary-list")

    def on_mount(self) -> None:
        self._recheck = AfterTyping(self, self.show_findings)
        # The views behind the last check: each is drawn from it when it is next shown, so a
        # tab nobody looks at is never rebuilt (the fishbone and its diagram, the summary).
        self._views_behind: set[str] = set()
        self._findings: tuple[list[Finding], dict[str, list[Finding]]] = ([], {})
        # The trees, findings and tabs are filled by ``refresh_from_document``, which the
        # workspace calls on every view it has just built, when it shows it.
        self._show_problem_start()

    def _show_problem_start(self) -> None:
        """A long problem statement shows from its beginning until the field is entered."""
        problem = self.query_one("#analysis-problem", Input)
        if not problem.has_focus:
            problem.cursor_position = 0

    # Keeping every part in step with the document --------------------------------------------

    # While a text is typed, the check of the whole document waits for a pause in the typing
    # (the item typed in shows its own findings live): with 200 whys it is most of a key's cost.
    @on(DocumentChanged)
    def edited(self, event: DocumentChanged) -> None:
        """After any edit here (on its way to the workspace, which saves it): the blame check
        again, and every view — at once, or after a pause when the edit is typing."""
        self._recheck.edited(typing=event.burst is not None)

    def on_descendant_blur(self) -> None:
        self._recheck.flush()   # the field typed in was left: check now, not later

    def show_findings(self) -> None:
        findings = blame.blame_findings(self.document)
        by_location: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_location[finding.location].append(finding)
        self.query_one("#analysis-problem-findings", FindingsList).show(by_location.get(PROBLEM, []))
        self._findings = (findings, by_location)
        self._views_behind = set(VIEWS)
        self._draw_shown_view()
        whys_ids = {w.id for w in self.document.analysis.whys}
        counts = {"analysis-whys": sum(len(v) for k, v in by_location.items() if k in whys_ids),
                  "analysis-fishbone": sum(len(v) for k, v in by_location.items()
                                           if k not in whys_ids and k != PROBLEM)}
        tabs = self.query_one(TabbedContent)
        for pane, key in (("analysis-whys", "whys"), ("analysis-fishbone", "fishbone")):
            title = t(f"analysis_ui.tab.{key}")
            tabs.get_tab(pane).label = (t("analysis_ui.tab.with_findings", title=title, count=counts[pane])
                                        if counts[pane] else title)

    def _draw_shown_view(self) -> None:
        view = self.query_one(TabbedContent).active or VIEWS[0]
        if view not in self._views_behind:
            return
        self._views_behind.discard(view)
        findings, by_location = self._findings
        if view == "analysis-summary":
            self.query_one(SummaryList).refresh_summary(findings)
        else:
            panel = WhysPanel if view == "analysis-whys" else FishbonePanel
            self.query_one(panel).show_findings(by_location)

    @on(TabbedContent.TabActivated, "#analysis-tabs")
    def _view_shown(self) -> None:
        self._draw_shown_view()

    def refresh_from_document(self) -> None:
        problem = self.query_one("#analysis-problem", Input)
        if problem.value != self.document.analysis.problem:
            problem.value = self.document.analysis.problem
            self._show_problem_start()
        self.show_findings()

    # The problem statement ---------------------------------------------------------------

    @on(Input.Changed, "#analysis-problem")
    def problem_changed(self, event: Input.Changed) -> None:
        if self.read_only or event.value == self.document.analysis.problem:
            return
        self.document.analysis.problem = event.value
        self.changed()
        # Its own findings at once, under it (the whole check waits for a pause in the typing).
        problem = blame.text_findings(event.value, PROBLEM, self.document.scope.people())
        self.query_one("#analysis-problem-findings", FindingsList).show(
            active(self.document, problem))

    # Views and focus ---------------------------------------------------------------------

    def main_widget(self, view: str):
        return {"analysis-whys": lambda: self.query_one(WhysPanel).editor_tree,
                "analysis-fishbone": lambda: self.query_one(FishbonePanel).editor_tree,
                "analysis-summary": lambda: self.query_one(SummaryList)}[view]()

    def show_view(self, view: str) -> None:
        self.query_one(TabbedContent).active = view
        self._draw_shown_view()   # now, not when the tab's message comes: the caller selects in it
        self.main_widget(view).focus()

    def action_next_view(self) -> None:
        current = self.query_one(TabbedContent).active
        self.show_view(VIEWS[(VIEWS.index(current) + 1) % len(VIEWS)] if current in VIEWS else VIEWS[0])

    def action_focus_problem(self) -> None:
        self.query_one("#analysis-problem", Input).focus()

    def focus_first(self) -> None:
        """The tree (or the view shown), never the problem field: keys meant for the tree
        must not type into it (``p`` goes there)."""
        self.show_view(self.query_one(TabbedContent).active or VIEWS[0])

    def focus_location(self, location: str) -> bool:
        if location in (PROBLEM, "problem"):
            self.action_focus_problem()
            return True
        if location.startswith("analysis.whys") or self.document.why(location) is not None:
            self.show_view("analysis-whys")
            if self.document.why(location) is not None:
                self.query_one(WhysPanel).editor_tree.select_key(location)
            return True
        if location.startswith("analysis.fishbone"):
            self.show_view("analysis-fishbone")
            return True
        try:
            fishbone.find_cause(self.document, location)
        except fishbone.FishboneError:
            return False
        self.show_view("analysis-fishbone")
        self.query_one(FishbonePanel).editor_tree.select_key(location)
        return True

    def show_change(self, location: str | None) -> None:
        if location == "analysis.problem":
            return   # on screen above the views; not entered, so keys do not type into it
        if location is not None:
            self.focus_location(location)

    @on(GoTo)
    def go_to(self, event: GoTo) -> None:
        self.focus_location(event.location)

    # Dismissing a blame finding --------------------------------------------------------------

    @on(DismissRequested)
    def ask_dismiss(self, event: DismissRequested) -> None:
        event.stop()
        if not self.editable():
            return
        finding = event.finding
        dialog = DismissFindingScreen(
            finding, title=t("analysis_ui.dismiss.title"),
            about=t("analysis_ui.dismiss.about", matched=finding.matched,
                    where=self.describe(finding.location)),
            example_reason=t("analysis_ui.dismiss.reason_placeholder"))
        self.app.push_screen(dialog, lambda reason: self._dismissed(finding, reason))

    def describe(self, location: str) -> str:
        """How the dismiss dialog names the place: the problem, or the item's id and text."""
        if location == PROBLEM:
            return t("analysis_ui.dismiss.where_problem")
        text = self.document.cause_text(location) or ""
        return t("analysis_ui.dismiss.where_item", id=location, text=truncate(clean(text), 50))

    def _dismissed(self, finding: Finding, reason: str | None) -> None:
        if reason is None:
            return
        dismiss(self.document, finding, reason)
        self.changed()
        self.notify(t("analysis_ui.dismissed"))
