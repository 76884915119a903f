"""Reopening a postmortem resumes on the stage it was left on; the footer shows (and clicks)
the keys that work where the focus is."""

from __future__ import annotations

import json

from textual.widgets import ContentSwitcher

from postmortem.factory import new_postmortem
from storage.last_stage import STATE_NAME, last_stage
from storage.library import Library
from tui.screens.help import HelpScreen
from tui.screens.workspace import WorkspaceScreen
from tui.stages.timeline.table import TimelineTable
from tui.widgets.key_footer import KeyFooter
from tui.widgets.stage_strip import StageStrip
from helpers import shown


def create(library_dir, doc_id: str = "resume") -> None:
    Library(library_dir).create(new_postmortem(doc_id, "Resume me", "SEV2")).close()


async def test_reopening_resumes_on_the_stage_it_was_left_on(library_dir, make_app):
    create(library_dir)
    async with make_app("resume").run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "3")
        await pilot.pause()
        assert pilot.app.screen.current_stage == 3
        await pilot.press("ctrl+q")
    assert last_stage(library_dir, "resume") == 3

    app = make_app("resume")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        assert screen.query_one(StageStrip).current == 3
        assert screen.query_one(ContentSwitcher).current == "stage-3"
        assert not screen.query("#stage-1")   # only the stage shown was built
        assert screen.focused is not None and screen.query_one("#stage-3") in screen.focused.ancestors
        await pilot.press("escape", "1")      # the other stages are still a key away
        await pilot.pause()
        assert screen.query_one(ContentSwitcher).current == "stage-1"


async def test_a_resumed_timeline_shows_its_events_at_once(library_dir, make_app):
    create(library_dir)
    with Library(library_dir).open("resume") as document_file:
        document = document_file.document
        document.timeline = []
    async with make_app("resume").run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "2", "a", *"14:02 Alert fired", "enter", "escape")
        await pilot.press("ctrl+q")
    app = make_app("resume")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        assert table.row_count == 2        # the date row and the event, without visiting stage 2
        assert app.screen.focused is table
        assert "Alert fired" in shown(table)


async def test_a_new_postmortem_with_a_used_id_starts_at_stage_one(library_dir, make_app):
    create(library_dir)
    async with make_app("resume").run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "5", "ctrl+q")
    assert last_stage(library_dir, "resume") == 5
    library = Library(library_dir)
    library.delete("resume")
    assert last_stage(library_dir, "resume") == 1
    create(library_dir)
    app = make_app("resume")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.current_stage == 1


async def test_a_broken_state_file_means_stage_one_and_is_replaced(library_dir, make_app):
    create(library_dir)
    (library_dir / STATE_NAME).write_text("{ not json", "utf-8")
    app = make_app("resume")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.current_stage == 1
        await pilot.press("escape", "4", "ctrl+q")
    assert json.loads((library_dir / STATE_NAME).read_text("utf-8")) == {"resume": 4}


def test_odd_values_in_the_state_file_are_ignored(library_dir):
    (library_dir / STATE_NAME).write_text(json.dumps(
        {"a": 9, "b": "2", "c": True, "d": 0, "e": 6, "f": None}), "utf-8")
    assert [last_stage(library_dir, key) for key in "abcdef"] == [1, 1, 1, 1, 6, 1]
    (library_dir / STATE_NAME).write_text("[1, 2]", "utf-8")
    assert last_stage(library_dir, "e") == 1


async def test_a_read_only_window_does_not_move_the_first_windows_place(library_dir, make_app):
    create(library_dir)
    first = make_app("resume")
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "2")
        second = make_app("resume")
        async with second.run_test(size=(100, 30)) as other:
            await other.pause()
            assert second.screen.read_only
            await other.press("escape", "6")
            await other.pause()
        assert last_stage(library_dir, "resume") == 1   # the read-only window wrote nothing
        await pilot.press("ctrl+q")
    assert last_stage(library_dir, "resume") == 2


# The footer ---------------------------------------------------------------------------------


async def test_the_footer_follows_the_focus_and_keeps_whole_keys(library_dir, make_app):
    create(library_dir)
    app = make_app("resume")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "2")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        timeline_keys = shown(footer)
        assert "a Add" in timeline_keys and "^p palette" in timeline_keys
        assert timeline_keys.endswith("^p palette")
        await pilot.press("escape")             # to the stage strip: the timeline keys go
        await pilot.pause()
        assert "a Add" not in shown(footer)
        # At 80 columns not every key fits; none is shown cut in half.
        await pilot.press("2")
        await pilot.pause()
        line = footer.render().plain
        assert len(line) == 80
        labels = {f"{shown.display} {shown.description}" for shown in [*footer._keys, footer._palette]}
        assert len(footer._spans) < len(labels)   # some keys did not fit
        for start, end, _shown in footer._spans:
            assert line[start:end].strip(" ▏") in labels


async def footer_on_the_strip(pilot) -> KeyFooter:
    """The footer of the workspace with the focus on the stage strip."""
    await pilot.press("escape")
    await pilot.pause()
    return pilot.app.screen.query_one(KeyFooter)


def start_of(footer: KeyFooter, key: str) -> int:
    return next(start for start, _end, shown in footer._spans if shown.key == key)


async def test_clicking_a_key_in_the_footer_runs_it(library_dir, make_app):
    create(library_dir)
    app = make_app("resume")
    async with app.run_test(size=(120, 30)) as pilot:
        footer = await footer_on_the_strip(pilot)
        await pilot.click(KeyFooter, offset=(start_of(footer, "f1") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_long_problem_statement_shows_from_its_start_when_reopened_on_stage_3(library_dir, make_app):
    from textual.widgets import Input

    from postmortem.demo import demo_document
    from storage.last_stage import remember_stage
    document = demo_document()
    Library(library_dir).create(document).close()
    remember_stage(library_dir, document.id, 3)
    app = make_app(document.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        problem = app.screen.query_one("#analysis-problem", Input)
        assert len(problem.value) > problem.size.width     # it cannot all show
        assert not problem.has_focus
        assert problem.scroll_offset.x == 0 and problem.cursor_position == 0


async def test_the_pointer_on_a_footer_key_shows_its_help(library_dir, make_app):
    from tui.commands import all_commands
    create(library_dir)
    app = make_app("resume")
    async with app.run_test(size=(120, 30)) as pilot:
        footer = await footer_on_the_strip(pilot)
        await pilot.hover(KeyFooter, offset=(start_of(footer, "f5") + 1, 0))
        await pilot.pause()
        review = next(c for c in all_commands() if c.key == "f5")
        assert footer.tooltip == review.help_text and footer.tooltip
        await pilot.hover(KeyFooter, offset=(footer._spans[-1][0] - 2, 0))   # the gap before the palette key
        await pilot.pause()
        assert footer.tooltip is None


def test_a_state_file_that_cannot_be_written_is_no_error(library_dir, monkeypatch):
    import storage.last_stage as last_stage_module
    from storage.errors import SaveError

    def full_disk(path, data, **_):
        raise SaveError(path, "No space left on device")

    monkeypatch.setattr(last_stage_module, "atomic_write", full_disk)
    last_stage_module.remember_stage(library_dir, "resume", 4)   # says nothing, raises nothing
    assert last_stage(library_dir, "resume") == 1
    assert not (library_dir / STATE_NAME).exists()
