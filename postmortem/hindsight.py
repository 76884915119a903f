"""The hindsight check: advice on the analysis and the lessons (issue 12, item 9).

Hindsight makes the past look obvious: "they should have rolled back", "it could have just
been restarted", "obviously the config was wrong". It hides what the people involved saw at
the time, which is what the review is for. Two families are flagged:

- **counterfactuals** — "should have", "shouldn't have", "should've", "ought to have",
  "if only"; Chinese "本应" (本应该), "本来应该", "早该", "早就应该", "应该早就", "本可以",
  "本来可以", "要是当时", "如果当时", "当时就该", "早知道";
- **minimisers** — "could have just", "could've simply", "could just have", "obviously",
  "simply"; Chinese "显然", "显而易见", "很明显", "明摆着", "明明", "只要…就" (within one
  clause). "明显" alone is not flagged: "延迟明显升高" (latency rose markedly) is a fact.

English phrases are whole Latin words (``postmortem.wording``); Chinese ones need no
boundaries. A Chinese counterfactual followed by knowing ("早该知道", "本应想到") is blame
phrasing, like "should have known", and is left to the blame check.

Each finding asks the reframing question ("What made this look reasonable at the time?").
The check reads the problem statement, why-nodes, fishbone causes and the three lesson lists
(``FreeText.is_analysis``). It is advice: it never fails the review or a stage. "Should have
known" is blame phrasing (``postmortem.blame``) and is left to that check.
"""

from __future__ import annotations

import re

from postmortem.findings import Finding, active
from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.texts import FreeText, free_texts
from postmortem.wording import latin_words

RULE = "hindsight"

_PATTERNS = (
    ("counterfactual", re.compile(latin_words(
        r"\b(?:should(?:n[’']?t|\s+not)?|ought\s+(?:not\s+)?to)(?:\s+have|[’']ve)\b(?!\s+known\b)"
        r"|\bif\s+only\b"), re.IGNORECASE)),
    ("minimiser", re.compile(latin_words(
        r"\bcould(?:\s+have|[’']ve)\s+(?:just|simply)\b|\bcould\s+(?:just|simply)\s+have\b"
        r"|\bobviously\b|\bsimply\b"), re.IGNORECASE)),
    # Atomic, so that "本应该知道" cannot fall back to "本应" before "该知道".
    ("counterfactual", re.compile(
        r"(?>本应该?|本来应该|早就?应该|早该|应该早就|早就该|本来?可以|当时就该|早知道"
        r"|(?:要是|如果|假如)当时)(?!(?:早就|早)?(?:知道|意识到|想到))")),
    ("minimiser", re.compile(r"显然|显而易见|很明显|明摆着|明明|只要[^。！？；，,.;!?\n]{0,30}?就")),
)


def text_findings(text: str, location: str) -> list[Finding]:
    """Hindsight findings in one text, in reading order; a wording that overlaps one found
    already (``simply`` inside "could have simply") is not reported twice."""
    hits: list[tuple[int, int, str]] = []
    for group, pattern in _PATTERNS:
        hits += [(m.start(), m.end(), group) for m in pattern.finditer(text)]
    findings: dict[str, Finding] = {}
    end_of_last = -1
    for start, end, group in sorted(hits, key=lambda hit: (hit[0], -hit[1])):
        if start < end_of_last:
            continue
        end_of_last = end
        finding = Finding(rule=RULE, location=location, matched=text[start:end],
                          reason=t(f"hindsight.reason.{group}", phrase=text[start:end]),
                          suggestion=t("hindsight.question"))
        findings.setdefault(finding.key, finding)
    return list(findings.values())


def hindsight_findings(doc: Postmortem, include_dismissed: bool = False, *,
                       texts: list[FreeText] | None = None) -> list[Finding]:
    """The findings over the analysis and the lessons, stage by stage, without the dismissed
    ones. ``texts``: ``free_texts(doc)``, when the caller has it already."""
    findings = [f for text in (free_texts(doc) if texts is None else texts)
                if text.is_analysis and text.text.strip()
                for f in text_findings(text.text, text.location)]
    return findings if include_dismissed else active(doc, findings)
