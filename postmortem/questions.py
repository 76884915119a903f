"""Questions for the room (issue 14, part 3): for each stage a card of three to six questions
the facilitator can ask, and the stage's exit condition in words. On stage 2 the card follows
the selected timeline event by its kind: a detection asks how it was noticed, a mitigation
what was tried first. The questions are the catalogue's (``room.q.*``), written from the
seed's practices and common facilitation practice (what did you know then, what made it look
reasonable, what surprised you, where did we get lucky, who else needed to know)."""

from __future__ import annotations

from dataclasses import dataclass

from postmortem import vocab
from postmortem.i18n import t
from postmortem.stages import STAGE_KEYS

# Catalogue keys under room.q.<card>: the numbered questions of each card, in asking order.
CARDS: dict[str, int] = {
    "scope": 5, "timeline": 5, "analysis": 6, "lessons": 5, "actions": 5, "communication": 4,
    "start": 4, "detected": 5, "mitigated": 5, "resolved": 4,
}


@dataclass(frozen=True, slots=True)
class QuestionCard:
    stage: int
    kind: str | None       # on stage 2, the selected event's kind; else None
    heading: str
    questions: tuple[str, ...]
    exit_condition: str


def card_for(stage: int, milestone: str | None = None, *, event_selected: bool = False) -> QuestionCard:
    """The card of ``stage``; on stage 2 with an event selected, the card of its kind."""
    key = STAGE_KEYS[stage - 1]
    kind: str | None = None
    card = key
    if stage == 2 and event_selected:
        kind = milestone if milestone in vocab.MILESTONES else "event"
        card = milestone if milestone in vocab.MILESTONES else key
    heading = (t("room.card.heading_event", kind=t(f"room.card.kind.{kind}")) if kind
               else t("room.card.heading", stage=stage, name=t(f"stage.{key}")))
    questions = tuple(t(f"room.q.{card}.q{n}") for n in range(1, CARDS[card] + 1))
    return QuestionCard(stage, kind, heading, questions, t(f"room.exit.{key}"))
