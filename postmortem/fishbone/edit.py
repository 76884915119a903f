"""Editing the fishbone of stage 3: categories (the bones) and their causes, with undo of a
removal. Every error is a ``FishboneError`` whose ``str()`` is one sentence for the user."""

from __future__ import annotations

from dataclasses import dataclass

from postmortem.i18n import t
from postmortem.model import Cause, FishboneCategory, Postmortem
from postmortem.whys import (DetachedReferences, check_restorable, detach_references,
                             reattach_references, set_role)

# Catalogue keys of the default categories: the names are document data once added, but the
# defaults come from the catalogue so a translation can offer its own.
DEFAULT_CATEGORY_KEYS = (
    "fishbone.category.process", "fishbone.category.tooling", "fishbone.category.technology",
    "fishbone.category.environment", "fishbone.category.monitoring", "fishbone.category.people",
)


def default_categories() -> tuple[str, ...]:
    """The default category names in the current language."""
    return tuple(t(key) for key in DEFAULT_CATEGORY_KEYS)


class FishboneError(ValueError):
    """A fishbone edit that cannot be done; str() is one sentence for the user."""


class InvalidCategoryName(FishboneError):
    pass


class UnknownCategory(FishboneError):
    def __init__(self, index: int) -> None:
        super().__init__(t("fishbone.error.unknown_category", number=index + 1))


class UnknownCause(FishboneError):
    def __init__(self, cause_id: str) -> None:
        super().__init__(t("fishbone.error.unknown_cause", id=cause_id))


# Categories ------------------------------------------------------------------------------


def _category(doc: Postmortem, index: int) -> FishboneCategory:
    if not 0 <= index < len(doc.analysis.fishbone):
        raise UnknownCategory(index)
    return doc.analysis.fishbone[index]


def _checked_name(doc: Postmortem, name: str, except_index: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidCategoryName(t("fishbone.error.empty_name"))
    for i, category in enumerate(doc.analysis.fishbone):
        if i != except_index and category.category.casefold() == name.casefold():
            raise InvalidCategoryName(t("fishbone.error.duplicate_name", name=name))
    return name


def add_category(doc: Postmortem, name: str) -> FishboneCategory:
    """A new, empty category at the end; refuses an empty name or one already used."""
    category = FishboneCategory(category=_checked_name(doc, name))
    doc.analysis.fishbone.append(category)
    return category


def add_default_categories(doc: Postmortem) -> list[FishboneCategory]:
    """Add each default category that is not there yet (for a fresh fishbone)."""
    present = {c.category.casefold() for c in doc.analysis.fishbone}
    return [add_category(doc, name) for name in default_categories() if name.casefold() not in present]


def rename_category(doc: Postmortem, index: int, name: str) -> None:
    category = _category(doc, index)
    category.category = _checked_name(doc, name, except_index=index)


@dataclass(slots=True)
class RemovedCategory:
    """What ``remove_category`` removed: enough for ``restore`` to put it back exactly."""

    index: int
    category: FishboneCategory
    references: DetachedReferences


def remove_category(doc: Postmortem, index: int) -> RemovedCategory:
    """Remove a category with its causes, and the actions' references to those causes."""
    category = _category(doc, index)
    del doc.analysis.fishbone[index]
    detached = detach_references(doc, {c.id for c in category.causes})
    return RemovedCategory(index, category, detached)


# Causes ----------------------------------------------------------------------------------


def find_cause(doc: Postmortem, cause_id: str) -> tuple[int, int]:
    """(category index, cause index) of a cause; raises ``UnknownCause``."""
    for ci, category in enumerate(doc.analysis.fishbone):
        for i, cause in enumerate(category.causes):
            if cause.id == cause_id:
                return ci, i
    raise UnknownCause(cause_id)


def add_cause(doc: Postmortem, category_index: int, text: str = "", role: str | None = None) -> Cause:
    """A new cause at the end of a category, with a fresh id (``c<n>``)."""
    category = _category(doc, category_index)
    cause = Cause(id=doc.next_id("c"), text=text)
    set_role(cause, role)
    category.causes.append(cause)
    return cause


def move_cause(doc: Postmortem, cause_id: str, step: int) -> bool:
    """Move a cause up (-1) or down (+1) within its category; False at either end."""
    ci, i = find_cause(doc, cause_id)
    causes = doc.analysis.fishbone[ci].causes
    j = i + step
    if not 0 <= j < len(causes):
        return False
    causes[i], causes[j] = causes[j], causes[i]
    return True


def move_cause_to_category(doc: Postmortem, cause_id: str, category_index: int) -> bool:
    """Move a cause to the end of another category; False when it is already there."""
    target = _category(doc, category_index)
    ci, i = find_cause(doc, cause_id)
    if ci == category_index:
        return False
    target.causes.append(doc.analysis.fishbone[ci].causes.pop(i))
    return True


@dataclass(slots=True)
class RemovedCause:
    """What ``remove_cause`` removed: enough for ``restore`` to put it back exactly."""

    category_index: int
    index: int
    cause: Cause
    references: DetachedReferences


def remove_cause(doc: Postmortem, cause_id: str) -> RemovedCause:
    """Remove one cause and the actions' references to it."""
    ci, i = find_cause(doc, cause_id)
    cause = doc.analysis.fishbone[ci].causes.pop(i)
    return RemovedCause(ci, i, cause, detach_references(doc, {cause_id}))


def restore(doc: Postmortem, removed: RemovedCategory | RemovedCause) -> None:
    """Undo ``remove_category`` or ``remove_cause`` (the most recent removal first)."""
    restored = removed.category.causes if isinstance(removed, RemovedCategory) else [removed.cause]
    check_restorable(doc, [c.id for c in restored])
    fishbone = doc.analysis.fishbone
    if isinstance(removed, RemovedCategory):
        fishbone.insert(min(removed.index, len(fishbone)), removed.category)
    else:
        causes = _category(doc, removed.category_index).causes
        causes.insert(min(removed.index, len(causes)), removed.cause)
    reattach_references(doc, removed.references)
