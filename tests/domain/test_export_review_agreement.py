"""The internal export's checklist is the final review's (issue 12, item 10): one evaluation,
the same day and the same library as F5 and ``postmortem check``; the export says the day it
was checked and shows an overdue review as overdue."""

from __future__ import annotations

from datetime import date

from postmortem.checklist import evaluate
from postmortem.demo import demo_document
from postmortem.markdown import render_internal, render_markdown
from storage.library import Library
from tui import cli

LATE = date(2026, 12, 2)  # the demo's 30- and 60-day reviews (April, May) are long past


def section(markdown: str, heading: str) -> str:
    body = markdown.split(f"\n{heading}\n\n", 1)[1]
    return body.split("\n#", 1)[0].strip()


def test_the_export_says_the_day_it_was_checked():
    checklist = section(render_internal(demo_document(), today=LATE), "## Review checklist")
    assert checklist.startswith("Checked on 2026-12-02.\n\n- [")


def test_overdue_reviews_fail_the_exported_line_as_they_fail_the_review():
    doc = demo_document()
    review = evaluate(doc, today=LATE)
    assert not review.line("follow_up").ok
    markdown = render_internal(doc, today=LATE)
    checklist = section(markdown, "## Review checklist")
    assert "- [ ] Follow-up review scheduled" in checklist
    assert "- [x] Follow-up review scheduled" not in markdown
    for reason in review.line("follow_up").reasons:
        assert f"  - {reason.text}" in checklist
    follow_ups = section(markdown, "### Follow-up reviews")
    assert follow_ups == ("- [ ] 2026-04-08 — 30-day review — overdue\n"
                          "- [ ] 2026-05-08 — 60-day review — overdue")


def test_a_review_held_or_ahead_is_not_overdue():
    doc = demo_document()
    doc.communication.follow_ups[0].done = True
    follow_ups = section(render_internal(doc, today=date(2026, 4, 20)), "### Follow-up reviews")
    assert follow_ups == "- [x] 2026-04-08 — 30-day review\n- [ ] 2026-05-08 — 60-day review"


def test_every_checklist_line_matches_the_review_of_the_same_day():
    doc = demo_document()
    doc.impact.users_affected = "some shoppers"
    for today in (date(2026, 3, 10), LATE):
        review = evaluate(doc, today=today)
        markdown = render_markdown(doc, "internal", today=today)
        for line in review.lines:
            assert ("- [x] " if line.ok else "- [ ] ") + line.label in markdown


def test_without_a_day_the_export_checks_against_today():
    """An export that is not told the day still checks overdue reviews: today's."""
    markdown = render_markdown(demo_document(), "internal")
    assert f"Checked on {date.today().isoformat()}." in markdown
    if date.today() > date(2026, 4, 8):
        assert "- [ ] Follow-up review scheduled" in markdown


def test_repeated_failures_of_the_library_reach_the_export_as_they_reach_check(library_dir, capsys):
    doc = demo_document()
    other = demo_document()
    other.id, other.title = "earlier-cache-outage", "Earlier cache outage"
    library = Library(library_dir)
    library.create(doc).close()
    library.create(other).close()
    assert cli.main(["--library", str(library_dir), "check", doc.id]) in (0, 1)
    checked = capsys.readouterr().out
    assert "Repeats a failure recorded in “Earlier cache outage”" in checked
    assert cli.main(["--library", str(library_dir), "export", doc.id]) == 0
    exported = capsys.readouterr().out
    assert "### Deviations" in exported
    assert "Repeats a failure recorded in “Earlier cache outage”" in exported


def test_check_and_export_use_the_same_day(library_dir, capsys, monkeypatch):
    monkeypatch.setattr(cli, "today", lambda: LATE)
    Library(library_dir).create(demo_document()).close()
    assert cli.main(["--library", str(library_dir), "check", "demo-checkout-latency"]) == 1
    assert "✗ Follow-up review scheduled" in capsys.readouterr().out
    assert cli.main(["--library", str(library_dir), "export", "demo-checkout-latency"]) == 0
    exported = capsys.readouterr().out
    assert "Checked on 2026-12-02." in exported
    assert "- [ ] Follow-up review scheduled" in exported
