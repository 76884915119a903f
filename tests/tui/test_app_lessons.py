"""Pilot: stage 4 — add lessons by keyboard, edit, reorder, delete and undo; reopen the file."""

from __future__ import annotations



from postmortem.factory import new_postmortem
from postmortem.i18n import t
from storage.library import Library
from tui.stages.lessons.stage import LessonsStage
from helpers import fill, shown, stored


def seed(library_dir, doc_id="l1"):
    Library(library_dir).create(new_postmortem(doc_id, "Queue backlog", "SEV2")).close()
    return doc_id


async def open_stage_four(pilot):
    await pilot.press("escape", "4")
    await pilot.pause()
    return pilot.app.screen.query_one(LessonsStage)


async def test_add_edit_reorder_delete_undo_then_reopen(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_four(pilot)
        status = app.screen.query_one("#exit-status")
        assert t("exit.lessons.no_went_well") in shown(status)

        # Went well: two entries in one go; Enter on an empty line stops adding.
        await pilot.press("a")
        await fill(pilot, "Rollback took 4 minutes")
        await pilot.press("enter")
        await fill(pilot, "Runbook step 3 was accurate")
        await pilot.press("enter", "enter")
        assert stage.document.lessons.went_well == ["Rollback took 4 minutes",
                                                    "Runbook step 3 was accurate"]
        assert app.focused is stage.list_of("went_well")
        assert t("exit.lessons.no_went_well") not in shown(status)
        assert t("exit.lessons.no_went_wrong") in shown(status)

        # Went wrong and lucky: → moves to the next list.
        for entry in ("No cache-hit alert", "Traffic was low"):
            await pilot.press("right", "a")
            await fill(pilot, entry)
            await pilot.press("enter", "enter")
        assert stage.document.lessons.went_wrong == ["No cache-hit alert"]
        assert stage.document.lessons.lucky == ["Traffic was low"]
        assert "✓" in shown(status)

        # Reorder: the second went-well entry moves to the top.
        await pilot.press("left", "left", "home", "down", "shift+up")
        assert stage.document.lessons.went_well[0] == "Runbook step 3 was accurate"

        # Edit the highlighted entry (now the first) with Enter.
        await pilot.press("enter", *" (v3)", "enter")
        assert stage.document.lessons.went_well[0] == "Runbook step 3 was accurate (v3)"
        assert app.focused is stage.list_of("went_well")

        # Delete, then undo brings it back in its place.
        await pilot.press("d")
        assert stage.document.lessons.went_well == ["Rollback took 4 minutes"]
        assert "Runbook step 3" not in shown(stage.list_of("went_well"))
        await pilot.press("u")
        assert stage.document.lessons.went_well == ["Runbook step 3 was accurate (v3)",
                                                    "Rollback took 4 minutes"]
        text = shown(stage.list_of("went_well"))
        assert text.index("Runbook step 3 was accurate (v3)") < text.index("Rollback took 4 minutes")
        assert app.screen.flush()

    data = stored(library_dir, doc_id)["lessons"]
    assert data == {"went_well": ["Runbook step 3 was accurate (v3)", "Rollback took 4 minutes"],
                    "went_wrong": ["No cache-hit alert"], "lucky": ["Traffic was low"]}

    reopened = make_app(doc_id)
    async with reopened.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_four(pilot)
        assert "Runbook step 3 was accurate (v3)" in shown(stage.list_of("went_well"))
        assert "No cache-hit alert" in shown(stage.list_of("went_wrong"))
        assert "Traffic was low" in shown(stage.list_of("lucky"))
        assert "✓" in shown(reopened.screen.query_one("#exit-status"))


async def test_leaving_the_editor_keeps_what_was_typed(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_four(pilot)
        await pilot.press("a", *"Half a thought")
        await pilot.press("escape")     # Escape leaves the field for the stage strip
        assert stage.document.lessons.went_well == ["Half a thought"]
        assert not stage.editor_of("went_well").has_class("-open")


async def test_move_an_entry_to_the_neighbouring_list(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_four(pilot)
        await pilot.press("a")
        await fill(pilot, "Dashboards were missing")
        await pilot.press("enter", "enter", "shift+right")
        assert stage.document.lessons.went_well == []
        assert stage.document.lessons.went_wrong == ["Dashboards were missing"]
        assert app.focused is stage.list_of("went_wrong")
        await pilot.press("u")
        assert stage.document.lessons.went_well == ["Dashboards were missing"]


async def test_at_80_columns_one_list_shows_under_tabs(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(80, 24)) as pilot:
        stage = await open_stage_four(pilot)
        columns = {key: stage.query_one(f"#lessons-column-{key}") for key in
                   ("went_well", "went_wrong", "lucky")}
        assert stage.has_class("-narrow")
        assert [c.display and c.region.width > 0 for c in columns.values()] == [True, False, False]
        tabs = shown(stage.query_one("#lessons-tabs"))
        for key in columns:
            assert t(f"lessons.{key}") in tabs
        await pilot.press("right")
        await pilot.pause()
        assert [c.region.width > 0 for c in columns.values()] == [False, True, False]
        await pilot.press("a")
        await fill(pilot, "Paging was late")
        await pilot.press("enter", "enter")
        assert "Paging was late" in shown(stage.list_of("went_wrong"))


async def test_read_only_window_refuses_edits(library_dir, make_app):
    Library(library_dir).create(new_postmortem("ro", "Shared", "SEV2")).close()
    first = make_app("ro")
    async with first.run_test(size=(120, 40)):
        second = make_app("ro")
        async with second.run_test(size=(120, 40)) as pilot:
            assert second.screen.read_only
            stage = await open_stage_four(pilot)
            await pilot.press("a", *"nope", "enter")
            assert stage.document.lessons.went_well == []
            assert not stage.editor_of("went_well").has_class("-open")


async def test_ctrl_z_while_typing_does_not_restore_a_deleted_entry(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_four(pilot)
        await pilot.press("a", *"One", "enter", "enter", "d")
        assert stage.document.lessons.went_well == []
        await pilot.press("a", *"Two", "ctrl+z")   # undoes the typing in the line, nothing else
        assert stage.editor_of("went_well").value == ""
        assert stage.document.lessons.went_well == []
        await pilot.press(*"Two", "enter", "enter")
        assert stage.document.lessons.went_well == ["Two"]
        await pilot.press("u")   # outside the field it undoes the adding of "Two"
        assert stage.document.lessons.went_well == []
