"""Saving off the UI thread, one save at a time, the newest version winning (DESIGN §8).

The UI thread hands over a snapshot (``to_dict()`` is cheap and taken where the document is
edited, so the writer never sees a half-made change). One writer thread writes the newest
snapshot it has; snapshots submitted while it writes are coalesced into the next write.
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from typing import Any, Callable, Protocol


class SavesDocuments(Protocol):
    def save(self, data: dict[str, Any]) -> None: ...


class Autosaver:
    def __init__(self, target: SavesDocuments,
                 on_result: Callable[[Exception | None], None] = lambda error: None) -> None:
        self._target = target
        self._on_result = on_result
        self._condition = threading.Condition()
        self._pending: dict[str, Any] | None = None
        self._submitted = 0   # version number of the newest snapshot handed over
        self._written = 0     # version number of the newest snapshot on disk
        self._failed: Exception | None = None
        self._writing = False  # the writer holds a snapshot it is saving
        self._last_snapshot: dict[str, Any] | None = None  # the newest one the writer took
        self._unsaved_since: datetime | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
        self._thread.start()

    @property
    def dirty(self) -> bool:
        with self._condition:
            return self._written < self._submitted

    @property
    def last_error(self) -> Exception | None:
        return self._failed

    @property
    def unsaved_since(self) -> datetime | None:
        """When the oldest snapshot not on disk was handed over (UTC), or None if none is.
        Never later than the truth: after a save, newer snapshots count from when it began."""
        with self._condition:
            return self._unsaved_since if self._written < self._submitted else None

    def submit(self, snapshot: dict[str, Any]) -> None:
        with self._condition:
            if self._written >= self._submitted:
                self._unsaved_since = datetime.now(timezone.utc)
            self._pending = snapshot
            self._submitted += 1
            self._condition.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until the newest snapshot is on disk; False if it could not be written (the
        writer tried it and is idle) or the wait timed out."""
        with self._condition:
            target = self._submitted
            self._condition.wait_for(
                lambda: self._written >= target or (self._pending is None and not self._writing),
                timeout=timeout)
            return self._written >= target

    def retry(self) -> None:
        """Write the last snapshot again after a failure (disk freed, permissions fixed).
        Nothing to do while a newer snapshot waits or a save is under way: that one is newer."""
        with self._condition:
            if (self._failed is not None and self._last_snapshot is not None
                    and self._pending is None and not self._writing):
                self._pending = self._last_snapshot
                self._condition.notify_all()

    def close(self, timeout: float = 10.0, *, discard: bool = False) -> bool:
        """Stop the writer, after writing what is pending unless ``discard``; True if saved."""
        saved = self.flush(timeout) if not discard else not self.dirty
        with self._condition:
            if discard:
                self._pending = None
            self._stopping = True
            self._condition.notify_all()
        self._thread.join(timeout)
        return saved

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending is not None or self._stopping)
                if self._pending is None:
                    return
                snapshot, version = self._pending, self._submitted
                self._pending = None
                self._last_snapshot = snapshot
                self._writing = True
                started = datetime.now(timezone.utc)
            try:
                self._target.save(snapshot)
            except Exception as error:  # noqa: BLE001 - every failure is reported, none kills the writer
                with self._condition:
                    self._failed = error
                    self._writing = False
                    self._condition.notify_all()
                self._on_result(error)
                continue
            with self._condition:
                self._written = max(self._written, version)
                self._failed = None
                self._writing = False
                self._unsaved_since = started  # what came in since is unsaved from then at most
                self._condition.notify_all()
            self._on_result(None)
