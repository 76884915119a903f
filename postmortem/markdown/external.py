"""The customer-facing Markdown: Summary / What happened / Impact / What we are doing about it.

What never reaches this document:

- the people fields (owner, facilitator, participants, action owners) and the tracker
  references (action trackers, the internal incident reference); and — because a customer
  summary, an event text, an impact note or an action title can mention them too — every
  way of writing those names and references inside the published text, as well as @handles,
  anything shaped like a ticket key and chat channels, replaced by neutral words ("a team
  member", "an internal ticket"; see ``postmortem.redaction``);
- everything the sensitive-data scanner finds (``postmortem.scanner``): e-mail addresses,
  phone numbers, IP addresses, URLs with credentials, secrets and card numbers, masked as
  ``[e-mail]``, ``[phone]``, ``[IP]``, ``[credentials]``, ``[secret]``, ``[card]``;
- internal-only timeline events, event sources, why-node evidence, the analysis itself,
  dismissed findings and their reasons, SLA notes (they name internal objectives), severity,
  status and every other internal field;
- actions marked "won't do" or internal-only, and those whose title carries an open blame
  finding (``postmortem.exposure.published_actions``).

A security incident is refused (``ExportRefused``) until its legal review is approved.
"""

from __future__ import annotations

from postmortem import metrics, times
from postmortem.exposure import published_actions
from postmortem.i18n import t
from postmortem.markdown import ExportRefused
from postmortem.markdown.common import Document, cell, timeline_times
from postmortem.markdown.escape import escape_inline
from postmortem.model import Postmortem
from postmortem.redaction import Redactor, Removed
from postmortem.scanner import mask


def check_external_allowed(doc: Postmortem) -> None:
    """Raise ``ExportRefused`` for a security incident whose legal review is not approved."""
    if doc.scope.sensitivity.security and doc.communication.legal_review != "approved":
        raise ExportRefused(t("export.error.security_legal_review",
                              state=t(f"export.legal_review.{doc.communication.legal_review}")))


class Scrubber:
    """Replaces, in text meant for customers, whatever names a person of the review or an
    internal reference (``postmortem.redaction``), counting what it removes in ``removed``."""

    def __init__(self, doc: Postmortem, removed: Removed | None = None) -> None:
        # Every action's owner and tracker, also of actions this document leaves out.
        people = [*doc.scope.people(), *(action.owner for action in doc.actions)]
        references = [doc.incident_ref, *(action.tracker for action in doc.actions)]
        self.redactor = Redactor(people, references)
        self.removed = Removed() if removed is None else removed

    def __call__(self, text: str) -> str:
        # The scanner first: a password URL or a key must go whole, before the names in it.
        return self.redactor.scrub(mask(text, self.removed), self.removed)


def render_external(doc: Postmortem, removed: Removed | None = None) -> str:
    """The customer-facing Markdown; raises ``ExportRefused`` (see ``check_external_allowed``).
    What the scrubbing replaced is counted in ``removed`` when given."""
    return external_document(doc, removed).render()


def external_document(doc: Postmortem, removed: Removed | None = None) -> Document:
    """The blocks of ``render_external``, to render as text or as UTF-8."""
    check_external_allowed(doc)
    scrub = Scrubber(doc, removed)
    out = Document()
    out.user_heading(1, scrub(doc.title), t("export.untitled"))
    out.heading(2, t("export.heading.summary"))
    out.text_or_none(scrub(doc.communication.customer_summary))
    _what_happened(out, doc, scrub)
    _impact(out, doc, scrub)
    _doing(out, doc, scrub)
    return out


def _what_happened(out: Document, doc: Postmortem, scrub: Scrubber) -> None:
    out.heading(2, t("export.heading.what_happened"))
    reached = metrics.milestone_events(doc)
    start, resolved = reached.get("start"), reached.get("resolved")
    if start is not None and resolved is not None and resolved.at >= start.at:
        out.paragraph(t("export.external.began_and_resolved",
                        date=times.show_date(start.at), time=times.format_time_hm(start.at),
                        end_date=times.show_date(resolved.at),
                        end_time=times.format_time_hm(resolved.at),
                        duration=metrics.format_duration(resolved.at - start.at)))
    elif start is not None:
        out.paragraph(t("export.external.began", date=times.show_date(start.at),
                        time=times.format_time_hm(start.at)))
    public = [e for e in metrics.sorted_events(doc.timeline) if not e.internal and e.text.strip()]
    if not public:
        out.paragraph(t("export.external.no_events"))
        return
    rows = [[when, cell(scrub(e.text))] for when, e in zip(timeline_times(public), public)]
    out.table([t("export.column.time"), t("export.column.event")], rows)


def _impact(out: Document, doc: Postmortem, scrub: Scrubber) -> None:
    impact = doc.impact
    out.heading(2, t("export.heading.impact"))
    items = []
    if impact.users_affected.strip():
        items.append(_fact("users_affected", escape_inline(scrub(impact.users_affected))))
    duration = metrics.incident_duration(doc)
    if duration is not None:
        items.append(_fact("duration", metrics.format_duration(duration)))
    if impact.data_integrity is not None:
        value = t(f"export.data_integrity.{impact.data_integrity}")
        notes = escape_inline(scrub(impact.data_integrity_notes))
        items.append(_fact("data", t("export.impact.with_notes", value=value, notes=notes)
                           if notes else value))
    if impact.sla_breach is not None:
        items.append(_fact("service_level", t("export.external.sla_breached") if impact.sla_breach
                           else t("export.external.sla_met")))
    out.bullets(items)


def _fact(key: str, value: str) -> str:
    return f"**{t(f'export.external.{key}')}:** {value}"


def _doing(out: Document, doc: Postmortem, scrub: Scrubber) -> None:
    out.heading(2, t("export.heading.doing"))
    items = []
    for action in published_actions(doc):
        title = escape_inline(scrub(action.title))
        items.append(t("export.external.action", title=title,
                       status=t(f"export.external_status.{action.status}")))
    out.bullets(items)
