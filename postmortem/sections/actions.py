"""Stage 5 of the document: the action items."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, field_names


@dataclass(slots=True)
class Action:
    """Stage 5: an action item and the causes (why-node or fishbone ids) it addresses.
    ``internal``: never published in the customer-facing version (written only when true,
    so files from before the flag read and write back unchanged)."""

    id: str
    title: str = ""
    type: str = "prevent"
    owner: str = ""
    due: date | None = None
    tracker: str = ""
    status: str = "open"
    causes: list[str] = field(default_factory=list)
    internal: bool = False
    # Why it will not be done (issue 14): written only while set, with status ``wont-do``.
    wont_do_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = {"id": self.id, "title": self.title, "type": self.type, "owner": self.owner,
                "due": self.due.isoformat() if self.due else None, "tracker": self.tracker,
                "status": self.status, "causes": list(self.causes)}
        if self.internal:
            data["internal"] = True
        if self.wont_do_reason:
            data["wont_do_reason"] = self.wont_do_reason
        return data

    @classmethod
    def read(cls, r: Reader) -> "Action":
        r.refuse_unknown(field_names(cls))
        return cls(id=r.item_id(), title=r.text("title"),
                   type=r.choice("type", vocab.ACTION_TYPES, "prevent"), owner=r.text("owner"),
                   due=r.day("due"), tracker=r.text("tracker"),
                   status=r.choice("status", vocab.ACTION_STATUSES, "open"), causes=r.texts("causes"),
                   internal=r.flag("internal"), wont_do_reason=r.text("wont_do_reason"))

    @property
    def is_open(self) -> bool:
        return self.status in ("open", "in-progress")
