"""The repeated-failure matching kept linear for ``check --all`` (issue 17 §7): each distinct
cause searched once, and why no index of words may narrow the texts compared. That the index
answers what comparing every postmortem answers: tests/domain/test_recurrence_index.py."""

from __future__ import annotations

from postmortem.recurrence import ROOT_CAUSE, SIMILAR, RecurrenceSummary, similarity, sorted_words
from postmortem.recurrence_index import RecurrenceIndex


def test_texts_with_no_word_in_common_can_be_the_same_failure():
    """Why the texts compared are not narrowed to those sharing a word with the cause."""
    for mine, theirs in (("database failover", "databases failovers"), ("ab", "axb")):
        assert not set(mine.split()) & set(theirs.split())
        assert similarity(mine, theirs) >= SIMILAR
    index = RecurrenceIndex([RecurrenceSummary("other", "Other", (), ("Databases failovers",))])
    [match], total = index.matches("checked", [("w1", ROOT_CAUSE, "Database failover")], ())
    assert total == 1 and match.causes[0].their_text == "Databases failovers"


def test_each_distinct_cause_is_searched_once(monkeypatch):
    from rapidfuzz import process
    calls = []
    real = process.extract
    monkeypatch.setattr(process, "extract", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    library = [RecurrenceSummary(f"pm-{n}", "t", ("dns",), ("Cache warm-up was skipped",))
               for n in range(50)]
    index = RecurrenceIndex(library)
    cause = [("w1", ROOT_CAUSE, "cache warm-up, was skipped")]
    for summary in library:
        matches, total = index.matches(summary.id, cause, ["dns"], limit=5)
        assert total == 49 and [m.other.id for m in matches] == \
            sorted(s.id for s in library if s.id != summary.id)[:5]
    assert calls == [sorted_words("cache warm up was skipped")]
    assert index.compares_with("pm-1") and not RecurrenceIndex(library[:1]).compares_with("pm-0")
