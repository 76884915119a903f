"""The library as the repeated-failure check sees it (DESIGN "Deviations").

Of every other postmortem the check compares the id, the title it names, the tags and the
root-cause texts: ``RecurrenceSummary`` holds those. ``read_recurrence_summary`` picks them out
of a file's parsed JSON without validating the rest of the document, so comparing with a
library of a thousand postmortems costs little more than parsing it (validating each document
in full was most of what ``postmortem check`` spent). The fields it reads are checked by the
rules of the document, and so are the fields a library row shows (``summary.read_summary``):
a file the library lists with its problem is the file the check names as not compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from postmortem import vocab
from postmortem.fields import Reader, ValidationError
from postmortem.i18n import t
from postmortem.ids import is_valid_id
from postmortem.summary import read_summary

if TYPE_CHECKING:
    from postmortem.model import Postmortem

ROOT_CAUSE = "root-cause"


class RecurrenceSummary(NamedTuple):
    """What the repeated-failure check compares of one postmortem."""

    id: str
    title: str
    tags: tuple[str, ...]
    root_causes: tuple[str, ...]   # texts of the why nodes, then the fishbone causes, so marked


def recurrence_summary(doc: Postmortem) -> RecurrenceSummary:
    """The summary of a document already read (an open one, or one built by a test)."""
    marked = [*doc.analysis.whys, *(cause for _, cause in doc.analysis.causes())]
    return RecurrenceSummary(doc.id, doc.title, tuple(doc.tags),
                             tuple(item.text for item in marked if item.role == ROOT_CAUSE))


def read_recurrence_summary(data: Any) -> RecurrenceSummary:
    """The summary of a document given as parsed JSON; a ``ValidationError`` naming the field
    path when a field it reads (or a field a library row shows) is wrong. The rest of the
    document is not looked at: ``Postmortem.from_dict`` checks it when the file is opened."""
    summary = read_summary(data)
    r = Reader(data)
    doc_id = r.raw("id", required=True)
    if not is_valid_id(doc_id):
        raise ValidationError("id", doc_id, t("validation.bad_id"))
    analysis = r.child("analysis")
    marked = analysis.objects("whys")
    marked += [cause for bone in analysis.objects("fishbone") for cause in bone.objects("causes")]
    texts = tuple(item.text("text") for item in marked
                  if item.choice("role", vocab.ROLES, nullable=True) == ROOT_CAUSE)
    return RecurrenceSummary(doc_id, summary.title, summary.tags, texts)


class Related(NamedTuple):
    """Another postmortem that may record the same failure: a root cause of this one with the
    same text (its id and text), and the tags both carry (as this document writes them)."""

    other: RecurrenceSummary
    same_root_cause: tuple[str, str] | None
    shared_tags: list[str]


# What separates the words compared: anything but a letter or a digit (``\W`` is what
# ``str.isalnum`` refuses, and the underscore).
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text compared for repeats: width-folded, case-folded, punctuation and spacing ignored."""
    import unicodedata  # a C extension: loaded only where a library is compared (not by an export)
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_ALNUM.sub(" ", folded).strip()


def related(doc: Postmortem, library: Sequence[RecurrenceSummary]) -> list[Related]:
    """The other postmortems of ``library`` that share a root-cause text or a tag with
    ``doc``, by id: the repeated-failure check's deviations and the actions carried over into
    a meeting (issue 14) are found the same way."""
    if all(other.id == doc.id for other in library):
        return []  # nothing to compare with (an export): no text to normalise
    from postmortem import blame  # the rules: only where a library is compared
    mine = [(item_id, normalise(text), text) for item_id, text, _ in blame.root_causes(doc)]
    mine = [entry for entry in mine if entry[1]]
    my_tags = {normalise(tag): tag for tag in doc.tags if normalise(tag)}
    found = []
    for other in sorted(library, key=lambda d: d.id):
        if other.id == doc.id:
            continue
        theirs = {normalise(text) for text in other.root_causes}
        same = next(((item_id, text) for item_id, key, text in mine if key in theirs), None)
        other_tags = {normalise(tag) for tag in other.tags}
        shared = [tag for key, tag in my_tags.items() if key in other_tags]
        if same is not None or shared:
            found.append(Related(other, same, shared))
    return found
