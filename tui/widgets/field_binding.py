"""Where a form's field keeps its value: a form holds one small table of these, by widget id,
and one handler per kind of editor reads and writes through it (no if/elif per field)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


def unchanged(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class FieldBinding:
    path: str                                    # attribute path from the record: "scope.owner"
    shown: Callable[[Any], Any] = unchanged      # the stored value as the editor holds it
    stored: Callable[[Any], Any] = unchanged     # the editor's value as the record keeps it

    def read(self, record: object) -> Any:
        for name in self.path.split("."):
            record = getattr(record, name)
        return record

    def write(self, record: object, value: Any) -> None:
        *parents, name = self.path.split(".")
        for parent in parents:
            record = getattr(record, parent)
        setattr(record, name, value)

    def show(self, record: object) -> Any:
        """The record's value as the editor shows it."""
        return self.shown(self.read(record))

    def store(self, record: object, value: Any) -> bool:
        """Write the editor's value into the record; False when it held that already."""
        value = self.stored(value)
        if self.read(record) == value:
            return False
        self.write(record, value)
        return True
