"""Fishbone categories and causes: adding, naming, moving, roles, and removing with undo."""

import copy

import pytest

from postmortem import fishbone as fb
from postmortem.model import Action, Postmortem, WhyNode
from fishbone_docs import demo_doc


def test_default_categories_come_from_the_catalogue():
    assert fb.DEFAULT_CATEGORIES == ("Process", "Tooling", "Technology", "Environment", "Monitoring",
                                     "People & communication")
    doc = Postmortem(id="x")
    fb.add_category(doc, "process")  # already there in another case: not added twice
    added = fb.add_default_categories(doc)
    assert [c.category for c in added] == list(fb.DEFAULT_CATEGORIES[1:])
    assert fb.add_default_categories(doc) == []


def test_category_names_refuse_empty_and_duplicates():
    doc = demo_doc()
    with pytest.raises(fb.InvalidCategoryName, match="needs a name"):
        fb.add_category(doc, "   ")
    with pytest.raises(fb.InvalidCategoryName, match="already a category"):
        fb.add_category(doc, "  tooling ")
    with pytest.raises(fb.InvalidCategoryName):
        fb.rename_category(doc, 0, "Monitoring")
    fb.rename_category(doc, 0, "process")  # its own name in another case is fine
    fb.rename_category(doc, 1, "  Build   & deploy  ")
    assert [c.category for c in doc.analysis.fishbone][:2] == ["process", "Build & deploy"]
    with pytest.raises(fb.UnknownCategory) as err:
        fb.rename_category(doc, 42, "X")
    assert isinstance(err.value, ValueError) and "43" in str(err.value)


def test_add_cause_ids_are_unique_across_the_document():
    doc = demo_doc()
    doc.analysis.whys.append(WhyNode("c9", None, "a why with a c-like id"))
    taken = doc.cause_ids()
    cause = fb.add_cause(doc, 2, "New cause", "contributing")
    assert cause.id not in taken and cause.id.startswith("c")
    assert doc.analysis.fishbone[2].causes[-1] is cause and cause.role == "contributing"
    Postmortem.from_dict(doc.to_dict())


def test_remove_and_restore_a_cause_with_action_references():
    doc = demo_doc()
    doc.actions.append(Action("a2", "Make warm-up mandatory", causes=["w2", "c1", "c2"]))
    original = copy.deepcopy(doc.to_dict())
    removed = fb.remove_cause(doc, "c1")
    assert "c1" not in doc.cause_ids()
    assert doc.actions[0].causes == ["w2"] and doc.actions[1].causes == ["w2", "c2"]
    Postmortem.from_dict(doc.to_dict())
    fb.restore(doc, removed)
    assert doc.to_dict() == original
    with pytest.raises(fb.UnknownCause, match="c77"):
        fb.remove_cause(doc, "c77")


def test_remove_and_restore_a_category_with_its_causes():
    doc = demo_doc()
    doc.actions.append(Action("a2", "Canary for cache", causes=["c3", "w2", "c2"]))
    original = copy.deepcopy(doc.to_dict())
    tooling_ids = [c.id for c in doc.analysis.fishbone[1].causes]
    removed = fb.remove_category(doc, 1)
    assert [c.category for c in doc.analysis.fishbone][:2] == ["Process", "Technology"]
    assert not set(tooling_ids) & doc.cause_ids()
    assert not set(tooling_ids) & set(doc.actions[1].causes)
    Postmortem.from_dict(doc.to_dict())
    fb.restore(doc, removed)
    assert doc.to_dict() == original


def test_restore_refuses_a_reused_cause_id():
    doc = demo_doc()
    removed = fb.remove_cause(doc, "c1")
    again = fb.add_cause(doc, 0, "Added after the removal")
    assert again.id == "c1"
    with pytest.raises(ValueError, match="c1"):
        fb.restore(doc, removed)
    Postmortem.from_dict(doc.to_dict())


def test_move_causes_within_and_across_categories():
    doc = demo_doc()
    first, second = (c.id for c in doc.analysis.fishbone[1].causes)
    assert fb.move_cause(doc, first, +1) is True
    assert [c.id for c in doc.analysis.fishbone[1].causes] == [second, first]
    assert fb.move_cause(doc, first, +1) is False
    assert fb.move_cause_to_category(doc, first, 3) is True
    assert doc.analysis.fishbone[3].causes[-1].id == first
    assert fb.move_cause_to_category(doc, first, 3) is False
    Postmortem.from_dict(doc.to_dict())


def test_cause_roles_use_the_shared_role_helpers():
    doc = demo_doc()
    cause = doc.analysis.fishbone[1].causes[1]
    assert fb.cycle_role(cause) == "root-cause"
    fb.set_role(cause, "contributing")
    assert cause.role == "contributing"
