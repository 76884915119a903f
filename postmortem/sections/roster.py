"""The meeting roster of stage 1 (issue 14): each person's role in the review, whether they
came, and whether the room has heard from them yet.

An entry exists only for a person with something recorded; its fields are written only when
set, so a document without a roster reads and writes back byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, ValidationError, field_names
from postmortem.i18n import t


@dataclass(slots=True)
class RosterEntry:
    """One person of the review, by the name the scope gives them."""

    name: str
    role: str | None = None        # one of vocab.ATTENDEE_ROLES
    presence: str | None = None    # one of vocab.PRESENCES; None while not taken
    heard: bool = False            # the room has heard from them in this meeting

    @property
    def is_empty(self) -> bool:
        return self.role is None and self.presence is None and not self.heard

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name}
        if self.role is not None:
            data["role"] = self.role
        if self.presence is not None:
            data["presence"] = self.presence
        if self.heard:
            data["heard"] = True
        return data

    @classmethod
    def read(cls, r: Reader) -> "RosterEntry":
        r.refuse_unknown(field_names(cls))
        name = r.text("name", required=True)
        if not name.strip():
            raise ValidationError(r.at("name"), name, t("roster.validation.empty_name"))
        return cls(name=name, role=r.choice("role", vocab.ATTENDEE_ROLES, nullable=True),
                   presence=r.choice("presence", vocab.PRESENCES, nullable=True),
                   heard=r.flag("heard"))
