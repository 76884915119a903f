"""The five-whys tree (DESIGN §2.3): operations on ``doc.analysis.whys``.

The tree is stored flat: each node names its ``parent`` (``None`` for a root). Among the
children of one parent, their order in the list is the display order. Every operation here
keeps the document valid for ``Postmortem.from_dict(doc.to_dict())``: parents exist, no
loops, and no action names a cause that is gone.

Deletions return a record that puts everything back exactly (undo), including the places
where actions referred to the removed nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from postmortem import vocab
from postmortem.i18n import t
from postmortem.model import Postmortem, WhyNode


class WhyTreeError(ValueError):
    """An operation on the five-whys tree that cannot be done; str() is one sentence."""


class UnknownWhyNode(WhyTreeError):
    def __init__(self, node_id: str) -> None:
        self.node_id = node_id
        super().__init__(t("whys.error.unknown_node", id=node_id))


class InvalidMove(WhyTreeError):
    """Moving a node under itself or one of its own descendants."""


class UnknownRole(ValueError):
    def __init__(self, role: object) -> None:
        super().__init__(t("whys.error.unknown_role", role=role, allowed=", ".join(vocab.ROLES)))


# Lookups ---------------------------------------------------------------------------------


def node(doc: Postmortem, node_id: str) -> WhyNode:
    """The node with this id; raises ``UnknownWhyNode``."""
    found = doc.why(node_id)
    if found is None:
        raise UnknownWhyNode(node_id)
    return found


def children(doc: Postmortem, parent_id: str | None) -> list[WhyNode]:
    """The children of ``parent_id`` (``None``: the roots), in display order."""
    return [w for w in doc.analysis.whys if w.parent == parent_id]


def roots(doc: Postmortem) -> list[WhyNode]:
    return children(doc, None)


def depth(doc: Postmortem, node_id: str) -> int:
    """1 for a root, 2 for its children, and so on (for many nodes: ``depths``)."""
    levels = depths(doc)
    if node_id not in levels:
        raise UnknownWhyNode(node_id)
    return levels[node_id]


def depths(doc: Postmortem) -> dict[str, int]:
    """The depth of every node, in one pass over the tree (a node's depth is its parent's
    plus one, so no ancestor chain is walked twice). A node on a loop of broken data, which
    validation refuses, counts from where the loop was entered."""
    parents = {w.id: w.parent for w in doc.analysis.whys}
    levels: dict[str, int] = {}
    for node in doc.analysis.whys:
        walked: list[str] = []
        current: str | None = node.id
        while current is not None and current not in levels and current in parents:
            levels[current] = 0  # on this walk: a loop back to it ends the walk
            walked.append(current)
            current = parents[current]
        level = levels.get(current, 0) if current is not None else 0
        for walked_id in reversed(walked):
            level += 1
            levels[walked_id] = level
    return levels


def descendant_ids(doc: Postmortem, node_id: str) -> set[str]:
    """Every id below ``node_id`` (not including it)."""
    by_parent: dict[str | None, list[str]] = {}
    for w in doc.analysis.whys:  # every node's children found in one pass
        by_parent.setdefault(w.parent, []).append(w.id)
    below: set[str] = set()
    frontier = [node_id]
    while frontier:
        for child_id in by_parent.get(frontier.pop(), ()):
            if child_id not in below:
                below.add(child_id)
                frontier.append(child_id)
    return below


def preorder(doc: Postmortem) -> list[tuple[WhyNode, int]]:
    """Every node with its depth, parents before children, siblings in display order.

    This is the order of the tree view and of the nested list in the Markdown export.
    """
    # An explicit stack, not a recursive inner function: that function would hold itself
    # (and the document) in a reference cycle that only the cycle collector frees.
    # The children of every node found in one pass (``children`` per node would read the
    # whole list once per node).
    by_parent: dict[str | None, list[WhyNode]] = {}
    for node in doc.analysis.whys:
        by_parent.setdefault(node.parent, []).append(node)
    out: list[tuple[WhyNode, int]] = []
    stack = [(node, 1) for node in reversed(by_parent.get(None, []))]
    while stack:
        node, level = stack.pop()
        out.append((node, level))
        stack.extend((child, level + 1) for child in reversed(by_parent.get(node.id, [])))
    return out


def branch_depths(doc: Postmortem) -> dict[str, int]:
    """For each leaf (a node without children), how deep its branch goes."""
    parent_ids = {w.parent for w in doc.analysis.whys}
    return {w.id: level for w, level in preorder(doc) if w.id not in parent_ids}


def max_depth(doc: Postmortem) -> int:
    """The deepest branch; 0 for an empty tree."""
    return max(branch_depths(doc).values(), default=0)


# References from elsewhere in the document (shared with the fishbone) ---------------------


@dataclass(slots=True)
class DetachedReferences:
    """Places that named removed ids: action causes and dismissed findings, with positions."""

    action_causes: list[tuple[str, int, str]] = field(default_factory=list)  # (action id, index, cause id)
    dismissals: list[tuple[int, object]] = field(default_factory=list)       # (index, DismissedFinding)


def detach_references(doc: Postmortem, ids: set[str]) -> DetachedReferences:
    """Remove every reference to ``ids`` so the document stays valid, and record them."""
    detached = DetachedReferences()
    for action in doc.actions:
        kept = []
        for index, cause_id in enumerate(action.causes):
            if cause_id in ids:
                detached.action_causes.append((action.id, index, cause_id))
            else:
                kept.append(cause_id)
        action.causes[:] = kept
    # A dismissal is keyed "<rule>:<location>:<matched>"; one about a removed item is stale.
    kept_dismissals = []
    for index, dismissed in enumerate(doc.dismissed_findings):
        location = dismissed.key.split(":", 2)[1] if dismissed.key.count(":") >= 2 else ""
        if location in ids:
            detached.dismissals.append((index, dismissed))
        else:
            kept_dismissals.append(dismissed)
    doc.dismissed_findings[:] = kept_dismissals
    return detached


def check_restorable(doc: Postmortem, ids: list[str]) -> None:
    """Refuse an undo that would bring back an id now used by something else."""
    clash = sorted(set(ids) & doc.cause_ids())
    if clash:
        raise WhyTreeError(t("whys.error.restore_clash", ids=", ".join(clash)))


def reattach_references(doc: Postmortem, detached: DetachedReferences) -> None:
    """Undo ``detach_references``: every reference goes back to its original position."""
    actions = {a.id: a for a in doc.actions}
    for action_id, index, cause_id in detached.action_causes:  # recorded in ascending order
        action = actions.get(action_id)
        if action is not None and cause_id not in action.causes:
            action.causes.insert(min(index, len(action.causes)), cause_id)
    for index, dismissed in detached.dismissals:
        doc.dismissed_findings.insert(min(index, len(doc.dismissed_findings)), dismissed)


# Adding ----------------------------------------------------------------------------------


def add_child(doc: Postmortem, parent_id: str | None, text: str = "") -> WhyNode:
    """A new "why?" under ``parent_id`` (``None``: a new root), last among its siblings."""
    if parent_id is not None:
        node(doc, parent_id)
    new = WhyNode(id=doc.next_id("w"), parent=parent_id, text=text)
    doc.analysis.whys.append(new)
    return new


def add_sibling(doc: Postmortem, node_id: str, text: str = "") -> WhyNode:
    """A second answer to the same "why?": same parent, shown right after ``node_id``."""
    current = node(doc, node_id)
    whys = doc.analysis.whys
    subtree = {node_id} | descendant_ids(doc, node_id)
    # Keep the list readable (right after the node's subtree) but never past the next sibling,
    # which would put the new node in the wrong place among its siblings.
    position = max(i for i, w in enumerate(whys) if w.id in subtree) + 1
    own_index = whys.index(current)
    next_sibling = next((i for i in range(own_index + 1, len(whys))
                         if whys[i].parent == current.parent), None)
    if next_sibling is not None:
        position = min(position, next_sibling)
    new = WhyNode(id=doc.next_id("w"), parent=current.parent, text=text)
    whys.insert(position, new)
    return new


# Deleting and undo -----------------------------------------------------------------------


@dataclass(slots=True)
class DeletedSubtree:
    """What ``delete_subtree`` removed, enough to put it back exactly."""

    nodes: list[tuple[int, WhyNode]]  # (original list index, node), ascending by index
    references: DetachedReferences

    @property
    def ids(self) -> list[str]:
        return [w.id for _, w in self.nodes]


def delete_subtree(doc: Postmortem, node_id: str) -> DeletedSubtree:
    """Remove a node and everything under it, and the actions' references to them."""
    node(doc, node_id)
    ids = {node_id} | descendant_ids(doc, node_id)
    whys = doc.analysis.whys
    removed = [(i, w) for i, w in enumerate(whys) if w.id in ids]
    whys[:] = [w for w in whys if w.id not in ids]
    return DeletedSubtree(nodes=removed, references=detach_references(doc, ids))


def restore_subtree(doc: Postmortem, deleted: DeletedSubtree) -> None:
    """Undo ``delete_subtree``: nodes and references return to their original positions.

    Meant for the most recent change; if an id was handed out again meanwhile (a node added
    after the deletion), it refuses with ``WhyTreeError`` instead of duplicating the id.
    """
    check_restorable(doc, deleted.ids)
    whys = doc.analysis.whys
    for index, removed in deleted.nodes:  # ascending, so each earlier index is already right
        whys.insert(min(index, len(whys)), removed)
    reattach_references(doc, deleted.references)


# Moving ----------------------------------------------------------------------------------


def _swap_with_sibling(doc: Postmortem, node_id: str, step: int) -> bool:
    current = node(doc, node_id)
    whys = doc.analysis.whys
    here = whys.index(current)
    positions = range(here + step, len(whys) if step > 0 else -1, step)
    other = next((i for i in positions if whys[i].parent == current.parent), None)
    if other is None:
        return False
    whys[here], whys[other] = whys[other], whys[here]
    return True


def move_up(doc: Postmortem, node_id: str) -> bool:
    """Swap with the previous sibling; False when already first."""
    return _swap_with_sibling(doc, node_id, -1)


def move_down(doc: Postmortem, node_id: str) -> bool:
    """Swap with the next sibling; False when already last."""
    return _swap_with_sibling(doc, node_id, +1)


def move_to_parent(doc: Postmortem, node_id: str, new_parent_id: str | None) -> bool:
    """Re-attach a node (with its subtree) as the last child of ``new_parent_id``.

    Returns False when it is already there. Raises ``InvalidMove`` for a move under the node
    itself or one of its descendants, ``UnknownWhyNode`` for an unknown id.
    """
    current = node(doc, node_id)
    if new_parent_id is not None:
        node(doc, new_parent_id)
        if new_parent_id == node_id:
            raise InvalidMove(t("whys.error.move_under_itself", id=node_id))
        if new_parent_id in descendant_ids(doc, node_id):
            raise InvalidMove(t("whys.error.move_under_descendant", id=node_id, target=new_parent_id))
    siblings = children(doc, new_parent_id)
    if current.parent == new_parent_id and siblings and siblings[-1] is current:
        return False
    whys = doc.analysis.whys
    whys.remove(current)
    current.parent = new_parent_id
    whys.append(current)  # last in the list, hence last among its new siblings
    return True


# Roles (work for why-nodes and fishbone causes alike) -----------------------------------


class HasRole(Protocol):
    role: str | None


ROLE_CYCLE: tuple[str | None, ...] = (None, *vocab.ROLES)


def set_role(item: HasRole, role: str | None) -> None:
    """Mark an item root cause, contributing factor, or neither (``None``)."""
    if role is not None and role not in vocab.ROLES:
        raise UnknownRole(role)
    item.role = role


def cycle_role(item: HasRole) -> str | None:
    """none → root cause → contributing → none (one key in the UI); returns the new role."""
    current = item.role if item.role in ROLE_CYCLE else None
    item.role = ROLE_CYCLE[(ROLE_CYCLE.index(current) + 1) % len(ROLE_CYCLE)]
    return item.role
