"""Pilot: one read-only check. In a second window on the same postmortem every kind of edit
(a timeline key, a whys key, undo, Ctrl+S) is refused with the same one sentence, and the
file is untouched."""

from __future__ import annotations

from postmortem.factory import new_postmortem
from postmortem.i18n import t
from storage.library import Library
from helpers import stored


async def test_every_edit_in_a_read_only_window_gets_the_same_sentence(library_dir, make_app):
    Library(library_dir).create(new_postmortem("ro", "Shared", "SEV2")).close()
    before = stored(library_dir, "ro")
    first = make_app("ro")
    async with first.run_test(size=(80, 24)):
        second = make_app("ro")
        async with second.run_test(size=(80, 24)) as pilot:
            warnings: list[str] = []
            shown = second.notify

            def notify(message, **options):
                if options.get("severity") == "warning":
                    warnings.append(message)
                shown(message, **options)

            second.notify = notify
            screen = second.screen
            assert screen.read_only
            await pilot.pause()
            await pilot.press("escape", "2", "a")          # the timeline: add
            await pilot.press("escape", "3", "a")          # the whys tree: add
            await pilot.press("ctrl+z", "ctrl+s")
            await pilot.pause()
            assert warnings == [t("workspace.read_only")] * 4
            assert screen.document.timeline == [] and screen.document.analysis.whys == []
    assert stored(library_dir, "ro") == before
