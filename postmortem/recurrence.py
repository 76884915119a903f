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

    The postmortems a text or a tag reaches are kept as bit masks (bit = place in id order), so
    that gathering, counting and ordering the matches of one postmortem is a few operations
    on machine words per reason rather than Python work per postmortem matched: in a library
    where a tag or a cause is on a share of all postmortems, checking each of them stays
    linear. The alike texts of a cause are found once per distinct cause (in C)."""

    def __init__(self, library: Iterable[RecurrenceSummary]) -> None:
        self.summaries = list(library)
        self.numbers: dict[str, set[int]] = {}
        for number, summary in enumerate(self.summaries):
            self.numbers.setdefault(summary.id, set()).add(number)
        # Bit b of a mask stands for summary ``in_order[b]``: the lowest bits the first ids.
        self.in_order = sorted(range(len(self.summaries)), key=lambda n: self.summaries[n].id)
        self.bit = {number: 1 << place for place, number in enumerate(self.in_order)}
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
        self.text_mask = {key: self._mask(numbers) for key, numbers in self.texts.items()}
        self.carrier_mask = {key: self._mask(numbers) for key, numbers in self.carriers.items()}
        self.choices = list(self.texts)
        self._alike: dict[str, list[tuple[str, float]]] = {}   # cause → alike texts, scored

    def __iter__(self):
        return iter(self.summaries)

    def __len__(self) -> int:
        return len(self.summaries)

    def compares_with(self, doc_id: str) -> bool:
        """Whether the library holds a postmortem other than ``doc_id``."""
        return len(self.summaries) > len(self.numbers.get(doc_id, ()))

    def _mask(self, numbers: Iterable[int]) -> int:
        mask = 0
        for number in numbers:
            mask |= self.bit[number]
        return mask

    def matches(self, doc_id: str, causes: Iterable[tuple[str, str, str]], tags: Iterable[str],
                limit: int | None = None) -> tuple[list[Match], int]:
        """The postmortems (other than ``doc_id``) that ``causes`` — (item id, kind, text) —
        and ``tags`` repeat, and how many there are. Those with the most alike cause come first,
        then those whose shared tags weigh most, then by id; ``limit`` of them are returned."""
        own = self.numbers.get(doc_id, set())
        hits = sorted(self._hits(causes), key=lambda hit: -hit.similarity)
        weights = self._tag_weights(tags, own)
        by_cause = 0
        for hit in hits:
            by_cause |= self.text_mask[hit.text]
        by_tags = self._tag_matches(weights)
        seen = self._mask(own)
        total = ((by_cause | by_tags) & ~seen).bit_count()
        chosen: list[int] = []
        position = 0
        while position < len(hits) and (limit is None or len(chosen) < limit):
            level, group = hits[position].similarity, 0
            while position < len(hits) and hits[position].similarity == level:
                group |= self.text_mask[hits[position].text]
                position += 1
            group &= ~seen
            seen |= group
            chosen += self._ordered(group, weights, None if limit is None else limit - len(chosen))
        if limit is None or len(chosen) < limit:
            chosen += self._ordered(by_tags & ~seen, weights,
                                    None if limit is None else limit - len(chosen))
        named = [self._match(n, hits, weights) for n in chosen[:limit]]
        return named, total

    def _hits(self, causes: Iterable[tuple[str, str, str]]) -> list[_Hit]:
        hits = []
        for location, kind, text in causes:
            key = normalise(text)
            if key and self.choices:
                hits += [_Hit(score, choice, location, kind, text)
                         for choice, score in self._alike_texts(key)]
        return hits

    def _alike_texts(self, key: str) -> list[tuple[str, float]]:
        """The texts of the library alike to the normalised cause ``key``, with the similarity;
        found once per distinct cause (``check --all`` meets the same wording many times)."""
        found = self._alike.get(key)
        if found is None:
            from rapidfuzz import fuzz, process
            # A mean of SIMILAR needs a set ratio of at least 2 × SIMILAR − 100 (the sort
            # ratio is at most 100): those are found in C first, the mean taken of them only.
            # No index of words narrows the texts compared: two texts with no word in common
            # can still be alike ("databases failovers", "database failover": 94).
            found = []
            for choice, _, _ in process.extract(key, self.choices, scorer=fuzz.token_set_ratio,
                                                score_cutoff=2 * SIMILAR - 100, limit=None):
                score = similarity(key, choice)
                if score >= SIMILAR:
                    found.append((choice, round(score, 1)))
            self._alike[key] = found
        return found

    def _tag_weights(self, tags: Iterable[str], own: set[int]) -> dict[str, tuple[str, int, int, float]]:
        """Normalised tag → (as typed, carriers, library size, weight), for tags shared."""
        size = len(self.summaries) - len(own) + 1    # this postmortem counted once
        weights = {}
        for tag in tags:
            key = normalise(tag)
            if not key or key in weights or size < 3:
                continue
            carriers = self.carriers.get(key, set())
            # Not ``len(carriers - own)``: a copy of a tag on most of the library, per postmortem.
            others = len(carriers) - sum(number in carriers for number in own)
            if others:
                weights[key] = (tag.strip(), others + 1, size, round(1 - others / (size - 1), 2))
        return weights

    def _tag_matches(self, weights: dict[str, tuple[str, int, int, float]]) -> int:
        """The postmortems (a mask) whose shared tags weigh RARE_ENOUGH: a rare tag's carriers
        at once, the commoner tags' carriers added up only when together they could reach it."""
        found = 0
        weak = {}
        for key, (_, _, _, weight) in weights.items():
            if weight >= RARE_ENOUGH:
                found |= self.carrier_mask[key]
            elif weight > 0:
                weak[key] = weight
        if sum(weak.values()) >= RARE_ENOUGH:
            everyone = 0
            for key in weak:
                everyone |= self.carrier_mask[key]
            for mask, total in self._by_weight(everyone, weak.items(), 0.0):
                if total >= RARE_ENOUGH:
                    found |= mask
        return found

    def _by_weight(self, mask: int, weights: Iterable[tuple[str, float]], start: float
                   ) -> list[tuple[int, float]]:
        """``mask`` split by the sum of the weights of the tags each postmortem carries (added
        in the order given, from ``start``): (postmortems, sum) for each sum met."""
        parts = [(mask, start)] if mask else []
        for key, weight in weights:
            carrying = self.carrier_mask[key]
            split = []
            for part, total in parts:
                if part & carrying:
                    split.append((part & carrying, total + weight))
                if part & ~carrying:
                    split.append((part & ~carrying, total))
            parts = split
        merged: dict[float, int] = {}
        for part, total in parts:
            merged[total] = merged.get(total, 0) | part
        return [(part, total) for total, part in merged.items()]

    def _ordered(self, mask: int, weights: dict[str, tuple[str, int, int, float]],
                 room: int | None) -> list[int]:
        """The postmortems of ``mask``, those whose shared tags weigh most first, then by id;
        only the first ``room`` of them when given."""
        out: list[int] = []
        parts = self._by_weight(mask, ((key, w[3]) for key, w in weights.items()), 0)
        for part, _ in sorted(parts, key=lambda item: -item[1]):
            while part and (room is None or len(out) < room):
                lowest = part & -part
                out.append(self.in_order[lowest.bit_length() - 1])
                part ^= lowest
        return out

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
    if not (library.compares_with(doc.id) if isinstance(library, RecurrenceIndex)
            else any(other.id != doc.id for other in library)):
        return []  # nothing to compare with: no text to normalise
    index = library if isinstance(library, RecurrenceIndex) else RecurrenceIndex(library)
    matches, _ = index.matches(doc.id, document_causes(doc), doc.tags)
    return [Related(m.other, (m.causes[0].location, m.causes[0].text) if m.causes else None,
                    [tag.tag for tag in m.tags]) for m in matches]
