"""Issue 12, keys and focus: stage keys never type into a field, no keystroke wipes a field,
one undo for every edit in every stage, Home/End in lists. On screen and in the file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, TextArea

from postmortem.demo import demo_document
from storage.library import Library
from tui.stages.actions.board import ActionBoard
from tui.stages.analysis.whys import WhysTree
from tui.stages.lessons.stage import LessonList
from tui.stages.timeline.table import TimelineTable
from tui.widgets.stage_strip import StageStrip
from helpers import shown, stored

DEMO = "demo-checkout-latency"


def open_demo(library_dir, make_app):
    Library(library_dir).create(demo_document()).close()
    return make_app(DEMO)


def stage_shown(app) -> str:
    return app.screen.query_one("#stages").current


async def test_alt_keys_jump_from_inside_a_field_and_leave_its_text_alone(library_dir, make_app):
    """The issue's case: in stage 1's Title, "3" meant stage 3 and was typed into the title."""
    app = open_demo(library_dir, make_app)
    title = demo_document().title
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "tab")
        assert app.focused.id == "title"
        await pilot.press("alt+3")
        assert stage_shown(app) == "stage-3"
        await pilot.press("alt+left")
        assert stage_shown(app) == "stage-2"
        await pilot.press("alt+right", "alt+right")
        assert stage_shown(app) == "stage-4"
        await pilot.press("ctrl+pageup")                 # still there, for terminals that pass it
        assert stage_shown(app) == "stage-3"
        await pilot.press("pound_sign")                  # Alt+3 as Esc 3 reads in Textual
        assert stage_shown(app) == "stage-3"
        await pilot.press("inverted_exclamation_mark")   # Esc 1: stage 1, back in the title
        assert stage_shown(app) == "stage-1"
        assert app.focused.id == "title"
        assert app.screen.query_one("#title", Input).value == title
        await pilot.press("ctrl+q")
    assert stored(library_dir, DEMO)["title"] == title
    reopened = make_app(DEMO)
    async with reopened.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert reopened.screen.query_one("#title", Input).value == title


async def test_a_stage_opens_on_its_list_a_form_on_the_strip_and_returns_to_a_field_left(
        library_dir, make_app):
    app = open_demo(library_dir, make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        expected = {1: StageStrip, 2: TimelineTable, 3: WhysTree, 4: LessonList, 5: ActionBoard,
                    6: StageStrip}
        assert isinstance(app.focused, StageStrip)
        for number, kind in expected.items():
            await pilot.press(f"alt+{number}")
            assert isinstance(app.focused, kind), (number, app.focused)
        # Stage 3 with its problem emptied still opens on the tree (it used to open in it).
        await pilot.press("alt+3", "p", "home", "ctrl+k")
        assert app.screen.document.analysis.problem == ""
        await pilot.press("alt+4", "alt+3")
        assert app.focused.id == "analysis-problem"      # left in the field: back in it
        await pilot.press("escape", "alt+5", "alt+3")      # left from the strip: its tree
        assert isinstance(app.focused, WhysTree)
        # Stage 6's summary, left while typing, gets the focus back.
        await pilot.press("alt+6", "tab")
        assert app.focused.id == "internal_summary"
        await pilot.press("alt+1", "alt+6")
        assert app.focused.id == "internal_summary"


async def test_tab_stays_in_the_stage_and_typing_after_it_never_replaces_a_field(
        library_dir, make_app):
    """The issue's case: Tab from the whys tree ran to the strip and into the Problem field,
    which selected its text; "t" "g" replaced the problem statement with "tg"."""
    app = open_demo(library_dir, make_app)
    problem = demo_document().analysis.problem
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "3")
        stage = app.screen.query_one("#stage-3")
        tree = stage.query_one(WhysTree)
        tree.focus()
        await pilot.pause()
        visited = []
        for _ in range(12):
            await pilot.press("tab")
            visited.append(app.focused)
            if app.focused is tree:
                break
        assert app.focused is tree                      # round the stage and back
        assert all(stage in widget.ancestors for widget in visited)
        assert not any(isinstance(widget, StageStrip) for widget in visited)
        field = stage.query_one("#analysis-problem", Input)
        while app.focused is not field:
            await pilot.press("tab")
        await pilot.press("t", "g")
        typed = field.value
        assert len(typed) == len(problem) + 2 and typed.replace("tg", "", 1) == problem  # added
        await pilot.press("ctrl+z")
        assert field.value == problem
        assert app.screen.document.analysis.problem == problem
        await pilot.press("ctrl+y")
        assert field.value == typed
        await pilot.press("ctrl+z")
        assert app.screen.flush()
    assert stored(library_dir, DEMO)["analysis"]["problem"] == problem


async def test_no_text_field_selects_its_text_when_focused(library_dir, make_app):
    app = open_demo(library_dir, make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        for number in range(1, 7):                    # each stage is built on its first visit
            await app.screen.action_stage(number)
        await pilot.pause()
        fields = list(app.screen.query(Input))
        assert len(fields) > 20
        assert [f.id for f in fields if f.select_on_focus] == []
        title = app.screen.query_one("#title", Input)
        title.focus()
        await pilot.pause()
        assert title.selection.is_empty


def test_every_text_field_is_built_from_the_app_s_own_classes():
    """The class of the bug: a bare Input selects all on focus and has no undo; a bare
    TextArea undoes past its own start into nothing. tui/ builds neither directly."""
    bare = []
    for path in Path("tui").rglob("*.py"):
        if path.name == "text_field.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Input", "TextArea"):
                bare.append(f"{path}:{node.lineno}")
    assert bare == []


async def test_one_undo_takes_back_list_edits_of_every_stage_in_order(library_dir, make_app):
    """Delete, move, role, status, milestone, internal flag, add — in five stages — and a
    typed title: Ctrl+Z from anywhere takes them back newest first, each on its own stage;
    the file ends as it began; Ctrl+Y redoes."""
    app = open_demo(library_dir, make_app)
    original = demo_document().to_dict()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        doc = screen.document
        await pilot.press("escape", "2", "d", "i", "s")  # timeline: delete, internal, start
        await pilot.press("escape", "3")
        screen.query_one(WhysTree).focus()
        await pilot.press("r")                           # whys: role
        await pilot.press("escape", "4", "shift+down", "d")   # lessons: move, delete
        await pilot.press("escape", "5", "s")            # actions: status
        await pilot.press("escape", "6")
        screen.query_one("#internal_summary").focus()
        await pilot.press(*"Summary.")                   # communication: typing
        await pilot.press("escape", "1")
        screen.query_one("#title").focus()
        await pilot.press(*" (draft)")                   # scope: typing
        await pilot.pause()
        assert doc.title.endswith(" (draft)")
        await pilot.press("escape")                      # leave the field: its typing is a step
        expected = [1, 6, 5, 4, 4, 3, 2, 2, 2]
        for stage in expected:
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert stage_shown(app) == f"stage-{stage}"
        assert doc.to_dict() == original
        await pilot.press("ctrl+z")                      # nothing older: nothing changes
        assert doc.to_dict() == original
        await pilot.press("ctrl+y")                      # the timeline delete again
        await pilot.pause()
        assert stage_shown(app) == "stage-2"
        assert len(doc.timeline) == len(original["timeline"]) - 1
        await pilot.press("ctrl+z")
        assert screen.flush()
    assert stored(library_dir, DEMO) == original


async def test_undo_in_a_field_takes_back_its_typing_first(library_dir, make_app):
    app = open_demo(library_dir, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "5", "d")           # a list edit first
        count = len(app.screen.document.actions)
        await pilot.press("escape", "1")
        field = app.screen.query_one("#title", Input)
        field.focus()
        await pilot.press(*" one")
        await pilot.press("ctrl+z")                     # the field's own typing
        assert field.value == demo_document().title
        assert stage_shown(app) == "stage-1"
        await pilot.press("ctrl+z")                     # nothing left in it: the delete
        await pilot.pause()
        assert stage_shown(app) == "stage-5"
        assert len(app.screen.document.actions) == count + 1
        assert app.screen.flush()
    assert len(stored(library_dir, DEMO)["actions"]) == count + 1


async def test_home_and_end_go_to_the_first_and_last_item(library_dir, make_app):
    app = open_demo(library_dir, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "2")
        table = app.screen.query_one(TimelineTable)
        ids = [event.id for event in sorted(app.screen.document.timeline, key=lambda e: e.at)]
        await pilot.press("end")
        assert table.selected_id == ids[-1]
        assert ids[-1] in shown(app.screen.query_one("#timeline-detail")) or table.cursor_row > 0
        await pilot.press("home")
        assert table.selected_id == ids[0]
        await pilot.press("pagedown")                    # PageDown still pages
        assert table.selected_id not in (None, ids[0])
        await pilot.press("escape", "3")
        tree = app.screen.query_one(WhysTree)
        tree.focus()
        await pilot.press("end")
        assert tree.cursor_line == tree.last_line
        await pilot.press("home")
        assert tree.cursor_line == 0
        await pilot.press("escape", "5", "v", "end")
        actions = app.screen.query_one("#action-table", DataTable)
        assert actions.cursor_row == actions.row_count - 1


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_first_entry_is_typed_where_it_will_appear(library_dir, make_app, size):
    """On an empty whys tree and fishbone, a/c used to show "⏎ Save" in the footer but no
    line: the hint for an empty tree lay over it. Now the line shows what is typed."""
    from postmortem.factory import new_postmortem
    Library(library_dir).create(new_postmortem("empty", "Empty", "SEV2")).close()
    app = make_app("empty")
    async with app.run_test(size=size) as pilot:
        await pilot.press("escape", "3")
        app.screen.query_one(WhysTree).focus()
        await pilot.press("a", *"cold cache")
        await pilot.pause()
        editor = app.screen.query_one("#whys-editor", Input)
        assert app.focused is editor
        x, y = editor.region.x + 1, editor.region.y
        assert app.screen.get_widget_at(x, y)[0] is editor    # nothing drawn over the line
        assert "cold cache" in shown(editor)
        await pilot.press("enter", "t", "c", *"Tooling")
        await pilot.pause()
        editor = app.screen.query_one("#fishbone-editor", Input)
        assert app.screen.get_widget_at(editor.region.x + 1, editor.region.y)[0] is editor
        assert "Tooling" in shown(editor)
        await pilot.press("enter", "a", *"no warm-up")
        await pilot.pause()
        assert app.screen.get_widget_at(editor.region.x + 1, editor.region.y)[0] is editor
        assert "no warm-up" in shown(editor)
        await pilot.press("enter")
        assert app.screen.flush()
    analysis = stored(library_dir, "empty")["analysis"]
    assert [w["text"] for w in analysis["whys"]] == ["cold cache"]
    assert analysis["fishbone"][0]["category"] == "Tooling"
    assert [c["text"] for c in analysis["fishbone"][0]["causes"]] == ["no warm-up"]
