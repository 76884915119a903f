"""The six stages and their exit conditions (DESIGN §2).

Each stage's exit is a list of reasons it does not hold yet; an empty list means ✓.
Rules that belong to a stage's own module (milestones, blame, vagueness) are imported from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from postmortem.i18n import t
from postmortem.model import Postmortem

STAGE_KEYS = ("scope", "timeline", "analysis", "lessons", "actions", "communication")


@dataclass(slots=True, frozen=True)
class StageStatus:
    number: int          # 1..6
    key: str             # one of STAGE_KEYS
    reasons: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.reasons

    @property
    def title(self) -> str:
        return t(f"stage.{self.key}")


def scope_exit(doc: Postmortem) -> list[str]:
    reasons = []
    if doc.scope.depth is None:
        reasons.append(t("exit.scope.no_depth"))
    if not doc.scope.owner.strip():
        reasons.append(t("exit.scope.no_owner"))
    return reasons


def timeline_exit(doc: Postmortem) -> list[str]:
    from postmortem.metrics import timeline_exit_reasons
    return timeline_exit_reasons(doc)


def analysis_exit(doc: Postmortem) -> list[str]:
    from postmortem.blame import analysis_exit_reasons
    return analysis_exit_reasons(doc)


def lessons_exit(doc: Postmortem) -> list[str]:
    reasons = []
    if not any(s.strip() for s in doc.lessons.went_well):
        reasons.append(t("exit.lessons.no_went_well"))
    if not any(s.strip() for s in doc.lessons.went_wrong):
        reasons.append(t("exit.lessons.no_went_wrong"))
    return reasons


def actions_exit(doc: Postmortem) -> list[str]:
    from postmortem.vagueness import actions_exit_reasons
    return actions_exit_reasons(doc)


def communication_exit(doc: Postmortem) -> list[str]:
    from postmortem.followup import communication_exit_reasons
    return communication_exit_reasons(doc)


EXITS: tuple[Callable[[Postmortem], list[str]], ...] = (
    scope_exit, timeline_exit, analysis_exit, lessons_exit, actions_exit, communication_exit)


def stage_status(doc: Postmortem, number: int) -> StageStatus:
    return StageStatus(number, STAGE_KEYS[number - 1], tuple(EXITS[number - 1](doc)))


def stage_statuses(doc: Postmortem) -> list[StageStatus]:
    return [stage_status(doc, n) for n in range(1, 7)]
