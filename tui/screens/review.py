"""F5: the final review — the seed's five checklist lines, each ✓/✗ with every reason (a
finding's reason names its place: "Action a3: …"), then the deviations and the hindsight
advice. Enter (or a click) on a reason closes the screen with a ``JumpTo`` to the
stage and item to fix; Escape closes it with ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Spacing
from textual.screen import Screen
from textual.visual import Padding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from postmortem.checklist import Review, evaluate, unreadable_note
from postmortem.hidden_text import mark_hidden
from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.recurrence import RecurrenceSummary
from postmortem.scanner import Finding
from postmortem.stages import STAGE_KEYS
from tui.commands import RegistryBindings
from tui.messages import JumpTo
from tui.widgets.cell_wrap import CellWrappedContent
from tui.widgets.key_footer import KeyFooter
from tui.widgets.sharing_banner import SharingBanner

REASON_INDENT = 4  # cells; reasons hang under their line's text, past the ✓/✗ mark


class ReviewList(RegistryBindings, OptionList):
    """The checklist lines (not selectable) with their reasons (selectable) beneath."""

    COMMAND_SCOPE = "review-list"


def stage_tag(stage: int) -> str:
    return t("review_ui.stage", stage=stage, stage_title=t(f"stage.{STAGE_KEYS[stage - 1]}"))


def reason_prompt(text: str, stage: int, mark: Content | None = None) -> Padding:
    """A reason, wrapped and indented as a block, with where it is fixed in muted text."""
    # Chinese breaks between characters, not only at spaces (a line would end half empty);
    # where to fix it stays whole.
    body = Content.assemble(mark or "", text)
    where = Content.styled("  · " + stage_tag(stage), "$foreground-muted")
    return Padding(CellWrappedContent(body, tail=where), Spacing(0, 0, 0, REASON_INDENT))


def stage_of_path(path: str) -> int:
    """The stage where a field of the document is edited: ``timeline[3].text`` → 2."""
    head = path.split(".")[0].split("[")[0]
    return {"timeline": 2, "impact": 2, "analysis": 3, "lessons": 4, "actions": 5,
            "communication": 6}.get(head, 1)


def summary_text(review: Review) -> Content:
    failed, count = sum(not line.ok for line in review.lines), len(review.lines)
    if failed:
        return Content.styled(t("checklist.format.some_fail", failed=failed, count=count),
                              "bold $error")
    if not review.ok:
        return Content.styled(t("checklist.format.blocked", count=count), "bold $warning")
    return Content.styled(t("checklist.format.all_pass", count=count), "bold $success")


class FinalReviewScreen(RegistryBindings, Screen[JumpTo | None]):
    COMMAND_SCOPE = "review"

    def __init__(self, document: Postmortem, library: Sequence[RecurrenceSummary], *,
                 today: date | None = None, unreadable: Sequence[str] = (),
                 customer_findings: Sequence[Finding] = ()) -> None:
        super().__init__()
        self.document = document
        # What the scanner finds in what customers will read (of the real document, also in
        # sharing-safe mode: places and kinds only, never a value).
        self.customer_findings = customer_findings
        # The local calendar day: follow-up reviews are days in the team's calendar.
        self.review = evaluate(document, library=library,
                               today=today if today is not None else date.today(),
                               unreadable=unreadable)
        self.targets: dict[str, JumpTo] = {}

    def compose(self) -> ComposeResult:
        title = mark_hidden(self.document.title.strip()) or t("review_ui.untitled")
        yield SharingBanner()
        yield Static(t("review_ui.title", title=title), id="review-title", markup=False)
        yield Static(summary_text(self.review), id="review-summary")
        yield ReviewList(*self.options(), id="review-list")
        yield Static("", id="review-hint", markup=False)
        yield KeyFooter()

    def options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for line in self.review.lines:
            mark = (Content.styled(t("checklist.format.pass"), "bold $success") if line.ok
                    else Content.styled(t("checklist.format.fail"), "bold $error"))
            options.append(Option(Content.assemble(mark, " ", (line.label, "bold")),
                                  id=f"line-{line.key}", disabled=True))
            for reason in line.reasons:
                options.append(self.target_option(reason.text, reason.stage, reason.location))
        if self.review.deviations:   # none: nothing to explain, no heading, no "No deviations."
            options.append(None)
            options.append(Option(Content.styled(t("review_ui.deviations"), "bold"),
                                  id="deviations", disabled=True))
            what = Content.styled(t("review_ui.deviations_what"), "$foreground-muted")
            options.append(Option(Padding(what, Spacing(0, 0, 0, REASON_INDENT)),
                                  id="deviations-what", disabled=True))
            for deviation in self.review.deviations:
                label, style = (("review_ui.blocking", "bold $error") if deviation.blocking
                                else ("review_ui.advice", "bold $warning"))
                mark = Content.styled(t(label) + t("separator.label"), style)
                options.append(self.target_option(deviation.text, deviation.stage,
                                                  deviation.location, mark))
        note = unreadable_note(self.review)
        if note is not None:  # files the repeated-failure check could not compare with
            options.append(Option(Padding(Content.styled(note, "$foreground-muted"),
                                          Spacing(0, 0, 0, REASON_INDENT)),
                                  id="unreadable-note", disabled=True))
        if self.customer_findings:
            options.append(None)
            options.append(Option(Content.styled(t("sharing.review.heading"), "bold"),
                                  id="sensitive", disabled=True))
            for finding in self.customer_findings:
                text = t("sharing.review.item", path=finding.path,
                         kind=t(f"sharing.kind.{finding.kind}"))
                options.append(self.target_option(text, stage_of_path(finding.path), None))
        if self.review.advice:
            options.append(None)
            options.append(Option(Content.styled(t("review_ui.hindsight"), "bold"),
                                  id="hindsight", disabled=True))
            options += [self.target_option(advice.text, advice.stage, advice.location)
                        for advice in self.review.advice]
        return options

    def target_option(self, text: str, stage: int, location: str | None,
                      mark: Content | None = None) -> Option:
        option_id = f"target-{len(self.targets)}"
        self.targets[option_id] = JumpTo(stage, location)
        return Option(reason_prompt(text, stage, mark), id=option_id)

    def on_mount(self) -> None:
        review_list = self.query_one(ReviewList)
        first = next((index for index, option in enumerate(review_list.options)
                      if not option.disabled), None)
        review_list.highlighted = first
        hint = self.query_one("#review-hint", Static)
        hint.update(t("review_ui.nothing_to_fix") if first is None else "")
        hint.display = first is None
        review_list.focus()

    @on(OptionList.OptionSelected, "#review-list")
    def go_to_fix(self, event: OptionList.OptionSelected) -> None:
        target = self.targets.get(event.option.id or "")
        if target is not None:
            self.dismiss(target)

    def action_close(self) -> None:
        self.dismiss(None)
