"""Pilot: the export screen (F6) — the preview of either audience, a refused customer export,
writing next to the library file, to a chosen path, and a bad path."""

from __future__ import annotations

import stat
from datetime import datetime, timezone

from textual.widgets import Input

from postmortem.demo import demo_document
from postmortem.factory import new_postmortem
from postmortem.markdown import ExportRefused, render_markdown
from postmortem.model import Event
from storage.library import Library
from tui.screens.export import ExportPathScreen, ExportScreen, preview_markdown
from tui.screens.workspace import WorkspaceScreen

DEMO = "demo-checkout-latency"


def small_document(doc_id: str = DEMO):
    """For the tests of where an export goes rather than what is in it: the demo's preview is
    thousands of widgets, seconds of CPU each time it is shown."""
    doc = new_postmortem(doc_id, "Checkout latency", "SEV2")
    doc.timeline = [Event("e1", datetime(2026, 3, 4, 13, 0, tzinfo=timezone.utc), "deploy | 1")]
    return doc


def security_document():
    doc = small_document("breach")
    doc.scope.sensitivity.security = True
    doc.communication.legal_review = "pending"
    return doc


async def open_export(pilot) -> ExportScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, WorkspaceScreen)
    await pilot.press("f6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


def status(screen) -> str:
    return str(screen.query_one("#export-status").render())


def source(screen) -> str:
    return screen.shown_markdown().source


async def test_preview_shows_either_audience(library_dir, make_app):
    doc = demo_document()
    Library(library_dir).create(doc).close()
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        shown = {key: b.binding.description for key, b in screen.active_bindings.items()
                 if b.binding.show}
        assert {shown[k] for k in ("t", "w", "o", "escape")} == {"Audience", "Write", "Write to…",
                                                                 "Back"}
        assert source(screen) == render_markdown(doc, "internal")
        assert "Priya N." in source(screen)          # the owner: internal only
        assert "INC-4821" in source(screen)          # the incident reference: internal only
        assert str(library_dir / f"{DEMO}.md") in status(screen)
        await pilot.press("t")
        await pilot.pause()
        assert source(screen) == render_markdown(doc, "external")
        assert "What we are doing about it" in source(screen)
        assert "Priya" not in source(screen) and "INC-4821" not in source(screen)
        assert str(library_dir / f"{DEMO}.customer.md") in status(screen)
        await pilot.press("t")
        await pilot.pause()
        assert source(screen) == render_markdown(doc, "internal")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
    assert sorted(p.name for p in library_dir.glob("*.md")) == []   # previewing writes nothing


async def test_write_both_audiences_next_to_the_library_file(library_dir, make_app):
    doc = small_document()
    Library(library_dir).create(doc).close()
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("w")
        await pilot.pause()
        internal = library_dir / f"{DEMO}.md"
        assert internal.read_bytes() == render_markdown(doc, "internal").encode("utf-8")
        assert stat.S_IMODE(internal.stat().st_mode) == 0o600
        assert f"Wrote {internal}" in status(screen)
        assert screen.query_one("#export-status").has_class("-written")
        await pilot.press("t", "w")
        await pilot.pause()
        customer = library_dir / f"{DEMO}.customer.md"
        assert customer.read_bytes() == render_markdown(doc, "external").encode("utf-8")
        assert stat.S_IMODE(customer.stat().st_mode) == 0o600
        assert f"Wrote {customer}" in status(screen)
        # Writing again replaces the export without a backup file next to it.
        await pilot.press("w")
        await pilot.pause()
    assert sorted(p.name for p in library_dir.iterdir() if ".md" in p.name) == \
        [f"{DEMO}.customer.md", f"{DEMO}.md"]


async def test_refused_customer_export_shows_the_reason_and_writes_nothing(library_dir, make_app):
    doc = security_document()
    Library(library_dir).create(doc).close()
    app = make_app("breach")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        assert not screen.query_one("#export-refused").display
        await pilot.press("t")
        await pilot.pause()
        try:
            render_markdown(doc, "external")
        except ExportRefused as refused:
            reason = str(refused)
        assert str(screen.query_one("#export-refused-reason").render()) == reason
        assert screen.query_one("#export-refused").display
        assert not screen.query_one("#export-preview").display
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("o")          # no path dialog either
        await pilot.pause()
        assert app.screen is screen
        assert reason in [n.message for n in app._notifications]
        # The internal document can still be written.
        await pilot.press("t", "w")
        await pilot.pause()
        assert screen.query_one("#export-preview").display
        assert not screen.query_one("#export-refused").display
    assert not (library_dir / "breach.customer.md").exists()
    assert (library_dir / "breach.md").read_bytes() == render_markdown(doc).encode("utf-8")


async def choose_path(pilot, text: str) -> ExportPathScreen:
    await pilot.press("o")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportPathScreen)
    field = dialog.query_one(Input)
    assert pilot.app.focused is field
    field.value = text   # (typing a long path key by key only makes the test slow)
    await pilot.press("enter")
    await pilot.pause()
    return dialog


async def test_write_to_a_chosen_path(library_dir, make_app, tmp_path):
    doc = small_document()
    Library(library_dir).create(doc).close()
    target = tmp_path / "out" / "checkout.md"
    target.parent.mkdir()
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("t", "o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportPathScreen)
        # Prefilled with the default path of the audience on preview.
        assert dialog.query_one(Input).value == str(library_dir / f"{DEMO}.customer.md")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await choose_path(pilot, str(target))
        assert app.screen is screen
        assert target.read_bytes() == render_markdown(doc, "external").encode("utf-8")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert f"Wrote {target}" in status(screen)
    assert not list(library_dir.glob("*.md"))


async def test_existing_file_is_replaced_only_after_a_second_enter(library_dir, make_app, tmp_path):
    doc = small_document()
    Library(library_dir).create(doc).close()
    target = tmp_path / "notes.md"
    target.write_text("keep me\n")
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        dialog = await choose_path(pilot, str(target))
        assert app.screen is dialog
        assert "already exists" in str(dialog.query_one("#export-path-error").render())
        assert dialog.query_one("#export-path-error").region.height >= 1
        assert target.read_text() == "keep me\n"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
    assert target.read_bytes() == render_markdown(doc).encode("utf-8")


async def test_bad_paths_show_a_sentence_and_write_nothing(library_dir, make_app, tmp_path):
    Library(library_dir).create(small_document()).close()
    folder = tmp_path / "exports"
    folder.mkdir()
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        cases = [
            (str(folder), f"{folder} is a folder"),
            (str(tmp_path / "missing" / "x.md"), "does not exist"),
            ("/proc/postmortem-export.md", "Could not write /proc/postmortem-export.md"),
            ("   ", "Type the path"),
            (str(tmp_path / ("n" * 300 + ".md")), "File name too long"),
            # A NUL never gets that far: fields drop control characters as they come in.
        ]
        for text, sentence in cases:
            dialog = await choose_path(pilot, text)
            assert app.screen is dialog, text          # the dialog stays open to fix the path
            error_line = dialog.query_one("#export-path-error")
            error = str(error_line.render())
            assert sentence in error, error
            assert error_line.display and error_line.region.height >= 1   # visible, not just set
            assert error.count(".") >= 1 and "\n" not in error.strip()
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
        assert "Wrote" not in status(screen)
    assert list(folder.iterdir()) == []
    assert not (tmp_path / "missing").exists()
    assert not list(library_dir.glob("*.md"))


async def test_relative_path_starts_in_the_working_folder(library_dir, make_app, tmp_path,
                                                          monkeypatch):
    doc = small_document()
    Library(library_dir).create(doc).close()
    monkeypatch.chdir(tmp_path)
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_export(pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("ctrl+u", *"relative.md", "enter")   # typed, from an emptied field
        await pilot.pause()
    assert (tmp_path / "relative.md").read_bytes() == render_markdown(doc).encode("utf-8")


def long_timeline_document(events: int = 500):
    from datetime import datetime, timedelta, timezone

    from postmortem.model import Event
    doc = demo_document()
    doc.id = "long"
    start = datetime(2026, 3, 4, tzinfo=timezone.utc)
    doc.timeline = [Event(id=f"e{i}", at=start + timedelta(minutes=i), text=f"Event {i} | ok")
                    for i in range(events)]
    doc.timeline[0].milestone, doc.timeline[-1].milestone = "start", "resolved"
    return doc


def table_runs(text: str) -> list[int]:
    runs, count = [], 0
    for line in text.split("\n") + [""]:
        if line.startswith("|"):
            count += 1
        elif count:
            runs, count = runs + [count], 0
    return runs


def test_preview_shortens_only_long_tables():
    full = render_markdown(long_timeline_document(), "internal")
    preview, hidden = preview_markdown(full, max_rows=60)
    assert max(table_runs(full)) == 502                      # header, delimiter, 500 events
    assert max(table_runs(preview)) == 62
    assert hidden == 440
    assert "440 more rows in the written file" in preview
    # Nothing else changes: the other tables and every line outside the cut rows.
    kept = [line for line in preview.split("\n") if "more rows in the written file" not in line]
    assert [line for line in full.split("\n") if line.startswith("|")][:62] == \
        [line for line in kept if line.startswith("|")][:62]
    assert [line for line in kept if line.strip() and not line.startswith("|")] == \
        [line for line in full.split("\n") if line.strip() and not line.startswith("|")]
    short = render_markdown(demo_document(), "internal")
    assert preview_markdown(short, max_rows=60) == (short, 0)


def test_preview_leaves_fenced_blocks_alone():
    rows = "\n".join(f"| in a fence {i} |" for i in range(10))
    text = f"# T\n\n```text\n{rows}\n```\n\n| a |\n| - |\n" + "\n".join(f"| {i} |" for i in range(5)) + "\n"
    preview, hidden = preview_markdown(text, max_rows=2)
    assert hidden == 3
    assert rows in preview
    assert "| 1 |" in preview and "| 2 |" not in preview
    assert preview.rstrip().endswith("3 more rows in the written file (the preview shortens long tables).*")


async def test_long_document_previews_quickly_and_writes_everything(library_dir, make_app):
    doc = long_timeline_document()
    Library(library_dir).create(doc).close()
    app = make_app("long")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        assert source(screen) == preview_markdown(render_markdown(doc, "internal"))[0]
        assert "table rows not shown" in status(screen)
        await pilot.press("w")
        await pilot.pause()
    assert (library_dir / "long.md").read_bytes() == render_markdown(doc, "internal").encode("utf-8")
