"""The repeated-failure matching kept linear for ``check --all`` (issue 17 §7): the index's
bit masks, its ordering of the matches and its once-per-cause search give exactly what the
plain matching gives (a reference kept here: the sets of the earlier implementation), and
why no index of words may narrow the texts compared."""

from __future__ import annotations

from hypothesis import given, strategies as st

from postmortem.recurrence import (CONTRIBUTING, RARE_ENOUGH, ROOT_CAUSE, SIMILAR, Match,
                                   RecurrenceIndex, RecurrenceSummary, normalise, similarity)

WORDS = ("cache", "caches", "warm-up", "warmup", "pool", "DNS", "dns", "failover", "skipped",
         "the", "was", "x", "ab", "axb")
TAGS = ("database", "Database", "dns", "cache", "deploy", "auth")


def reference(library: list[RecurrenceSummary], doc_id: str, causes, tags,
              limit: int | None) -> tuple[list[Match], int]:
    """Every text compared with every text, the matches gathered and sorted as sets."""
    index = RecurrenceIndex(library)   # its texts, carriers and _match only
    own = index.numbers.get(doc_id, set())
    from rapidfuzz import fuzz
    hits = []
    for location, kind, text in causes:
        key = normalise(text)
        # Equally alike texts in the order the search gives them: most alike words first.
        for _, _, choice in sorted((-fuzz.token_set_ratio(key, choice), n, choice)
                                   for n, choice in enumerate(index.texts) if key):
            score = similarity(key, choice)
            if score >= SIMILAR:
                hits.append((round(score, 1), choice, location, kind, text))
    hits.sort(key=lambda hit: -hit[0])
    size, weights = len(library) - len(own) + 1, {}
    for tag in tags:
        key = normalise(tag)
        others = len(index.carriers.get(key, set()) - own)
        if key and key not in weights and size >= 3 and others:
            weights[key] = (tag.strip(), others + 1, size, round(1 - others / (size - 1), 2))

    def weight(n):
        return sum(w[3] for key, w in weights.items() if n in index.carriers[key])

    by_tags = set()
    for key, w in weights.items():
        if w[3] >= RARE_ENOUGH:
            by_tags |= index.carriers[key]
    weak = {key: w[3] for key, w in weights.items() if 0 < w[3] < RARE_ENOUGH}
    if sum(weak.values()) >= RARE_ENOUGH:
        sums: dict[int, float] = {}
        for key, w in weak.items():
            for n in index.carriers[key]:
                sums[n] = sums.get(n, 0.0) + w
        by_tags |= {n for n, total in sums.items() if total >= RARE_ENOUGH}
    by_cause = {n for hit in hits for n in index.texts[hit[1]]}
    order = lambda n: (-weight(n), library[n].id)  # noqa: E731
    chosen, seen = [], set(own)
    for level in sorted({hit[0] for hit in hits}, reverse=True):
        group = {n for hit in hits if hit[0] == level for n in index.texts[hit[1]]} - seen
        seen |= group
        chosen += sorted(group, key=order)
    chosen += sorted(by_tags - seen, key=order)
    from postmortem.recurrence import _Hit
    named_hits = [_Hit(*hit) for hit in hits]
    named = [index._match(n, named_hits, weights) for n in chosen[:limit]]
    return named, len((by_cause | by_tags) - own)


texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
summaries = st.lists(st.tuples(st.lists(st.sampled_from(TAGS), max_size=3),
                               st.lists(texts, max_size=2), st.lists(texts, max_size=2)),
                     min_size=1, max_size=12)


@given(summaries, st.lists(st.tuples(st.sampled_from((ROOT_CAUSE, CONTRIBUTING)), texts),
                           max_size=3),
       st.lists(st.sampled_from(TAGS), max_size=3), st.sampled_from((None, 1, 3)),
       st.booleans())
def test_the_index_matches_what_comparing_everything_matches(library, causes, tags, limit,
                                                             member):
    built = [RecurrenceSummary(f"pm-{n:02d}", f"Incident {n}", tuple(t), tuple(r), tuple(c))
             for n, (t, r, c) in reversed(list(enumerate(library)))]   # not in id order
    doc_id = built[0].id if member else "checked"
    mine = [(f"c{n}", kind, text) for n, (kind, text) in enumerate(causes)]
    index = RecurrenceIndex(built)
    expected = reference(built, doc_id, mine, tags, limit)
    assert index.matches(doc_id, mine, tags, limit) == expected
    assert index.matches(doc_id, mine, tags, limit) == expected   # the remembered search too


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
    assert calls == ["cache warm up was skipped"]
    assert index.compares_with("pm-1") and not RecurrenceIndex(library[:1]).compares_with("pm-0")
