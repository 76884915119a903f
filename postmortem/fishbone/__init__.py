"""The fishbone (Ishikawa) view of stage 3, in three parts:

- ``edit``: categories and causes, added, renamed, moved, removed and restored;
- ``measure``: text as one clean line, measured, cut and wrapped in terminal cells;
- ``draw``: the diagram as lines of text (``render_fishbone``), for the app and the export.

The names callers use are importable from here.
"""

from __future__ import annotations

from postmortem.fishbone.draw import MARKERS, MAX_CAUSES_SHOWN, MIN_COLUMN, render_fishbone
from postmortem.fishbone.edit import (DEFAULT_CATEGORY_KEYS, FishboneError, InvalidCategoryName,
                                      RemovedCategory, RemovedCause, UnknownCategory, UnknownCause,
                                      add_category, add_cause, add_default_categories,
                                      default_categories, find_cause, move_cause,
                                      move_cause_to_category, remove_category, remove_cause,
                                      rename_category, restore)
from postmortem.fishbone.measure import cell_len, clean, truncate, wrap
from postmortem.whys import cycle_role, set_role


def __getattr__(name: str) -> object:
    # DEFAULT_CATEGORIES is looked up when used, so it follows the current language.
    if name == "DEFAULT_CATEGORIES":
        return default_categories()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DEFAULT_CATEGORY_KEYS", "FishboneError", "InvalidCategoryName", "MARKERS",
           "MAX_CAUSES_SHOWN", "MIN_COLUMN", "RemovedCategory", "RemovedCause", "UnknownCategory",
           "UnknownCause", "add_category", "add_cause", "add_default_categories", "cell_len",
           "clean", "cycle_role", "default_categories", "find_cause", "move_cause",
           "move_cause_to_category", "remove_category", "remove_cause", "rename_category",
           "render_fishbone", "restore", "set_role", "truncate", "wrap"]
