"""Parking a topic during the meeting and settling it on stage 5 (issue 14, part 2).

A topic is parked with the stage being discussed and the time; on stage 5 the room settles
each one: made into an action item (its title prefilled with the topic, the topic linked to
the item), kept as an idea that commits nobody, or dropped with a reason. A topic settled
once can be settled again another way; deleting the action item it became makes it
unsettled again, so the link never names an item that is gone.
"""

from __future__ import annotations

from datetime import datetime

from postmortem.i18n import t
from postmortem.model import Action, ParkedTopic, Postmortem
from postmortem.writable import text_problem


class ParkingError(ValueError):
    """What was asked cannot be done; the message is one sentence for the facilitator."""


def park(doc: Postmortem, text: str, stage: int, now: datetime) -> ParkedTopic:
    """Add a topic raised on ``stage`` at ``now``; the text is stripped and must not be empty."""
    text = " ".join(text.split())   # one line: a pasted line break would be a new paragraph
    if not text:
        raise ParkingError(t("parking.empty_topic"))
    problem = text_problem(text)
    if problem is not None:
        raise ParkingError(t("parking.unwritable", problem=problem))
    topic = ParkedTopic(id=doc.next_id("p"), text=text, stage=stage, raised_at=now)
    doc.parking_lot.append(topic)
    return topic


def topic(doc: Postmortem, topic_id: str) -> ParkedTopic:
    found = next((p for p in doc.parking_lot if p.id == topic_id), None)
    if found is None:
        raise ParkingError(t("parking.no_topic", id=topic_id))
    return found


def make_action(doc: Postmortem, topic_id: str) -> Action:
    """Settle a topic as an action item: a new item titled with the topic, linked to it.

    A topic that is already an action keeps its item (returned again): settling twice never
    makes a duplicate."""
    parked = topic(doc, topic_id)
    linked = next((a for a in doc.actions if a.id == parked.action), None)
    if parked.outcome == "action" and linked is not None:
        return linked
    action = Action(id=doc.next_id("a"), title=parked.text)
    doc.actions.append(action)
    parked.outcome, parked.reason, parked.action = "action", "", action.id
    return action


def keep_as_idea(doc: Postmortem, topic_id: str) -> ParkedTopic:
    parked = topic(doc, topic_id)
    parked.outcome, parked.reason, parked.action = "idea", "", None
    return parked


def drop(doc: Postmortem, topic_id: str, reason: str) -> ParkedTopic:
    """Drop a topic; the reason is required (the room says why it is not followed up)."""
    reason = reason.strip()
    if not reason:
        raise ParkingError(t("parking.reason_required"))
    problem = text_problem(reason)
    if problem is not None:
        raise ParkingError(t("parking.unwritable", problem=problem))
    parked = topic(doc, topic_id)
    parked.outcome, parked.reason, parked.action = "dropped", reason, None
    return parked


def forget_action(doc: Postmortem, action_id: str) -> list[ParkedTopic]:
    """An action item was deleted: the topics it came from are unsettled again."""
    unlinked = [p for p in doc.parking_lot if p.action == action_id]
    for parked in unlinked:
        parked.outcome, parked.reason, parked.action = None, "", None
    return unlinked


def unsettled(doc: Postmortem) -> list[ParkedTopic]:
    return [p for p in doc.parking_lot if not p.settled]
