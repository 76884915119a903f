"""The library as the repeated-failure check sees it (DESIGN "Deviations").

Of every other postmortem the check compares the id, the title it names, the tags and the
texts of its root causes and contributing factors: ``RecurrenceSummary`` holds those, and
``RecurrenceIndex`` matches a postmortem against them (rules below, issue 17 §5). ``read_recurrence_summary`` picks them out
of a file's parsed JSON without validating the rest of the document, so comparing with a
library of a thousand postmortems costs little more than parsing it (validating each document
in full was most of what ``postmortem check`` spent). The fields it reads are checked by the
rules of the document, and so are the fields a library row shows (``summary.read_summary``):
a file the library lists with its problem is the file the check names as not compared.

rapidfuzz is imported only when causes are compared (not by an export without a library).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from postmortem import vocab
from postmortem.fields import Reader, ValidationError
from postmortem.i18n import t
from postmortem.ids import is_valid_id
from postmortem.summary import read_summary

if TYPE_CHECKING:
    from postmortem.model import Postmortem

ROOT_CAUSE = "root-cause"
CONTRIBUTING = "contributing"


class RecurrenceSummary(NamedTuple):
    """What the repeated-failure check compares of one postmortem."""

    id: str
    title: str
    tags: tuple[str, ...]
    root_causes: tuple[str, ...]   # texts of the why nodes, then the fishbone causes, so marked
    contributing: tuple[str, ...] = ()   # the same, of the contributing factors


def recurrence_summary(doc: Postmortem) -> RecurrenceSummary:
    """The summary of a document already read (an open one, or one built by a test)."""
    marked = [*doc.analysis.whys, *(cause for _, cause in doc.analysis.causes())]
    return RecurrenceSummary(doc.id, doc.title, tuple(doc.tags),
                             tuple(item.text for item in marked if item.role == ROOT_CAUSE),
                             tuple(item.text for item in marked if item.role == CONTRIBUTING))


def read_recurrence_summary(data: Any) -> RecurrenceSummary:
    """The summary of a document given as parsed JSON; a ``ValidationError`` naming the field
    path when a field it reads (or a field a library row shows) is wrong. The rest of the
    document is not looked at: ``Postmortem.from_dict`` checks it when the file is opened."""
    summary = read_summary(data)
    r = Reader(data)
    doc_id = read_id(r)
    return RecurrenceSummary(doc_id, summary.title, summary.tags, *read_marked_causes(r))


def read_id(r: Reader) -> str:
    """The document's id, refused (naming the field) unless it is a valid id."""
    doc_id = r.raw("id", required=True)
    if not is_valid_id(doc_id):
        raise ValidationError("id", doc_id, t("validation.bad_id"))
    return doc_id


def read_marked_causes(r: Reader) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The texts of the why-nodes and fishbone causes marked root cause, then of those marked
    contributing factor, read without the rest of the analysis."""
    analysis = r.child("analysis")
    marked = analysis.objects("whys")
    marked += [cause for bone in analysis.objects("fishbone") for cause in bone.objects("causes")]
    roles = [(item.choice("role", vocab.ROLES, nullable=True), item) for item in marked]
    return (tuple(item.text("text") for role, item in roles if role == ROOT_CAUSE),
            tuple(item.text("text") for role, item in roles if role == CONTRIBUTING))


# Matching (issue 17 §5) ----------------------------------------------------------------------
#
# Rules decided here:
#
# - Causes: each root cause and contributing factor of the postmortem is compared with every
#   root cause and contributing factor of the others, as normalised text (case, width and
#   punctuation ignored: ``normalise``), by rapidfuzz: the mean of its token-sort ratio (the
#   same words, in any order) and its token-set ratio (one wording inside the other). From
#   SIMILAR (0–100) up, the two are the same failure. The mean keeps a one-word cause
#   ("cache") from matching every longer text that contains the word.
# - Tags, weighted by rarity: a tag shared with another postmortem weighs the share of the
#   *other* postmortems of the library that do not carry it, 1 − (carriers − 1) ÷ (size − 1).
#   A tag on most of the library weighs little; shared tags alone make a match from
#   RARE_ENOUGH up. In a library of two, nothing is rare.
# - A match says why: each pair of similar causes (with the similarity), each shared tag (on
#   how many postmortems of how many). The most alike causes come first, then the heaviest
#   shared tags; the checklist names a few and counts the rest.

SIMILAR = 75.0
RARE_ENOUGH = 0.6

# What separates the words compared: anything but a letter or a digit (``\W`` is what
# ``str.isalnum`` refuses, and the underscore).
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text compared for repeats: width-folded, case-folded, punctuation and spacing ignored."""
    import unicodedata  # a C extension: loaded only where a library is compared (not by an export)
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_ALNUM.sub(" ", folded).strip()


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0–100 (see the rules above)."""
    from rapidfuzz import fuzz
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


class CausePair(NamedTuple):
    """A cause of this postmortem like a cause of the other."""

    location: str          # the item id of this postmortem's cause
    kind: str              # ROOT_CAUSE or CONTRIBUTING (this postmortem's)
    text: str
    their_kind: str
    their_text: str
    similarity: float


class SharedTag(NamedTuple):
    tag: str
    carriers: int          # postmortems of the library carrying it, this one included
    size: int              # postmortems of the library, this one included
    weight: float


class Match(NamedTuple):
    """Another postmortem this one repeats, and why."""

    other: RecurrenceSummary
    causes: tuple[CausePair, ...]
    tags: tuple[SharedTag, ...]


class _Hit(NamedTuple):
    similarity: float
    text: str              # the normalised text of the others' cause
    location: str
    kind: str
    mine: str


class RecurrenceIndex:
    """The other postmortems of a library, prepared once for matching many postmortems against
    them (``check --all``): their causes by normalised text, their tags by carrier.

    Matching costs what finding the alike texts costs (in C), plus set operations over the
    postmortems that carry them; only the matches named are built in full, so a library where
    many postmortems repeat one another stays cheap to check."""

    def __init__(self, library: Iterable[RecurrenceSummary]) -> None:
        self.summaries = list(library)
        self.numbers: dict[str, set[int]] = {}
        for number, summary in enumerate(self.summaries):
            self.numbers.setdefault(summary.id, set()).add(number)
        self.texts: dict[str, dict[int, tuple[str, str]]] = {}   # text → summary → (kind, as typed)
        self.carriers: dict[str, set[int]] = {}                   # tag → summaries carrying it
        for number, summary in enumerate(self.summaries):
            for kind, texts in ((ROOT_CAUSE, summary.root_causes),
                                (CONTRIBUTING, summary.contributing)):
                for text in texts:
                    key = normalise(text)
                    if key:
                        self.texts.setdefault(key, {}).setdefault(number, (kind, text))
            for tag in summary.tags:
                key = normalise(tag)
                if key:
                    self.carriers.setdefault(key, set()).add(number)
        self.choices = list(self.texts)

    def __iter__(self):
        return iter(self.summaries)

    def __len__(self) -> int:
        return len(self.summaries)

    def matches(self, doc_id: str, causes: Iterable[tuple[str, str, str]], tags: Iterable[str],
                limit: int | None = None) -> tuple[list[Match], int]:
        """The postmortems (other than ``doc_id``) that ``causes`` — (item id, kind, text) —
        and ``tags`` repeat, and how many there are. Those with the most alike cause come first,
        then those whose shared tags weigh most, then by id; ``limit`` of them are returned."""
        own = self.numbers.get(doc_id, set())
        hits = sorted(self._hits(causes), key=lambda hit: -hit.similarity)
        weights = self._tag_weights(tags, own)
        by_cause: set[int] = set()
        for hit in hits:
            by_cause.update(self.texts[hit.text])
        by_tags = self._tag_matches(weights)
        matched = (by_cause | by_tags) - own
        chosen: list[int] = []
        seen = set(own)
        position = 0
        while position < len(hits) and (limit is None or len(chosen) < limit):
            level, group = hits[position].similarity, set()
            while position < len(hits) and hits[position].similarity == level:
                group.update(self.texts[hits[position].text])
                position += 1
            group -= seen
            seen |= group
            chosen += sorted(group, key=lambda n: (-self._weight(n, weights), self.summaries[n].id))
        if limit is None or len(chosen) < limit:
            chosen += sorted(by_tags - seen,
                             key=lambda n: (-self._weight(n, weights), self.summaries[n].id))
        named = [self._match(n, hits, weights) for n in chosen[:limit]]
        return named, len(matched)

    def _hits(self, causes: Iterable[tuple[str, str, str]]) -> list[_Hit]:
        from rapidfuzz import fuzz, process
        hits = []
        for location, kind, text in causes:
            key = normalise(text)
            if not key or not self.choices:
                continue
            # A mean of SIMILAR needs a set ratio of at least 2 × SIMILAR − 100 (the sort
            # ratio is at most 100): those are found in C first, the mean taken of them only.
            for choice, _, _ in process.extract(key, self.choices, scorer=fuzz.token_set_ratio,
                                                score_cutoff=2 * SIMILAR - 100, limit=None):
                score = similarity(key, choice)
                if score >= SIMILAR:
                    hits.append(_Hit(round(score, 1), choice, location, kind, text))
        return hits

    def _tag_weights(self, tags: Iterable[str], own: set[int]) -> dict[str, tuple[str, int, int, float]]:
        """Normalised tag → (as typed, carriers, library size, weight), for tags shared."""
        size = len(self.summaries) - len(own) + 1    # this postmortem counted once
        weights = {}
        for tag in tags:
            key = normalise(tag)
            if not key or key in weights or size < 3:
                continue
            others = len(self.carriers.get(key, set()) - own)
            if others:
                weights[key] = (tag.strip(), others + 1, size, round(1 - others / (size - 1), 2))
        return weights

    def _tag_matches(self, weights: dict[str, tuple[str, int, int, float]]) -> set[int]:
        """The postmortems whose shared tags weigh RARE_ENOUGH: a rare tag's carriers at once,
        the commoner tags' carriers added up only when together they could reach it."""
        found: set[int] = set()
        weak = {}
        for key, (_, _, _, weight) in weights.items():
            if weight >= RARE_ENOUGH:
                found |= self.carriers[key]
            elif weight > 0:
                weak[key] = weight
        if sum(weak.values()) >= RARE_ENOUGH:
            sums: dict[int, float] = {}
            for key, weight in weak.items():
                for number in self.carriers[key]:
                    sums[number] = sums.get(number, 0.0) + weight
            found |= {number for number, total in sums.items() if total >= RARE_ENOUGH}
        return found

    def _weight(self, number: int, weights: dict[str, tuple[str, int, int, float]]) -> float:
        return sum(w[3] for key, w in weights.items() if number in self.carriers[key])

    def _match(self, number: int, hits: list[_Hit],
               weights: dict[str, tuple[str, int, int, float]]) -> Match:
        pairs: dict[str, CausePair] = {}
        for hit in hits:   # most alike first: each of this postmortem's causes paired once
            theirs = self.texts[hit.text].get(number)
            if theirs is not None and hit.location not in pairs:
                pairs[hit.location] = CausePair(hit.location, hit.kind, hit.mine, theirs[0],
                                                theirs[1], hit.similarity)
        tags = tuple(SharedTag(*w) for key, w in weights.items() if number in self.carriers[key])
        return Match(self.summaries[number], tuple(pairs.values()), tags)


def reasons(match: Match) -> list[str]:
    """Why a postmortem was matched, one phrase per cause pair and shared tag."""
    out = []
    for pair in match.causes:
        if pair.kind == pair.their_kind and normalise(pair.text) == normalise(pair.their_text):
            out.append(t("team.match.same", kind=t(f"team.match.kind.{pair.kind}"),
                         text=pair.text.strip()))
        else:
            out.append(t("team.match.similar", kind=t(f"team.match.kind.{pair.kind}"),
                         text=pair.text.strip(), their_kind=t(f"team.match.kind.{pair.their_kind}"),
                         their_text=pair.their_text.strip(), percent=round(pair.similarity)))
    out += [t("team.match.tag", tag=tag.tag, carriers=tag.carriers, size=tag.size)
            for tag in match.tags]
    return out


def document_causes(doc: "Postmortem") -> list[tuple[str, str, str]]:
    """The root causes and contributing factors of ``doc`` as (item id, kind, text)."""
    from postmortem import blame  # the rules: only where a library is compared
    causes = [(item_id, ROOT_CAUSE, text) for item_id, text, _ in blame.root_causes(doc)]
    causes += [(item_id, CONTRIBUTING, text) for item_id, text, _ in blame.contributing_factors(doc)]
    return causes


class Related(NamedTuple):
    """Another postmortem that may record the same failure: this postmortem's cause most like
    one of theirs (its id and text), and the shared tags that weigh (as the other writes them)."""

    other: RecurrenceSummary
    same_root_cause: tuple[str, str] | None
    shared_tags: list[str]


def related(doc: "Postmortem", library: "Sequence[RecurrenceSummary] | RecurrenceIndex"
            ) -> list[Related]:
    """The other postmortems of ``library`` that ``doc`` repeats, found as the
    repeated-failure check finds them: the actions carried over into a meeting (issue 14)
    come from these."""
    if all(other.id == doc.id for other in library):
        return []  # nothing to compare with: no text to normalise
    index = library if isinstance(library, RecurrenceIndex) else RecurrenceIndex(library)
    matches, _ = index.matches(doc.id, document_causes(doc), doc.tags)
    return [Related(m.other, (m.causes[0].location, m.causes[0].text) if m.causes else None,
                    [tag.tag for tag in m.tags]) for m in matches]
