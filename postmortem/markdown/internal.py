"""The internal Markdown document: the whole postmortem, in the order of DESIGN §7.

Every section is always there; an empty one says "None recorded." — except the parts the
seed makes optional for small incidents (the fishbone and contributing factors at lightweight
depth), which are left out when empty. The output depends only on the document, ``today``
and ``library``: the review checklist is ``checklist.evaluate`` of the same three, as on
the review screen and in ``postmortem check``, and says the day it was checked; a follow-up
review past its day and not held shows as overdue. Without ``today`` it is the local date:
an export never leaves overdue reviews unchecked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from postmortem import blame, checklist, metrics, times
from postmortem.fishbone import render_fishbone
from postmortem.i18n import t
from postmortem.markdown.attendees import attendees
from postmortem.markdown.common import Document, cell, joined, label, timeline_times, yes_no
from postmortem.markdown.escape import escape_cell, escape_inline, fenced
from postmortem.markdown.parking import parking_lot_appendix
from postmortem.model import Postmortem
from postmortem.recurrence import RecurrenceSummary
from postmortem.whys import preorder

FISHBONE_WIDTH = 100  # cells; wide enough for three bones side by side on a wiki page


def render_internal(doc: Postmortem, *, today: date | None = None,
                    library: Sequence[RecurrenceSummary] = (), include_notes: bool = False) -> str:
    """The full postmortem as Markdown for the team (byte-identical for the same input).

    ``today`` and ``library`` go to the review checklist (overdue follow-ups, failures
    repeated from other postmortems of the library). The facilitator's private notes are
    written only with ``include_notes`` (``--include-notes``), in a last section.
    """
    return internal_document(doc, today=today, library=library,
                             include_notes=include_notes).render()


def internal_document(doc: Postmortem, *, today: date | None = None,
                      library: Sequence[RecurrenceSummary] = (),
                      include_notes: bool = False) -> Document:
    """The blocks of ``render_internal``, to render as text or as UTF-8."""
    today = today if today is not None else date.today()
    out = Document()
    out.user_heading(1, doc.title, t("export.untitled"))
    _metadata(out, doc)
    attendees(out, doc)
    out.heading(2, t("export.heading.summary"))
    out.text_or_none(doc.communication.internal_summary)
    _impact(out, doc)
    _timeline(out, doc)
    _analysis(out, doc)
    _lessons(out, doc)
    _actions(out, doc)
    _communication(out, doc, today)
    _checklist(out, doc, today, library)
    parking_lot_appendix(out, doc)
    if include_notes and doc.facilitator_notes.strip():
        out.heading(2, t("sharing.notes.export_heading"))
        out.text_or_none(doc.facilitator_notes)
    return out


def _metadata(out: Document, doc: Postmortem) -> None:
    scope = doc.scope
    sensitivity = [t("export.meta.pii")] if scope.sensitivity.pii else []
    sensitivity += [t("export.meta.security")] if scope.sensitivity.security else []
    rows = [
        ("incident", cell(doc.incident_ref)),
        ("severity", label("severity", doc.severity)),
        ("status", label("status", doc.status)),
        ("meeting", times.show_datetime(doc.meeting_at) + " UTC" if doc.meeting_at
         else t("export.empty_value")),
        ("depth", label("depth", scope.depth)),
        ("triggers", _labels("trigger", scope.triggers)),
        ("audiences", _labels("audience", scope.audiences)),
        ("sensitivity", t("export.list_separator").join(sensitivity) or t("export.meta.no_sensitivity")),
        ("customer_facing", t("export.meta.needed" if scope.customer_facing else "export.meta.not_needed")),
        ("tags", joined(doc.tags)),
        ("owner", cell(scope.owner)),
        ("facilitator", cell(scope.facilitator)),
        ("participants", joined(scope.participants)),
    ]
    out.table([t("export.column.field"), t("export.column.value")],
              [[t(f"export.meta.{key}"), value] for key, value in rows])


def _labels(group: str, values: list[str]) -> str:
    return t("export.list_separator").join(label(group, v) for v in values) or t("export.empty_value")


def _with_notes(value: str, notes: str) -> str:
    notes_cell = cell(notes) if notes.strip() else ""
    return t("export.impact.with_notes", value=value, notes=notes_cell) if notes_cell else value


def _impact(out: Document, doc: Postmortem) -> None:
    impact = doc.impact
    out.heading(2, t("export.heading.impact"))
    comms = t("export.impact.confirmed") if impact.comms_aligned else t("export.impact.not_confirmed")
    # The incident's duration (resolved − start) is its time to resolve: one scan of the
    # timeline for both tables.
    found = metrics.compute_metrics(doc)
    rows = [
        [t("export.impact.users_affected"), cell(impact.users_affected)],
        [t("export.impact.customer_visible"), yes_no(impact.customer_visible)],
        [t("export.meta.duration"), metrics.format_duration(found.time_to_resolve)],
        [t("export.impact.data_integrity"),
         _with_notes(label("data_integrity", impact.data_integrity) if impact.data_integrity
                     else t("export.not_recorded"), impact.data_integrity_notes)],
        [t("export.impact.sla_breach"), _with_notes(yes_no(impact.sla_breach), impact.sla_notes)],
        [t("export.impact.comms_aligned"), comms],
    ]
    out.table([t("export.column.aspect"), t("export.column.details")], rows)
    out.table([t("export.column.metric"), t("export.column.duration")], [
        [t("export.impact.ttd"), metrics.format_duration(found.time_to_detect)],
        [t("export.impact.ttm"), metrics.format_duration(found.time_to_mitigate)],
        [t("export.impact.ttr"), metrics.format_duration(found.time_to_resolve)],
    ])
    out.paragraph(t("export.impact.metrics_note"))


def _timeline(out: Document, doc: Postmortem) -> None:
    out.heading(2, t("export.heading.timeline"))
    events = metrics.sorted_events(doc.timeline)
    if not events:
        out.paragraph(t("export.none"))
        return
    # A timeline has thousands of events and a few sources: each source is escaped once.
    sources = {source: _optional_cell(source) for source in {e.source for e in events}}
    rows = [[when, cell(e.text), label("milestone", e.milestone) if e.milestone else "",
             sources[e.source],
             t("export.timeline.internal") if e.internal else t("export.timeline.public")]
            for when, e in zip(timeline_times(events), events)]
    out.table([t("export.column.time"), t("export.column.event"), t("export.column.milestone"),
               t("export.column.source"), t("export.column.visibility")], rows)


def _optional_cell(text: str) -> str:
    """A cell that may stay empty (an optional column such as source)."""
    return cell(text) if text.strip() else ""


def _role_tag(role: str | None) -> str:
    if role == "root-cause":
        return f" — *{t('export.whys.root_cause')}*"
    if role == "contributing":
        return f" — *{t('export.whys.contributing')}*"
    return ""


def _bold_id(item_id: str) -> str:
    # An id made only of control characters would leave "****", which is no bold text.
    return f"**{escape_inline(item_id) or '?'}**"


def _item(item_id: str, text: str) -> str:
    """"**w2** text" — the id lets readers follow an action's "Addresses" column."""
    return f"{_bold_id(item_id)} {escape_inline(text) or t('export.whys.untitled')}"


def _analysis(out: Document, doc: Postmortem) -> None:
    lightweight = doc.scope.depth == "lightweight"
    out.heading(2, t("export.heading.analysis"))
    out.heading(3, t("export.heading.problem"))
    out.text_or_none(doc.analysis.problem)

    out.heading(3, t("export.heading.whys"))
    nested = []
    for node, depth in preorder(doc):
        line = "  " * (depth - 1) + "- " + _item(node.id, node.text) + _role_tag(node.role)
        if node.evidence.strip():
            line += t("format.aside", text=t("export.whys.evidence",
                                             evidence=escape_inline(node.evidence)))
        nested.append(line)
    if nested:
        out.lines(nested)
    else:
        out.paragraph(t("export.none"))

    has_causes = any(True for _ in doc.analysis.causes())
    if doc.analysis.fishbone or not lightweight:
        out.heading(3, t("export.heading.fishbone"))
        if doc.analysis.fishbone:
            out.lines(fenced(render_fishbone(doc, FISHBONE_WIDTH)))
        if has_causes:
            out.table([t("export.column.category"), t("export.column.cause"), t("export.column.role")],
                      [[cell(category), _cause_cell(cause.id, cause.text), label("role", cause.role)]
                       for category, cause in doc.analysis.causes()])
        elif not doc.analysis.fishbone:
            out.paragraph(t("export.none"))

    # Where each marked item comes from, found in one pass (a lookup per item was a walk of
    # the whole tree per item: thousands of marked nodes took seconds).
    categories = {cause.id: category for category, cause in doc.analysis.causes()}
    categories.update((w.id, None) for w in doc.analysis.whys)
    out.heading(3, t("export.heading.root_causes"))
    out.bullets([_marked_item(categories, item_id, text)
                 for item_id, text, _ in blame.root_causes(doc)])
    contributing = blame.contributing_factors(doc)
    if contributing or not lightweight:
        out.heading(3, t("export.heading.contributing"))
        out.bullets([_marked_item(categories, item_id, text) for item_id, text, _ in contributing])


def _cause_cell(cause_id: str, text: str) -> str:
    return f"{_bold_id(cause_id)} {escape_cell(text) or t('export.whys.untitled')}"


def _marked_item(categories: dict[str, str | None], item_id: str, text: str) -> str:
    """A root cause or contributing factor; ``categories`` maps a fishbone cause's id to its
    category and a why-node's to None."""
    category = categories.get(item_id, "")
    if category is None:
        where = t("export.whys.from_whys")
    else:
        where = t("export.whys.from_fishbone", category=escape_inline(category))
    return _item(item_id, text) + t("format.aside", text=where)


def _lessons(out: Document, doc: Postmortem) -> None:
    out.heading(2, t("export.heading.lessons"))
    for key, items in (("went_well", doc.lessons.went_well), ("went_wrong", doc.lessons.went_wrong),
                       ("lucky", doc.lessons.lucky)):
        out.heading(3, t(f"export.heading.{key}"))
        out.bullets([escape_inline(item) for item in items if escape_inline(item)])


def _actions(out: Document, doc: Postmortem) -> None:
    out.heading(2, t("export.heading.actions"))
    if not doc.actions:
        out.paragraph(t("export.none"))
        return
    rows = [[cell(a.id), cell(a.title), label("action_type", a.type), cell(a.owner),
             times.show_date(a.due) if a.due else t("export.empty_value"), cell(a.tracker),
             _status_cell(a.status, a.wont_do_reason), joined(a.causes)]
            for a in doc.actions]
    out.table([t(f"export.column.{key}") for key in
               ("id", "action", "type", "owner", "due", "tracker", "status", "addresses")], rows)


def _status_cell(status: str, wont_do_reason: str) -> str:
    """The status, with the reason an action will not be done (settled in a later meeting)."""
    if status == "wont-do" and wont_do_reason.strip():
        return t("export.action.wont_do_because", status=label("action_status", status),
                 reason=cell(wont_do_reason))
    return label("action_status", status)


def _communication(out: Document, doc: Postmortem, today: date) -> None:
    comms = doc.communication
    out.heading(2, t("export.heading.communication"))
    out.table([t("export.column.field"), t("export.column.value")], [
        [t("export.communication.shared_with"), joined(comms.shared_with)],
        [t("export.communication.legal_review"), label("legal_review", comms.legal_review)],
    ])
    out.heading(3, t("export.heading.customer_summary"))
    out.text_or_none(comms.customer_summary)
    out.heading(3, t("export.heading.follow_ups"))
    out.bullets([
        ("[x] " if f.done else "[ ] ")
        + t("export.communication.follow_up", due=times.show_date(f.due),
            label=escape_inline(f.label) or t("export.empty_value"))
        + (t("export.communication.overdue") if not f.done and f.due < today else "")
        for f in sorted(comms.follow_ups, key=lambda f: f.due)])


def _checklist(out: Document, doc: Postmortem, today: date,
               library: Sequence[RecurrenceSummary]) -> None:
    out.heading(2, t("export.heading.checklist"))
    # The review screen's advice (hindsight) is not part of the exported checklist.
    review = checklist.evaluate(doc, library=library, today=today, advice=False)
    out.paragraph(t("checklist.format.checked_on", date=times.show_date(today)))
    lines = []
    for line in review.lines:
        lines.append(("- [x] " if line.ok else "- [ ] ") + escape_inline(line.label))
        # Each reason under its line, as the review screen shows them.
        lines += [f"  - {escape_inline(reason.text)}" for reason in line.reasons]
    out.lines(lines)
    if review.deviations:
        out.heading(3, t("export.heading.deviations"))
        out.bullets([escape_inline(d.text) for d in review.deviations])
    if doc.dismissed_findings:
        out.heading(3, t("export.heading.dismissed"))
        out.bullets([_dismissed(d.key, d.reason) for d in doc.dismissed_findings])


def _dismissed(key: str, reason: str) -> str:
    rule, _, rest = key.partition(":")
    location, _, matched = rest.partition(":")
    rule_label = (t(f"export.rule.{rule}") if rule in ("blame", "vague", "hindsight")
                  else escape_inline(rule))
    return t("export.dismissed.item", rule=rule_label, location=escape_inline(location),
             matched=escape_inline(matched), reason=escape_inline(reason))
