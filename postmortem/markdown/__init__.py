"""Markdown export (DESIGN §7): the internal document and the customer-facing version.

Both are pure functions of the document: the same document gives byte-identical text, ending
in exactly one newline, with no trailing spaces and blank lines around every block, so the
output is clean under markdownlint (line length aside) and renders alike on GitHub, GitLab
and wiki renderers. User text is escaped by ``postmortem.markdown.escape``.

The two renderers are imported when first used: the internal document needs the whole
review checklist (blame, vagueness, fishbone rules), the customer version only the blame and
vagueness checks (to hold back an action whose title blames), and a command that exports one
should not pay for importing the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING

from postmortem.i18n import t
from postmortem.markdown.escape import (escape_cell, escape_heading, escape_inline,
                                        escape_paragraph, fenced)
from postmortem.model import Postmortem

if TYPE_CHECKING:
    from postmortem.markdown.common import Document
    from postmortem.recurrence import RecurrenceSummary
    from postmortem.redaction import Removed
    from postmortem.markdown.external import check_external_allowed, render_external
    from postmortem.markdown.internal import render_internal

# Who an export is for: the team (the whole document) or customers. Not the document's own
# ``scope.audiences`` (exec, eng, cs), which says whom the postmortem is held for.
EXPORT_AUDIENCES = ("internal", "external")

# Names of this package that live in a renderer module, imported on first access.
_RENDERER_NAMES = {"check_external_allowed": "external", "render_external": "external",
                   "render_internal": "internal"}


class UnknownExportAudience(ValueError):
    """An export audience other than internal or external."""


class ExportRefused(ValueError):
    """The document may not be exported for this export audience; str() says why in one sentence.

    Raised by the customer-facing renderer, and defined here so that catching it (as every
    caller of ``render_markdown`` does) does not import that renderer.
    """


def render_markdown(doc: Postmortem, export_audience: str = "internal", *,
                    today: date | None = None, library: Sequence[RecurrenceSummary] = (),
                    removed: Removed | None = None, include_notes: bool = False) -> str:
    """The Markdown for ``export_audience``: "internal" (the whole document) or "external".

    ``today`` (default: the local date) and ``library`` feed the internal document's
    review checklist, which is the review screen's and ``postmortem check``'s when they are
    given the same. For "external", what was scrubbed from the published text is counted in
    ``removed`` when given (``Removed.sentence()`` says it to the user). Raises
    ``include_notes`` adds the facilitator's private notes to the internal document only.
    Raises ``ExportRefused`` (external, security incident without approved legal review) or
    ``UnknownExportAudience``; both are ``ValueError`` with a one-sentence message.
    """
    return _document(doc, export_audience, today, library, removed, include_notes).render()


def _document(doc: Postmortem, export_audience: str, today: date | None,
              library: Sequence[RecurrenceSummary], removed: Removed | None,
              include_notes: bool = False) -> Document:
    if export_audience == "internal":
        from postmortem.markdown.internal import internal_document
        return internal_document(doc, today=today, library=library, include_notes=include_notes)
    if export_audience == "external":
        from postmortem.markdown.external import external_document
        return external_document(doc, removed)
    raise UnknownExportAudience(t("export.error.unknown_audience", audience=export_audience))


def __getattr__(name: str) -> object:
    if name in _RENDERER_NAMES:
        return getattr(import_module(f"{__name__}.{_RENDERER_NAMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["EXPORT_AUDIENCES", "ExportRefused", "UnknownExportAudience", "check_external_allowed",
           "escape_cell", "escape_heading", "escape_inline", "escape_paragraph", "fenced",
           "render_external", "render_internal", "render_markdown"]
