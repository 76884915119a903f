"""Recurrence that means something (issue 17 §5): causes compared by text similarity, tags by
rarity, and the reason for every match said."""

from __future__ import annotations

from postmortem.checklist import MAX_REPEATS, evaluate
from postmortem.model import Analysis, Cause, FishboneCategory, Postmortem, WhyNode
from postmortem.recurrence import RecurrenceSummary, normalise, recurrence_summary, similarity
from postmortem.recurrence_index import RecurrenceIndex


def doc(doc_id: str, root: str = "", contributing: str = "", tags=()) -> Postmortem:
    whys = [WhyNode("w1", None, root, role="root-cause")] if root else []
    bones = [FishboneCategory("Process", [Cause("c1", contributing, "contributing")])] \
        if contributing else []
    return Postmortem(id=doc_id, title=doc_id.title(), tags=list(tags),
                      analysis=Analysis(whys=whys, fishbone=bones))


def repeats(checked: Postmortem, others: list[Postmortem]):
    review = evaluate(checked, library=[recurrence_summary(o) for o in others])
    return [d for d in review.deviations if d.kind == "repeated"]


def filler(count: int, tags=()) -> list[Postmortem]:
    return [doc(f"filler-{n}", root=f"Certificate {n} expired on host {n}", tags=tags)
            for n in range(count)]


def test_a_tag_on_most_postmortems_alone_no_longer_matches():
    checked = doc("checked", root="Queue consumer crashed on a poison message", tags=["database"])
    others = filler(7, tags=["database"]) + [doc("other", root="TLS expiry", tags=["Database"])]
    assert repeats(checked, others) == []


def test_a_rare_tag_alone_matches_and_says_how_rare():
    checked = doc("checked", root="Queue consumer crashed", tags=["database", "dns"])
    others = filler(7, tags=["database"]) + [doc("resolver", root="TLS expiry", tags=["DNS"])]
    [match] = repeats(checked, others)
    assert match.other_id == "resolver" and match.location == "tags"
    assert "the tag “dns”, on 2 of 9 postmortems" in match.text
    assert "database" not in match.text   # a shared tag on most of the library is no reason


def test_two_postmortems_alone_share_nothing_rare():
    assert repeats(doc("a", tags=["dns"]), [doc("b", tags=["dns"])]) == []


def test_a_reworded_root_cause_matches_with_its_similarity():
    checked = doc("checked", root="Warm-up is a manual runbook step, not part of the automated replacement")
    earlier = doc("earlier", root="The warm-up step is manual in the runbook and not automated for replaced nodes")
    [match] = repeats(checked, [earlier, *filler(3)])
    assert match.other_id == "earlier" and (match.stage, match.location) == (3, "w1")
    assert "root cause “Warm-up is a manual runbook step" in match.text
    assert "is like their root cause “The warm-up step is manual" in match.text
    assert "% similar)" in match.text


def test_a_contributing_factor_matches_a_root_cause_elsewhere():
    checked = doc("checked", contributing="Connection pool waits 30 s before failing")
    earlier = doc("earlier", root="connection pool waits 30s before failing!")
    [match] = repeats(checked, [earlier])
    assert (match.stage, match.location) == (3, "c1")
    assert ("contributing factor “Connection pool waits 30 s before failing” is like their root "
            "cause “connection pool waits 30s before failing!” (98% similar)") in match.text
    same = doc("same", contributing="connection pool WAITS 30 s before failing.")
    [match] = repeats(checked, [same])
    assert "the same contributing factor “Connection pool waits 30 s before failing”" in match.text


def test_unrelated_causes_and_a_single_common_word_do_not_match():
    checked = doc("checked", root="Cache")
    others = [doc("a", root="Cache warm-up was skipped for the replaced node in the cluster"),
              doc("b", root="DNS resolver returned stale records for the payment host")]
    assert repeats(checked, others) == []
    assert similarity(normalise("cache"),
                      normalise("Cache warm-up was skipped for the replaced node")) < 75


def test_the_strongest_are_named_and_the_rest_counted():
    checked = doc("checked", root="Disk filled up on the build host")
    others = [doc(f"same-{n}", root="Disk filled up on the build host") for n in range(MAX_REPEATS + 3)]
    found = repeats(checked, others)
    assert len(found) == MAX_REPEATS + 1
    assert found[-1].other_id is None and found[-1].text.startswith("3 more postmortems repeat")


def test_an_index_built_once_answers_as_the_list_does():
    others = [doc("earlier", root="Disk filled up on the build host", tags=["dns"]), *filler(4)]
    summaries = [recurrence_summary(o) for o in others]
    index = RecurrenceIndex(summaries)
    checked = doc("checked", root="The build host disk filled up", tags=["dns"])
    assert evaluate(checked, library=index).deviations == evaluate(checked, library=summaries).deviations
    assert [d.other_id for d in evaluate(checked, library=index).deviations] == ["earlier"]


def test_the_summary_carries_contributing_factors():
    summary = recurrence_summary(doc("x", root="A root", contributing="A factor"))
    assert summary == RecurrenceSummary("x", "X", (), ("A root",), ("A factor",))
