"""A change of focus or of view restyles the widgets that changed, not the whole screen.

At every focus change Textual restyles the whole subtree of the outermost widget that a
``:focus-within`` rule could apply to. One such selector in screens.tcss, listed with the
``:focus`` selectors of the forms' containers, made every stage form such a widget: each Tab
restyled the whole form (about 80 widgets on stage 1), most of a Tab's CPU.
"""

from __future__ import annotations

from postmortem.demo import demo_document
from postmortem.factory import new_postmortem
from storage.library import Library
from tui.screens.export import ExportScreen
from helpers import focus_title


async def test_a_tab_in_stage_one_restyles_only_the_fields_it_leaves_and_enters(
        library_dir, make_app, monkeypatch):
    Library(library_dir).create(new_postmortem("queue", "Queue backlog", None)).close()
    app = make_app("queue")
    async with app.run_test(size=(120, 40)) as pilot:
        await focus_title(pilot)
        restyled: list[int] = []
        update_nodes = app.stylesheet.update_nodes

        def counting(nodes, animate=False):
            nodes = list(nodes)
            restyled.append(len(nodes))
            return update_nodes(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", counting)
        for expected in ("incident_ref", "severity", "status"):
            await pilot.press("tab")
            assert app.focused.id == expected
        monkeypatch.undo()
        form_size = len(list(app.screen.query_one("#scope-form").walk_children()))
    assert form_size > 40
    # The fields and their parts (a Select is six widgets, two Selects twelve), never the form.
    assert restyled and max(restyled) <= 12 < form_size, restyled


async def test_switching_the_export_audience_back_rebuilds_and_restyles_nothing(
        library_dir, make_app, monkeypatch):
    # The audience, the refusal and the raw view were classes of the export screen, and a
    # class of a screen restyles every widget under it: the whole rendered preview. And each
    # t filled the preview again, a widget mounted per block and table cell.
    Library(library_dir).create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        internal = screen.shown_markdown()
        preview = set(screen.query_one("#export-preview").walk_children(with_self=True))
        assert len(preview) > 50
        await pilot.press("t")              # the customer version, filled on first view
        await pilot.pause()
        assert screen.shown_markdown() is not internal and not internal.display
        restyled: set = set()
        update_nodes = app.stylesheet.update_nodes

        def recording(nodes, animate=False):
            nodes = list(nodes)
            restyled.update(nodes)
            return update_nodes(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", recording)
        await pilot.press("t")              # back to the internal one: shown as it was
        await pilot.pause()
        monkeypatch.undo()
        assert screen.shown_markdown() is internal and internal.display
        assert set(internal.walk_children(with_self=True)) <= preview   # nothing remounted
        assert "Checkout latency" in internal.source
    assert not (restyled & preview), len(restyled & preview)
