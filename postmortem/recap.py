"""The wrap-up: what to read aloud at the end of the meeting, and the same as Markdown for
pasting into chat (``<id>.recap.md``). Issue 14, part 6.

The recap is a list of sections, each built by one function of ``SECTION_BUILDERS`` from
the document and the final review; a feature adds its section by adding its builder there
(the parking lot's outcomes go after the actions). Each line carries its plain text (the
screen) and its Markdown (the file), made from the same catalogue sentence: the values are
escaped for Markdown, the sentence is ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from postmortem import meeting as clock, times
from postmortem.checklist import Review
from postmortem.i18n import t
from postmortem.markdown.escape import escape_heading, escape_inline
from postmortem.model import Postmortem


@dataclass(frozen=True, slots=True)
class RecapLine:
    text: str                           # as the screen shows it
    markdown: str                       # as the file has it
    details: tuple["RecapLine", ...] = ()


@dataclass(frozen=True, slots=True)
class RecapSection:
    key: str                            # stable: "actions", "follow_ups", "still_open"…
    title: str
    lines: tuple[RecapLine, ...]
    empty: str                          # said instead of the lines when there are none


def line(key: str, details: tuple[RecapLine, ...] = (), **values: object) -> RecapLine:
    """A catalogue sentence with ``values``, plain and with the values escaped for Markdown."""
    plain = {name: str(value) for name, value in values.items()}
    escaped = {name: escape_inline(value) for name, value in plain.items()}
    return RecapLine(t(key, **plain), t(key, **escaped), details)


# The sections ------------------------------------------------------------------------------


def actions_section(doc: Postmortem, review: Review) -> RecapSection:
    """Every action item with its owner and due date (or that it has none yet)."""
    lines = []
    for action in doc.actions:
        owner = action.owner.strip() or t("recap.no_owner")
        due = times.show_date(action.due) if action.due else t("recap.no_due")
        key = "recap.action" if action.status == "open" else "recap.action_with_status"
        lines.append(line(key, id=action.id, title=action.title.strip() or t("recap.untitled"),
                          owner=owner, due=due, status=t(f"recap.status.{action.status}")))
    return RecapSection("actions", t("recap.section.actions"), tuple(lines),
                        t("recap.no_actions"))


def parking_section(doc: Postmortem, review: Review) -> RecapSection:
    """Each parked topic and what stage 5 made of it (or that it is still to settle)."""
    lines = []
    for topic in doc.parking_lot:
        text = topic.text.strip()
        if topic.outcome == "action":
            lines.append(line("recap.parking.action", text=text, id=topic.action or ""))
        elif topic.outcome == "dropped":
            lines.append(line("recap.parking.dropped", text=text, reason=topic.reason.strip()))
        else:
            lines.append(line(f"recap.parking.{topic.outcome or 'unsettled'}", text=text))
    return RecapSection("parking_lot", t("recap.section.parking_lot"), tuple(lines),
                        t("recap.parking.none"))


def follow_ups_section(doc: Postmortem, review: Review) -> RecapSection:
    lines = tuple(
        line("recap.follow_up_held" if follow_up.done else "recap.follow_up",
             label=follow_up.label.strip() or t("recap.follow_up_label"),
             due=times.show_date(follow_up.due))
        for follow_up in sorted(doc.communication.follow_ups, key=lambda f: f.due))
    return RecapSection("follow_ups", t("recap.section.follow_ups"), lines,
                        t("recap.no_follow_ups"))


def still_open_section(doc: Postmortem, review: Review) -> RecapSection:
    """What the final review still marks ✗: each failing line with its reasons, and the
    blocking deviations."""
    lines = [line("recap.failing", label=checklist_line.label,
                  details=tuple(line("recap.reason", reason=reason.text)
                                for reason in checklist_line.reasons))
             for checklist_line in review.lines if not checklist_line.ok]
    lines += [line("recap.failing", label=deviation.text)
              for deviation in review.deviations if deviation.blocking]
    return RecapSection("still_open", t("recap.section.still_open"), tuple(lines),
                        t("recap.nothing_open"))


SectionBuilder = Callable[[Postmortem, Review], RecapSection]

# In reading order. Another feature adds its builder here.
SECTION_BUILDERS: list[SectionBuilder] = [actions_section, parking_section,
                                          follow_ups_section, still_open_section]


def recap_sections(doc: Postmortem, review: Review) -> list[RecapSection]:
    return [build(doc, review) for build in SECTION_BUILDERS]


# The whole recap ---------------------------------------------------------------------------


def meeting_line(doc: Postmortem) -> RecapLine | None:
    """When the meeting ran and how long the clock ran, if it was timed."""
    meeting = doc.meeting
    if meeting.started_at is None:
        return None
    until = meeting.ended_at or meeting.paused_at or meeting.started_at
    return line("recap.meeting", day=times.show_date(meeting.started_at),
                start=meeting.started_at.strftime("%H:%M"), end=until.strftime("%H:%M"),
                clock=clock.clock_text(sum(meeting.spent)))


def recap_markdown(doc: Postmortem, sections: list[RecapSection], today: date) -> str:
    """The recap file: a heading, the meeting's times, then each section as a list."""
    title = doc.title.strip() or doc.id
    out = [f"# {t('recap.heading', title=escape_heading(title))}", ""]
    out.append(line("recap.about", id=doc.id, day=times.show_date(today)).markdown)
    timed = meeting_line(doc)
    if timed is not None:
        out += ["", timed.markdown]
    for section in sections:
        out += ["", f"## {escape_heading(section.title)}", ""]
        if not section.lines:
            out.append(escape_inline(section.empty))
        for item in section.lines:
            out.append(f"- {item.markdown}")
            out += [f"  - {detail.markdown}" for detail in item.details]
    return "\n".join(out) + "\n"


def recap_file_name(doc_id: str) -> str:
    return f"{doc_id}.recap.md"
