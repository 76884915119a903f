"""On the stage strip, the keys of the stage shown work (found by the keyboard-only pass of
issue 12: stage 6 opens on the strip, its hint says "f creates the default ones", and f did
nothing there; the only way to it was Tab through two summaries, where f types a letter)."""

from __future__ import annotations

from datetime import datetime, timezone

from postmortem.factory import new_postmortem
from storage.library import Library
from tui.stages import stage_view_classes
from tui.widgets.key_footer import KeyFooter
from tui.widgets.stage_strip import StageStrip
from helpers import shown, stored

DOC = "strip-keys"


def create(library_dir) -> None:
    doc = new_postmortem(DOC, "Edge errors", "SEV2",
                         meeting_at=datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc))
    Library(library_dir).create(doc).close()


async def test_stage_six_keys_work_on_the_strip_where_it_opens(library_dir, make_app):
    create(library_dir)
    app = make_app(DOC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("alt+6")
        await pilot.pause()
        assert isinstance(app.focused, StageStrip)
        footer = shown(app.screen.query_one(KeyFooter))
        assert "f Default reviews" in footer
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "follow-up-due" in app.focused.classes        # as from inside: on the first review
        reviews = app.screen.document.communication.follow_ups
        assert [r.due.isoformat() for r in reviews] == ["2026-04-08", "2026-05-08"]
        await pilot.press("escape", "n")                     # add a review, also from the strip
        await app.workers.wait_for_complete()
        assert len(app.screen.document.communication.follow_ups) == 3
        # Stage 1 has no keys of its own: the footer offers none of stage 6's there.
        await pilot.press("alt+1")
        await pilot.pause()
        assert isinstance(app.focused, StageStrip)
        assert "Default reviews" not in shown(app.screen.query_one(KeyFooter))
        await pilot.press("f")                               # nothing, and nothing typed
        assert app.screen.document.title == "Edge errors"
        await pilot.press("ctrl+q")
    assert len(stored(library_dir, DOC)["communication"]["follow_ups"]) == 3


async def test_stage_three_view_key_works_on_the_strip(library_dir, make_app):
    create(library_dir)
    app = make_app(DOC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("alt+3", "escape")
        assert isinstance(app.focused, StageStrip)
        await pilot.press("t")                               # the fishbone view, from the strip
        await pilot.pause()
        assert app.screen.query_one("#analysis-tabs").active == "analysis-fishbone"


def test_the_strip_knows_the_scope_of_every_stage_view():
    from tui.screens.stage_focus import STAGE_VIEW_SCOPES
    scopes = {cls.STAGE: getattr(cls, "COMMAND_SCOPE", None) for cls in stage_view_classes()}
    assert {stage: scope for stage, scope in scopes.items() if scope} == STAGE_VIEW_SCOPES
