"""A stage returned to is filled again only when the document was edited since it was left:
with 200 whys, filling stage 3 again (both trees, the blame check of every text) was most of
what a switch cost."""

from __future__ import annotations

from postmortem.demo import demo_document
from storage.library import Library
from tui.stages.analysis.stage import AnalysisStage
from helpers import stored

DEMO = "demo-checkout-latency"


async def test_stage_three_is_filled_again_only_after_an_edit_elsewhere(library_dir, make_app,
                                                                        monkeypatch):
    fills = []
    fill = AnalysisStage.refresh_from_document
    monkeypatch.setattr(AnalysisStage, "refresh_from_document",
                        lambda self: fills.append(1) or fill(self))
    Library(library_dir).create(demo_document()).close()
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("escape", "3")
        await pilot.pause()
        assert fills == [1]                       # built, and filled once
        await pilot.press("escape", "1", "escape", "3")
        await pilot.pause()
        assert fills == [1]                       # nothing edited: shown as it was
        await pilot.press("escape", "1")
        screen.query_one("#title").focus()
        await pilot.press(*" (draft)")
        await pilot.press("escape", "3")
        await pilot.pause()
        assert fills == [1, 1]                    # edited elsewhere: filled again
        assert screen.query_one(AnalysisStage).display
        assert screen.flush()
    assert stored(library_dir, DEMO)["title"].endswith(" (draft)")
