"""The three-way merge of postmortem documents (postmortem/merge.py) and settling what it
could not decide (postmortem/settle.py)."""

from __future__ import annotations

import copy
from datetime import date, datetime, timezone
from typing import Any, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postmortem import whys
from postmortem.demo import demo_dict
from postmortem.merge import merge
from postmortem.model import Action, Event, FollowUp, Postmortem
from postmortem.settle import SettleError, parse_path, settle
from tests.helpers import examples


def base() -> dict[str, Any]:
    return demo_dict()


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def event(event_id: str, text: str) -> dict[str, Any]:
    return Event(event_id, datetime(2026, 3, 4, 20, 0, tzinfo=timezone.utc), text).to_dict()


def merged(b, o, t) -> dict[str, Any]:
    return merge(b, o, t).document.to_dict()


# Scalars ---------------------------------------------------------------------------------


def test_a_field_changed_on_one_side_takes_that_side_and_different_fields_combine():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["title"] = "Our title"
    t["impact"]["users_affected"] = "Their count"
    result = merge(b, o, t)
    data = result.document.to_dict()
    assert (data["title"], data["impact"]["users_affected"]) == ("Our title", "Their count")
    assert result.clean and "conflicts" not in data


def test_a_field_changed_differently_on_both_sides_keeps_ours_and_records_both():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["title"], t["title"] = "Ours", "Theirs"
    result = merge(b, o, t)
    data = result.document.to_dict()
    assert data["title"] == "Ours"
    assert data["conflicts"] == [{"path": "title", "ours": "Ours", "theirs": "Theirs", "base": b["title"]}]
    assert not result.clean


def test_the_same_change_on_both_sides_is_no_conflict():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["severity"] = t["severity"] = "SEV1"
    result = merge(b, o, t)
    assert result.clean and result.document.severity == "SEV1"


def test_the_meeting_timeboxes_changed_on_both_sides_are_one_value_not_a_union():
    b = base()
    b["meeting"] = {"timeboxes": [5, 15, 20, 5, 10, 10]}
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["meeting"]["timeboxes"] = [5, 20, 20, 5, 10, 5]
    t["meeting"]["timeboxes"] = [2, 8, 10, 3, 5, 2]
    result = merge(b, o, t)
    data = result.document.to_dict()
    assert data["meeting"]["timeboxes"] == [5, 20, 20, 5, 10, 5]
    assert data["conflicts"] == [{"path": "meeting.timeboxes", "ours": [5, 20, 20, 5, 10, 5],
                                  "theirs": [2, 8, 10, 3, 5, 2], "base": [5, 15, 20, 5, 10, 10]}]


# Items with ids --------------------------------------------------------------------------


def test_events_added_on_both_sides_are_kept_and_theirs_follow_their_anchor():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["timeline"].insert(2, event("ours-1", "ours after e2"))
    t["timeline"].insert(5, event("theirs-1", "theirs after e5"))
    t["timeline"].insert(0, event("theirs-0", "theirs first"))
    timeline = ids(merged(b, o, t)["timeline"])
    assert timeline[:4] == ["theirs-0", "e1", "e2", "ours-1"]
    assert timeline[timeline.index("e5") + 1] == "theirs-1"
    assert len(timeline) == len(b["timeline"]) + 3


def test_the_same_new_id_for_different_items_keeps_both_and_renames_theirs_with_its_references():
    b = base()
    o, t = Postmortem.from_dict(b), Postmortem.from_dict(b)
    ours_why = whys.add_child(o, "w1", "ours why")
    theirs_why = whys.add_child(t, "w1", "theirs why")
    assert ours_why.id == theirs_why.id  # both sides took next_id
    t.actions.append(Action(id=t.next_id("a"), title="theirs action", causes=[theirs_why.id]))
    data = merged(b, o, t)
    by_text = {w["text"]: w for w in data["analysis"]["whys"]}
    assert by_text["ours why"]["id"] == ours_why.id
    renamed = by_text["theirs why"]["id"]
    assert renamed != ours_why.id
    action = next(a for a in data["actions"] if a["title"] == "theirs action")
    assert action["causes"] == [renamed]
    assert "conflicts" not in data


def test_deleted_on_one_side_and_unchanged_on_the_other_is_deleted():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    del o["timeline"][3]
    t["title"] = "Theirs"
    data = merged(b, o, t)
    assert b["timeline"][3]["id"] not in ids(data["timeline"]) and data["title"] == "Theirs"


def test_deleted_on_one_side_and_changed_on_the_other_is_kept_changed_with_a_conflict():
    b = base()
    o, t = Postmortem.from_dict(b), Postmortem.from_dict(b)
    action_id = o.actions[0].id
    o.actions.pop(0)
    t.actions[0].owner = "Their owner"
    result = merge(b, o, t)
    kept = next(a for a in result.document.actions if a.id == action_id)
    assert kept.owner == "Their owner"
    (conflict,) = result.conflicts
    assert conflict.path == f'actions[id="{action_id}"]'
    assert conflict.ours is None and conflict.theirs["owner"] == "Their owner"
    assert conflict.base == b["actions"][0]


def test_an_item_changed_on_both_sides_merges_field_by_field():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["actions"][1]["title"] = "Our title"
    t["actions"][1]["owner"] = "Their owner"
    t["actions"][1]["causes"] = t["actions"][1]["causes"] + ["w1"]
    result = merge(b, o, t)
    action = result.document.to_dict()["actions"][1]
    assert (action["title"], action["owner"]) == ("Our title", "Their owner")
    assert "w1" in action["causes"] and result.clean


def test_a_why_deleted_on_one_side_that_the_other_starts_to_name_is_kept_with_a_conflict():
    start = Postmortem.from_dict(base())
    leaf = whys.add_child(start, "w1", "a leaf no action names")
    b = start.to_dict()
    o, t = Postmortem.from_dict(b), Postmortem.from_dict(b)
    whys.delete_subtree(o, leaf.id)
    t.actions.append(Action(id="a-new", title="names the leaf", causes=[leaf.id]))
    result = merge(b, o, t)
    assert result.document.why(leaf.id) is not None
    assert [c.path for c in result.conflicts] == [f'analysis.whys[id="{leaf.id}"]']
    assert result.conflicts[0].ours is None


def test_fishbone_causes_merge_by_id_inside_their_bone():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    bone = b["analysis"]["fishbone"][0]
    o["analysis"]["fishbone"][0]["causes"].append({"id": "c-ours", "text": "ours", "role": None})
    t["analysis"]["fishbone"][0]["causes"].append({"id": "c-theirs", "text": "theirs", "role": None})
    data = merged(b, o, t)
    causes = ids(data["analysis"]["fishbone"][0]["causes"])
    # theirs follows the last cause both had, ahead of ours
    assert causes == ids(bone["causes"]) + ["c-theirs", "c-ours"]


# Plain lists -----------------------------------------------------------------------------


def test_lists_of_text_merge_as_ordered_unions_with_deletions_honoured():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["tags"] = ["ours-tag"] + [tag for tag in b["tags"] if tag != b["tags"][1]]
    t["tags"] = b["tags"] + ["theirs-tag"]
    t["lessons"]["lucky"].append("theirs lucky")
    o["lessons"]["lucky"].append("ours lucky")
    data = merged(b, o, t)
    assert data["tags"] == ["ours-tag"] + [tag for tag in b["tags"] if tag != b["tags"][1]] + ["theirs-tag"]
    assert data["lessons"]["lucky"] == b["lessons"]["lucky"] + ["theirs lucky", "ours lucky"]


def test_follow_ups_merge_as_a_union():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["communication"]["follow_ups"][0]["done"] = True
    t["communication"]["follow_ups"].append({"due": "2026-07-01", "label": "90-day", "done": False})
    follow_ups = merged(b, o, t)["communication"]["follow_ups"]
    assert follow_ups[0]["done"] is True and follow_ups[-1]["label"] == "90-day"
    assert len(follow_ups) == len(b["communication"]["follow_ups"]) + 1


def with_follow_up_ids(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` whose follow-ups carry ids, as the app gives them (f1, f2…)."""
    data = copy.deepcopy(data)
    for n, follow_up in enumerate(data["communication"]["follow_ups"], start=1):
        follow_up["id"] = f"f{n}"
    return data


def follow_up(follow_up_id: str | None, due: str, label: str) -> dict[str, Any]:
    item = {"due": due, "label": label, "done": False}
    return item if follow_up_id is None else {**item, "id": follow_up_id}


def test_follow_ups_with_ids_merge_by_id_changed_and_deleted():
    b = with_follow_up_ids(base())
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["communication"]["follow_ups"][0]["done"] = True
    t["communication"]["follow_ups"][0]["label"] = "30-day review with support"
    del t["communication"]["follow_ups"][1]                      # unchanged by ours: deleted
    result = merge(b, o, t)
    follow_ups = result.document.to_dict()["communication"]["follow_ups"]
    assert result.clean and [f["id"] for f in follow_ups] == ["f1"]
    assert follow_ups[0]["done"] is True and follow_ups[0]["label"] == "30-day review with support"


def test_a_follow_up_changed_on_both_sides_is_a_conflict_that_settles():
    b = with_follow_up_ids(base())
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["communication"]["follow_ups"][0]["label"] = "Ours"
    t["communication"]["follow_ups"][0]["label"] = "Theirs"
    result = merge(b, o, t)
    assert [(c.path, c.ours, c.theirs) for c in result.conflicts] == [
        ('communication.follow_ups[id="f1"].label', "Ours", "Theirs")]
    assert result.document.communication.follow_ups[0].label == "Ours"
    assert settle(result.document, 0, "theirs").communication.follow_ups[0].label == "Theirs"


def test_a_follow_up_deleted_on_one_side_and_changed_on_the_other_is_kept_with_a_conflict():
    b = with_follow_up_ids(base())
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    del o["communication"]["follow_ups"][1]
    t["communication"]["follow_ups"][1]["done"] = True
    result = merge(b, o, t)
    assert [f.id for f in result.document.communication.follow_ups] == ["f1", "f2"]
    assert result.document.communication.follow_ups[1].done is True
    (conflict,) = result.conflicts
    assert conflict.path == 'communication.follow_ups[id="f2"]' and conflict.ours is None


def test_follow_ups_added_on_both_sides_under_one_new_id_keep_both():
    b = with_follow_up_ids(base())
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["communication"]["follow_ups"].append(follow_up("f3", "2026-07-01", "ours 90-day"))
    t["communication"]["follow_ups"].append(follow_up("f3", "2026-08-01", "theirs 120-day"))
    result = merge(b, o, t)
    follow_ups = result.document.communication.follow_ups
    # Theirs is renamed; it follows the last review both had, ahead of ours (as other items).
    assert result.clean and [(f.id, f.label) for f in follow_ups[2:]] == [
        ("f4", "theirs 120-day"), ("f3", "ours 90-day")]


def test_follow_ups_of_an_older_file_without_ids_merge_as_a_union_beside_those_with_ids():
    b = base()   # the demo's follow-ups were written before follow-ups had ids
    b["communication"]["follow_ups"].append(follow_up("f1", "2026-07-01", "90-day"))
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["communication"]["follow_ups"][0]["done"] = True                # no id: a union
    o["communication"]["follow_ups"][2]["done"] = True                # f1: by id
    t["communication"]["follow_ups"][2]["label"] = "90-day review"    # f1 on the other side
    t["communication"]["follow_ups"].append(follow_up("f2", "2026-09-01", "theirs"))
    result = merge(b, o, t)
    follow_ups = result.document.to_dict()["communication"]["follow_ups"]
    assert result.clean
    assert [f.get("id") for f in follow_ups] == [None, None, "f1", "f2"]
    assert follow_ups[0]["done"] is True
    assert follow_ups[2] == {**follow_up("f1", "2026-07-01", "90-day review"), "done": True}


# Settling --------------------------------------------------------------------------------


def test_settling_takes_theirs_or_keeps_ours_and_removes_the_record():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["title"], t["title"] = "Ours", "Theirs"
    o["actions"][0]["title"], t["actions"][0]["title"] = "Our action", "Their action"
    document = merge(b, o, t).document
    taken = settle(document, 1, "theirs")
    assert taken.actions[0].title == "Their action" and len(taken.conflicts) == 1
    kept = settle(taken, 0, "ours")
    assert kept.title == "Ours" and kept.conflicts == []


def test_settling_a_deletion_for_the_deleting_side_removes_the_item_and_its_references():
    b = base()
    o, t = Postmortem.from_dict(b), Postmortem.from_dict(b)
    named = next(a.causes[0] for a in o.actions if a.causes)
    child = whys.add_child(t, named, "their child")
    whys.delete_subtree(o, named)
    document = merge(b, o, t).document
    index = next(i for i, c in enumerate(document.conflicts) if c.path == f'analysis.whys[id="{named}"]')
    settled = settle(document, index, "ours")
    assert settled.why(named) is None
    assert settled.why(child.id) is not None  # their text stays, moved up
    assert all(named not in a.causes for a in settled.actions)


def test_settling_refuses_a_value_that_would_not_validate():
    data = base()
    data["conflicts"] = [{"path": "severity", "ours": "SEV1", "theirs": "SEV9", "base": None}]
    with pytest.raises(SettleError):
        settle(Postmortem.from_dict(data), 0, "theirs")


def test_paths_parse_back_to_their_steps():
    assert parse_path('analysis.fishbone[category="Pe\\"ople.x"].causes[id="c2"].text') == [
        "analysis", "fishbone", ("category", 'Pe"ople.x'), "causes", ("id", "c2"), "text"]
    with pytest.raises(ValueError):
        parse_path("title..x")


# Properties ------------------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=10).map(lambda s: f"<{s}>")
EDIT = st.tuples(st.sampled_from(["title", "problem", "add_event", "drop_event", "edit_event", "add_lesson",
                                  "drop_lesson", "add_tag", "edit_action", "drop_action", "add_action",
                                  "add_why", "drop_why", "toggle_follow_up", "add_follow_up",
                                  "label_follow_up", "drop_follow_up"]),
                 st.integers(0, 40), WORDS)


def edited(data: dict[str, Any], edits: list[tuple[str, int, str]]) -> dict[str, Any]:
    """The document after ``edits``, each made as the app makes it, so that it stays valid."""
    doc = Postmortem.from_dict(data)
    for kind, n, text in edits:
        pick = lambda items: items[n % len(items)] if items else None  # noqa: E731
        if kind == "title":
            doc.title = text
        elif kind == "problem":
            doc.analysis.problem = text
        elif kind == "add_event":
            new = Event(doc.next_id("e"), datetime(2026, 3, 4, tzinfo=timezone.utc), text)
            doc.timeline.insert(n % (len(doc.timeline) + 1), new)
        elif kind == "drop_event" and doc.timeline:
            doc.timeline.remove(pick(doc.timeline))
        elif kind == "edit_event" and doc.timeline:
            pick(doc.timeline).text = text
        elif kind == "add_lesson":
            doc.lessons.went_wrong.insert(n % (len(doc.lessons.went_wrong) + 1), text)
        elif kind == "drop_lesson" and doc.lessons.went_wrong:
            doc.lessons.went_wrong.remove(pick(doc.lessons.went_wrong))
        elif kind == "add_tag" and text not in doc.tags:
            doc.tags.append(text)
        elif kind == "edit_action" and doc.actions:
            pick(doc.actions).owner = text
        elif kind == "drop_action" and doc.actions:
            doc.actions.remove(pick(doc.actions))
        elif kind == "add_action":
            causes = [pick(doc.analysis.whys).id] if doc.analysis.whys else []
            doc.actions.append(Action(doc.next_id("a"), title=text, causes=causes))
        elif kind == "add_why":
            parent = pick(doc.analysis.whys)
            whys.add_child(doc, parent.id if parent else None, text)
        elif kind == "drop_why" and doc.analysis.whys:
            whys.delete_subtree(doc, pick(doc.analysis.whys).id)
        elif kind == "toggle_follow_up" and doc.communication.follow_ups:
            follow_up = pick(doc.communication.follow_ups)
            follow_up.done = not follow_up.done
        elif kind == "add_follow_up":   # as the app adds one: with a fresh id
            doc.communication.follow_ups.append(
                FollowUp(date(2026, 6, 1 + n % 28), text, id=doc.next_id("f")))
        elif kind == "label_follow_up" and doc.communication.follow_ups:
            pick(doc.communication.follow_ups).label = text
        elif kind == "drop_follow_up" and doc.communication.follow_ups:
            doc.communication.follow_ups.remove(pick(doc.communication.follow_ups))
    return doc.to_dict()


def texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


SIDE = st.lists(EDIT, max_size=6)


@settings(max_examples=examples(200))
@given(SIDE)
def test_merging_with_an_unchanged_side_gives_the_changed_side(edits):
    b = base()
    x = edited(b, edits)
    for result in (merge(b, x, b), merge(b, b, x), merge(b, x, x)):
        assert result.document.to_dict() == x and result.clean


@settings(max_examples=examples(300))
@given(SIDE, SIDE)
def test_no_text_typed_on_either_side_is_lost(ours_edits, theirs_edits):
    b = base()
    o, t = edited(b, ours_edits), edited(b, theirs_edits)
    result = merge(b, o, t)
    data = result.document.to_dict()  # validated: Postmortem.from_dict made it
    Postmortem.from_dict(data)
    kept = set(texts(data))
    new = (set(texts(o)) | set(texts(t))) - set(texts(b))
    assert new <= kept, f"lost {sorted(new - kept)}"
    assert ([c.to_dict() for c in result.conflicts] == data.get("conflicts", []))
    assert all(c.path for c in result.conflicts), "merged item by item, not kept whole"


def test_two_sides_that_cannot_be_combined_keep_ours_and_theirs_whole():
    """Ours hangs w1 under w2, theirs w2 under w1: together a loop, so no valid merge."""
    start = Postmortem.from_dict(base())
    first, second = whys.add_child(start, None, "first root"), whys.add_child(start, None, "second root")
    b = start.to_dict()
    o, t = Postmortem.from_dict(b), Postmortem.from_dict(b)
    o.why(first.id).parent = second.id
    t.why(second.id).parent = first.id
    result = merge(b, o, t)
    (whole,) = result.conflicts
    assert whole.path == "" and whole.theirs == t.to_dict()
    assert {k: v for k, v in result.document.to_dict().items() if k != "conflicts"} == o.to_dict()
    assert settle(result.document, 0, "theirs").to_dict() == t.to_dict()
    assert settle(result.document, 0, "ours").to_dict() == o.to_dict()


def test_a_conflict_value_no_writer_can_write_is_refused():
    from postmortem.fields import ValidationError
    data = base()
    data["conflicts"] = [{"path": "title", "ours": "a", "theirs": {"text": "bad \ud800"}, "base": None}]
    with pytest.raises(ValidationError) as refused:
        Postmortem.from_dict(data)
    assert refused.value.path == "conflicts[0].theirs"


def test_the_timeline_stays_in_time_order_as_the_app_keeps_it():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["timeline"][1]["at"] = "2026-03-04T23:00:00Z"  # ours moves e2 last, as the app sorts it
    o["timeline"].sort(key=lambda e: e["at"])
    added = dict(event("theirs-1", "theirs, right after e2"), at="2026-03-04T18:53:00Z")
    t["timeline"].insert(2, added)  # theirs' nearest common item before it is e2
    timeline = merged(b, o, t)["timeline"]
    assert [e["at"] for e in timeline] == sorted(e["at"] for e in timeline)
    assert ids(timeline)[:3] == ["e1", "theirs-1", "e3"] and ids(timeline)[-1] == "e2"


def test_unsettled_conflicts_fail_the_final_review_until_settled():
    from datetime import date

    from postmortem.checklist import evaluate
    day = date(2026, 6, 1)
    b = demo_dict(day)
    assert evaluate(Postmortem.from_dict(b), today=day).ok
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["title"], t["title"] = "Ours", "Theirs"
    document = merge(b, o, t).document
    review = evaluate(document, today=day)
    assert not review.ok and [d.kind for d in review.deviations if d.blocking] == ["conflicts"]
    assert evaluate(settle(document, 0, "ours"), today=day).ok
