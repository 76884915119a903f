"""The customer-facing Markdown: Summary / What happened / Impact / What we are doing about it.

What never reaches this document:

- the people fields (owner, facilitator, participants, action owners), and — because a
  customer summary or an event text can mention them too — every occurrence of those names
  (full name or first name, as the blame check recognises them) and of ``@handles`` in the
  published text, replaced by "a team member";
- tracker references (action trackers, the internal incident reference), also where they
  appear, exactly as written in those fields, inside published text ("an internal ticket");
  other internal words in text the facilitator marked public (a channel name) stay: what is
  public is the facilitator's call, made per event and in the customer summary;
- internal-only timeline events, event sources, why-node evidence, the analysis itself,
  dismissed findings and their reasons, SLA notes (they name internal objectives), severity,
  status and every other internal field;
- actions marked "won't do" or internal-only, and those whose title carries an open blame
  finding (``postmortem.exposure.published_actions``).

A security incident is refused (``ExportRefused``) until its legal review is approved.
"""

from __future__ import annotations

import re

from postmortem import metrics, times
from postmortem.exposure import published_actions
from postmortem.i18n import t
from postmortem.markdown import ExportRefused
from postmortem.markdown.common import Document, timeline_times
from postmortem.markdown.escape import escape_cells, escape_inline
from postmortem.mentions import names_alternation, person_mentions
from postmortem.model import Postmortem


def check_external_allowed(doc: Postmortem) -> None:
    """Raise ``ExportRefused`` for a security incident whose legal review is not approved."""
    if doc.scope.sensitivity.security and doc.communication.legal_review != "approved":
        raise ExportRefused(t("export.error.security_legal_review",
                              state=t(f"export.legal_review.{doc.communication.legal_review}")))


class Scrubber:
    """Replaces people's names, @handles and tracker references in text meant for customers."""

    def __init__(self, doc: Postmortem) -> None:
        people = list(doc.scope.people())
        for action in doc.actions:
            owner = " ".join(action.owner.split())
            if owner and owner not in people:
                people.append(owner)
        self.people = people
        refs = {a.tracker.strip() for a in doc.actions} | {doc.incident_ref.strip()}
        # A bare number ("112") is too likely to be an ordinary figure in the text.
        refs = sorted((r for r in refs if len(r) >= 3 and not r.isdigit()), key=lambda r: (-len(r), r))
        alternatives = "|".join(re.escape(r) for r in refs)
        self.refs = re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])") if refs else None
        # The references alone: several times faster to search than ``refs`` (no look-behind
        # in front), so text without any skips the substitution.
        self.any_ref = re.compile(alternatives) if refs else None
        # Whatever gets replaced starts with a reference, a name or "@": text with none of
        # them (most event texts) is published as it is after this one search.
        self.anything = re.compile("|".join(
            part for part in (alternatives, names_alternation(tuple(people)), "@") if part))
        self.internal_reference = t("export.external.internal_reference")

    def __call__(self, text: str) -> str:
        if self.anything.search(text) is None:
            return text
        if self.any_ref is not None and self.any_ref.search(text):
            text = self.refs.sub(self.internal_reference, text)
        out, last = [], 0
        for position, matched in person_mentions(text, self.people):
            if position < last:
                continue  # inside a name already replaced ("@Priya" and "Priya")
            before = text[:position]
            sentence_start = not before.strip() or before.rstrip()[-1] in ".!?。！？\n"
            out.append(text[last:position])
            out.append(t("export.external.someone_capital") if sentence_start
                       else t("export.external.someone"))
            last = position + len(matched)
        out.append(text[last:])
        return "".join(out)


def render_external(doc: Postmortem) -> str:
    """The customer-facing Markdown; raises ``ExportRefused`` (see ``check_external_allowed``)."""
    return external_document(doc).render()


def external_document(doc: Postmortem) -> Document:
    """The blocks of ``render_external``, to render as text or as UTF-8."""
    check_external_allowed(doc)
    scrub = Scrubber(doc)
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
                        date=times.format_date(start.at), time=times.format_time_hm(start.at),
                        end_date=times.format_date(resolved.at),
                        end_time=times.format_time_hm(resolved.at),
                        duration=metrics.format_duration(resolved.at - start.at)))
    elif start is not None:
        out.paragraph(t("export.external.began", date=times.format_date(start.at),
                        time=times.format_time_hm(start.at)))
    public = [e for e in metrics.sorted_events(doc.timeline) if not e.internal and e.text.strip()]
    if not public:
        out.paragraph(t("export.external.no_events"))
        return
    empty = t("export.empty_value")  # what cell() shows for an empty text
    rows = [f"| {when} | {text or empty} |" for when, text in
            zip(timeline_times(public), escape_cells([scrub(e.text) for e in public]))]
    out.written_table([t("export.column.time"), t("export.column.event")], rows)


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
