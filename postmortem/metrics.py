"""Milestones, derived metrics and the exit condition of stage 2, timeline & impact (DESIGN §2.2, §5).

Rules decided here:

- Each milestone counts from the *earliest* event carrying it; with two events at the same
  minute, the one listed first counts.
- Time to detect / mitigate / resolve = detected / mitigated / resolved − start; ``None`` when
  either end is missing (shown "—", never zero). A negative interval is kept (and shown with
  a leading "−"): it is the milestone problem below, and hiding it would hide the mistake.
- Milestone order: start ≤ detected ≤ mitigated ≤ resolved, over the milestones present.
  A problem is attached to the event of the *later-in-order* milestone, naming the nearest
  earlier-in-order milestone it comes before ("Mitigated at 14:02 is before detected at
  14:10."); one problem per event at most.
- Durations are shown at minute resolution, seconds dropped: ``0m``, ``7m``, ``1h 07m``,
  ``3h 00m``, and from one day on ``1d 2h 05m``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import attrgetter
from typing import Iterable

from postmortem import times
from postmortem.i18n import t
from postmortem.model import Event, Postmortem
from postmortem.vocab import MILESTONES

MINUS = "\u2212"  # "−", a real minus sign: a hyphen reads as a dash in a table


def sorted_events(events: Iterable[Event]) -> list[Event]:
    """Events by time; events at the same time keep their order (stable sort)."""
    return sorted(events, key=attrgetter("at"))


def milestone_events(doc: Postmortem) -> dict[str, Event]:
    """The earliest event carrying each milestone present, keyed by milestone."""
    found: dict[str, Event] = {}
    # One pass, no sort: on a tie the event listed first stays.
    for event in doc.timeline:
        if not event.milestone:
            continue
        earliest = found.get(event.milestone)
        if earliest is None or event.at < earliest.at:
            found[event.milestone] = event
    return found


def milestone_times(doc: Postmortem) -> dict[str, datetime]:
    """When each milestone present was first reached."""
    return {name: event.at for name, event in milestone_events(doc).items()}


@dataclass(slots=True, frozen=True)
class Metrics:
    """Time to detect, mitigate and resolve, counted from the start milestone."""

    time_to_detect: timedelta | None
    time_to_mitigate: timedelta | None
    time_to_resolve: timedelta | None


def _since_start(reached: dict, milestone: str) -> timedelta | None:
    if "start" not in reached or milestone not in reached:
        return None
    return reached[milestone] - reached["start"]


def compute_metrics(doc: Postmortem) -> Metrics:
    reached = milestone_times(doc)
    return Metrics(time_to_detect=_since_start(reached, "detected"),
                   time_to_mitigate=_since_start(reached, "mitigated"),
                   time_to_resolve=_since_start(reached, "resolved"))


def incident_duration(doc: Postmortem) -> timedelta | None:
    """How long the incident lasted: resolved − start (the impact form's derived duration)."""
    return _since_start(milestone_times(doc), "resolved")


def format_duration(delta: timedelta | None) -> str:
    """``—`` for a missing interval, else ``0m``, ``7m``, ``1h 07m`` or ``1d 2h 05m``; in
    Chinese ``7分钟``, ``1小时07分``, ``1天2小时05分``."""
    if delta is None:
        return t("metrics.missing")
    sign = MINUS if delta < timedelta(0) else ""
    total_minutes = int(abs(delta).total_seconds()) // 60
    days, rest = divmod(total_minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    form = "days" if days else "hours" if hours else "minutes"
    shown = t(f"format.duration.{form}", days=days, hours=hours, minutes=minutes)
    return sign + shown if total_minutes else shown


# Milestone order -----------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class MilestoneProblem:
    """A milestone out of order, attached to the event that marks it."""

    event_id: str
    message: str


def milestone_problems(doc: Postmortem) -> list[MilestoneProblem]:
    """Milestones out of order, each attached to the later-in-order milestone's event."""
    return order_problems(milestone_events(doc))


def order_problems(first: dict[str, Event]) -> list[MilestoneProblem]:
    """``milestone_problems`` of the milestone events already found (``milestone_events``)."""
    problems = []
    for position, later in enumerate(MILESTONES):
        if later not in first:
            continue
        event = first[later]
        for earlier in reversed(MILESTONES[:position]):  # nearest in order first
            if earlier in first and first[earlier].at > event.at:
                problems.append(MilestoneProblem(event.id, _order_message(
                    later, event, earlier, first[earlier])))
                break
    return problems


def _order_message(later: str, later_event: Event, earlier: str, earlier_event: Event) -> str:
    same_day = later_event.at.date() == earlier_event.at.date()
    show = times.format_time_hm if same_day else times.format_datetime
    return t("metrics.out_of_order", later=t(f"metrics.milestone_title.{later}"),
             later_at=show(later_event.at), earlier=t(f"metrics.milestone.{earlier}"),
             earlier_at=show(earlier_event.at))


def problems_by_event(doc: Postmortem) -> dict[str, str]:
    """Event id → the milestone problem shown next to it."""
    return {p.event_id: p.message for p in milestone_problems(doc)}


# Stage 2 exit --------------------------------------------------------------------------------


def timeline_exit_reasons(doc: Postmortem) -> list[str]:
    """Why stage 2 is not done yet (empty: done)."""
    reached = milestone_times(doc)
    reasons = []
    if "start" not in reached:
        reasons.append(t("metrics.exit.no_start"))
    if "resolved" not in reached:
        reasons.append(t("metrics.exit.no_resolved"))
    reasons += [p.message for p in milestone_problems(doc)]
    impact = doc.impact
    if not impact.users_affected.strip():
        reasons.append(t("metrics.exit.no_users_affected"))
    if impact.customer_visible is None:
        reasons.append(t("metrics.exit.no_customer_visible"))
    if impact.data_integrity is None:
        reasons.append(t("metrics.exit.no_data_integrity"))
    if impact.sla_breach is None:
        reasons.append(t("metrics.exit.no_sla_breach"))
    if not impact.comms_aligned:
        reasons.append(t("metrics.exit.comms_not_aligned"))
    return reasons
