"""What the customer-facing version publishes of the rules' open findings (issue 12, item 11).

The customer version (``postmortem.markdown.external``) publishes the title, the customer
summary, the public events, who was affected, the data-integrity notes and the action items.
Of the action items it leaves out:

- those marked internal-only (``Action.internal``), won't-do items and untitled ones;
- those whose title carries an open (not dismissed) blame finding: a customer never reads
  "… (human error) — planned". The facilitator rewords the title, dismisses the finding with
  a reason, or marks the item internal-only.

A finding that is only a person's name or an @handle is left out of both: the customer
version replaces every name and handle ("a team member"), so it never carries them.

``customer_warnings`` says, one sentence per finding, what the customer version carries or
leaves out because of an open blame or vagueness finding, naming the item. The export preview
and the command line show them; they never stop an export.
"""

from __future__ import annotations

from postmortem.blame import document_findings, title_findings
from postmortem.findings import Finding, active
from postmortem.i18n import t
from postmortem.mentions import person_mentions
from postmortem.model import Action, Postmortem
from postmortem.texts import FreeText, action_location, describe, free_texts
from postmortem.vagueness import NO_TITLE, action_findings, is_missing_field


def _listed(action: Action) -> bool:
    """An item the customer version would list, findings aside."""
    return not action.internal and action.status != "wont-do" and bool(action.title.strip())


def _published_text(text: FreeText, public_events: set[str]) -> bool:
    """A text the customer version prints (its action titles aside): ``public_events`` are
    the ids of the events that are not internal."""
    if text.kind == "title" or (text.kind == "summary" and text.detail == "customer_summary"):
        return True
    if text.kind == "impact":
        return text.detail in ("users_affected", "data_integrity_notes")
    if text.kind == "event":
        return text.detail in public_events
    return False


def _published_blame(doc: Postmortem, findings: list[Finding]) -> list[Finding]:
    """Of the open ``findings``, those that would reach a customer: not a name or a handle alone."""
    people = doc.scope.people()
    return [f for f in active(doc, findings)
            if [matched for _, matched in person_mentions(f.matched, people)] != [f.matched]]


def _blamed_action_ids(doc: Postmortem, findings: list[Finding]) -> set[str]:
    locations = {f.location for f in findings}
    return {a.id for a in doc.actions if action_location(a.id) in locations}


def published_actions(doc: Postmortem) -> list[Action]:
    """The action items the customer version lists, in board order. Only the titles of the
    items it would list are read for blame: the timeline of an export can be thousands long."""
    listed = [a for a in doc.actions if _listed(a)]
    findings = [f for action in listed for f in title_findings(doc, action)]
    blamed = _blamed_action_ids(doc, _published_blame(doc, findings))
    return [a for a in listed if a.id not in blamed]


def customer_warnings(doc: Postmortem) -> list[str]:
    """One sentence per open finding on what the customer version publishes or withholds.
    Only those texts are read for blame: the published ones and the titles of the items it
    would list (internal events, the analysis and the lessons never reach a customer)."""
    public_events = {event.id for event in doc.timeline if not event.internal}
    listed = {action_location(action.id) for action in doc.actions if _listed(action)}
    texts = [text for text in free_texts(doc)
             if _published_text(text, public_events) or text.location in listed]
    places = {text.location: text for text in texts}
    blame = _published_blame(doc, document_findings(doc, include_dismissed=True, texts=texts))
    warnings = []
    for finding in blame:
        text = places[finding.location]
        if _published_text(text, public_events):
            warnings.append(t("exposure.blame", place=describe(text), matched=finding.matched))
    blamed = _blamed_action_ids(doc, blame)
    for action in doc.actions:
        if not _listed(action):
            continue
        place = t("places.action", id=action.id)
        if action.id in blamed:
            matched = next(f.matched for f in blame if f.location == action_location(action.id))
            warnings.append(t("exposure.withheld", place=place, matched=matched))
            continue
        wording = [f for f in active(doc, action_findings(action))
                   if not is_missing_field(f) and f.matched != NO_TITLE]
        warnings += [t("exposure.vague", place=place, reason=f.reason) for f in wording]
    return warnings
