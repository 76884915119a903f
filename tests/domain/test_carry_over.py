"""Open actions carried over from related postmortems (issue 14, part 5): which are listed,
the answers written into the other postmortem's file under its lock, refused when locked."""

from __future__ import annotations

from datetime import date

import pytest

from postmortem.carry_over import NotSettled, keep_pending, settle
from postmortem.factory import new_postmortem
from postmortem.fields import ValidationError
from postmortem.model import Action, CarryOverAnswer, Postmortem, WhyNode
from storage.carry_over import related_open_actions, write_answer
from storage.errors import LockedError
from storage.library import Library
from storage.reading import load_document

TODAY = date(2026, 3, 11)


def postmortem(doc_id: str, tags: list[str], *actions: Action, root_cause: str = "") -> Postmortem:
    doc = new_postmortem(doc_id, doc_id.replace("-", " ").title(), "SEV2")
    doc.tags = tags
    doc.actions = list(actions)
    if root_cause:
        doc.analysis.whys = [WhyNode("w1", None, root_cause, role="root-cause")]
    return doc


def library_of(library_dir, *docs: Postmortem) -> Library:
    library = Library(library_dir)
    for doc in docs:
        library.create(doc).close()
    return library


@pytest.fixture
def meeting(library_dir) -> Postmortem:
    """This meeting's postmortem and a library around it."""
    this = postmortem("this-one", ["cache", "checkout"], root_cause="Warm-up is a manual step")
    library_of(
        library_dir, this,
        postmortem("shares-a-tag", ["Cache"],
                   Action("a1", "Alert on hit ratio", due=date(2026, 3, 1), owner="Lee W."),
                   Action("a2", "Automate warm-up", status="done"),
                   Action("a3", "Runbook review", status="in-progress", due=date(2026, 4, 1)),
                   Action("a4", "Capacity plan")),
        postmortem("same-cause", ["dns"], Action("b1", "Verify warm-up", due=date(2026, 3, 20)),
                   root_cause="warm-up is a MANUAL step."),
        postmortem("unrelated", ["dns"], Action("c1", "Rotate certificates", due=date(2026, 1, 1))),
    )
    return this


def test_only_open_actions_of_related_postmortems_are_listed_overdue_first(library_dir, meeting):
    found = related_open_actions(library_dir, meeting, library_dir / "this-one.json", TODAY)
    assert [c.key for c in found.actions] == [
        ("shares-a-tag", "a1"),   # overdue
        ("same-cause", "b1"), ("shares-a-tag", "a3"),  # by due date
        ("shares-a-tag", "a4"),   # no due date
    ]
    assert found.actions[0].is_overdue(TODAY) and not found.actions[1].is_overdue(TODAY)
    assert found.actions[0].shared_tags == ("cache",)
    assert found.actions[1].same_root_cause == "Warm-up is a manual step"
    assert found.unreadable == []


def test_no_shared_tag_or_cause_lists_nothing(library_dir, meeting):
    meeting.tags, meeting.analysis.whys = ["payments"], []
    assert related_open_actions(library_dir, meeting, library_dir / "this-one.json", TODAY).actions == []


@pytest.mark.parametrize("answer, status, due, reason", [
    (CarryOverAnswer("shares-a-tag", "a1", "done"), "done", "2026-03-01", None),
    (CarryOverAnswer("shares-a-tag", "a1", "open", due=date(2026, 4, 15)), "open", "2026-04-15", None),
    (CarryOverAnswer("shares-a-tag", "a1", "wont-do", reason="Replaced by OPS-9"), "wont-do",
     "2026-03-01", "Replaced by OPS-9"),
])
def test_the_answer_is_written_into_the_other_postmortem(library_dir, meeting, answer, status, due, reason):
    before = (library_dir / "shares-a-tag.json").read_bytes()
    others_before = load_document(library_dir / "shares-a-tag.json").to_dict()["actions"][1:]
    write_answer(library_dir, answer)
    reread = load_document(library_dir / "shares-a-tag.json").to_dict()
    a1 = reread["actions"][0]
    assert (a1["status"], a1["due"], a1.get("wont_do_reason")) == (status, due, reason)
    assert reread["actions"][1:] == others_before   # only that action changed
    assert (library_dir / "shares-a-tag.json.bak").read_bytes() == before  # the app's save path
    assert not (library_dir / "shares-a-tag.json.lock").exists()          # the lock let go


def test_a_locked_postmortem_is_left_alone(library_dir, meeting):
    before = (library_dir / "shares-a-tag.json").read_bytes()
    held = Library(library_dir).open("shares-a-tag")   # open in another window
    try:
        with pytest.raises(LockedError):
            write_answer(library_dir, CarryOverAnswer("shares-a-tag", "a1", "done"))
    finally:
        held.close()
    assert (library_dir / "shares-a-tag.json").read_bytes() == before
    write_answer(library_dir, CarryOverAnswer("shares-a-tag", "a1", "done"))  # free: written
    assert load_document(library_dir / "shares-a-tag.json").actions[0].status == "done"


def test_an_action_settled_or_gone_meanwhile_is_not_changed():
    doc = postmortem("other", [], Action("a1", "x", status="done"))
    with pytest.raises(NotSettled) as settled:
        settle(doc, CarryOverAnswer("other", "a1", "wont-do", reason="no"))
    assert settled.value.reason == "settled" and doc.actions[0].wont_do_reason == ""
    with pytest.raises(NotSettled) as gone:
        settle(doc, CarryOverAnswer("other", "a9", "done"))
    assert gone.value.reason == "gone"


def test_pending_answers_round_trip_and_are_omitted_while_empty():
    doc = postmortem("this-one", [])
    assert "carry_over" not in doc.to_dict()
    keep_pending(doc, CarryOverAnswer("other", "a1", "done"))
    keep_pending(doc, CarryOverAnswer("other", "a1", "open", due=date(2026, 5, 1)))  # replaces
    keep_pending(doc, CarryOverAnswer("other", "a2", "wont-do", reason="Obsolete"))
    data = doc.to_dict()
    assert data["carry_over"] == [
        {"postmortem": "other", "action": "a1", "outcome": "open", "due": "2026-05-01"},
        {"postmortem": "other", "action": "a2", "outcome": "wont-do", "reason": "Obsolete"}]
    assert Postmortem.from_dict(data).to_dict() == data
    for bad, path in [({"postmortem": "../x", "action": "a1", "outcome": "done"}, "carry_over[0].postmortem"),
                      ({"postmortem": "other", "action": "a1"}, "carry_over[0].outcome"),
                      ({"postmortem": "other", "action": "a1", "outcome": "maybe"}, "carry_over[0].outcome")]:
        data["carry_over"] = [bad]
        with pytest.raises(ValidationError) as refused:
            Postmortem.from_dict(data)
        assert refused.value.path == path


def test_the_internal_export_gives_the_reason_an_action_will_not_be_done():
    from postmortem.markdown import render_external, render_internal
    doc = postmortem("other", [], Action("a1", "Page the cache team", status="wont-do",
                                         wont_do_reason="Covered | by a2"))
    assert "| Won't do: Covered \\| by a2 |" in render_internal(doc, today=TODAY)
    assert "Covered" not in render_external(doc)
