"""Five-whys tree operations: order, depth, add, delete with undo, moves, roles."""

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from helpers import examples

from postmortem import whys
from postmortem.model import Action, DismissedFinding, Postmortem, WhyNode

FIXTURE = Path(__file__).parents[1] / "fixtures" / "design_example.json"


def make_doc() -> Postmortem:
    """w1 ─┬─ w2 ── w4 ── w6
           └─ w3 ── w5
       w7 (second root)
    Listed out of pre-order on purpose: sibling order must come from list order only."""
    doc = Postmortem.from_dict(json.loads(FIXTURE.read_text()))
    doc.analysis.whys = [
        WhyNode("w1", None, "Requests waited on a cold cache"),
        WhyNode("w2", "w1", "Warm-up step was skipped", role="root-cause"),
        WhyNode("w7", None, "Alert fired late"),
        WhyNode("w3", "w1", "Traffic shifted at once"),
        WhyNode("w4", "w2", "Runbook marks it optional"),
        WhyNode("w5", "w3", "No gradual rollout"),
        WhyNode("w6", "w4", "Runbook never reviewed", role="contributing"),
    ]
    doc.actions = [
        Action("a1", "Make warm-up mandatory", causes=["w4", "w2", "c1"]),
        Action("a2", "Review runbooks quarterly", causes=["w6"]),
    ]
    doc.dismissed_findings = [DismissedFinding("blame:w6:runbook", "not a person"),
                              DismissedFinding("blame:w7:late", "fine")]
    Postmortem.from_dict(doc.to_dict())
    return doc


def ids(nodes):
    return [n.id for n in nodes]


def test_children_follow_list_order_and_roots():
    doc = make_doc()
    assert ids(whys.roots(doc)) == ["w1", "w7"]
    assert ids(whys.children(doc, "w1")) == ["w2", "w3"]
    assert whys.children(doc, "w6") == []


def test_depth_branch_depths_and_preorder():
    doc = make_doc()
    assert [whys.depth(doc, i) for i in ("w1", "w2", "w4", "w6", "w7")] == [1, 2, 3, 4, 1]
    assert whys.branch_depths(doc) == {"w6": 4, "w5": 3, "w7": 1}
    assert whys.max_depth(doc) == 4
    assert [(n.id, d) for n, d in whys.preorder(doc)] == [
        ("w1", 1), ("w2", 2), ("w4", 3), ("w6", 4), ("w3", 2), ("w5", 3), ("w7", 1)]
    assert whys.max_depth(Postmortem(id="x")) == 0
    with pytest.raises(whys.UnknownWhyNode, match="w99"):
        whys.depth(doc, "w99")


def test_add_child_gets_fresh_id_and_goes_last():
    doc = make_doc()
    new = whys.add_child(doc, "w1", "Config drift")
    assert new.id not in {"w1", "w2", "w3", "w4", "w5", "w6", "w7"} and new.id.startswith("w")
    assert ids(whys.children(doc, "w1")) == ["w2", "w3", new.id]
    root = whys.add_child(doc, None)
    assert root.parent is None and root.text == "" and ids(whys.roots(doc))[-1] == root.id
    Postmortem.from_dict(doc.to_dict())
    with pytest.raises(whys.UnknownWhyNode):
        whys.add_child(doc, "nope")


def test_add_sibling_lands_right_after_the_node():
    doc = make_doc()
    new = whys.add_sibling(doc, "w2", "Second answer")
    assert new.parent == "w1"
    assert ids(whys.children(doc, "w1")) == ["w2", new.id, "w3"]
    last = whys.add_sibling(doc, "w3")
    assert ids(whys.children(doc, "w1")) == ["w2", new.id, "w3", last.id]
    root = whys.add_sibling(doc, "w1")
    assert ids(whys.roots(doc)) == ["w1", root.id, "w7"]
    Postmortem.from_dict(doc.to_dict())


def test_delete_subtree_removes_descendants_and_action_references():
    doc = make_doc()
    deleted = whys.delete_subtree(doc, "w2")
    assert sorted(deleted.ids) == ["w2", "w4", "w6"]
    assert ids(doc.analysis.whys) == ["w1", "w7", "w3", "w5"]
    assert doc.actions[0].causes == ["c1"] and doc.actions[1].causes == []
    assert [d.key for d in doc.dismissed_findings] == ["blame:w7:late"]
    Postmortem.from_dict(doc.to_dict())  # still a valid document


def test_restore_subtree_puts_everything_back_exactly():
    doc = make_doc()
    original = copy.deepcopy(doc.to_dict())
    deleted = whys.delete_subtree(doc, "w2")
    whys.restore_subtree(doc, deleted)
    assert doc.to_dict() == original
    # Deleting a root with a different shape, then undo, also round-trips.
    deleted = whys.delete_subtree(doc, "w1")
    assert ids(doc.analysis.whys) == ["w7"]
    whys.restore_subtree(doc, deleted)
    assert doc.to_dict() == original


def test_restore_refuses_when_an_id_was_reused_meanwhile():
    doc = make_doc()
    deleted = whys.delete_subtree(doc, "w7")
    reused = whys.add_child(doc, None, "Added after the delete")
    assert reused.id == "w7"  # next_id hands the freed id out again
    with pytest.raises(whys.WhyTreeError, match="w7"):
        whys.restore_subtree(doc, deleted)
    assert [n.id for n in doc.analysis.whys].count("w7") == 1


def test_move_up_and_down_among_siblings_only():
    doc = make_doc()
    assert whys.move_down(doc, "w2") is True
    assert ids(whys.children(doc, "w1")) == ["w3", "w2"]
    assert whys.move_down(doc, "w2") is False
    assert whys.move_up(doc, "w2") is True
    assert whys.move_up(doc, "w2") is False
    assert ids(whys.children(doc, "w1")) == ["w2", "w3"]
    assert whys.move_down(doc, "w1") is True  # skips non-siblings between w1 and w7
    assert ids(whys.roots(doc)) == ["w7", "w1"]
    assert whys.children(doc, "w4")[0].id == "w6"  # children untouched
    Postmortem.from_dict(doc.to_dict())


def test_move_to_parent_reattaches_subtree():
    doc = make_doc()
    assert whys.move_to_parent(doc, "w4", "w7") is True
    assert doc.why("w4").parent == "w7"
    assert ids(whys.children(doc, "w7")) == ["w4"]
    assert whys.depth(doc, "w6") == 3
    assert whys.children(doc, "w2") == []
    assert whys.move_to_parent(doc, "w4", "w7") is False  # already the last child there
    assert whys.move_to_parent(doc, "w4", None) is True
    assert ids(whys.roots(doc)) == ["w1", "w7", "w4"]
    Postmortem.from_dict(doc.to_dict())


def test_move_to_parent_refuses_loops_with_a_sentence():
    doc = make_doc()
    before = doc.to_dict()
    with pytest.raises(whys.InvalidMove) as err:
        whys.move_to_parent(doc, "w2", "w6")
    assert isinstance(err.value, ValueError)
    assert "w2" in str(err.value) and "w6" in str(err.value) and str(err.value).endswith(".")
    with pytest.raises(whys.InvalidMove, match="itself"):
        whys.move_to_parent(doc, "w2", "w2")
    with pytest.raises(whys.UnknownWhyNode):
        whys.move_to_parent(doc, "w2", "w42")
    assert doc.to_dict() == before


def test_roles_set_and_cycle():
    node = WhyNode("w1")
    whys.set_role(node, "root-cause")
    assert node.role == "root-cause"
    whys.set_role(node, None)
    assert node.role is None
    assert [whys.cycle_role(node) for _ in range(4)] == ["root-cause", "contributing", None, "root-cause"]
    with pytest.raises(whys.UnknownRole, match="culprit"):
        whys.set_role(node, "culprit")
    assert node.role == "root-cause"


def test_random_operation_sequences_keep_the_document_valid():
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    ops = st.lists(st.tuples(st.sampled_from(["child", "sibling", "delete", "up", "down", "move", "undo"]),
                             st.integers(0, 30), st.integers(0, 30)), max_size=40)

    @hypothesis.settings(max_examples=examples(150), deadline=None)
    @hypothesis.given(ops)
    def run(sequence):
        doc = make_doc()
        undo = []
        for op, a, b in sequence:
            nodes = doc.analysis.whys
            pick = nodes[a % len(nodes)].id if nodes else None
            other = nodes[b % len(nodes)].id if nodes else None
            if op == "child":
                whys.add_child(doc, pick)
            elif pick is None:
                continue
            elif op == "sibling":
                new = whys.add_sibling(doc, pick)
                assert whys.children(doc, new.parent).index(new) == \
                    [n.id for n in whys.children(doc, new.parent)].index(pick) + 1
            elif op == "delete":
                snapshot = doc.to_dict()
                undo.append((whys.delete_subtree(doc, pick), snapshot))
            elif op == "up":
                whys.move_up(doc, pick)
            elif op == "down":
                whys.move_down(doc, pick)
            elif op == "move":
                try:
                    whys.move_to_parent(doc, pick, other if b % 3 else None)
                except whys.InvalidMove:
                    assert other == pick or other in whys.descendant_ids(doc, pick)
            elif op == "undo" and undo:
                deleted, snapshot = undo.pop()
                if doc.to_dict()["analysis"]["whys"] == [
                        w for w in snapshot["analysis"]["whys"] if w["id"] not in deleted.ids]:
                    whys.restore_subtree(doc, deleted)
                    assert doc.to_dict() == snapshot
                undo.clear()
            Postmortem.from_dict(doc.to_dict())

    run()


def preorder_by_recursion(doc: Postmortem) -> list[tuple[str, int]]:
    """The definition: each root, then the subtree of each child, in list order."""
    out: list[tuple[str, int]] = []

    def visit(parent: str | None, level: int) -> None:
        for node in doc.analysis.whys:
            if node.parent == parent:
                out.append((node.id, level))
                visit(node.id, level + 1)

    visit(None, 1)
    return out



@given(st.lists(st.sampled_from([None, "w0", "w1", "w2", "w3", "w4", "w5", "w9"]), max_size=8))
def test_preorder_is_the_recursive_order_for_any_forest(parents):
    """Node ``wi`` has parent ``parents[i]``: any shape of forest, with parents listed after
    their children, unknown parents (w9) and cycles (a node below itself), which no root
    reaches and so neither order shows."""
    doc = Postmortem(id="x")
    doc.analysis.whys = [WhyNode(f"w{i}", parent) for i, parent in enumerate(parents)]
    assert [(n.id, d) for n, d in whys.preorder(doc)] == preorder_by_recursion(doc)
