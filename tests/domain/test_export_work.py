"""The Markdown export of a long timeline does each piece of work once (issue 13, Markdown
export of 2,000 events): the customer version reads each text it publishes for blame once,
the action titles (which decide what is listed) aside; the internal one reads the library
without loading the writing side. Counted, never timed."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

import postmortem.blame
from postmortem.demo import demo_document
from storage.library import Library
from tui import cli


def test_the_customer_export_reads_each_public_event_for_blame_once(library_dir, monkeypatch,
                                                                     capsys):
    """Once each, and only what a customer reads: internal events, the analysis and the
    lessons never reach the customer version, so they are not read for its warnings."""
    doc = demo_document()
    doc.actions[0].title = "Alex forgot the warm-up step, human error"  # withheld: blames
    doc.timeline[1].internal = True
    Library(library_dir).create(doc).close()
    read = Counter()
    text_findings = postmortem.blame.text_findings

    def counting(text, location, people, **options):
        read[location] += 1
        return text_findings(text, location, people, **options)

    monkeypatch.setattr(postmortem.blame, "text_findings", counting)
    command = ["--library", str(library_dir), "export", doc.id, "--audience", "external"]
    assert cli.main(command) == 0
    out, err = capsys.readouterr()
    events = [f"timeline[{event.id}].text" for event in doc.timeline
              if event.text.strip() and not event.internal]
    assert events and all(read[location] == 1 for location in events)
    assert read[f"timeline[{doc.timeline[1].id}].text"] == 0
    assert read["analysis.problem"] == 0 and not any(place.startswith("lessons.") for place in read)
    # What the count is for still happens: the blaming item is withheld, and said so.
    assert "Alex forgot" not in out and doc.actions[1].title.split()[0] in out
    assert "Action a1 is left out of the customer version" in err


def test_the_internal_export_reads_the_library_without_the_writing_side(library_dir, tmp_path):
    """The library is read for the checklist's repeated failures through the light reader:
    no TinyDB, library or locks are loaded to export (the export file is written atomically)."""
    doc = demo_document()
    Library(library_dir).create(doc).close()
    other = demo_document()
    other.id = "earlier"
    Library(library_dir).create(other).close()
    target = tmp_path / "export.md"
    probe = ("import sys\nfrom tui import cli\n"
             f"code = cli.main(['--library', {str(library_dir)!r}, 'export', {doc.id!r}, "
             f"'-o', {str(target)!r}])\n"
             "print(code, ' '.join(sorted(sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=120)
    code, modules = result.stdout.split(" ", 1)
    assert code == "0", result.stderr
    assert "(earlier)" in target.read_text("utf-8")   # the library was compared
    writing = {"tinydb", "storage.library", "storage.document_file", "storage.lock"}
    assert writing & set(modules.split()) == set()


# What no Markdown export uses: the app, the writing side of the library, the review screen's
# advice (hindsight), pendulum.
NEVER_IMPORTED = {"textual", "tui.app", "tinydb", "storage.library", "pendulum",
                  "postmortem.hindsight"}
NOT_IMPORTED_BY = {
    # The internal document is not scrubbed and not scanned (detect-secrets pulls requests).
    "internal": {"postmortem.redaction", "postmortem.scanner", "postmortem.exposure",
                 "detect_secrets", "requests"},
    # The customer version has no review checklist, fishbone or library comparison.
    "external": {"postmortem.checklist", "postmortem.fishbone", "storage.summary_cache"},
}


@pytest.mark.parametrize("audience", ["internal", "external"])
def test_a_markdown_export_imports_only_what_it_prints(library_dir, tmp_path, audience):
    doc = demo_document()
    Library(library_dir).create(doc).close()
    target = tmp_path / "export.md"
    probe = ("import sys\nfrom tui import cli\n"
             f"code = cli.main(['--library', {str(library_dir)!r}, 'export', {doc.id!r}, "
             f"'--audience', {audience!r}, '-o', {str(target)!r}])\n"
             "print(code, ' '.join(sorted(sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=120)
    code, modules = result.stdout.split(" ", 1)
    assert code == "0", result.stderr
    assert target.read_text("utf-8").startswith("# ")
    loaded = set(modules.split())
    assert (NEVER_IMPORTED | NOT_IMPORTED_BY[audience]) & loaded == set()
