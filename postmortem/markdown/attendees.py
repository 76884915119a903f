"""The "Attendees" section of the internal Markdown: the meeting roster (issue 14).

Only the internal document has it: the customer-facing version names nobody.
"""

from __future__ import annotations

from postmortem import roster
from postmortem.i18n import t
from postmortem.markdown.common import Document, cell
from postmortem.model import Postmortem


def attendees(out: Document, doc: Postmortem) -> None:
    """Everyone of the review with their role and whether they came; nothing while no roster
    is recorded (the metadata table names the people already)."""
    scope = doc.scope
    if not scope.roster:
        return
    out.heading(2, t("export.heading.attendees"))
    rows = []
    for name in roster.people(scope):
        role = roster.role_of(scope, name)
        presence = roster.entry_of(scope, name).presence
        rows.append([cell(name), t(f"roster.role.{role}") if role else t("export.empty_value"),
                     t(f"export.attendance.{presence}") if presence else t("export.empty_value")])
    out.table([t("export.column.name"), t("export.column.role"), t("export.column.attendance")],
              rows)
