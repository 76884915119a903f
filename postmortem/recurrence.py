"""The library as the repeated-failure check sees it (DESIGN "Deviations").

Of every other postmortem the check compares the id, the title it names, the tags and the
texts of its root causes and contributing factors: ``RecurrenceSummary`` holds those; the
rules of matching are below (issue 17 §5), ``postmortem.recurrence_index`` applies them to a
library. ``read_recurrence_summary`` picks them out
of a file's parsed JSON without validating the rest of the document, so comparing with a
library of a thousand postmortems costs little more than parsing it (validating each document
in full was most of what ``postmortem check`` spent). The fields it reads are checked by the
rules of the document, and so are the fields a library row shows (``summary.read_summary``):
a file the library lists with its problem is the file the check names as not compared.

rapidfuzz is imported only when causes are compared (not by an export without a library).
"""

from __future__ import annotations

import re
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


def similarity(a: str, b: str, sort_ratio: float | None = None) -> float:
    """How alike two normalised texts are, 0–100 (see the rules above); ``sort_ratio``: their
    token-sort ratio, when it is known already."""
    from rapidfuzz import fuzz
    if sort_ratio is None:
        sort_ratio = fuzz.token_sort_ratio(a, b)
    return (sort_ratio + fuzz.token_set_ratio(a, b)) / 2


def sorted_words(text: str) -> str:
    """The words of a normalised text in code-point order, one space apart: rapidfuzz's
    token-sort ratio of two normalised texts is the plain ratio of these."""
    return " ".join(sorted(text.split(" ")))


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
