"""The repeated-failure index (issue 17 §5, §7) answers exactly what comparing every cause and
tag of the checked postmortem with every other postmortem answers: the same postmortems, in
the same order, with the same reasons, in English and Chinese texts. Also the same once the
index has been through the cache (its JSON state) and with the checked file left out of a
whole library's index. The reference below is the rules of ``postmortem/recurrence.py`` written
as plainly as possible, one postmortem at a time; it shares only the scorer with the index."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st
from rapidfuzz import fuzz

from postmortem.i18n import language
from postmortem.recurrence import (CONTRIBUTING, RARE_ENOUGH, ROOT_CAUSE, SIMILAR, CausePair,
                                   Match, RecurrenceSummary, SharedTag, normalise, reasons,
                                   similarity, sorted_words)
from postmortem.recurrence_index import RecurrenceIndex

WORDS = ("cache", "caches", "warm-up", "warmup", "pool", "DNS", "dns", "failover", "skipped",
         "the", "was", "x", "ab", "axb",
         # Chinese is written without spaces: a run of these is one word to the scorer;
         # full-width letters and punctuation are folded (NFKC) before comparing.
         "缓存", "预热", "被跳过", "缓存预热被跳过", "数据库", "故障转移", "连接池耗尽", "ＤＮＳ", "，")
TAGS = ("database", "Database", "dns", "cache", "deploy", "auth", "数据库", "缓存", "ＤＮＳ")


def _texts_in_order(summary: RecurrenceSummary) -> list[tuple[str, str]]:
    return [(ROOT_CAUSE, t) for t in summary.root_causes] + \
        [(CONTRIBUTING, t) for t in summary.contributing]


def reference(library: list[RecurrenceSummary], doc_id: str, causes, tags,
              limit: int | None) -> tuple[list[Match], int]:
    """Each other postmortem compared with the checked one by every rule, by itself."""
    # Equally alike texts (the same similarity, the same set ratio) are paired in the order the
    # library first holds them, the postmortems in id order.
    place: dict[str, tuple[int, int]] = {}
    for number, summary in enumerate(sorted(library, key=lambda s: s.id)):
        for position, (_, text) in enumerate(_texts_in_order(summary)):
            if normalise(text):
                place.setdefault(normalise(text), (number, position))
    others = [s for s in library if s.id != doc_id]
    size = len(others) + 1
    weights: dict[str, SharedTag] = {}
    for tag in tags:
        key = normalise(tag)
        carrying = [o for o in others if key in {normalise(x) for x in o.tags}]
        if key and key not in weights and size >= 3 and carrying:
            weights[key] = SharedTag(tag.strip(), len(carrying) + 1, size,
                                     round(1 - len(carrying) / (size - 1), 2))
    found = []
    for position, other in enumerate(others):
        theirs: dict[str, tuple[str, str]] = {}
        for kind, text in _texts_in_order(other):
            if normalise(text):
                theirs.setdefault(normalise(text), (kind, text))
        pairs = []
        for order, (location, kind, text) in enumerate(causes):
            key = normalise(text)
            alike = sorted((-round(similarity(key, k), 1), -fuzz.token_set_ratio(key, k),
                            place[k], k)
                           for k in theirs if key and similarity(key, k) >= SIMILAR)
            if alike:
                score, _, _, k = alike[0]
                pairs.append((score, order, CausePair(location, kind, text, *theirs[k], -score)))
        carried = [key for key in weights if key in {normalise(x) for x in other.tags}]
        weight = weak = 0
        for key in carried:
            weight += weights[key].weight
        for key in carried:
            if 0 < weights[key].weight < RARE_ENOUGH:
                weak += weights[key].weight
        by_tags = any(weights[k].weight >= RARE_ENOUGH for k in carried) or weak >= RARE_ENOUGH
        if pairs or by_tags:
            level = max((p[2].similarity for p in pairs), default=None)
            order_key = (0 if pairs else 1, -(level or 0), -weight, other.id, position)
            match = Match(other, tuple(p[2] for p in sorted(pairs, key=lambda p: p[:2])),
                          tuple(weights[k] for k in carried))
            found.append((order_key, match))
    found.sort(key=lambda item: item[0])
    return [match for _, match in found][:limit], len(found)


# Few words, often the same ones reordered: texts of one postmortem equally alike to a cause.
REORDERED = st.lists(st.sampled_from(("cache", "warm", "up", "skipped")), min_size=2, max_size=3)
texts = st.one_of(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
                  REORDERED).map(" ".join)
summaries = st.lists(st.tuples(st.lists(st.sampled_from(TAGS), max_size=3),
                               st.lists(texts, max_size=2), st.lists(texts, max_size=2),
                               st.integers(0, 20)),
                     min_size=1, max_size=12)
checked_causes = st.lists(st.tuples(st.sampled_from((ROOT_CAUSE, CONTRIBUTING)), texts),
                          max_size=3)


def build(library) -> list[RecurrenceSummary]:
    """Summaries not in id order, and some ids given twice (two files of one postmortem)."""
    return [RecurrenceSummary(f"pm-{number:02d}", f"事故 {n}", tuple(tags), tuple(roots),
                              tuple(contributing))
            for n, (tags, roots, contributing, number) in enumerate(library)]


def answer(index: RecurrenceIndex, doc_id: str, causes, tags, limit):
    matches, total = index.matches(doc_id, causes, tags, limit)
    with language("zh-CN"):
        shown_zh = [reasons(m) for m in matches]
    return matches, total, [reasons(m) for m in matches], shown_zh


def expected_answer(library, doc_id, causes, tags, limit):
    matches, total = reference(library, doc_id, causes, tags, limit)
    with language("zh-CN"):
        shown_zh = [reasons(m) for m in matches]
    return matches, total, [reasons(m) for m in matches], shown_zh


@given(summaries, checked_causes, st.lists(st.sampled_from(TAGS), max_size=3),
       st.sampled_from((None, 1, 3)), st.booleans())
def test_the_index_matches_what_comparing_every_postmortem_matches(library, causes, tags, limit,
                                                                   member):
    built = build(library)
    doc_id = built[0].id if member else "checked"
    mine = [(f"c{n}", kind, text) for n, (kind, text) in enumerate(causes)]
    index = RecurrenceIndex(built)
    expected = expected_answer(built, doc_id, mine, tags, limit)
    assert answer(index, doc_id, mine, tags, limit) == expected
    assert answer(index, doc_id, mine, tags, limit) == expected   # the remembered search too
    # As the cache writes it: keys sorted.
    cached = RecurrenceIndex.from_state(json.loads(json.dumps(index.state(), sort_keys=True)))
    assert answer(cached, doc_id, mine, tags, limit) == expected


@given(summaries, checked_causes, st.lists(st.sampled_from(TAGS), max_size=3), st.data())
def test_leaving_a_file_out_of_the_whole_index_is_the_library_without_it(library, causes, tags,
                                                                         data):
    """``check FILE`` reads the whole library's index from the cache and leaves FILE out,
    whatever the index holds of FILE."""
    built = sorted(build(library), key=lambda s: s.id)   # the cache's order: numbers are places
    skipped = data.draw(st.integers(0, len(built) - 1))
    doc_id = built[skipped].id
    mine = [(f"c{n}", kind, text) for n, (kind, text) in enumerate(causes)]
    # What the kept index holds of the checked file may be older than the file: the same id,
    # other causes and tags.
    roots, contributing, tags_then = data.draw(st.tuples(
        st.lists(texts, max_size=2), st.lists(texts, max_size=2),
        st.lists(st.sampled_from(TAGS), max_size=3)))
    then = built[skipped]._replace(root_causes=tuple(roots), contributing=tuple(contributing),
                                   tags=tuple(tags_then))
    whole = RecurrenceIndex(built[:skipped] + [then] + built[skipped + 1:]
                            if data.draw(st.booleans()) else built)
    whole.leave_out(skipped)
    without = built[:skipped] + built[skipped + 1:]
    expected = expected_answer(without, doc_id, mine, tags, None)
    assert answer(whole, doc_id, mine, tags, None) == expected
    assert list(whole) == without and len(whole) == len(without)
    assert whole.compares_with(doc_id) == any(s.id != doc_id for s in without)


@given(st.text(), st.text())
def test_the_token_sort_ratio_is_the_ratio_of_the_sorted_words(a, b):
    """What lets the index find the texts that could be alike in one call over texts sorted
    once: for normalised texts the two are the same number, to the last bit."""
    a, b = normalise(a), normalise(b)
    assert fuzz.ratio(sorted_words(a), sorted_words(b)) == fuzz.token_sort_ratio(a, b)


@given(st.lists(st.sampled_from(WORDS + ("𝔸", "é", "e\u0301", "Ⅻ", "ß", "ǅ")), max_size=6),
       st.lists(st.sampled_from(WORDS + ("𝔸", "é", "e\u0301", "Ⅻ", "ß", "ǅ")), max_size=6))
def test_the_same_for_the_words_of_causes(a, b):
    a, b = normalise(" ".join(a)), normalise(" ".join(b))
    assert fuzz.ratio(sorted_words(a), sorted_words(b)) == fuzz.token_sort_ratio(a, b)


def test_equally_alike_texts_are_paired_in_the_order_first_met_among_those_compared():
    """A tie the reason shows: their two texts are as alike to the cause (the same words
    reordered); the first met is named, whatever a postmortem left out holds."""
    other = RecurrenceSummary("p", "P", (), ("Warm-up cache skipped", "Cache warm-up skipped"))
    left_out = RecurrenceSummary("a-checked", "Checked, as kept", (), ("Cache warm-up skipped",))
    filler = [RecurrenceSummary(f"z{n}", "Z", (), (f"Disk {n} full",)) for n in range(2)]
    cause = [("w1", ROOT_CAUSE, "Cache warm-up was skipped")]
    whole = RecurrenceIndex([left_out, other, *filler])
    whole.leave_out(0)
    [match], _ = whole.matches("checked", cause, ())
    assert match.causes[0].their_text == "Warm-up cache skipped"
    assert [match] == reference([other, *filler], "checked", cause, (), None)[0]


def test_a_chinese_cause_reworded_matches_with_its_reason_in_chinese():
    library = [RecurrenceSummary("earlier", "上次的缓存事故", ("缓存",), ("缓存预热被跳过",)),
               RecurrenceSummary("other", "无关", (), ("证书过期",)),
               RecurrenceSummary("third", "无关", (), ("磁盘满了",))]
    cause = [("w1", ROOT_CAUSE, "缓存预热，被跳过")]
    [match], total = RecurrenceIndex(library).matches("checked", cause, ["缓存"])
    assert total == 1 and match == reference(library, "checked", cause, ["缓存"], None)[0][0]
    with language("zh-CN"):
        shown = reasons(match)
    assert "缓存预热被跳过" in shown[0] and "缓存" in shown[-1]


@pytest.mark.parametrize("state", [
    None, [], {"version": 0}, {"version": 1, "postmortems": "x", "texts": [], "tags": []},
    {"version": 1, "postmortems": [["not an id!", "t", [], [], []]], "texts": [], "tags": []},
    {"version": 1, "postmortems": [["b", "t", [], [], []], ["a", "t", [], [], []]],
     "texts": [], "tags": []},
    {"version": 1, "postmortems": [["a", "t", [], ["x"], []]], "texts": {"x": "1"}, "tags": []},
    {"version": 1, "postmortems": [["a", "t", [], ["x"], []]], "texts": [["x", "2"]], "tags": []},
    {"version": 1, "postmortems": [["a", "t", [], ["x"], []]], "texts": [["x", "zz"]], "tags": []},
    {"version": 1, "postmortems": [["a", "t", [], ["x"], []]], "texts": [["x", "1"], ["x", "1"]],
     "tags": []},
    {"version": 1, "postmortems": [["a", "t", [1], [], []]], "texts": [], "tags": []},
])
def test_a_state_that_is_not_an_index_is_refused(state):
    with pytest.raises(ValueError):
        RecurrenceIndex.from_state(state)
