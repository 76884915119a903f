"""Calendar export (DESIGN §7): follow-up reviews and open action due dates as ``.ics``.

Built with the maintained ``icalendar`` library. Rules decided here:

- One all-day VEVENT per follow-up review not yet done and per open or in-progress action
  with a due date; done reviews and closed actions are history, not appointments.
- UIDs are stable across exports so a calendar that imports the file again updates events
  instead of duplicating them: ``<doc id>-action-<action id>@postmortem-tui`` and
  ``<doc id>-followup-<n>@postmortem-tui``, ``n`` being the review's 1-based place in the
  document's list (done ones included, so marking one done does not renumber the rest).
- The bytes depend only on the document: DTSTAMP is ``generated_at`` when given, else the
  meeting time, else the Unix epoch — never the clock — so exporting twice gives the same file.
- User text is written without bidi controls and zero-width characters
  (``hidden_text.strip_hidden``), as in the Markdown exports.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event, vText

from postmortem.hidden_text import strip_hidden
from postmortem.i18n import t
from postmortem.model import Action, FollowUp, Postmortem

PRODID = "-//postmortem-tui//postmortem//EN"
UID_DOMAIN = "postmortem-tui"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def follow_up_uid(doc: Postmortem, number: int) -> str:
    return f"{doc.id}-followup-{number}@{UID_DOMAIN}"


def action_uid(doc: Postmortem, action: Action) -> str:
    return f"{doc.id}-action-{action.id}@{UID_DOMAIN}"


def to_ics(doc: Postmortem, *, generated_at: datetime | None = None) -> bytes:
    """The calendar as iCalendar bytes (CRLF lines, folded at 75 octets)."""
    stamp = (generated_at or doc.meeting_at or EPOCH).astimezone(timezone.utc)
    title = _user_text(doc.title) or t("ics.untitled")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", vText(title))  # vText: escaped like SUMMARY

    reviews = [(number, f) for number, f in enumerate(doc.communication.follow_ups, start=1)
               if not f.done]
    for number, follow_up in sorted(reviews, key=lambda item: (item[1].due, item[0])):
        calendar.add_component(_follow_up_event(doc, title, number, follow_up, stamp))
    due_actions = [a for a in doc.actions if a.is_open and a.due is not None]
    for action in sorted(due_actions, key=lambda a: (a.due, a.id)):
        calendar.add_component(_action_event(doc, title, action, stamp))
    return calendar.to_ical()


def _all_day(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # DTEND is exclusive for all-day events
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")           # a reminder, not a busy block
    return event


def _user_text(text: str) -> str:
    return strip_hidden(text).strip()


def _about(doc: Postmortem, title: str) -> str:
    return t("ics.postmortem", title=title, id=doc.id)


def _follow_up_event(doc: Postmortem, title: str, number: int, follow_up: FollowUp,
                     stamp: datetime) -> Event:
    label = _user_text(follow_up.label) or t("ics.unlabelled_review")
    return _all_day(follow_up_uid(doc, number), follow_up.due,
                    t("ics.follow_up", label=label, title=title), _about(doc, title), stamp)


def _action_event(doc: Postmortem, title: str, action: Action, stamp: datetime) -> Event:
    lines = [t("ics.action_owner", owner=_user_text(action.owner) or "—"),
             t("ics.action_tracker", tracker=_user_text(action.tracker) or "—"),
             t("ics.action_type", type=action.type),
             _about(doc, title)]
    event = _all_day(action_uid(doc, action), action.due,  # type: ignore[arg-type]
                     t("ics.action", title=_user_text(action.title) or action.id, doc_title=title),
                     "\n".join(lines), stamp)
    tracker = _user_text(action.tracker)
    if tracker.startswith(("https://", "http://")):
        event.add("url", tracker)
    return event
