"""Stage 3 draws only what is shown: the findings under a typed line are redrawn only when
they change (they were cleared and refilled at every key), and a tab is drawn from the
document when it is shown, not at every check while hidden."""

from __future__ import annotations

from postmortem.factory import new_postmortem
from postmortem.sections.analysis import Cause, FishboneCategory, WhyNode
from storage.library import Library
from tui.stages.analysis.editing import FindingsList
from tui.stages.analysis.fishbone import FishboneTree
from tui.stages.analysis.summary import SummaryList
from tui.stages.analysis.whys import WhysTree
from helpers import stored
from test_app_analysis import labels, open_stage_three


async def test_typing_a_why_redraws_its_findings_only_when_they_change(library_dir, make_app,
                                                                      monkeypatch):
    doc = new_postmortem("typed", "Checkout latency", "SEV2")
    doc.scope.participants = ["Priya N.", "Max B."]
    doc.analysis.whys = [WhyNode(id="w1", parent=None, text="Requests waited")]
    Library(library_dir).create(doc).close()
    redraws = []
    clear = FindingsList.clear_options
    monkeypatch.setattr(FindingsList, "clear_options",
                        lambda self: redraws.append(self.id) or clear(self))
    app = make_app("typed")
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_three(app, pilot)
        assert app.focused is stage.query_one(WhysTree)
        await pilot.press("e", "end")
        await pilot.pause()
        redraws.clear()
        await pilot.press(*" on a cold cache")
        await pilot.pause()
        findings = stage.query_one("#whys-findings", FindingsList)
        assert "whys-findings" not in redraws            # nothing to show, nothing redrawn
        assert not findings.display
        await pilot.press(*" because Max")               # a name: a finding, drawn once
        await pilot.pause()
        assert redraws.count("whys-findings") == 1
        assert findings.display and "Max" in findings.findings[0].reason
        await pilot.press("enter")
        await pilot.pause()
        assert stage.document.why("w1").text == "Requests waited on a cold cache because Max"
        assert app.screen.flush()
    assert stored(library_dir, "typed")["analysis"]["whys"][0]["text"] == (
        "Requests waited on a cold cache because Max")


async def test_hidden_tabs_are_drawn_when_shown_with_the_edits_made_meanwhile(library_dir,
                                                                           make_app):
    doc = new_postmortem("tabs", "Checkout latency", "SEV2")
    doc.analysis.whys = [WhyNode(id="w1", parent=None, text="Requests waited")]
    doc.analysis.fishbone = [FishboneCategory(category="Process", causes=[
        Cause(id="c1", text="Runbook step optional")])]
    Library(library_dir).create(doc).close()
    app = make_app("tabs")
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_three(app, pilot)
        fishbone, summary = stage.query_one(FishboneTree), stage.query_one(SummaryList)
        assert not fishbone.root.children and summary.option_count == 0   # never shown yet
        await pilot.press("r")                           # w1 marked as the root cause
        await pilot.pause()
        assert stage.document.why("w1").role == "root-cause"
        assert summary.option_count == 0                 # still hidden: not redrawn
        await pilot.press("t")
        await pilot.pause()
        assert labels(fishbone) == ["Process (1)", "• Runbook step optional"]
        await pilot.press("t")
        await pilot.pause()
        assert "w1" in summary.locations                 # the edit made while it was hidden
        assert "Requests waited" in str(summary.get_option_at_index(1).prompt)
    assert stored(library_dir, "tabs")["analysis"]["whys"][0]["role"] == "root-cause"
