"""Every free text of a postmortem, with where it is (DESIGN §6: the rules read them all).

A ``FreeText`` carries what the rules need to report a finding in the right place:

- ``location`` — the finding's place and part of its dismissal key. The problem statement,
  why-nodes and fishbone causes keep the locations the stage 3 blame check always used
  ("analysis.problem", "w2", "c1"), so dismissals already in documents still apply; the
  others are field paths with the item id where there is one: "actions[a3].title",
  "timeline[e4].text", "lessons.went_wrong[1]" (lessons have no ids: their index, from 0),
  "communication.customer_summary", "impact.users_affected", "title".
- ``stage`` and ``target`` — where to fix it: the stage and what that stage's
  ``focus_location`` takes (an item id, or a field path).
- ``kind`` — what the text is, which decides the rules that apply to it (``names_are_facts``,
  ``is_analysis``).

Event sources and why-node evidence are references (a log, a chat speaker), not prose: no
rule reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.whys import preorder

LESSON_LISTS = ("went_well", "went_wrong", "lucky")
IMPACT_TEXTS = ("users_affected", "data_integrity_notes", "sla_notes")
SUMMARIES = ("internal_summary", "customer_summary")


@dataclass(slots=True, frozen=True)
class FreeText:
    location: str
    text: str
    stage: int        # 1..6
    target: str       # what the stage's focus_location takes
    kind: str         # title, impact, event, problem, why, cause, lesson, action, summary
    detail: str       # the item id, the lesson list or the field name

    @property
    def names_are_facts(self) -> bool:
        """Naming a person is not blame here: an event says who did what (a fact), and "what
        went well" may praise someone by name."""
        return self.kind == "event" or (self.kind == "lesson" and self.detail == "went_well")

    @property
    def is_analysis(self) -> bool:
        """The analysis and the lessons: where hindsight wording is looked for."""
        return self.kind in ("problem", "why", "cause", "lesson")


def free_texts(doc: Postmortem) -> list[FreeText]:
    """Every free text of ``doc`` in the order of the stages, empty ones included."""
    texts = [FreeText("title", doc.title, 1, "title", "title", "title")]
    texts += [FreeText(f"impact.{field}", getattr(doc.impact, field), 2, f"impact.{field}",
                       "impact", field) for field in IMPACT_TEXTS]
    texts += [FreeText(f"timeline[{e.id}].text", e.text, 2, e.id, "event", e.id)
              for e in doc.timeline]
    texts.append(FreeText("analysis.problem", doc.analysis.problem, 3, "analysis.problem",
                          "problem", "problem"))
    texts += [FreeText(node.id, node.text, 3, node.id, "why", node.id) for node, _ in preorder(doc)]
    texts += [FreeText(cause.id, cause.text, 3, cause.id, "cause", cause.id)
              for _, cause in doc.analysis.causes()]
    for key in LESSON_LISTS:
        texts += [FreeText(f"lessons.{key}[{index}]", text, 4, f"lessons.{key}[{index}]",
                           "lesson", key)
                  for index, text in enumerate(getattr(doc.lessons, key))]
    texts += [FreeText(action_location(a.id), a.title, 5, a.id, "action", a.id)
              for a in doc.actions]
    texts += [FreeText(f"communication.{field}", getattr(doc.communication, field), 6,
                       f"communication.{field}", "summary", field) for field in SUMMARIES]
    return texts


def action_location(action_id: str) -> str:
    """The location of an action's title: "actions[a3].title"."""
    return f"actions[{action_id}].title"


_INDEXED = re.compile(r"lessons\.(\w+)\[(\d+)\]")


def describe(text: FreeText) -> str:
    """Where the text is, for people: "Action a3", "What went wrong, item 2", "Why w2"."""
    if text.kind == "lesson":
        index = _INDEXED.fullmatch(text.location)
        number = int(index.group(2)) + 1 if index else 0
        return t("places.lesson", list=t(f"places.lessons.{text.detail}"), number=number)
    if text.kind in ("event", "why", "cause", "action"):
        return t(f"places.{text.kind}", id=text.detail)
    return t(f"places.{text.kind}.{text.detail}")


def describe_location(doc: Postmortem, location: str) -> str:
    """``describe`` for a finding's location; the location itself when no text is there."""
    found = next((text for text in free_texts(doc) if text.location == location), None)
    return describe(found) if found is not None else location
