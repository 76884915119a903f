"""The checks of a document that span its parts (DESIGN §4): ids unique per kind, every
``parent``, action cause and parked topic's action naming something that exists, and a
five-whys tree without loops.

Each check is one pass over the document (issue 11 §7): a 20,000-node why chain is checked
as fast as 20,000 roots, where walking every node's ancestors took minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from postmortem.fields import ValidationError
from postmortem.i18n import t

if TYPE_CHECKING:
    from postmortem.model import Postmortem, WhyNode


def check_references(doc: Postmortem) -> None:
    """Raise a ``ValidationError`` naming the first reference that is wrong."""
    check_unique([(f"timeline[{i}].id", e.id) for i, e in enumerate(doc.timeline)])
    check_unique([(f"analysis.whys[{i}].id", w.id) for i, w in enumerate(doc.analysis.whys)]
                 + [(f"analysis.fishbone[{ci}].causes[{i}].id", c.id)
                    for ci, cat in enumerate(doc.analysis.fishbone) for i, c in enumerate(cat.causes)])
    check_unique([(f"actions[{i}].id", a.id) for i, a in enumerate(doc.actions)])
    check_unique([(f"parking_lot[{i}].id", p.id) for i, p in enumerate(doc.parking_lot)])
    check_unique([(f"communication.follow_ups[{i}].id", f.id)
                  for i, f in enumerate(doc.communication.follow_ups) if f.id])
    check_tree(doc.analysis.whys)
    known = doc.cause_ids()
    for i, action in enumerate(doc.actions):
        for j, cause in enumerate(action.causes):
            if cause not in known:
                raise ValidationError(f"actions[{i}].causes[{j}]", cause, t("validation.unknown_cause"))
    action_ids = {a.id for a in doc.actions}
    for i, parked in enumerate(doc.parking_lot):
        if parked.action is None:
            continue
        if parked.action not in action_ids:
            raise ValidationError(f"parking_lot[{i}].action", parked.action,
                                  t("validation.unknown_action"))
        if parked.outcome != "action":
            raise ValidationError(f"parking_lot[{i}].action", parked.action,
                                  t("validation.action_without_outcome"))


def check_unique(ids: list[tuple[str, str]]) -> None:
    seen: set[str] = set()
    for path, item_id in ids:
        if item_id in seen:
            raise ValidationError(path, item_id, t("validation.duplicate_id"))
        seen.add(item_id)


_ON_PATH, _DONE = 1, 2  # a node on the walk being made; a node whose ancestors end in a root


def check_tree(whys: list[WhyNode]) -> None:
    """Every parent names a node, and no node is its own ancestor.

    The first node, in list order, whose parent is unknown or whose ancestors loop is the
    one named. Each node is walked over once: a walk up from a node stops at the first
    ancestor already known to end in a root; reaching a node of the walk itself is a loop.
    """
    parents = {w.id: w.parent for w in whys}
    state: dict[str, int] = {}
    for i, node in enumerate(whys):
        if node.parent is not None and node.parent not in parents:
            raise ValidationError(f"analysis.whys[{i}].parent", node.parent,
                                  t("validation.unknown_parent"))
        walked: list[str] = []
        current: str | None = node.id
        while current is not None and current not in state:
            state[current] = _ON_PATH
            walked.append(current)
            current = parents.get(current)  # an unknown parent ends the walk (refused above
            # when its own node comes in turn)
        if current is not None and state[current] == _ON_PATH:
            raise ValidationError(f"analysis.whys[{i}].parent", node.parent, t("validation.cycle"))
        for walked_id in walked:
            state[walked_id] = _DONE
