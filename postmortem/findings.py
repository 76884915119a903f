"""Advice produced by the rules (blame check, vagueness check, hindsight) and dismissing it.

A finding says what, where, why, and a better way. The facilitator may dismiss one with a
reason; the reason is kept in the document (``dismissed_findings``) under the finding's
``key``, so a dismissal lasts as long as the same words stay in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

from postmortem.i18n import t
from postmortem.model import DismissedFinding, Postmortem


@dataclass(slots=True, frozen=True)
class Finding:
    rule: str          # "blame", "vague" or "hindsight"
    location: str      # a field path ("analysis.problem", "actions[a3].title") or an item id
                       # ("w2", "c1", "a3"); see postmortem.texts
    matched: str       # the words that triggered it, as typed
    reason: str        # one sentence, from the catalogue
    suggestion: str    # a systemic / specific rewording example

    @property
    def key(self) -> str:
        """Stable identity used to dismiss this finding (DismissedFinding.key)."""
        return f"{self.rule}:{self.location}:{self.matched.casefold()}"


def dismissed_keys(doc: Postmortem) -> set[str]:
    return {d.key for d in doc.dismissed_findings}


def active(doc: Postmortem, findings: list[Finding]) -> list[Finding]:
    """The findings the facilitator has not dismissed."""
    keys = dismissed_keys(doc)
    return [f for f in findings if f.key not in keys]


# Dismissing ------------------------------------------------------------------------------


class DismissalError(ValueError):
    """A dismissal without a reason; str() is one sentence."""


def dismiss(doc: Postmortem, finding: Finding, reason: str) -> None:
    """Keep a finding quiet, with the reason in the document; a second call updates the reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise DismissalError(t("blame.error.empty_reason"))
    for dismissed in doc.dismissed_findings:
        if dismissed.key == finding.key:
            dismissed.reason = reason
            return
    doc.dismissed_findings.append(DismissedFinding(key=finding.key, reason=reason))


def undismiss(doc: Postmortem, finding: Finding) -> bool:
    """Show a dismissed finding again; False when it was not dismissed."""
    kept = [d for d in doc.dismissed_findings if d.key != finding.key]
    changed = len(kept) != len(doc.dismissed_findings)
    doc.dismissed_findings[:] = kept
    return changed


def dismissal_reason(doc: Postmortem, finding: Finding) -> str | None:
    return next((d.reason for d in doc.dismissed_findings if d.key == finding.key), None)
