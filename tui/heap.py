"""Keeping Python's cycle collector off the objects that live as long as the window.

A full collection walks every tracked object. After the imports and after a postmortem is open
(a 2,000-event timeline is tens of thousands of objects: events, table rows, cells), those walks
cost more than the work that triggered them, and they land in the middle of drawing a frame.
``gc.freeze`` moves everything alive now to a generation the collector skips; reference
counting still frees it. Only cycles that die while frozen wait for ``release``.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Everything alive now lives long: stop walking it in collections."""
    gc.freeze()


def release() -> None:
    """A postmortem was closed: let the collector see (and free) its objects again."""
    gc.unfreeze()
