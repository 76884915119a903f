"""Sensitive data pasted into a postmortem, found wherever it is written (issue 15, item 1).

``scan(doc)`` walks every text of the document (``document_texts``: each string value of
``to_dict()`` with its field path, ``timeline[3].text``) and returns one ``Finding`` per
thing found: its kind, its field path and its span in that text. ``find_in_text`` does the
same for one text and ``mask`` replaces what it finds with ``[e-mail]``, ``[IP]``…

Kinds (``KINDS``) and what counts:

- **email** — ``name@host.tld``.
- **phone** — what ``phonenumbers.PhoneNumberMatcher`` finds with the strict-grouping
  leniency (a valid number, its digits grouped as that country groups them), read as a US
  number when it has no ``+``. A run of digits with no separator and no ``+`` is not taken
  for a phone: it is a build number, an epoch or a ticket far more often (``4155550100``).
  Times, durations (``10:30-11:45``), versions and ticket keys are never valid numbers.
- **ip** — IPv4 and IPv6 addresses that ``ipaddress`` accepts. Choice for version strings:
  ``1.2.3.4`` is a version, not an address, when a ``v`` or a version word (``version``,
  ``ver``, ``release``, ``build``, ``firmware``) comes right before it, or when it is part of a
  longer dotted run (``1.2.3.4.5``). Anything else shaped like a valid address is masked:
  on a shared screen, masking a version by mistake costs less than showing an address.
- **credentials** — a URL carrying a user and a password (``scheme://user:pass@host``),
  masked whole (its host is usually internal too).
- **secret** — the maintained ``detect-secrets`` plugins where they fit free text: AWS access
  key ids, private-key blocks (masked from BEGIN to END), JWTs (formally valid ones),
  GitHub, GitLab, Slack and Stripe tokens; a ``password: …``/``token=…`` assignment (the
  plugin for it wants quoted source code); and long high-entropy strings: 24+ characters of
  the base64 alphabet mixing upper case, lower case and digits whose Shannon entropy
  (the plugin's own measure) is above 4.0. Hex-only strings are left out on purpose: commit
  hashes and UUIDs are hex, and an incident review is full of them.
- **card** — 13 to 19 digits (spaces or dashes between groups allowed) with a card
  network's prefix that pass the Luhn check.

Where two findings overlap, the one found first in ``_DETECTORS`` order wins, so that a
credentials URL is not also an e-mail address and a JWT is not also a high-entropy string.

Cost: ``detect-secrets`` (1.5.0) is imported on the first scan only: about 70 ms of CPU
measured here, of which the seven plugin modules used are 4 ms. Importing any of its modules
runs the package's ``__init__`` (``SecretsCollection``, the scan, its filters and
``multiprocessing``: 10 ms), and ``plugins/base.py`` imports ``requests`` at module level for
its optional online verification (55 ms); no public API of the library avoids either.
``phonenumbers`` costs 11–15 ms, imported only for a text with 7 digits close together.
``find_in_text`` is cached per text, so a screen drawn again costs a dictionary lookup.
Measured on the demo postmortem with 2,000 more events: 0.5 s for the first scan of the whole
document (0.25 ms a text; ``phonenumbers`` runs only where 7 digits stand together), 65 ms
for a scan again (reading the document and the cache); the demo alone takes under 1 ms.
"""

from __future__ import annotations

import ipaddress
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from postmortem.i18n import t

KINDS = ("email", "phone", "ip", "credentials", "secret", "card")
# Kinds of secret, for the hints ("1 access key"); the mask says "[secret]" for all of them.
SECRET_LABELS = ("access_key", "private_key", "jwt", "token", "password", "high_entropy")


@dataclass(frozen=True, slots=True)
class Span:
    """One thing found in one text: ``text[start:end]`` is the value (never kept here)."""

    kind: str
    start: int
    end: int
    label: str = ""  # the kind of secret, "" for the other kinds


@dataclass(frozen=True, slots=True)
class Finding:
    """A ``Span`` in the text at ``path`` of the document."""

    kind: str
    path: str
    start: int
    end: int
    label: str = ""


# Field names whose value is never free text a person typed: identifiers, choices, times.
NOT_TEXT = frozenset({"schema", "id", "at", "parent", "milestone", "status", "severity",
                       "meeting_at", "role", "due", "kind", "category", "legal_review",
                       "data_integrity", "held_at", "date", "key", "causes"})


def document_texts(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every string of ``data`` (a document's ``to_dict()``)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in NOT_TEXT and not isinstance(value, (dict, list)):
                continue
            yield from document_texts(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from document_texts(value, f"{path}[{index}]")
    elif isinstance(data, str) and data:
        yield path, data


def scan(doc) -> list[Finding]:
    """Every finding in the whole document ``doc`` (a ``Postmortem``), in document order."""
    return scan_texts(document_texts(doc.to_dict()))


def scan_texts(texts) -> list[Finding]:
    return [Finding(span.kind, path, span.start, span.end, span.label)
            for path, text in texts for span in find_in_text(text)]


@lru_cache(maxsize=16384)
def find_in_text(text: str) -> tuple[Span, ...]:
    """What one text holds, without overlaps, by position."""
    if not text.strip():
        return ()
    chosen: list[Span] = []
    for detector in _DETECTORS:
        for span in detector(text):
            if not any(span.start < other.end and other.start < span.end for other in chosen):
                chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: s.start))


def mask(text: str, removed=None) -> str:
    """``text`` with each finding replaced by its kind in brackets: ``[e-mail]``; each one
    counted by kind in ``removed`` (``postmortem.redaction.Removed``) when given."""
    spans = find_in_text(text)
    if not spans:
        return text
    parts, position = [], 0
    for span in spans:
        if removed is not None:
            removed.add(span.kind)
        parts += [text[position:span.start], t(f"sharing.mask.{span.kind}")]
        position = span.end
    parts.append(text[position:])
    return "".join(parts)


def count_by_kind(findings) -> Counter:
    return Counter(f.kind for f in findings)


def describe_counts(findings) -> str:
    """"2 e-mail addresses, 1 access key": secrets by their label, other kinds by kind."""
    counts = Counter(f"secret_{f.label}" if f.kind == "secret" else f.kind for f in findings)
    order = [*(k for k in KINDS if k != "secret"), *(f"secret_{s}" for s in SECRET_LABELS)]
    return t("sharing.list_separator").join(
        t(f"sharing.count.{key}", count=counts[key]) for key in order if counts[key])


# Detectors --------------------------------------------------------------------------

# A scheme is short: bounding it keeps a long run like "a.a.a.…" from being scanned again
# from each of its letters (quadratic).
_CREDENTIALS_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}://[^\s:/@]+:[^\s@/]+@[^\s<>\"']+")
_EMAIL = re.compile(r"(?<![\w.%+/-])[\w.%+-]+@[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_IPV4 = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?![\w]|\.\d)")
_VERSION_BEFORE = re.compile(r"(?:\bv|\b(?:version|ver|release|build|firmware)\s*)$",
                             re.IGNORECASE)
_IPV6 = re.compile(r"(?<![\w:.])((?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|"
                   r"\d{1,3}(?:\.\d{1,3}){3})?)(?![\w:.])")
_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
_CARD_PREFIX = re.compile(r"4|5[1-5]|2[2-7]|3[47]|3[0689]|6(?:011|5|4[4-9])|35")
_PASSWORD = re.compile(r"\b(?:password|passwd|pwd|passphrase|secret|api[_-]?key|token)"
                       r"\s*[:=]\s*[\"']?([^\s\"',;]{4,})", re.IGNORECASE)
_PRIVATE_KEY_END = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_BASE64_RUN = re.compile(r"(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_=-]{24,}(?![A-Za-z0-9+/_=-])")
_ENTROPY_LIMIT = 4.0
_DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().\-/]{5,}\d")  # where a phone number may be
_JWT_TAIL = re.compile(r"[A-Za-z0-9_.+/=-]*")


def _emails(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        yield Span("email", *match.span())


def _credentials(text: str) -> Iterator[Span]:
    for match in _CREDENTIALS_URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?)":
            end -= 1  # sentence punctuation after the URL
        yield Span("credentials", match.start(), end)


def _ipv4(text: str) -> Iterator[Span]:
    for match in _IPV4.finditer(text):
        if _VERSION_BEFORE.search(text, 0, match.start()):
            continue
        try:
            ipaddress.IPv4Address(match.group(1))
        except ValueError:
            continue
        yield Span("ip", *match.span(1))


def _ipv6(text: str) -> Iterator[Span]:
    for match in _IPV6.finditer(text):
        candidate = match.group(1)
        # At least two groups of hex digits: "::" alone or "a::" is punctuation more often.
        if sum(1 for part in re.split(r"[:.]", candidate) if part) < 2:
            continue
        try:
            ipaddress.IPv6Address(candidate)
        except ValueError:
            continue
        yield Span("ip", *match.span(1))


def _phones(text: str) -> Iterator[Span]:
    # The matcher costs about 1.5 ms a text; most texts have no run of 7 digits at all.
    if not any(sum(c.isdigit() for c in run) >= 7 for run in _DIGIT_RUN.findall(text)):
        return
    import phonenumbers
    matcher = phonenumbers.PhoneNumberMatcher(text, "US",
                                              leniency=phonenumbers.Leniency.STRICT_GROUPING)
    for match in matcher:
        raw = match.raw_string
        if not raw.startswith("+") and raw.isdigit():
            continue  # a bare run of digits: a build number or an epoch (see the docstring)
        yield Span("phone", match.start, match.end)


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _cards(text: str) -> Iterator[Span]:
    for match in _CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if 13 <= len(digits) <= 19 and _CARD_PREFIX.match(digits) and _luhn(digits) \
                and len(set(digits)) > 1:
            yield Span("card", *match.span())


@lru_cache(maxsize=1)
def _secret_plugins() -> tuple[tuple[str, Any], ...]:
    """(label, plugin) of the detect-secrets plugins used; imported on the first scan."""
    from detect_secrets.plugins.aws import AWSKeyDetector
    from detect_secrets.plugins.github_token import GitHubTokenDetector
    from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
    from detect_secrets.plugins.jwt import JwtTokenDetector
    from detect_secrets.plugins.private_key import PrivateKeyDetector
    from detect_secrets.plugins.slack import SlackDetector
    from detect_secrets.plugins.stripe import StripeDetector
    return (("private_key", PrivateKeyDetector()), ("access_key", AWSKeyDetector()),
            ("jwt", JwtTokenDetector()), ("token", GitHubTokenDetector()),
            ("token", GitLabTokenDetector()), ("token", SlackDetector()),
            ("token", StripeDetector()))


def _secrets(text: str) -> Iterator[Span]:
    for label, plugin in _secret_plugins():
        for pattern in plugin.denylist:
            for match in pattern.finditer(text):
                start, end = match.span()
                if label == "private_key":
                    dashes = text.rfind("-----", 0, start)
                    start = dashes if dashes != -1 and start - dashes <= 5 else start
                    closing = _PRIVATE_KEY_END.search(text, end)
                    end = closing.end() if closing else len(text)  # the rest of the block
                elif label == "jwt":
                    end = _JWT_TAIL.match(text, end).end()  # the plugin's pattern stops short
                    if not plugin.is_formally_valid(text[start:end]):
                        continue
                yield Span("secret", start, end, label)
    for match in _PASSWORD.finditer(text):
        yield Span("secret", *match.span(1), "password")
    yield from _high_entropy(text)


@lru_cache(maxsize=1)
def _entropy_plugin():
    from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString
    return Base64HighEntropyString()


def _high_entropy(text: str) -> Iterator[Span]:
    for match in _BASE64_RUN.finditer(text):
        run = match.group()
        if not (re.search(r"[a-z]", run) and re.search(r"[A-Z]", run) and re.search(r"\d", run)):
            continue  # words, hex hashes and UUIDs; a key mixes all three
        if _entropy_plugin().calculate_shannon_entropy(run) > _ENTROPY_LIMIT:
            yield Span("secret", *match.span(), "high_entropy")


# Order matters: the first detector to claim a stretch of text keeps it (module docstring).
_DETECTORS = (_credentials, _secrets, _emails, _cards, _ipv4, _ipv6, _phones)


def customer_texts(doc) -> list[tuple[str, str]]:
    """(field path, text) of what the customer version publishes (``markdown.external``):
    the title, the customer summary, the public events, who was affected, the data-integrity
    notes (written only with an answer) and the titles of the actions it lists."""
    from postmortem.exposure import published_actions
    texts = [("title", doc.title), ("communication.customer_summary",
                                    doc.communication.customer_summary)]
    texts += [(f"timeline[{index}].text", event.text)
              for index, event in enumerate(doc.timeline) if not event.internal]
    texts.append(("impact.users_affected", doc.impact.users_affected))
    if doc.impact.data_integrity is not None:
        texts.append(("impact.data_integrity_notes", doc.impact.data_integrity_notes))
    published = {id(action) for action in published_actions(doc)}
    texts += [(f"actions[{index}].title", action.title)
              for index, action in enumerate(doc.actions) if id(action) in published]
    return [(path, text) for path, text in texts if text]
