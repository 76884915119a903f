"""The final review (DESIGN "Final review" and "Deviations"), shared by the review screen,
the internal Markdown export and ``postmortem check``.

The seed's five checklist lines, each with every reason it does not hold yet. A reason names
the stage to fix it in and, where there is one, the item id or field path to jump to.

What each line asks, decided here:

1. **Blameless tone; facts and timeline clear** — no undismissed blame finding in any free
   text of the document (``blame.document_findings``), each reason naming the place
   ("Action a3", "What went wrong, item 2") and pointing at it;
   a timeline with start and resolved milestones in order (stage 2); customer communication
   confirmed to match the facts (stage 2).
2. **Impact quantified where possible** — users affected written *with a quantity* (a digit,
   or a word such as "none", "all", "half", "所有", "无"); customer visibility, data integrity
   and SLA/SLO breach answered, with notes when data was at risk or an SLA was breached.
3. **Root cause and contributing factors distinguished** — a problem statement, a root
   cause, no person named as a root cause; at full depth also a contributing factor and a
   fishbone cause (both optional at lightweight depth, as the seed asks less of small
   incidents).
4. **Action items owned, dated, and tracked** — the stage 5 exit, item by item: every open
   item has an owner, a due date and a tracker, and no undismissed vagueness finding.
5. **Follow-up review scheduled** — two reviews at full depth, one at lightweight depth
   (``postmortem.followup``); with ``today`` given, a review past its date and not done
   fails the line too.

Advice, which never fails the review: hindsight wording in the analysis and the lessons
(``postmortem.hindsight``), each with its reframing question.

Deviations (DESIGN "Deviations"):

- **Merge conflicts**: conflicts a merge left in the document (``Postmortem.conflicts``), not
  settled yet. The document holds one side's value there, so it fails the review.
- **Security**: a security incident that wants a customer-facing version while legal review
  is not approved. It *blocks* (the customer export is refused), so it fails the review.
- **Repeated failure**: another postmortem of the library (not this one, by id) has a root
  cause or contributing factor like one of this one's (by text similarity), or shares tags
  that are rare enough in the library (``postmortem.recurrence`` decides, and says why).
  Advice: escalate to an architecture or SLO review. It does not fail the review. The
  MAX_REPEATS strongest are named, the rest counted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from postmortem import blame, metrics
from postmortem.findings import dismissed_keys
from postmortem.followup import follow_up_reasons, legal_review_blocks
from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.recurrence import (RecurrenceSummary, normalise,  # noqa: F401 (re-exported)
                                   reasons)
from postmortem.recurrence_index import RecurrenceIndex, repeats
from postmortem.texts import FreeText, describe, free_texts
from postmortem.vagueness import action_findings, is_missing_field

LINE_KEYS = ("blameless", "impact", "analysis", "actions", "follow_up")
MAX_REPEATS = 5   # the strongest repeats are named; the rest are counted in one more line


@dataclass(slots=True, frozen=True)
class Reason:
    """Why a checklist line does not hold yet, and where to fix it."""

    text: str
    stage: int               # 1..6: where to fix it
    location: str | None     # item id ("w2", "a3") or field path ("impact.sla_notes"), if any


@dataclass(slots=True, frozen=True)
class ChecklistLine:
    """One of the five checklist lines with every reason it fails (none: it holds)."""

    key: str                 # one of LINE_KEYS
    label: str
    reasons: tuple[Reason, ...]

    @property
    def ok(self) -> bool:
        return not self.reasons


@dataclass(slots=True, frozen=True)
class Deviation:
    """A deviation: blocking (security review missing) or advice (a repeated failure)."""

    kind: str                # "conflicts", "security" or "repeated"
    text: str
    stage: int
    location: str | None
    blocking: bool           # True: fails the review (security); False: advice
    other_id: str | None = None     # the other postmortem of a repeated failure


@dataclass(slots=True, frozen=True)
class Review:
    """The final review: the five checklist lines, the deviations, the advice (hindsight),
    the day it was evaluated on (None: overdue reviews were not looked for), and the names of
    library files left out of the repeated-failure check because they could not be read."""

    lines: tuple[ChecklistLine, ...]
    deviations: tuple[Deviation, ...]
    advice: tuple[Reason, ...] = ()
    today: date | None = None
    unreadable: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return all(line.ok for line in self.lines) and not any(d.blocking for d in self.deviations)

    def line(self, key: str) -> ChecklistLine:
        return next(line for line in self.lines if line.key == key)


def evaluate(doc: Postmortem, *, library: Sequence[RecurrenceSummary] | RecurrenceIndex = (),
             today: date | None = None, unreadable: Sequence[str] = (),
             advice: bool = True) -> Review:
    """The five checklist lines in the seed's order, the deviations and the advice.

    The one evaluation behind the review screen, ``postmortem check`` and the internal
    export's checklist: give all three the same ``library`` (the other postmortems as the
    repeated-failure check compares them) and ``today``. ``unreadable`` names the library
    files that could not be read for the repeated-failure check: the review says it did not
    compare with them. ``advice=False`` where the advice is not shown (the Markdown export's
    checklist, ``check --all``): the hindsight check is not run and ``Review.advice`` is empty.
    """
    texts = free_texts(doc)
    reasons = (_blameless(doc, texts), _impact(doc), _analysis(doc), _actions(doc),
               _follow_up(doc, today))
    lines = tuple(ChecklistLine(key, t(f"checklist.line.{key}"), tuple(found))
                  for key, found in zip(LINE_KEYS, reasons))
    return Review(lines, tuple(_conflicts(doc) + _security(doc) + _repeated(doc, library)),
                  tuple(_hindsight(doc, texts)) if advice else (), today, tuple(unreadable))


def unreadable_note(review: Review) -> str | None:
    """One sentence naming the library files the repeated-failure check left out, if any."""
    if not review.unreadable:
        return None
    key = "checklist.format.unreadable_one" if len(review.unreadable) == 1 else \
        "checklist.format.unreadable_many"
    return t(key, count=len(review.unreadable), names=", ".join(review.unreadable))


# 1. Blameless tone; facts and timeline clear ---------------------------------------------


def _blameless(doc: Postmortem, texts: list[FreeText]) -> list[Reason]:
    places = {text.location: text for text in texts}
    # Every blame reason quotes the words it found.
    reasons = [Reason(t("checklist.reason.blame", location=describe(places[f.location]),
                        reason=f.reason),
                      places[f.location].stage, places[f.location].target)
               for f in blame.document_findings(doc, texts=texts)]
    reasons += _timeline(doc)
    if not doc.impact.comms_aligned:
        reasons.append(Reason(t("checklist.reason.comms_not_aligned"), 2, "impact.comms_aligned"))
    return reasons


def _timeline(doc: Postmortem) -> list[Reason]:
    """Start and resolved milestones present and the milestones in order, with the stage 2
    rules and wording of ``postmortem.metrics`` (order problems point at their event)."""
    if not doc.timeline:
        return [Reason(t("checklist.reason.no_timeline"), 2, "timeline")]
    reached = metrics.milestone_events(doc)
    reasons = [Reason(t(f"metrics.exit.no_{m}"), 2, "timeline")
               for m in ("start", "resolved") if m not in reached]
    reasons += [Reason(p.message, 2, p.event_id) for p in metrics.order_problems(reached)]
    return reasons


# 2. Impact quantified where possible -----------------------------------------------------

_QUANTITY = re.compile(
    r"\d|\b(?:none|nobody|no\s+one|no\s+(?:users?|customers?|requests?|one)|zero|all|every"
    r"(?:one|body)?|half|a\s+(?:third|quarter)|most)\b|"
    r"[零二两三四五六七八九十百千万亿半]|一[半成百千万]|所有|全部|无|没有",
    re.IGNORECASE)


def is_quantified(text: str) -> bool:
    """Whether a description of who was affected carries a quantity: a digit or a word."""
    return _QUANTITY.search(text) is not None


def _impact(doc: Postmortem) -> list[Reason]:
    impact, reasons = doc.impact, []

    def add(key: str, field: str, **values: str) -> None:
        reasons.append(Reason(t(f"checklist.reason.{key}", **values), 2, f"impact.{field}"))

    if not impact.users_affected.strip():
        add("no_users_affected", "users_affected")
    elif not is_quantified(impact.users_affected):
        add("users_not_quantified", "users_affected")
    if impact.customer_visible is None:
        add("customer_visible_unknown", "customer_visible")
    if impact.data_integrity is None:
        add("data_integrity_unknown", "data_integrity")
    elif impact.data_integrity != "none" and not impact.data_integrity_notes.strip():
        add("data_integrity_notes", "data_integrity_notes", state=impact.data_integrity)
    if impact.sla_breach is None:
        add("sla_unknown", "sla_breach")
    elif impact.sla_breach and not impact.sla_notes.strip():
        add("sla_notes", "sla_notes")
    return reasons


# 3. Root cause and contributing factors distinguished ------------------------------------


def _analysis(doc: Postmortem) -> list[Reason]:
    reasons = []
    if not doc.analysis.problem.strip():
        reasons.append(Reason(t("checklist.reason.no_problem"), 3, "analysis.problem"))
    if not any(text.strip() for _, text, _ in blame.root_causes(doc)):
        reasons.append(Reason(t("checklist.reason.no_root_cause"), 3, "analysis.whys"))
    if doc.scope.depth != "lightweight":
        if not any(text.strip() for _, text, _ in blame.contributing_factors(doc)):
            reasons.append(Reason(t("checklist.reason.no_contributing"), 3, "analysis.whys"))
        if not any(cause.text.strip() for _, cause in doc.analysis.causes()):
            reasons.append(Reason(t("checklist.reason.no_fishbone"), 3, "analysis.fishbone"))
    reasons += [Reason(t("checklist.reason.person_root_cause", id=item_id), 3, item_id)
                for item_id in blame.person_named_root_causes(doc)]
    return reasons


# 4. Action items owned, dated, and tracked -----------------------------------------------


def _actions(doc: Postmortem) -> list[Reason]:
    """Item by item, what the stage 5 exit asks: a missing field counts even when its finding
    was dismissed; a wording finding counts unless dismissed."""
    if not doc.actions:
        return [Reason(t("checklist.reason.no_actions"), 5, "actions")]
    dismissed = dismissed_keys(doc)
    return [Reason(t("checklist.reason.action_finding", id=action.id, title=action.title,
                     reason=finding.reason), 5, action.id)
            for action in doc.actions if action.is_open
            for finding in action_findings(action)
            if is_missing_field(finding) or finding.key not in dismissed]


# 5. Follow-up review scheduled -----------------------------------------------------------


def _follow_up(doc: Postmortem, today: date | None) -> list[Reason]:
    reasons = [Reason(text, 6, "communication.follow_ups") for text in follow_up_reasons(doc)]
    if reasons and doc.meeting_at is None:
        reasons.append(Reason(t("checklist.reason.no_meeting"), 1, "meeting_at"))
    if today is not None:
        reasons += [Reason(t("checklist.reason.follow_up_overdue", label=f.label or "?",
                             due=f.due.isoformat()), 6, "communication.follow_ups")
                    for f in doc.communication.follow_ups if not f.done and f.due < today]
    return reasons


# Advice ----------------------------------------------------------------------------------


def _hindsight(doc: Postmortem, texts: list[FreeText]) -> list[Reason]:
    from postmortem.hindsight import hindsight_findings
    places = {text.location: text for text in texts}
    return [Reason(t("checklist.advice.hindsight", place=describe(places[f.location]),
                     reason=f.reason, question=f.suggestion),
                   places[f.location].stage, places[f.location].target)
            for f in hindsight_findings(doc, texts=texts)]


# Deviations ------------------------------------------------------------------------------


def _conflicts(doc: Postmortem) -> list[Deviation]:
    """What a merge left unsettled (``doc.conflicts``): the document holds only one side's value
    there, so it is not ready to be reviewed or published."""
    if not doc.conflicts:
        return []
    return [Deviation("conflicts", t("checklist.deviation.conflicts", count=len(doc.conflicts)), 1,
                      None, blocking=True)]


def _security(doc: Postmortem) -> list[Deviation]:
    if not legal_review_blocks(doc):
        return []
    state = t(f"checklist.legal.{doc.communication.legal_review}")
    return [Deviation("security", t("checklist.deviation.security", state=state), 6,
                      "communication.legal_review", blocking=True)]


def _repeated(doc: Postmortem, library: Sequence[RecurrenceSummary] | RecurrenceIndex
              ) -> list[Deviation]:
    matches, total = repeats(doc, library, limit=MAX_REPEATS)
    deviations = []
    for match in matches:
        other = match.other
        stage, location = (3, match.causes[0].location) if match.causes else (1, "tags")
        text = t("checklist.deviation.repeated", title=other.title.strip() or other.id,
                 id=other.id, why="; ".join(reasons(match)))
        deviations.append(Deviation("repeated", text, stage, location, blocking=False,
                                    other_id=other.id))
    if total > len(matches):
        deviations.append(Deviation("repeated", t("team.match.more", count=total - len(matches),
                                                   named=len(matches)),
                                    1, "tags", blocking=False))
    return deviations


# `postmortem check` ----------------------------------------------------------------------


def _reason_line(text: str, stage: int) -> str:
    from postmortem.stages import STAGE_KEYS  # only this command's text names the stages
    return t("checklist.format.reason", text=text, stage=stage,
             stage_title=t(f"stage.{STAGE_KEYS[stage - 1]}"))


def format_check(review: Review) -> str:
    """The text printed by ``postmortem check``: each line ✓/✗, its reasons indented below,
    then the deviations and a one-line summary."""
    out = []
    for line in review.lines:
        mark = t("checklist.format.pass") if line.ok else t("checklist.format.fail")
        out.append(f"{mark} {line.label}")
        out += [f"    {_reason_line(r.text, r.stage)}" for r in line.reasons]
    if review.deviations:
        out += ["", t("checklist.format.deviations")]
        for deviation in review.deviations:
            mark = t("checklist.format.blocking" if deviation.blocking else "checklist.format.advice")
            out.append(f"  {mark} {_reason_line(deviation.text, deviation.stage)}")
    if review.advice:
        out += ["", t("checklist.format.advice_heading")]
        mark = t("checklist.format.advice")
        out += [f"  {mark} {_reason_line(advice.text, advice.stage)}" for advice in review.advice]
    failed, count = sum(not line.ok for line in review.lines), len(review.lines)
    if failed:
        summary = t("checklist.format.some_fail", failed=failed, count=count)
    elif not review.ok:
        summary = t("checklist.format.blocked", count=count)
    else:
        summary = t("checklist.format.all_pass", count=count)
    note = unreadable_note(review)
    if note is not None:
        out += ["", note]
    out += ["", summary]
    return "\n".join(out)


def exit_code(review: Review) -> int:
    """0 when every line passes and nothing blocks, 1 otherwise (2, bad input, is the CLI's)."""
    return 0 if review.ok else 1
