"""Advice produced by the rules (blame check, vagueness check): what, where, why, and a better way."""

from __future__ import annotations

from dataclasses import dataclass

from postmortem.model import Postmortem


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
