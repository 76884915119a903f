"""Pilot: stage 3 by keyboard — the whys tree, the fishbone, roles, undo, moves, the blame
check and its dismissals; on screen, in the file, and again after reopening."""

from __future__ import annotations


from rich.style import Style
from textual.widgets import Input, TabbedContent

from postmortem.factory import new_postmortem
from storage.library import Library
from tui.screens.workspace import WorkspaceScreen
from tui.stages.analysis.stage import AnalysisStage
from tui.screens.dismiss import DismissFindingScreen
from tui.stages.analysis.dialogs import PickScreen
from tui.stages.analysis.fishbone import FishboneTree
from tui.stages.analysis.whys import WhysTree
from tui.widgets.fishbone_view import FishboneDiagram
from helpers import fill, stored
from helpers import shown as shown_widget


def create(library_dir, doc_id="cache", participants=("Priya N.", "Max B.")):
    doc = new_postmortem(doc_id, "Checkout latency", "SEV2")
    doc.scope.owner = "Priya N."
    doc.scope.participants = list(participants)
    Library(library_dir).create(doc).close()


def labels(tree) -> list[str]:
    """Every line of a tree as drawn (level, text, role tag, warnings, branch depth)."""
    lines, stack = [], list(reversed(tree.root.children))
    while stack:
        node = stack.pop()
        lines.append(tree.render_label(node, Style(), Style()).plain)
        stack.extend(reversed(node.children))
    return lines


def whys_by_id(data):
    return {w["id"]: w for w in data["analysis"]["whys"]}


async def open_stage_three(app, pilot):
    await pilot.pause()
    assert isinstance(app.screen, WorkspaceScreen)
    await pilot.press("escape", "3")      # leave the title field, then jump to stage 3
    await pilot.pause()
    return app.screen.query_one(AnalysisStage)


async def type_line(pilot, text):
    """A line written into the open line editor and entered (filled: the keys that matter
    here are the tree's; the per-key typing of a field is Textual's)."""
    await pilot.pause()
    await fill(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def test_build_tree_and_fishbone_by_keyboard_then_reopen(library_dir, make_app):
    create(library_dir)
    app = make_app("cache")
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_three(app, pilot)
        problem = stage.query_one("#analysis-problem", Input)
        assert app.focused is stage.query_one(WhysTree)  # the tree, never a field: keys act
        await pilot.press("p")                           # p goes to the problem
        assert app.focused is problem
        await fill(pilot, "Checkout p99 above 8 s for 47 minutes")
        await pilot.press("tab", "tab")                  # past the view tabs, into the tree
        tree = stage.query_one(WhysTree)
        assert app.focused is tree
        assert stage.query_one("#whys-empty").display    # the hint on an empty tree

        # Three levels, and a branch at the third: w1 → w2 → (w3, w4).
        await pilot.press("a")
        await type_line(pilot, "Requests waited on a cold cache")
        await pilot.press("a")
        await type_line(pilot, "Warm-up step was skipped")
        await pilot.press("a")
        await type_line(pilot, "Replacement automation has no warm-up step")
        await pilot.press("s")
        await type_line(pilot, "Max restarted the node by hand")
        doc = stage.document
        assert [(w.id, w.parent) for w in doc.analysis.whys] == [
            ("w1", None), ("w2", "w1"), ("w3", "w2"), ("w4", "w2")]
        assert tree.selected_key == "w4"
        shown = labels(tree)
        assert shown[0].startswith("why 1 · Requests waited")
        assert shown[2].startswith("why 3 · Replacement automation") and "depth 3/5" in shown[2]
        assert "depth" not in shown[1]                   # only where a branch stops

        # The blame check names Max (a participant) next to the text.
        assert "⚠" in shown[3]
        findings = stage.query_one("#whys-findings")
        assert findings.display and "Max" in findings.findings[0].reason
        assert "⚠1" in str(stage.query_one(TabbedContent).get_tab("analysis-whys").label)

        # Roles: w3 root cause, w2 contributing (r cycles none → root → contributing).
        await pilot.press("up", "r", "up", "r", "r")
        assert (doc.why("w3").role, doc.why("w2").role) == ("root-cause", "contributing")
        assert "root cause" in labels(tree)[2] and "contributing" in labels(tree)[1]

        # Dismiss Max's finding with a reason: it leaves the list and stays in the document.
        await pilot.press("down", "down", "x")
        await pilot.pause()
        assert isinstance(app.screen, DismissFindingScreen)
        await pilot.press("enter")                       # an empty reason is refused
        await pilot.pause()
        assert isinstance(app.screen, DismissFindingScreen)
        await type_line(pilot, "Max is the maintenance bot's name")
        await pilot.pause()
        assert not stage.query_one("#whys-findings").display
        assert "⚠" not in labels(tree)[3]
        assert [(d.key, d.reason) for d in doc.dismissed_findings] == [
            ("blame:w4:max", "Max is the maintenance bot's name")]

        # Delete w4, undo: the node and its dismissal come back.
        await pilot.press("d")
        await pilot.pause()
        assert [w.id for w in doc.analysis.whys] == ["w1", "w2", "w3"]
        assert doc.dismissed_findings == []
        await pilot.press("u")
        await pilot.pause()
        assert [w.id for w in doc.analysis.whys] == ["w1", "w2", "w3", "w4"]
        assert len(doc.dismissed_findings) == 1
        assert tree.selected_key == "w4"

        # Move w4 above w3, then under the top level with the picker.
        await pilot.press("shift+up")
        await pilot.pause()
        assert [w.id for w in doc.analysis.whys if w.parent == "w2"] == ["w4", "w3"]
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("enter")                       # the first choice: top level
        await pilot.pause()
        assert doc.why("w4").parent is None
        assert labels(tree)[-1].startswith("why 1 · Max restarted")

        # Evidence on w1.
        await pilot.press("home", "v")
        await type_line(pilot, "cache dashboard, hit ratio 97% to 41%")
        assert doc.why("w1").evidence == "cache dashboard, hit ratio 97% to 41%"

        # The fishbone: a category and two causes, with roles.
        await pilot.press("t")
        await pilot.pause()
        fish = stage.query_one(FishboneTree)
        assert app.focused is fish
        await pilot.press("c")
        await type_line(pilot, "Process")
        await pilot.press("a")
        await type_line(pilot, "Runbook step optional")
        await pilot.press("r", "r")
        await pilot.press("a")
        await type_line(pilot, "No alert on the cache hit ratio")
        await pilot.press("r")
        causes = doc.analysis.fishbone[0].causes
        assert [(c.id, c.text, c.role) for c in causes] == [
            ("c1", "Runbook step optional", "contributing"),
            ("c2", "No alert on the cache hit ratio", "root-cause")]
        diagram = str(stage.query_one(FishboneDiagram).render())
        assert "◆ No alert on the cache" in diagram and "Process" in diagram
        await pilot.pause()
        assert "✓" in shown_widget(app.screen.query_one("#exit-status"))
        await pilot.press("ctrl+q")

    data = stored(library_dir, "cache")
    analysis = data["analysis"]
    assert analysis["problem"] == "Checkout p99 above 8 s for 47 minutes"
    nodes = whys_by_id(data)
    assert {k: (v["parent"], v["role"]) for k, v in nodes.items()} == {
        "w1": (None, None), "w2": ("w1", "contributing"), "w3": ("w2", "root-cause"),
        "w4": (None, None)}
    assert nodes["w1"]["evidence"] == "cache dashboard, hit ratio 97% to 41%"
    assert analysis["fishbone"] == [{"category": "Process", "causes": [
        {"id": "c1", "text": "Runbook step optional", "role": "contributing"},
        {"id": "c2", "text": "No alert on the cache hit ratio", "role": "root-cause"}]}]
    assert data["dismissed_findings"] == [{"key": "blame:w4:max",
                                           "reason": "Max is the maintenance bot's name"}]

    reopened = make_app("cache")
    async with reopened.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_three(reopened, pilot)
        assert stage.query_one("#analysis-problem", Input).value == analysis["problem"]
        assert reopened.focused is stage.query_one(WhysTree)   # problem written: the tree first
        shown = labels(stage.query_one(WhysTree))
        assert [line.split(" · ")[0] for line in shown] == ["why 1", "why 2", "why 3", "why 1"]
        assert "root cause" in shown[2] and "⚠" not in shown[3]
        assert not stage.query_one("#whys-findings").display
        await pilot.press("t")                           # the fishbone, drawn when shown
        fish = labels(stage.query_one(FishboneTree))
        assert fish[0] == "Process (2)" and "root cause" in fish[2]
        await pilot.press("t")                           # and the summary
        summary = stage.query_one("#analysis-summary-list")
        assert summary.locations.count("w3") == 1 and summary.locations.count("c2") == 1


async def test_problem_finding_dismissed_from_the_list_under_it(library_dir, make_app):
    create(library_dir, "names")
    app = make_app("names")
    async with app.run_test(size=(80, 24)) as pilot:
        stage = await open_stage_three(app, pilot)
        await pilot.press("p")
        await fill(pilot, "Priya pushed a bad config")
        await pilot.pause()
        under = stage.query_one("#analysis-problem-findings")
        assert under.display and "Priya" in under.findings[0].reason
        assert under.findings[0].suggestion in str(under.get_option_at_index(0).prompt)
        await pilot.press("tab", "x")                    # the list under the problem, dismiss
        await pilot.pause()
        assert isinstance(app.screen, DismissFindingScreen)
        await pilot.press("escape")                      # cancelled: nothing changes
        await pilot.pause()
        assert stage.document.dismissed_findings == [] and under.display
        await pilot.press("x")
        await type_line(pilot, "Quoting the on-call log verbatim")
        await pilot.pause()
        assert not under.display
        assert app.screen.flush()
    assert stored(library_dir, "names")["dismissed_findings"] == [
        {"key": "blame:analysis.problem:priya", "reason": "Quoting the on-call log verbatim"}]


async def test_escape_cancels_an_edit_and_an_empty_new_line_adds_nothing(library_dir, make_app):
    create(library_dir, "esc")
    app = make_app("esc")
    async with app.run_test(size=(80, 24)) as pilot:
        stage = await open_stage_three(app, pilot)
        stage.query_one(WhysTree).focus()
        await pilot.press("a")
        await type_line(pilot, "Cold cache")
        await pilot.press("enter")                        # Enter edits, as e does
        await pilot.pause()
        editor = stage.query_one("#whys-editor")
        assert editor.is_open and editor.value == "Cold cache"
        await pilot.press("ctrl+u", *"Something else", "escape")
        await pilot.pause()
        assert not editor.is_open
        doc = stage.document
        assert doc.why("w1").text == "Cold cache"
        assert app.focused is stage.query_one(WhysTree)   # Escape closed the editor only
        await pilot.press("a", "enter")                   # nothing typed: nothing added
        await pilot.pause()
        await pilot.press("s", *"half a thought", "escape")
        await pilot.pause()
        assert [w.id for w in doc.analysis.whys] == ["w1"]
        assert labels(stage.query_one(WhysTree)) == ["why 1 · Cold cache · depth 1/5"]


async def test_fishbone_defaults_remove_undo_rename_and_move(library_dir, make_app):
    create(library_dir, "fish")
    app = make_app("fish")
    async with app.run_test(size=(80, 24)) as pilot:
        stage = await open_stage_three(app, pilot)
        stage.show_view("analysis-fishbone")
        await pilot.pause()
        doc = stage.document
        await pilot.press("a")                            # no category yet: refused
        await pilot.pause()
        assert doc.analysis.fishbone == []
        await pilot.press("D")
        await pilot.pause()
        names = [c.category for c in doc.analysis.fishbone]
        assert names == ["Process", "Tooling", "Technology", "Environment", "Monitoring",
                         "People & communication"]
        await pilot.press("down", "e", "ctrl+u", *"process", "enter")   # a duplicate name
        await pilot.pause()
        assert stage.query_one("#fishbone-editor").is_open                # still editing
        assert [c.category.casefold() for c in doc.analysis.fishbone].count("process") == 1
        await pilot.press("escape")                                       # the name comes back
        await pilot.pause()
        assert doc.analysis.fishbone[1].category == "Tooling"
        await pilot.press("e", "ctrl+u", *"Deploy tooling")
        await pilot.pause()
        assert doc.analysis.fishbone[1].category == "Deploy tooling"      # saved while typing
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await type_line(pilot, "replace-node.sh skips warm-up")
        await pilot.press("m")                            # to another category
        await pilot.pause()
        await pilot.press("enter")                        # the first other one: Process
        await pilot.pause()
        assert [c.id for c in doc.analysis.fishbone[0].causes] == ["c1"]
        assert doc.analysis.fishbone[1].causes == []
        await pilot.press("up", "d")                      # remove Process with its cause
        await pilot.pause()
        assert [c.category for c in doc.analysis.fishbone][0] == "Deploy tooling"
        await pilot.press("u")
        await pilot.pause()
        assert doc.analysis.fishbone[0].category == "Process"
        assert [c.id for c in doc.analysis.fishbone[0].causes] == ["c1"]
        await pilot.press("u")                            # the move
        await pilot.pause()
        assert [c.id for c in doc.analysis.fishbone[1].causes] == ["c1"]
        await pilot.press("g")                            # the diagram alone, and back
        await pilot.pause()
        assert app.focused.id == "fishbone-diagram-side"
        assert "╱─• replace-node" in str(stage.query_one(FishboneDiagram).render())  # cut to fit
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.focused, FishboneTree)
        assert app.screen.flush()
    data = stored(library_dir, "fish")
    assert data["analysis"]["fishbone"][1] == {"category": "Deploy tooling", "causes": [
        {"id": "c1", "text": "replace-node.sh skips warm-up", "role": None}]}


async def test_summary_lists_roles_and_enter_goes_to_the_item(library_dir, make_app):
    from postmortem.demo import demo_document
    Library(library_dir).create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_three(app, pilot)
        stage.show_view("analysis-summary")
        await pilot.pause()
        summary = stage.query_one("#analysis-summary-list")
        assert summary.locations[1:3] == ["w5", "c1"]      # root causes: tree, then fishbone
        summary.highlighted = 2
        await pilot.press("enter")
        await pilot.pause()
        assert stage.query_one(TabbedContent).active == "analysis-fishbone"
        assert stage.query_one(FishboneTree).selected_key == "c1"
        assert app.focused is stage.query_one(FishboneTree)


async def test_read_only_window_refuses_edits(library_dir, make_app):
    create(library_dir, "shared")
    first = make_app("shared")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        second = make_app("shared")
        async with second.run_test(size=(80, 24)) as other:
            stage = await open_stage_three(second, other)
            assert stage.read_only
            assert stage.query_one("#analysis-problem", Input).disabled
            assert second.focused is stage.query_one(WhysTree)
            await other.press("a", *"typed", "enter", "t", "D")
            await other.pause()
            assert stage.document.analysis.whys == [] and stage.document.analysis.fishbone == []
            assert not stage.query_one("#whys-editor").is_open
    assert stored(library_dir, "shared")["analysis"]["whys"] == []


async def test_a_line_being_typed_is_saved_and_escape_takes_it_back(library_dir, make_app):
    create(library_dir, "typing")
    app = make_app("typing")
    async with app.run_test(size=(80, 24)) as pilot:
        stage = await open_stage_three(app, pilot)
        stage.query_one(WhysTree).focus()
        await pilot.press("a", *"Half typed")               # no Enter yet
        await pilot.pause()
        assert app.screen.flush()
        assert [w["text"] for w in stored(library_dir, "typing")["analysis"]["whys"]] == [
            "Half typed"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.flush()
        assert stored(library_dir, "typing")["analysis"]["whys"] == []
        await pilot.press("a", *"Kept on quit")
        await pilot.press("ctrl+q")                         # quitting mid-line keeps the line
    assert [w["text"] for w in stored(library_dir, "typing")["analysis"]["whys"]] == ["Kept on quit"]


async def test_mouse_double_click_edits_and_clicking_a_tab_switches_view(library_dir, make_app):
    from postmortem.demo import demo_document
    Library(library_dir).create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_three(app, pilot)
        tree = stage.query_one(WhysTree)
        line = tree.node_for("w2").line
        await pilot.double_click(WhysTree, offset=(12, line))
        await pilot.pause()
        editor = stage.query_one("#whys-editor")
        assert editor.is_open and editor.value == stage.document.why("w2").text
        await pilot.press("escape")
        await pilot.click("#--content-tab-analysis-summary")
        await pilot.pause()
        assert stage.query_one(TabbedContent).active == "analysis-summary"


async def test_the_whole_blame_check_waits_while_a_why_is_typed_and_runs_when_it_is_left(
        library_dir, make_app, monkeypatch):
    """Typing in a why checks that why live; the check of every text (200 whys cost most of
    a key) runs after a pause in the typing, or at once when the editor is left."""
    from postmortem import blame
    from tui.widgets import typing_pause
    monkeypatch.setattr(typing_pause, "PAUSE", 600)   # no pause in the typing here
    calls = []
    whole_check = blame.blame_findings
    monkeypatch.setattr(blame, "blame_findings", lambda doc, *a, **k: calls.append(1) or
                        whole_check(doc, *a, **k))
    create(library_dir)
    app = make_app("cache")
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_three(app, pilot)
        stage.query_one(WhysTree).focus()
        await pilot.press("a")
        await type_line(pilot, "Checkout slowed down")
        before = len(calls)
        await pilot.press("e", *" because Max B. broke it")
        await pilot.pause()
        assert len(calls) == before                       # not once per key
        assert "Max B." in stage.document.analysis.whys[0].text   # saved while typing
        tabs = stage.query_one(TabbedContent)
        assert "1" not in str(tabs.get_tab("analysis-whys").label)
        await pilot.press("enter")                        # the editor is left: checked now
        await pilot.pause()
        assert len(calls) == before + 1
        assert "1" in str(tabs.get_tab("analysis-whys").label)   # "Whys (1 ⚠)" or alike
    assert "Max B." in stored(library_dir, "cache")["analysis"]["whys"][0]["text"]
