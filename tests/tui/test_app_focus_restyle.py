"""A Tab restyles the widgets it moves between, not the whole stage.

At every focus change Textual restyles the whole subtree of the outermost widget that a
``:focus-within`` rule could apply to. One such selector in screens.tcss, listed with the
``:focus`` selectors of the forms' containers, made every stage form such a widget: each Tab
restyled the whole form (about 80 widgets on stage 1), most of a Tab's CPU.
"""

from __future__ import annotations

from postmortem.factory import new_postmortem
from storage.library import Library
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
