"""Typing a why in its line editor: the findings under the line are redrawn only when they
change (they were cleared and refilled at every key), and still follow the text."""

from __future__ import annotations

from postmortem.factory import new_postmortem
from postmortem.sections.analysis import WhyNode
from storage.library import Library
from tui.stages.analysis.editing import FindingsList
from tui.stages.analysis.whys import WhysTree
from helpers import stored
from test_app_analysis import open_stage_three


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
