"""Calendar export: parsed back with icalendar, the library that wrote it."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

from icalendar import Calendar

from postmortem.calendar import to_ics
from postmortem.model import Action, FollowUp, Postmortem

FIXTURE = Path(__file__).parents[1] / "fixtures" / "design_example.json"


def design_example() -> Postmortem:
    return Postmortem.from_dict(json.loads(FIXTURE.read_text(encoding="utf-8")))


def events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def with_more_items() -> Postmortem:
    doc = design_example()
    doc.communication.follow_ups += [FollowUp(date(2026, 5, 8), "60-day review"),
                                     FollowUp(date(2026, 3, 30), "Kick-off check", done=True)]
    doc.actions += [
        Action("a2", "Make warm-up mandatory", "prevent", "Priya N.", date(2026, 3, 27),
               "https://tracker.example.com/OPS-113", "in-progress"),
        Action("a3", "Runbook rewrite", "process", "Sam K.", date(2026, 3, 25), "OPS-114", "done"),
        Action("a4", "Undated item", "process", "Sam K.", None, "OPS-115", "open"),
        Action("a5", "Dropped idea", "process", "Sam K.", date(2026, 3, 25), "OPS-116", "wont-do"),
    ]
    return doc


def test_one_all_day_event_per_pending_review_and_dated_open_action():
    doc = with_more_items()
    found = events(to_ics(doc))
    prefix = "2026-03-04-checkout-latency"
    assert set(found) == {f"{prefix}-followup-1@postmortem-tui", f"{prefix}-followup-2@postmortem-tui",
                          f"{prefix}-action-a1@postmortem-tui", f"{prefix}-action-a2@postmortem-tui"}
    starts = {uid.split("@")[0].removeprefix(prefix + "-"): e.decoded("DTSTART")
              for uid, e in found.items()}
    assert starts == {"followup-1": date(2026, 4, 8), "followup-2": date(2026, 5, 8),
                      "action-a1": date(2026, 3, 20), "action-a2": date(2026, 3, 27)}
    for event in found.values():
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and (end - start).days == 1  # all-day, not a timed event


def test_summaries_and_descriptions():
    found = events(to_ics(with_more_items()))
    review = found["2026-03-04-checkout-latency-followup-1@postmortem-tui"]
    assert str(review["SUMMARY"]) == "30-day review: Checkout latency after cache node replacement"
    action = found["2026-03-04-checkout-latency-action-a1@postmortem-tui"]
    assert str(action["SUMMARY"]).startswith("Action due: Alert when cache hit ratio < 80% for 5 min")
    assert "Checkout latency after cache node replacement" in str(action["SUMMARY"])
    description = str(action["DESCRIPTION"])
    assert "Owner: Lee W." in description and "Tracker: OPS-112" in description
    assert "URL" not in action  # a key is not a link
    linked = found["2026-03-04-checkout-latency-action-a2@postmortem-tui"]
    assert str(linked["URL"]) == "https://tracker.example.com/OPS-113"


def test_dtstamp_defaults_to_the_meeting_and_follows_generated_at():
    doc = design_example()
    stamp = next(iter(events(to_ics(doc)).values())).decoded("DTSTAMP")
    assert stamp == datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)
    chosen = datetime(2026, 4, 1, 8, 30, tzinfo=timezone.utc)
    stamp = next(iter(events(to_ics(doc, generated_at=chosen)).values())).decoded("DTSTAMP")
    assert stamp == chosen
    doc.meeting_at = None
    stamp = next(iter(events(to_ics(doc)).values())).decoded("DTSTAMP")
    assert stamp == datetime(1970, 1, 1, tzinfo=timezone.utc)


def test_export_is_deterministic_and_well_formed():
    first, second = to_ics(with_more_items()), to_ics(with_more_items())
    assert first == second
    assert first.startswith(b"BEGIN:VCALENDAR\r\n") and first.endswith(b"END:VCALENDAR\r\n")
    calendar = Calendar.from_ical(first)
    assert str(calendar["VERSION"]) == "2.0" and "postmortem" in str(calendar["PRODID"])
    assert all(len(line) <= 75 for line in first.split(b"\r\n"))  # folded as RFC 5545 asks


def test_marking_a_review_done_keeps_the_other_uids():
    doc = with_more_items()
    doc.communication.follow_ups[0].done = True
    uids = set(events(to_ics(doc)))
    assert "2026-03-04-checkout-latency-followup-2@postmortem-tui" in uids
    assert "2026-03-04-checkout-latency-followup-1@postmortem-tui" not in uids


def test_untrusted_text_round_trips_and_cannot_inject_properties():
    doc = design_example()
    doc.title = "Outage; with, commas\nEND:VCALENDAR"
    doc.actions[0].title = "Ship fix\nBEGIN:VEVENT"
    data = to_ics(doc)
    calendar = Calendar.from_ical(data)
    assert len(calendar.walk("VEVENT")) == 2
    lines = data.split(b"\r\n")
    assert lines.count(b"END:VCALENDAR") == 1 and lines.count(b"BEGIN:VEVENT") == 2
    action = events(data)["2026-03-04-checkout-latency-action-a1@postmortem-tui"]
    assert str(action["SUMMARY"]) == "Action due: Ship fix\nBEGIN:VEVENT — Outage; with, commas\nEND:VCALENDAR"


def test_empty_document_gives_an_empty_but_valid_calendar():
    data = to_ics(Postmortem(id="empty"))
    calendar = Calendar.from_ical(data)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "(untitled postmortem)"
