"""The enumerations of the file format (DESIGN §4). Values are part of the contract."""

SCHEMA = "postmortem/v1"

SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4", "near-miss")
STATUSES = ("draft", "in-review", "reviewed", "closed")
# The languages a document can be written in: its exports speak it (issue 16).
DOCUMENT_LANGUAGES = ("en", "zh-CN")
TRIGGERS = ("sev-incident", "customer-visible-outage", "data-loss-scare", "near-miss", "blame-risk")
AUDIENCES = ("exec", "eng", "cs")
DEPTHS = ("full", "lightweight")
MILESTONES = ("start", "detected", "mitigated", "resolved")
DATA_INTEGRITY = ("none", "at-risk", "lost")
ROLES = ("root-cause", "contributing")
ACTION_TYPES = ("prevent", "detect", "recover", "process")
ACTION_STATUSES = ("open", "in-progress", "done", "wont-do")
LEGAL_REVIEWS = ("not-needed", "pending", "approved")
# The meeting roster (issue 14): what each person does in the review, and whether they came.
ATTENDEE_ROLES = ("facilitator", "scribe", "incident-commander", "responder", "subject-expert",
                  "observer")
PRESENCES = ("present", "absent")
# How the room settled an open action of another postmortem (issue 14): done, still open
# with a new due date, or won't do with a reason.
CARRY_OVER_OUTCOMES = ("done", "open", "wont-do")

# Severity → suggested depth (the seed: "lightweight for small incidents").
LIGHTWEIGHT_SEVERITIES = ("SEV3", "SEV4", "near-miss")


def suggested_depth(severity: str | None) -> str | None:
    if severity is None:
        return None
    return "lightweight" if severity in LIGHTWEIGHT_SEVERITIES else "full"

# How a topic of the parking lot was settled on stage 5; null while it is not settled yet.
PARKING_OUTCOMES = ("action", "idea", "dropped")
