"""Hostile structure (issue 11 §7): validation, the why-tree walks and the library summary
are linear in the document's size.

The work is counted, not timed: every id is a ``str`` whose hashing is counted, so each
dictionary or set lookup of an id counts one. Walking every node's ancestors makes
n²/2 lookups for a chain of n nodes; a linear check makes a few per node.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from postmortem import whys
from postmortem.fields import ValidationError
from postmortem.model import Postmortem
from postmortem.summary import read_summary

EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "design_example.json").read_text("utf-8"))
NODES = 2_000  # the quadratic walk: ~2,000,000 counted lookups; a linear one: ~20,000


class CountedId(str):
    lookups = 0

    def __hash__(self) -> int:
        CountedId.lookups += 1
        return str.__hash__(self)


def chain_data(nodes: int, *, leaf_first: bool = False) -> dict:
    data = copy.deepcopy(EXAMPLE)
    items = [{"id": CountedId(f"w{i}"), "parent": CountedId(f"w{i - 1}") if i else None,
              "text": f"Because {i}", "evidence": "", "role": None} for i in range(nodes)]
    data["analysis"]["whys"] = items[::-1] if leaf_first else items
    data["actions"][0]["causes"] = []
    return data


def counted(action) -> int:
    CountedId.lookups = 0
    action()
    return CountedId.lookups


@pytest.mark.parametrize("leaf_first", [False, True])
def test_validating_a_why_chain_is_linear(leaf_first):
    data = chain_data(NODES, leaf_first=leaf_first)
    lookups = counted(lambda: Postmortem.from_dict(data))
    assert lookups < 20 * NODES, lookups


def test_a_loop_is_still_found_and_named():
    data = chain_data(50)
    data["analysis"]["whys"][0]["parent"] = "w49"  # the root now hangs under the leaf
    with pytest.raises(ValidationError, match=r"analysis\.whys\[0\]\.parent: \"w49\" makes the "
                                              r"five-whys tree loop back on itself"):
        Postmortem.from_dict(data)


def test_a_loop_below_a_good_branch_names_the_first_node_that_reaches_it():
    data = copy.deepcopy(EXAMPLE)
    data["analysis"]["whys"] = [
        {"id": "a", "parent": None, "text": "", "evidence": "", "role": None},
        {"id": "b", "parent": "c", "text": "", "evidence": "", "role": None},
        {"id": "c", "parent": "d", "text": "", "evidence": "", "role": None},
        {"id": "d", "parent": "c", "text": "", "evidence": "", "role": None}]
    data["actions"][0]["causes"] = []
    with pytest.raises(ValidationError, match=r"analysis\.whys\[1\]\.parent: \"c\" makes"):
        Postmortem.from_dict(data)


def test_the_tree_walks_are_linear():
    doc = Postmortem.from_dict(chain_data(NODES))
    root, leaf = doc.analysis.whys[0].id, doc.analysis.whys[-1].id
    assert counted(lambda: whys.descendant_ids(doc, root)) < 20 * NODES
    assert counted(lambda: whys.depths(doc)) < 20 * NODES
    assert counted(lambda: whys.preorder(doc)) < 20 * NODES
    assert whys.depth(doc, leaf) == NODES and whys.depths(doc)[root] == 1
    assert len(whys.descendant_ids(doc, root)) == NODES - 1
    assert whys.max_depth(doc) == NODES


def test_the_library_summary_does_not_read_the_why_tree():
    data = chain_data(NODES)
    assert counted(lambda: read_summary(data)) == 0
    summary = read_summary(data)
    assert summary.title == EXAMPLE["title"] and summary.owner == "Priya N."
    assert summary.tags == ("cache", "checkout") and summary.meeting_at.day == 9


@pytest.mark.parametrize("data, path", [
    ({"schema": "postmortem/v1", "title": "\ud800"}, "title: "),
    ({"schema": "postmortem/v1", "scope": {"owner": 3}}, "scope.owner: "),
    ({"schema": "postmortem/v1", "meeting_at": "9999-12-31T00:00Z"}, "meeting_at: "),
    ({"schema": "postmortem/v1", "tags": ["a\x00"]}, "tags[0]: "),
    ({"schema": "postmortem/v2"}, "schema: "),
    (["not", "an", "object"], "(document): "),
])
def test_the_summary_refuses_a_bad_field_it_shows(data, path):
    with pytest.raises(ValidationError) as caught:
        read_summary(data)
    assert str(caught.value).startswith(path)


def test_exporting_a_chain_of_root_causes_is_linear():
    from postmortem.markdown import render_markdown
    data = chain_data(NODES)
    for node in data["analysis"]["whys"]:
        node["role"] = "root-cause"
    doc = Postmortem.from_dict(data)
    # ~24 lookups a node (the export also runs the final review); a quadratic walk: ~2,000,000.
    assert counted(lambda: render_markdown(doc, "internal")) < 40 * NODES
