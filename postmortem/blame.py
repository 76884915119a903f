"""The blame check (DESIGN §6) and the exit condition of stage 3 (DESIGN §2.3).

What is flagged, and the rules decided here:

- **A person of this review** (owner, facilitator, participant): the full name, or the first
  name alone ("Priya" for "Priya N."), as a whole word and *case-sensitively*. Names are
  written capitalised, so "Max restarted the pod" names Max while "max connections" does
  not. The price is a flag on a sentence that starts with a word that is also someone's name
  ("Max connections were exhausted"); the facilitator can dismiss it with a reason. "Whole
  word" means no Latin letter or digit right before or after; names in Chinese have no
  spaces around them and are matched wherever they appear.
- **An @handle** ("@max", "@sre-oncall"), but not e-mail addresses or the broadcasts @here,
  @channel, @everyone.
- **Blame phrasing**, English (case-insensitive, whole Latin words — a Chinese character
  next to one counts as a boundary: "human error", "forgot to", "careless", "should have
  known", "fault of", "negligent", "didn't bother", "blame" — never "blameless") and Chinese,
  matched without word boundaries, each in the family whose reason fits it: human error
  ("人为失误", "操作失误", "误操作", "手误", "操作不当"), carelessness ("粗心", "马虎", "疏忽",
  "失职", "不认真", "责任心不强", "麻痹大意" — never "大意" alone, which is also "the gist"),
  fault ("责任人", "归咎", "甩锅", "背锅", "他的错", and "怪" only in its blaming forms such
  as "怪他", "都怪", "责怪" — never "奇怪" or "难怪"), hindsight knowledge ("早该知道",
  "本应知道", "应该早就知道", "理应想到"; the hindsight check leaves these to this one).
- **"forgot"** blames only with a person as its subject: "forgot to …" (someone was expected
  to remember a step), or "<person> forgot" where the person is a name of this review, an
  @handle, a pronoun or a role ("the on-call engineer forgot"). "The deploy tool forgot
  nothing" names no person and is not flagged.

Where it runs: ``blame_findings`` reads the analysis (stage 3's own view);
``document_findings`` reads every free text of the document (``postmortem.texts``) for the
final review, with two exceptions decided there — naming a person is a fact in a timeline
event and praise in "what went well", so names and @handles are not flagged in those two;
blame phrasing is, everywhere.

Findings are advice; a root cause naming a person is the one thing that fails the exit, and
dismissing a finding does not change that. In the final review an undismissed finding
anywhere fails the "Blameless tone" line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from postmortem.findings import Finding, active
from postmortem.i18n import t
from postmortem.mentions import (BEFORE, HANDLE, handle_text, handles, name_variants,
                                 names_in, person_mentions)
from postmortem.model import Action, Postmortem
from postmortem.texts import FreeText, action_location, free_texts
from postmortem.whys import preorder
from postmortem.wording import latin_words

RULE = "blame"

# Subjects that make "forgot" about a person (besides the names and handles of the review).
_EN_SUBJECTS = (r"he|she|they|someone|somebody|I|we|you|"
                r"the\s+(?:on-?call(?:\s+engineer)?|engineer|operator|developer|sre|admin|"
                r"reviewer|author|responder|team)")
_ZH_SUBJECTS = "他们|她们|我们|他|她|我|你|有人|某人|值班人员|值班工程师|工程师|运维人员|开发人员"


@dataclass(slots=True, frozen=True)
class _Phrase:
    group: str                 # selects the reason and suggestion in the catalogue
    pattern: re.Pattern[str]
    words: str = ""            # an English phrase as written, between its two ``\b``


def _english(group: str, pattern: str) -> _Phrase:
    assert pattern.startswith(r"\b") and pattern.endswith(r"\b"), pattern   # see _EN_ANY
    return _Phrase(group, re.compile(latin_words(pattern), re.IGNORECASE), pattern[2:-2])


def _chinese(group: str, pattern: str) -> _Phrase:
    return _Phrase(group, re.compile(pattern))


_EN_PHRASES = (
    _english("human_error", r"\b(?:human|operator|pilot)[\s-]+(?:error|mistake)s?\b"),
    _english("forgot", r"\bforg[eo]t(?:ten)?\s+to\b"),
    _english("careless", r"\bcareless(?:ly|ness)?\b"),
    _english("careless", r"\bsloppy\b"),
    _english("careless", r"\bincompeten(?:t|ce)\b"),
    _english("careless", r"\bneglig(?:ent|ently|ence)\b"),
    _english("careless", r"\b(?:didn[’']?t|did\s+not|never)\s+bother(?:ed)?\b"),
    _english("should_have_known", r"\b(?:should|ought\s+to)(?:\s+have|[’']ve)\s+known\b"),
    _english("fault", r"\bfault\s+of\b"),
    _english("fault", r"\bat\s+fault\b"),
    _english("fault", r"\b(?:his|her|their|my|your)\s+fault\b"),
    _english("fault", r"\b\w+[’']s\s+fault\b"),
    _english("fault", r"\bblam(?:e|ed|es|ing)\b"),
)

_ZH_PHRASES = (
    # "防止误操作" (prevent slips) describes a guard rail, not a person.
    _chinese("human_error", r"(?<!防止)(?<!避免)(?<!减少)"
                            r"(?:人为(?:失误|错误|因素|原因)|操作(?:失误|错误|不当)|误操作|手误)"),
    _chinese("careless", r"粗心|马虎|疏忽|失职|麻痹大意|玩忽职守"),
    _chinese("careless", r"不(?:认真|负责任|仔细)|(?:缺乏|没有)责任心|责任心不(?:强|够|足)"),
    _chinese("fault", r"责任人|归咎|甩锅|背锅"),
    _chinese("fault", r"(?:责怪|怪罪|都怪|要怪|只怪|只能怪|怪(?:他们|她们|他|她|我|你|在))"),
    # "不是谁的错" says the opposite of blame; "其他的错误日志" is "other error logs".
    _chinese("fault", r"(?<!不是)(?<!并非)(?<!其)(?:他们|她们|他|她|我|你|谁)的(?:错|过错|锅)(?!误)"),
    _chinese("should_have_known", r"(?:本应该?|本该|本来应该|早该|早就应该|应该早就|早就该|理应|理当)"
                                  r"(?:早就|早)?(?:知道|意识到|想到)"),
)

# Each list of phrases as one alternation, for a first search: a text it finds nothing in
# holds none of the phrases (most texts), and one search of the alternation costs about what
# one phrase's search does. A text it finds something in is searched phrase by phrase, so
# that phrases overlapping in it are each found.
_EN_ANY = re.compile(latin_words(r"\b(?:" + "|".join(p.words for p in _EN_PHRASES) + r")\b"),
                     re.IGNORECASE)   # one pair of boundaries: compiling them is the cost
_ZH_ANY = re.compile("|".join(phrase.pattern.pattern for phrase in _ZH_PHRASES))


def _escaped_names(people: tuple[str, ...]) -> list[str]:
    names = [re.escape(v) for person in people for v in name_variants(person)]
    names.sort(key=lambda n: -len(n))
    return names


@lru_cache(maxsize=64)
def _english_forgot(people: tuple[str, ...]) -> re.Pattern[str]:
    """'<person> forgot' in English."""
    # Names stay case-sensitive (as everywhere here); pronouns and roles do not.
    subjects = "|".join([*_escaped_names(people), HANDLE, f"(?i:{_EN_SUBJECTS})"])
    return re.compile(latin_words(rf"{BEFORE}(?:{subjects})\s+(?i:had\s+|has\s+|just\s+|simply\s+)?"
                                  rf"(?i:forgot|forgets|forgotten|forget)\b"))


@lru_cache(maxsize=64)
def _chinese_forgot(people: tuple[str, ...]) -> re.Pattern[str]:
    """'<person>忘了' in Chinese."""
    subjects = "|".join([*_escaped_names(people), _ZH_SUBJECTS])
    return re.compile(rf"(?:{subjects})(?:又|也|就)?(?:忘记|忘了|忘)")


# Findings --------------------------------------------------------------------------------


def _finding(location: str, matched: str, group: str, **values: str) -> Finding:
    return Finding(rule=RULE, location=location, matched=matched,
                   reason=t(f"blame.reason.{group}", phrase=matched, **values),
                   suggestion=t(f"blame.suggestion.{group}"))


def text_findings(text: str, location: str, people: list[str], *,
                  names: bool = True) -> list[Finding]:
    """Blame findings in one piece of text, in reading order, one per matched wording.

    ``names=False`` where naming a person is not blame (an event's fact, praise in "what
    went well"): names and @handles are not flagged there, blame phrasing still is —
    "<person> forgot" included."""
    hits: list[tuple[int, Finding]] = []
    key = tuple(people)
    forgetting = [m.span() for m in _english_forgot(key).finditer(text)]
    hits += [(start, _finding(location, text[start:end], "forgot")) for start, end in forgetting]
    hits += [(m.start(), _finding(location, m.group(), "forgot"))
             for m in _chinese_forgot(key).finditer(text)]
    if names:
        hits += [(m.start(), _finding(location, m.group(), "person")) for m in names_in(text, key)]
        hits += [(m.start(), _finding(location, handle_text(m), "handle")) for m in handles(text)]
    english = _EN_PHRASES if _EN_ANY.search(text) else ()
    for phrase in english:
        for m in phrase.pattern.finditer(text):
            if phrase.group == "forgot" and any(s <= m.start() < e for s, e in forgetting):
                continue  # "Max forgot to …" is one finding about forgetting, not two
            hits.append((m.start(), _finding(location, m.group(), phrase.group)))
    chinese = _ZH_PHRASES if _ZH_ANY.search(text) else ()
    for phrase in chinese:
        hits += [(m.start(), _finding(location, m.group(), phrase.group))
                 for m in phrase.pattern.finditer(text)]

    findings: dict[str, Finding] = {}
    for _, finding in sorted(hits, key=lambda hit: hit[0]):
        findings.setdefault(finding.key, finding)
    return list(findings.values())


def _analysis_texts(doc: Postmortem) -> list[tuple[str, str]]:
    """(location, text) of everything the blame check reads in stage 3."""
    texts = [("analysis.problem", doc.analysis.problem)]
    texts += [(node.id, node.text) for node, _ in preorder(doc)]
    texts += [(cause.id, cause.text) for _, cause in doc.analysis.causes()]
    return texts


def blame_findings(doc: Postmortem, include_dismissed: bool = False) -> list[Finding]:
    """Findings over the problem statement, every why-node and every fishbone cause."""
    people = doc.scope.people()
    findings = [f for location, text in _analysis_texts(doc)
                for f in text_findings(text, location, people)]
    return findings if include_dismissed else active(doc, findings)


def document_findings(doc: Postmortem, include_dismissed: bool = False, *,
                      texts: list[FreeText] | None = None) -> list[Finding]:
    """Findings over every free text of the document (``postmortem.texts``), stage by stage:
    the final review's "Blameless tone" line. Names count as blame everywhere but in the
    timeline and in "what went well" (``FreeText.names_are_facts``). ``texts``: those of
    ``free_texts(doc)`` to read, when the caller has them or needs only some."""
    people = doc.scope.people()
    findings = [f for text in (free_texts(doc) if texts is None else texts) if text.text.strip()
                for f in text_findings(text.text, text.location, people,
                                       names=not text.names_are_facts)]
    return findings if include_dismissed else active(doc, findings)


def title_findings(doc: Postmortem, action: Action) -> list[Finding]:
    """The findings on one action's title (``document_findings`` has them too), dismissed
    ones included: stage 5 shows them with the item's vagueness findings."""
    return text_findings(action.title, action_location(action.id), doc.scope.people())


# Root causes, contributing factors and the exit ------------------------------------------


def _marked(doc: Postmortem, role: str) -> list[tuple[str, str, str]]:
    items = [(node.id, node.text, "why") for node, _ in preorder(doc) if node.role == role]
    items += [(cause.id, cause.text, t("export.whys.from_fishbone", category=category))
              for category, cause in doc.analysis.causes() if cause.role == role]
    return items


def root_causes(doc: Postmortem) -> list[tuple[str, str, str]]:
    """(id, text, source) of every item marked root cause: the tree in display order, then
    the fishbone; source is "why" or the fishbone's label, "fishbone: <category>" in the
    language of the app."""
    return _marked(doc, "root-cause")


def contributing_factors(doc: Postmortem) -> list[tuple[str, str, str]]:
    """(id, text, source) of every item marked contributing factor (same order as above)."""
    return _marked(doc, "contributing")


def person_named_root_causes(doc: Postmortem) -> list[str]:
    """Ids of root causes whose text names a person or an @handle; dismissals do not count."""
    people = doc.scope.people()
    return [item_id for item_id, text, _ in root_causes(doc) if person_mentions(text, people)]


def analysis_exit_reasons(doc: Postmortem) -> list[str]:
    """Why stage 3 is not done yet (empty: done).

    A root cause is required; contributing factors are marked separately (at least one) and
    the fishbone holds at least one cause — both optional at lightweight depth, as the seed
    asks less of small incidents; no root cause may name a person.
    """
    reasons = []
    if not any(text.strip() for _, text, _ in root_causes(doc)):
        reasons.append(t("exit.analysis.no_root_cause"))
    if doc.scope.depth != "lightweight":
        if not any(text.strip() for _, text, _ in contributing_factors(doc)):
            reasons.append(t("exit.analysis.no_contributing"))
        if not any(cause.text.strip() for _, cause in doc.analysis.causes()):
            reasons.append(t("exit.analysis.no_fishbone"))
    named = person_named_root_causes(doc)
    if named:
        reasons.append(t("exit.analysis.person_root_cause", ids=", ".join(named)))
    return reasons
