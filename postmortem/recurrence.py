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
    doc_id = r.raw("id", required=True)
    if not is_valid_id(doc_id):
        raise ValidationError("id", doc_id, t("validation.bad_id"))
    analysis = r.child("analysis")
    marked = analysis.objects("whys")
    marked += [cause for bone in analysis.objects("fishbone") for cause in bone.objects("causes")]
    roles = [(item.choice("role", vocab.ROLES, nullable=True), item) for item in marked]
    return RecurrenceSummary(
        doc_id, summary.title, summary.tags,
        tuple(item.text("text") for role, item in roles if role == ROOT_CAUSE),
        tuple(item.text("text") for role, item in roles if role == CONTRIBUTING))
