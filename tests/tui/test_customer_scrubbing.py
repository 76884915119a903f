"""The customer-facing export is a security boundary (issue 11, item 8): no person, handle,
e-mail address, ticket, incident reference or chat channel reaches it, however it is written
(letter case, Unicode normalisation, separators, a title before a first name, inside a URL)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from helpers import examples
from hypothesis import strategies as st

from postmortem.markdown import render_external
from postmortem.model import Action, Event, Postmortem
from helpers import shown

FIXTURES = Path(__file__).parents[1] / "fixtures"
# An e-mail address is masked as the sensitive-data scanner masks it (issue 15), brackets
# escaped in the Markdown.
SOMEONE, TICKET, CHANNEL, EMAIL = ("a team member", "an internal ticket", "an internal channel",
                                   "\\[e-mail\\]")


def plain(text: str) -> str:
    """Text as a reader compares it: compatibility forms, case and accents ignored; the
    Markdown escapes (backslashes) taken out."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\\", "")).casefold()
    return "".join(ch for ch in unicodedata.normalize("NFKD", decomposed)
                   if not unicodedata.combining(ch))


def holds_word(markdown: str, word: str) -> bool:
    """Whether ``word`` appears in ``markdown`` as a whole word, whatever its form."""
    return re.search(rf"(?<![^\W_]){re.escape(plain(word))}(?![^\W_])", plain(markdown)) is not None


def leak_doc() -> Postmortem:
    doc = Postmortem.from_dict(json.loads((FIXTURES / "design_example.json")
                                          .read_text(encoding="utf-8")))
    doc.incident_ref = "INC-4821"
    doc.scope.owner = "Priya Natarajan"
    doc.scope.facilitator = "Dr. Sam Kim"
    doc.scope.participants = ["Priya Natarajan", "Dr. Sam Kim", "Zoë Ødegaard", "李雷"]
    doc.actions[0].owner = "Tomás Reyes"
    doc.actions[0].tracker = "OPS-112"
    doc.actions.append(Action("a2", title="Retry page", owner="Aiko Mori",
                              tracker="https://jira.example.com/browse/CHK-2207"))
    doc.actions.append(Action("a3", title="Runbook", owner="Aiko Mori", tracker="58812"))
    return doc


def customer_summary(doc: Postmortem, text: str) -> str:
    doc.communication.customer_summary = text
    markdown = render_external(doc)
    return markdown.split("## Summary\n\n")[1].split("\n\n## ")[0]


# (what is planted, the words that must be gone, the neutral word that stands in its place)
LEAKS = {
    "name in capitals": ("PRIYA fixed it.", ["priya"], SOMEONE),
    "name in lower case": ("Then priya fixed it.", ["priya"], SOMEONE),
    "last name alone": ("Natarajan fixed it.", ["natarajan"], SOMEONE),
    "NFD name": (unicodedata.normalize("NFD", "Thanks to Zoë."), ["zoë"], SOMEONE),
    "NFD last name": (unicodedata.normalize("NFD", "Thanks to ØDEGAARD."), ["ødegaard"], SOMEONE),
    "first name after a title": ("Sam said so.", ["sam"], SOMEONE),
    "title and full name": ("Dr. Sam Kim said so.", ["sam", "kim"], SOMEONE),
    "action owner's last name": ("Reyes rolled back.", ["reyes"], SOMEONE),
    "name in Chinese inside a sentence": ("感谢李雷修复", ["李雷"], SOMEONE),
    "name split by a zero-width space": ("Pri\u200bya fixed it.", ["priya"], SOMEONE),
    "name split by a control character": ("Pri\x07ya fixed it.", ["priya"], SOMEONE),
    "name split by a bidi override": ("Pri\u202eya fixed it.", ["priya"], SOMEONE),
    "name in full-width letters": ("ＰＲＩＹＡ fixed it.", ["priya"], SOMEONE),
    "name with a dotted capital I": ("PRİYA fixed it.", ["priya"], SOMEONE),
    "e-mail address": ("Write to priya.n@corp.example.com today.", ["priya.n@corp.example.com",
                                                                   "corp.example.com"], EMAIL),
    "@handle": ("Paged @oncall-bot and @aiko.", ["oncall-bot", "aiko"], SOMEONE),
    "a link naming someone": ("Notes at https://wiki.example.com/people/PRIYA.",
                              ["priya", "wiki.example.com"], "an internal link"),
    "tracker key in another case": ("See ops-112.", ["ops-112"], TICKET),
    "key inside a URL tracker": ("See chk-2207.", ["chk-2207"], TICKET),
    "a URL on the tracker's host": ("See https://jira.example.com/browse/OPS-9 now.",
                                    ["jira.example.com", "ops-9"], TICKET),
    "digits-only ticket": ("Ticket 58812 is closed.", ["58812"], TICKET),
    "digits-only ticket with #": ("Ticket #58812 is closed.", ["58812"], TICKET),
    "incident ref in lower case": ("About inc-4821.", ["inc-4821"], TICKET),
    "incident ref without its dash": ("About INC4821 and inc 4821.", ["inc4821", "4821"], TICKET),
    "incident number after #": ("About #4821.", ["4821"], TICKET),
    "any ticket-shaped key": ("Also abc-123 and XYZ-9.", ["abc-123", "xyz-9"], TICKET),
    "chat channel": ("Join #inc-4821 or #support-escalations.", ["inc-4821", "support-escalations",
                                                                "4821"], CHANNEL),
}


@pytest.mark.parametrize("case", sorted(LEAKS))
def test_each_way_of_naming_someone_or_something_internal_is_replaced(case):
    planted, gone, neutral = LEAKS[case]
    summary = customer_summary(leak_doc(), planted)
    for word in gone:
        assert not holds_word(summary, word), (word, summary)
    assert neutral in summary.casefold(), summary


def test_replacements_keep_the_sentence_readable():
    summary = customer_summary(leak_doc(), "PRIYA and sam fixed it; see ops-112.\n"
                                           "Natarajan posted in #inc-4821.")
    assert summary == ("A team member and a team member fixed it; see an internal ticket.\n"
                       "A team member posted in an internal channel.")


def test_an_initials_dot_goes_with_the_name_only_inside_a_sentence():
    doc = leak_doc()
    doc.scope.participants.append("Lee W.")
    assert customer_summary(doc, "Ask Lee W. and PRIYA N. now. Thanks, Lee W. Then go.") == (
        "Ask a team member and a team member now. Thanks, a team member. Then go.")


def test_text_is_replaced_where_it_was_written_after_characters_that_fold_unevenly():
    doc = leak_doc()
    doc.scope.participants.append("Jörg Strauß")
    text = ("Grüße ﬁrst — ẞ\u200b: " + unicodedata.normalize("NFD", "Zoë") + " and STRAUSS, "
            "then Jo\u0308rg; ½ done by priya.")
    # The zero-width space goes too: exports drop zero-width characters (postmortem/hidden_text.py).
    assert customer_summary(doc, text) == ("Grüße ﬁrst — ẞ: a team member and a team "
                                           "member, then a team member; ½ done by a team member.")


def test_placeholder_trackers_and_public_links_take_no_words_with_them():
    doc = leak_doc()
    doc.actions[0].tracker = "none"
    doc.actions[1].tracker = "TBD"
    text = ("None of the orders were lost; TBD. Details: https://status.example.com/history "
            "and www.example.com")
    assert customer_summary(doc, text) == text.replace(
        "https://status.example.com/history", "<https://status.example.com/history>").replace(
        "www.", "www\\.")


def test_hostile_long_texts_are_scrubbed_in_one_pass():
    import time
    doc = leak_doc()
    nested = "https://jira.example.com/browse/" + "http://" * 5000  # deeper than recursion goes
    text = "\n".join([nested, "Lee W. and " * 5000, "a." * 20000, "@a" * 20000,
                      " " * 50000 + "PRIYA", "Priya" + "\u200b" * 50000])
    doc.scope.participants.append("Lee W.")
    started = time.process_time()   # this process's CPU: other processes' load does not count
    summary = customer_summary(doc, text)
    assert time.process_time() - started < 10  # linear: about a second here
    assert not holds_word(summary, "priya") and not holds_word(summary, "lee")
    assert "jira" not in summary


def test_names_on_separate_lines_stay_on_separate_lines():
    assert customer_summary(leak_doc(), "Thanks Priya\nSam fixed it") == (
        "Thanks a team member\nA team member fixed it")


def test_a_decomposed_name_leaves_no_stray_accent():
    summary = customer_summary(leak_doc(), unicodedata.normalize("NFD", "Zoë, thanks."))
    assert summary == "A team member, thanks."


def test_ordinary_words_and_public_identifiers_stay():
    text = ("Samples from Priyanka at Samsung: 12% of 4,821 attempts; #1 priority; "
            "CVE-2024-3094 was not involved; the kimchi stand.")
    assert customer_summary(leak_doc(), text) == text


def test_scrubbing_leaves_the_markdown_escaping_intact():
    summary = customer_summary(leak_doc(), "# Priya | <b>ops-112</b> *Sam*")
    assert summary == "\\# a team member \\| &lt;b&gt;an internal ticket&lt;/b&gt; \\*a team member\\*"


def test_every_published_field_is_scrubbed():
    doc = leak_doc()
    planted = "PRIYA with ops-112 in #inc-4821"
    doc.title = planted
    doc.communication.customer_summary = planted
    doc.timeline.append(Event("e2", doc.timeline[0].at, text=planted))
    doc.impact.users_affected = planted
    doc.impact.data_integrity_notes = planted
    doc.actions[0].title = planted
    markdown = render_external(doc)
    for word in ("priya", "ops-112", "inc-4821"):
        assert not holds_word(markdown, word), markdown
    assert markdown.count(SOMEONE) + markdown.count(SOMEONE.capitalize()) >= 6


# Property: random names and keys, in random case and normalisation, in every published field.

LETTERS = "abcdefghijklmnoprstuvwyzéëøåçñüóíá"
name_part = st.text(LETTERS, min_size=3, max_size=8).map(str.capitalize)
person = st.tuples(name_part, name_part).map(" ".join)
key = st.tuples(st.text("ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=2, max_size=5),
                st.integers(1, 99999)).map(lambda p: f"{p[0]}-{p[1]}")
FORMS = ("NFC", "NFD", "NFKC", "NFKD")


@st.composite
def written(draw, word: str) -> str:
    """``word`` as someone might type it: any letter case, any normalisation form."""
    cased = "".join(ch.upper() if draw(st.booleans()) else ch.lower() for ch in word)
    return unicodedata.normalize(draw(st.sampled_from(FORMS)), cased)


@st.composite
def incident_ref_written(draw, ref: str) -> str:
    prefix, number = ref.split("-")
    separator = draw(st.sampled_from(["-", "", " ", "_"]))
    return draw(written(prefix + separator + number))


BASELINE_WORDS = None


def baseline_words() -> str:
    """Everything the customer export writes of its own for the property document."""
    global BASELINE_WORDS
    if BASELINE_WORDS is None:
        # Our own wording, the neutral words and the glue of the planted texts included.
        BASELINE_WORDS = plain(" ".join([render_external(leak_doc()), SOMEONE, TICKET, CHANNEL,
                                         EMAIL, "an internal link", "update and"]))
    return BASELINE_WORDS


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(person, min_size=1, max_size=4, unique=True), st.lists(key, min_size=1, max_size=3),
       st.integers(100, 99999), st.data())
def test_no_planted_name_or_key_reaches_the_customer_version(people, keys, number, data):
    for name in people:
        for part in name.split():
            assume(not re.search(rf"(?<![^\W_]){re.escape(plain(part))}(?![^\W_])",
                                 baseline_words()))
    assume(str(number) not in baseline_words())
    doc = leak_doc()
    doc.scope.owner, *doc.scope.participants = people
    doc.incident_ref = f"INC-{number}"
    for index, tracker in enumerate(keys):
        url = data.draw(st.booleans())
        doc.actions.append(Action(f"k{index}", title="Planned",
                                  tracker=f"https://t.example.org/i/{tracker}" if url else tracker))

    def planted() -> str:
        pieces = []
        for name in people:
            first, last = name.split()
            pieces += [data.draw(written(name)), data.draw(written(first)),
                       data.draw(written(last)), data.draw(written(f"Dr. {first}")),
                       data.draw(written(f"@{first}{last}")),
                       data.draw(written(f"{first}.{last}@corp.example.com"))]
        pieces += [data.draw(written(k)) for k in keys]
        pieces.append(data.draw(incident_ref_written(doc.incident_ref)))
        pieces.append(data.draw(written(f"#inc-{number}")))
        order = data.draw(st.permutations(pieces))
        glue = data.draw(st.sampled_from([" ", ", ", " and ", "\n", " (", ": "]))
        return "Update " + glue.join(order) + "."

    doc.title = planted()
    doc.communication.customer_summary = planted()
    doc.timeline.append(Event("e2", doc.timeline[0].at, text=planted()))
    doc.impact.users_affected = planted()
    doc.impact.data_integrity_notes = planted()
    for action in doc.actions:
        action.title = planted()
    markdown = render_external(doc)
    for name in people:
        for word in (name, *name.split()):
            assert not holds_word(markdown, word), (word, markdown)
    for tracker in keys:
        assert not holds_word(markdown, tracker), (tracker, markdown)
    assert not re.search(rf"inc\W{{0,3}}{number}", plain(markdown)), markdown
    assert not holds_word(markdown, str(number)), markdown


# The shipped demo, the report on stderr and in the export preview.

DEMO_REPORT = "Removed from the customer version: 3 chat channels."


def test_the_demo_customer_version_names_no_channel_or_incident():
    from postmortem.demo import demo_document
    from postmortem.redaction import Removed
    removed = Removed()
    markdown = render_external(demo_document(), removed)
    assert "4821" not in markdown and not re.search(r"#[^\W\d_]", markdown.replace("\\#", ""))
    assert "opens an internal channel" in markdown
    assert removed.counts["channel"] == 3 and removed.total() == 3
    assert removed.sentence() == DEMO_REPORT


def test_the_report_counts_each_kind_and_never_says_what():
    from postmortem.redaction import Removed
    removed = Removed()
    doc = leak_doc()
    doc.communication.customer_summary = ("PRIYA, Sam Kim and @oncall-bot; ops-112, inc4821; "
                                          "#inc-4821; priya@corp.example.com")
    markdown = render_external(doc, removed)
    assert removed.counts == {"name": 2, "handle": 1, "email": 1, "ticket": 2, "channel": 1,
                              "link": 0, "phone": 0, "ip": 0, "credentials": 0, "secret": 0,
                              "card": 0}
    sentence = removed.sentence()
    assert sentence == ("Removed from the customer version: 2 names, 1 @handle, "
                        "1 e-mail address, 2 ticket references, 1 chat channel.")
    for value in ("priya", "sam", "oncall", "112", "4821", "corp"):
        assert value not in sentence.casefold() and not holds_word(markdown, value)


def test_nothing_removed_is_said_too():
    from postmortem.redaction import Removed
    removed = Removed()
    render_external(Postmortem.from_dict(json.loads((FIXTURES / "design_example.json")
                                                    .read_text(encoding="utf-8"))), removed)
    assert removed.total() == 0
    assert removed.sentence() == "Nothing needed removing from the customer version."


def cli(*args: str, library: Path):
    import os
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k != "POSTMORTEM_LIBRARY"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args, "--library", str(library)],
                          capture_output=True, text=True, env=env, timeout=60)


def test_cli_customer_export_reports_what_it_removed_on_stderr(library_dir, tmp_path):
    from postmortem.demo import demo_document
    from storage.library import Library
    Library(library_dir).create(demo_document()).close()
    doc_id = demo_document().id
    to_stdout = cli("export", doc_id, "--audience", "external", library=library_dir)
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stderr == DEMO_REPORT + "\n"
    assert "#inc-4821" not in to_stdout.stdout and "an internal channel" in to_stdout.stdout
    target = tmp_path / "customer.md"
    to_file = cli("export", doc_id, "--audience", "external", "-o", str(target),
                  library=library_dir)
    assert to_file.returncode == 0, to_file.stderr
    assert DEMO_REPORT in to_file.stderr.splitlines()
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
    internal = cli("export", doc_id, library=library_dir)
    assert internal.returncode == 0 and internal.stderr == ""  # nothing scrubbed, nothing said
    assert "#inc-4821" in internal.stdout


async def test_export_preview_shows_the_report_for_the_customer_version(library_dir, make_app):

    from postmortem.demo import demo_document
    from storage.library import Library
    from tui.screens.export import ExportScreen
    doc = demo_document()
    Library(library_dir).create(doc).close()
    app = make_app(doc.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        report = screen.query_one("#export-removed")
        assert not report.display  # the internal document removes nothing
        await pilot.press("t")
        await pilot.pause()
        assert report.display and shown(report) == DEMO_REPORT  # what the screen shows
        assert "#inc-4821" not in screen.shown_markdown().source
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert not report.display
    written = (library_dir / f"{doc.id}.customer.md").read_text(encoding="utf-8")
    assert "#inc-4821" not in written and "opens an internal channel" in written
