"""The internal export's "Parking lot" appendix: each topic parked during the meeting, the
stage it was raised on and how it was settled. Only for the team: the customer-facing export
never calls this. Left out entirely when nothing was parked, so documents without parked
topics export as before."""

from __future__ import annotations

from postmortem.i18n import t
from postmortem.markdown.common import Document, cell
from postmortem.model import ParkedTopic, Postmortem
from postmortem.stages import STAGE_KEYS


def parking_lot_appendix(out: Document, doc: Postmortem) -> None:
    if not doc.parking_lot:
        return
    out.heading(2, t("export.heading.parking_lot"))
    out.table([t("export.column.topic"), t("export.column.stage_raised"), t("export.column.outcome")],
              [[cell(p.text), stage_name(p.stage), outcome_text(p)] for p in doc.parking_lot])


def stage_name(number: int) -> str:
    return t("export.parking.stage", number=number, name=t(f"stage.{STAGE_KEYS[number - 1]}"))


def outcome_text(topic: ParkedTopic) -> str:
    if topic.outcome == "action":
        return t("export.parking.action", id=cell(topic.action or ""))
    if topic.outcome == "dropped":
        return t("export.parking.dropped", reason=cell(topic.reason))
    if topic.outcome == "idea":
        return t("export.parking.idea")
    return t("export.parking.unsettled")
