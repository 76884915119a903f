"""The repeated-failure check's index of a library (issue 17 §5, §7): ``RecurrenceIndex``
matches a postmortem against the other postmortems of a library by the rules of
``postmortem.recurrence``, and holds what it prepared as plain data (``state``), which the
library's cache keeps for ``check`` of one file (storage/recurrence_cache.py).

rapidfuzz is imported only when causes are compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from postmortem.ids import is_valid_id
from postmortem.recurrence import (CONTRIBUTING, RARE_ENOUGH, ROOT_CAUSE, SIMILAR, CausePair, Match,
                                   RecurrenceSummary, SharedTag, document_causes, normalise,
                                   similarity, sorted_words)

if TYPE_CHECKING:
    from postmortem.model import Postmortem


class _Hit(NamedTuple):
    similarity: float
    text: str              # the normalised text of the others' cause
    location: str
    kind: str
    mine: str


class RecurrenceIndex:
    """The postmortems of a library, prepared once for matching postmortems against them:
    their causes by normalised text, their tags by carrier. ``check --all`` prepares it once
    for every review; ``check`` of one file reads it prepared from the library's cache
    (``state`` / ``from_state``, storage/recurrence_cache.py).

    The postmortems a text or a tag reaches are kept as bit masks (bit n = the n-th postmortem
    in id order), so that gathering, counting and ordering the matches of one postmortem is a
    few operations on machine words per reason rather than Python work per postmortem
    matched: checking every postmortem of a library stays linear in the postmortems. The texts
    alike to a cause are found once per distinct cause, by rapidfuzz over all the library's
    texts in one call (in C, ``_alike_texts``), so that part grows with the distinct wordings:
    no index of words or characters may narrow it without changing what is matched
    (bench/README.md says why); what a search finds is narrowed to the postmortems it reaches
    by the masks."""

    def __init__(self, library: Iterable[RecurrenceSummary]) -> None:
        given = list(library)
        in_order = sorted(range(len(given)), key=lambda n: given[n].id)
        bit = {position: 1 << number for number, position in enumerate(in_order)}
        texts: dict[str, int] = {}
        carriers: dict[str, int] = {}
        for position, summary in enumerate(given):
            for text in (*summary.root_causes, *summary.contributing):
                key = normalise(text)
                if key:
                    texts[key] = texts.get(key, 0) | bit[position]
            for tag in summary.tags:
                key = normalise(tag)
                if key:
                    carriers[key] = carriers.get(key, 0) | bit[position]
        self._prepare([given[n] for n in in_order], texts, carriers)

    def _prepare(self, summaries: list[RecurrenceSummary], texts: dict[str, int],
                 carriers: dict[str, int]) -> None:
        self.summaries = summaries                # in id order: number n is bit n of a mask
        self.text_mask = texts                    # normalised text → postmortems with it
        self.carrier_mask = carriers              # normalised tag → postmortems carrying it
        self.numbers: dict[str, int] = {}         # id → its postmortems (a mask)
        for number, summary in enumerate(summaries):
            self.numbers[summary.id] = self.numbers.get(summary.id, 0) | 1 << number
        self.everyone = (1 << len(summaries)) - 1
        self.left_out = 0                         # postmortems not compared (``leave_out``)
        self.choices = list(texts)
        self._sorted_choices: list[str] | None = None   # their words sorted, when first searched
        self._alike: dict[str, list[tuple[str, float]]] = {}   # cause → alike texts, scored

    # The prepared index as plain data (JSON), and back -------------------------------------

    def state(self) -> dict[str, Any]:
        """The prepared index as JSON data, which ``from_state`` reads back equal."""
        return {"version": STATE_VERSION,
                "postmortems": [[s.id, s.title, list(s.tags), list(s.root_causes),
                                 list(s.contributing)] for s in self.summaries],
                "texts": [[key, format(mask, "x")] for key, mask in self.text_mask.items()],
                "tags": [[key, format(mask, "x")] for key, mask in self.carrier_mask.items()]}

    @classmethod
    def from_state(cls, data: Any) -> RecurrenceIndex:
        """The index whose ``state()`` is ``data``; ``ValueError`` when ``data`` is not such a
        state (another version, a wrong shape or type): a cache is then prepared anew."""
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise ValueError("not a recurrence index of this version")
        rows = data.get("postmortems")
        if not isinstance(rows, list):
            raise ValueError("postmortems")
        summaries = [_summary_from_state(row) for row in rows]
        if any(a.id > b.id for a, b in zip(summaries, summaries[1:])):
            raise ValueError("postmortems out of id order")
        everyone = (1 << len(summaries)) - 1
        index = cls.__new__(cls)
        index._prepare(summaries, _masks_from_state(data.get("texts"), everyone),
                       _masks_from_state(data.get("tags"), everyone))
        return index

    def leave_out(self, number: int) -> None:
        """Compare nothing with the postmortem ``number`` (the file being checked, when the
        index is the whole library's)."""
        self.left_out |= 1 << number
        self._alike.clear()   # searched with it: the order of equally alike texts may change

    def __iter__(self):
        return (s for n, s in enumerate(self.summaries) if not self.left_out >> n & 1)

    def __len__(self) -> int:
        return len(self.summaries) - self.left_out.bit_count()

    def compares_with(self, doc_id: str) -> bool:
        """Whether the library holds a postmortem other than ``doc_id``."""
        return bool(self.everyone & ~self.left_out & ~self.numbers.get(doc_id, 0))

    def matches(self, doc_id: str, causes: Iterable[tuple[str, str, str]], tags: Iterable[str],
                limit: int | None = None) -> tuple[list[Match], int]:
        """The postmortems (other than ``doc_id``) that ``causes`` — (item id, kind, text) —
        and ``tags`` repeat, and how many there are. Those with the most alike cause come first,
        then those whose shared tags weigh most, then by id; ``limit`` of them are returned."""
        own = self.numbers.get(doc_id, 0) | self.left_out
        hits = sorted(self._hits(causes), key=lambda hit: -hit.similarity)
        weights = self._tag_weights(tags, own)
        by_cause = 0
        for hit in hits:
            by_cause |= self.text_mask[hit.text]
        by_tags = self._tag_matches(weights)
        seen = own
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
            # A mean of SIMILAR needs a token-sort ratio of at least 2 × SIMILAR − 100 (the set
            # ratio is at most 100). The token-sort ratio is the plain ratio of the words sorted
            # (``sorted_words``), so the library's texts are sorted once and those reaching it
            # are found in one call, in C; the similarity is taken of those only. No index of
            # words narrows the texts compared: two texts with no word in common can still be
            # alike ("databases failovers", "database failover": 94).
            if self._sorted_choices is None:
                self._sorted_choices = [sorted_words(choice) for choice in self.choices]
            scored = []
            for _, sort_ratio, place in process.extract(
                    sorted_words(key), self._sorted_choices, scorer=fuzz.ratio,
                    score_cutoff=2 * SIMILAR - 100, limit=None):
                choice = self.choices[place]
                score = similarity(key, choice, sort_ratio)
                if score >= SIMILAR:
                    scored.append((-fuzz.token_set_ratio(key, choice), self._first_met(choice),
                                   choice, score))
            # Equally alike texts: the best set ratio first, then the first met.
            found = [(choice, round(score, 1)) for _, _, choice, score in sorted(scored)]
            self._alike[key] = found
        return found

    def _first_met(self, text: str) -> tuple[int, int]:
        """Where the normalised ``text`` is first met among the postmortems compared, in id
        order: (number, place among its root causes then contributing factors)."""
        holders = self.text_mask[text] & ~self.left_out
        if not holders:
            return len(self.summaries), 0   # held only by a postmortem left out: never paired
        number = (holders & -holders).bit_length() - 1
        summary = self.summaries[number]
        causes = (*summary.root_causes, *summary.contributing)
        return number, next(n for n, cause in enumerate(causes) if normalise(cause) == text)

    def _tag_weights(self, tags: Iterable[str], own: int) -> dict[str, tuple[str, int, int, float]]:
        """Normalised tag → (as typed, carriers, library size, weight), for tags shared; ``own``
        the postmortems not compared (this one's id, those left out)."""
        size = (self.everyone & ~own).bit_count() + 1    # this postmortem counted once
        weights = {}
        for tag in tags:
            key = normalise(tag)
            if not key or key in weights or size < 3:
                continue
            others = (self.carrier_mask.get(key, 0) & ~own).bit_count()
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
                out.append(lowest.bit_length() - 1)
                part ^= lowest
        return out

    def _match(self, number: int, hits: list[_Hit],
               weights: dict[str, tuple[str, int, int, float]]) -> Match:
        summary = self.summaries[number]
        their_causes: dict[str, tuple[str, str]] = {}   # normalised → (kind, as typed), first
        for kind, texts in ((ROOT_CAUSE, summary.root_causes),
                            (CONTRIBUTING, summary.contributing)):
            for text in texts:
                their_causes.setdefault(normalise(text), (kind, text))
        pairs: dict[str, CausePair] = {}
        for hit in hits:   # most alike first: each of this postmortem's causes paired once
            theirs = their_causes.get(hit.text)
            if theirs is not None and hit.location not in pairs:
                pairs[hit.location] = CausePair(hit.location, hit.kind, hit.mine, theirs[0],
                                                theirs[1], hit.similarity)
        tags = tuple(SharedTag(*w) for key, w in weights.items()
                     if self.carrier_mask[key] >> number & 1)
        return Match(summary, tuple(pairs.values()), tags)


STATE_VERSION = 1   # of ``RecurrenceIndex.state``: raised when normalising or the state changes


def _summary_from_state(row: Any) -> RecurrenceSummary:
    if not (isinstance(row, list) and len(row) == 5
            and all(isinstance(texts, list) for texts in row[2:])):
        raise ValueError("a postmortem of the index")
    doc_id, title, tags, roots, contributing = row
    try:   # str.join takes nothing but strings: every text checked at once, in C
        "".join([title, *tags, *roots, *contributing])
    except TypeError:
        raise ValueError("a text of the index") from None
    if not (isinstance(doc_id, str) and is_valid_id(doc_id)):
        raise ValueError("an id of the index")
    return RecurrenceSummary(doc_id, title, tuple(tags), tuple(roots), tuple(contributing))


def _masks_from_state(data: Any, everyone: int) -> dict[str, int]:
    if not isinstance(data, list):
        raise ValueError("masks")
    masks = {}
    for pair in data:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
                and isinstance(pair[1], str)):
            raise ValueError("a mask of the index")
        key, mask = pair[0], int(pair[1], 16)
        if not key or key in masks or mask <= 0 or mask & ~everyone:
            raise ValueError("a mask of the index")
        masks[key] = mask
    return masks


def repeats(doc: Postmortem, library: Sequence[RecurrenceSummary] | RecurrenceIndex,
            limit: int | None = None) -> tuple[list[Match], int]:
    """The postmortems of ``library`` (other than ``doc``) that ``doc`` repeats, and how many
    (``RecurrenceIndex.matches``); a list of summaries is prepared here, for this answer."""
    if not (library.compares_with(doc.id) if isinstance(library, RecurrenceIndex)
            else any(other.id != doc.id for other in library)):
        return [], 0   # nothing to compare with (an export): no text to normalise
    index = library if isinstance(library, RecurrenceIndex) else RecurrenceIndex(library)
    return index.matches(doc.id, document_causes(doc), doc.tags, limit)


class Related(NamedTuple):
    """Another postmortem that may record the same failure: this postmortem's cause most like
    one of theirs (its id and text), and the shared tags that weigh (as the other writes them)."""

    other: RecurrenceSummary
    same_root_cause: tuple[str, str] | None
    shared_tags: list[str]


def related(doc: Postmortem, library: Sequence[RecurrenceSummary] | RecurrenceIndex
            ) -> list[Related]:
    """The other postmortems of ``library`` that ``doc`` repeats, found as the
    repeated-failure check finds them: the actions carried over into a meeting (issue 14)
    come from these."""
    matches, _ = repeats(doc, library)
    return [Related(m.other, (m.causes[0].location, m.causes[0].text) if m.causes else None,
                    [tag.tag for tag in m.tags]) for m in matches]
