"""Markdown export (DESIGN §7): the internal document and the customer-facing version.

Both are pure functions of the document: the same document gives byte-identical text, ending
in exactly one newline, with no trailing spaces and blank lines around every block, so the
output is clean under markdownlint (line length aside) and renders alike on GitHub, GitLab
and wiki renderers. User text is escaped by ``postmortem.markdown.escape``.
"""

from __future__ import annotations

from datetime import date

from postmortem.i18n import t
from postmortem.markdown.escape import (escape_cell, escape_heading, escape_inline,
                                        escape_paragraph, fenced)
from postmortem.markdown.external import ExportRefused, check_external_allowed, render_external
from postmortem.markdown.internal import render_internal
from postmortem.model import Postmortem

AUDIENCES = ("internal", "external")


class UnknownAudience(ValueError):
    """An audience other than internal or external."""


def render_markdown(doc: Postmortem, audience: str = "internal", *,
                    today: date | None = None) -> str:
    """The Markdown for ``audience``: "internal" (the whole document) or "external".

    Raises ``ExportRefused`` (external, security incident without approved legal review) or
    ``UnknownAudience``; both are ``ValueError`` with a one-sentence message.
    """
    if audience == "internal":
        return render_internal(doc, today=today)
    if audience == "external":
        return render_external(doc)
    raise UnknownAudience(t("export.error.unknown_audience", audience=audience))


__all__ = ["AUDIENCES", "ExportRefused", "UnknownAudience", "check_external_allowed",
           "escape_cell", "escape_heading", "escape_inline", "escape_paragraph", "fenced",
           "render_external", "render_internal", "render_markdown"]
