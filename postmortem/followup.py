"""Follow-up reviews and the exit condition of stage 6, communication & follow-up (DESIGN §2.6).

Rules decided here:

- Default reviews fall 30 and 60 days after the meeting's date (UTC), as the seed asks
  ("review completion in 30/60 days"); at lightweight depth only the 30-day one.
- Without a meeting date there is nothing to count from: ``default_follow_ups`` raises
  ``NoMeetingDate`` (its message tells the user to set it in stage 1) rather than guessing.
  A review that would fall past the dates a document may hold (a meeting set in the year
  9000) is refused with ``writable.OutOfRange``, never made.
- A review made here or in the app gets an id (``f1``, ``f2``…, unique in the document), and
  so does each review of an imported document that has none: a merge matches reviews by it.
- The exit wants as many scheduled reviews as the defaults: two at full depth (or when the
  depth is not chosen yet), one at lightweight depth — DESIGN's final review says "one
  follow-up review is enough" only for lightweight. A review marked done still counts as
  scheduled: it happened.
"""

from __future__ import annotations

from datetime import timedelta

from postmortem.i18n import t
from postmortem.model import FollowUp, Postmortem
from postmortem.writable import check_day

ID_PREFIX = "f"   # follow-up reviews' ids: f1, f2…
FULL_DEPTH_DAYS = (30, 60)
LIGHTWEIGHT_DAYS = (30,)


class NoMeetingDate(ValueError):
    """Follow-ups are counted from the meeting date, and the document has none."""

    def __init__(self) -> None:
        super().__init__(t("followup.error.no_meeting"))


def follow_up_days(doc: Postmortem) -> tuple[int, ...]:
    """Days after the meeting of the default reviews for this document's depth."""
    return LIGHTWEIGHT_DAYS if doc.scope.depth == "lightweight" else FULL_DEPTH_DAYS


def required_follow_ups(doc: Postmortem) -> int:
    """How many scheduled reviews the exit condition and the final review ask for."""
    return len(follow_up_days(doc))


def default_follow_ups(doc: Postmortem) -> list[FollowUp]:
    """The default reviews (not added to the document); raises ``NoMeetingDate`` or
    ``OutOfRange``."""
    if doc.meeting_at is None:
        raise NoMeetingDate()
    meeting_day = doc.meeting_at.date()  # meeting_at is aware UTC, so this is the UTC date
    days_after = follow_up_days(doc)
    return [FollowUp(due=check_day(meeting_day + timedelta(days=days)),
                     label=t("followup.default_label", days=days), id=review_id)
            for days, review_id in zip(days_after, doc.next_ids(ID_PREFIX, len(days_after)))]


def give_follow_ups_ids(doc: Postmortem) -> None:
    """Give each follow-up review without an id a fresh one (a merge matches reviews by id);
    ids a review has are kept."""
    missing = [review for review in doc.communication.follow_ups if not review.id]
    for review, review_id in zip(missing, doc.next_ids(ID_PREFIX, len(missing))):
        review.id = review_id


def legal_review_needed(doc: Postmortem) -> bool:
    """A security incident that wants a customer-facing version needs legal approval."""
    return doc.scope.sensitivity.security and doc.scope.customer_facing


def legal_review_blocks(doc: Postmortem) -> bool:
    return legal_review_needed(doc) and doc.communication.legal_review != "approved"


def communication_exit_reasons(doc: Postmortem) -> list[str]:
    """Why stage 6 is not done yet (empty: done)."""
    comms = doc.communication
    reasons = []
    if not comms.internal_summary.strip():
        reasons.append(t("followup.exit.no_internal_summary"))
    if doc.scope.customer_facing and not comms.customer_summary.strip():
        reasons.append(t("followup.exit.no_customer_summary"))
    reasons += follow_up_reasons(doc)
    if legal_review_blocks(doc):
        reasons.append(t("followup.exit.legal_review",
                         state=t(f"checklist.legal.{comms.legal_review}")))
    return reasons


def follow_up_reasons(doc: Postmortem) -> list[str]:
    """The part of the exit about scheduled reviews (shared with the final review)."""
    count, required = len(doc.communication.follow_ups), required_follow_ups(doc)
    if count >= required:
        return []
    if count == 0 and required == 1:
        return [t("followup.exit.no_follow_up")]
    return [t("followup.exit.too_few_follow_ups", required=required, count=count)]
