"""``Record``: the base of the domain's plain data classes, in place of ``@dataclass``.

A record declares its fields as class annotations and writes its own ``__init__``; the base
gives it what ``@dataclass`` would: equality and ``repr`` over the fields in declaration order
and, with ``frozen=True`` in the class line, read-only fields and a hash.

Why not ``@dataclass``: it writes each class's methods as source text and compiles that text
again in every process (≈ 0.4 ms a class), and importing it pulls in ``inspect`` (≈ 5 ms);
a command that exports one document spent a fifth of its time on that. Code written in
the class body is compiled once, into the ``.pyc``.

``dataclasses.replace``, ``fields`` and ``is_dataclass`` still work on every record: the first
time a class is asked for ``__dataclass_fields__``, it is registered with ``dataclasses``
(fields only, no methods generated), so only a process that uses them imports it.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, ClassVar


class _DataclassFields:
    """``__dataclass_fields__`` of a record class, made when first asked for."""

    def __get__(self, instance: object, owner: type) -> dict[str, Any]:
        import dataclasses
        # Sets the class's own __dataclass_fields__ (replacing this descriptor) and methods
        # are left alone: the record already has them.
        dataclasses.dataclass(owner, init=False, repr=False, eq=False, match_args=False)
        return owner.__dict__["__dataclass_fields__"]


_DATACLASS_FIELDS = _DataclassFields()


class Record:
    """Equality, ``repr`` (and for ``frozen=True``: hash, read-only fields) over the fields."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]
    _field_values: ClassVar[Callable[[Any], Any]]  # the record -> its field values

    def __init_subclass__(cls, frozen: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = tuple(cls.__dict__.get("__annotations__", ()))
        cls._field_values = attrgetter(*cls._fields)
        cls.__dataclass_fields__ = _DATACLASS_FIELDS
        if frozen:
            cls.__setattr__ = _refuse_assignment
            cls.__delattr__ = _refuse_deletion
            cls.__hash__ = _hash

    def _set(self, **values: Any) -> None:
        """Set fields in ``__init__`` (also of a frozen record)."""
        self.__dict__.update(values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            values = self._field_values
            return values(self) == values(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as an @dataclass with eq

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({shown})"


# The messages of dataclasses.FrozenInstanceError (an AttributeError).
def _refuse_assignment(self: Record, name: str, value: object) -> None:
    raise AttributeError(f"cannot assign to field {name!r}")


def _refuse_deletion(self: Record, name: str) -> None:
    raise AttributeError(f"cannot delete field {name!r}")


def _hash(self: Record) -> int:
    return hash(self._field_values(self))
