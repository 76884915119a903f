"""The sensitive-data scanner (issue 15, item 1): true and false positives, one by one."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from postmortem.model import Event, Postmortem
from postmortem.scanner import describe_counts, document_texts, find_in_text, mask, scan

JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ"
       ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
PRIVATE_KEY = ("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2\n"
               "-----END RSA PRIVATE KEY-----")

# (text, the value found in it, its kind, the kind of secret)
TRUE_POSITIVES = [
    ("mail priya@example.com about it", "priya@example.com", "email", ""),
    ("cc ops.oncall+pager@corp.example.co.uk.", "ops.oncall+pager@corp.example.co.uk", "email", ""),
    ("called +1 415 555 0100 at once", "+1 415 555 0100", "phone", ""),
    ("bridge (415) 555-2671", "(415) 555-2671", "phone", ""),
    ("UK desk +44 20 7946 0958", "+44 20 7946 0958", "phone", ""),
    ("traffic from 203.0.113.7 spiked", "203.0.113.7", "ip", ""),
    ("primary at 10.0.3.17:5432", "10.0.3.17", "ip", ""),
    ("blocked 198.51.100.0/24", "198.51.100.0", "ip", ""),
    ("peer fe80::1ff:fe23:4567:890a down", "fe80::1ff:fe23:4567:890a", "ip", ""),
    ("bind 2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334", "ip", ""),
    ("the host 1.2.3.4 answered", "1.2.3.4", "ip", ""),
    ("DSN postgres://app:hunter2@db.internal:5432/orders.", "postgres://app:hunter2@db.internal:5432/orders",
     "credentials", ""),
    ("key AKIAIOSFODNN7EXAMPLE leaked", "AKIAIOSFODNN7EXAMPLE", "secret", "access_key"),
    (f"pasted {PRIVATE_KEY} oops", PRIVATE_KEY, "secret", "private_key"),
    (f"header Bearer {JWT} seen", JWT, "secret", "jwt"),
    ("token ghp_" + "A1b2" * 9 + " revoked", "ghp_" + "A1b2" * 9, "secret", "token"),
    ("glpat-abcdefghij1234567890 rotated", "glpat-abcdefghij1234567890", "secret", "token"),
    ("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKl", "xoxb-123456789012-1234567890123-AbCdEfGhIjKl",
     "secret", "token"),
    ("stripe sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "secret", "token"),
    ("db password: Tr0ub4dor&3 was reset", "Tr0ub4dor&3", "secret", "password"),
    ("signing secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here",
     "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "secret", "high_entropy"),
    ("card 4111 1111 1111 1111 charged twice", "4111 1111 1111 1111", "card", ""),
    ("amex 3782-822463-10005", "3782-822463-10005", "card", ""),
    ("card 5555555555554444", "5555555555554444", "card", ""),
]

FALSE_POSITIVES = [
    ("timestamp", "deploy at 2026-03-14T10:30:00Z then 2026-03-14 10:31"),
    ("time of day", "paged at 10:30:00 and again at 11:45"),
    ("duration", "outage 10:30-11:45 (75 min)"),
    ("version after 'version'", "rolled back to version 1.2.3.4"),
    ("version after 'v'", "shipped v1.2.3.4 and v2.0.0.1"),
    ("version after 'build'", "build 10.4.0.12 broke it"),
    ("longer dotted run", "package 1.2.3.4.5 pinned"),
    ("semver", "upgraded 3.11.4 to 3.12.0"),
    ("ticket keys", "OPS-1234 and INC-4821 and JIRA-99"),
    ("ticket number", "see ticket 58812 and #4821"),
    ("bare digit run", "build 4155550100 failed"),
    ("uuid", "request 123e4567-e89b-12d3-a456-426614174000 failed"),
    ("commit hash", "reverted 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f"),
    ("short commit", "fix in 3f2a9c1"),
    ("sha256", "image sha256:9b2a8f0c1d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a"),
    ("not a valid IPv4", "counter 999.10.10.10 rolled over"),
    ("url without password", "see https://status.example.com/incidents/42"),
    ("url with user only", "clone ssh://git@github.com/org/repo"),
    ("handle", "@priya paged @here"),
    ("card failing Luhn", "order 4111 1111 1111 1112"),
    ("long number without a card prefix", "trace 9876543210987654"),
    ("long plain words", "checkout-service-deployment-canary-rollback"),
    ("camel case identifier", "PaymentGatewayTimeoutExceptionHandler"),
    ("word password alone", "the password reset page was slow"),
    ("clock range with colons", "window 09:00:00-09:15:00"),
    ("percent and ratios", "error rate 12.5% at 3:1 ratio"),
    ("dotted date", "on 14.03.2026 at 10.30"),
]


@pytest.mark.parametrize("text, value, kind, label", TRUE_POSITIVES,
                         ids=[f"{row[2]}-{i}" for i, row in enumerate(TRUE_POSITIVES)])
def test_true_positive_is_found_with_its_kind_and_span(text, value, kind, label):
    spans = find_in_text(text)
    assert [(text[s.start:s.end], s.kind, s.label) for s in spans] == [(value, kind, label)]


@pytest.mark.parametrize("why, text", FALSE_POSITIVES, ids=[row[0] for row in FALSE_POSITIVES])
def test_false_positive_is_not_found(why, text):
    assert find_in_text(text) == ()
    assert mask(text) == text


def test_mask_replaces_each_value_with_its_kind_and_keeps_the_rest():
    text = ("Ask bob@example.com, call +1 415 555 0100, host 10.0.0.5, "
            "postgres://u:p4ss@db/x, key AKIAIOSFODNN7EXAMPLE, card 4111111111111111.")
    assert mask(text) == ("Ask [e-mail], call [phone], host [IP], [credentials], "
                          "key [secret], card [card].")


def test_credentials_url_is_one_finding_not_an_email_too():
    spans = find_in_text("mysql://admin:s3cret@db.example.com/app")
    assert [s.kind for s in spans] == ["credentials"]


def _doc() -> Postmortem:
    at = datetime(2026, 3, 14, 10, 30, tzinfo=timezone.utc)
    doc = Postmortem(id="pm-1", title="Checkout outage")
    doc.timeline = [Event(id="e1", at=at, text="Rolled back v1.2.3.4"),
                    Event(id="e2", at=at, text="mail ana@example.com and sam@example.com"),
                    Event(id="e3", at=at, text="AKIAIOSFODNN7EXAMPLE in the log", internal=True)]
    doc.impact.users_affected = "EU shoppers, desk +44 20 7946 0958"
    return doc


def test_scan_walks_the_whole_document_with_field_paths():
    findings = scan(_doc())
    assert [(f.path, f.kind) for f in findings] == [
        ("timeline[1].text", "email"), ("timeline[1].text", "email"),
        ("timeline[2].text", "secret"), ("impact.users_affected", "phone")]
    text = _doc().timeline[1].text
    assert [text[f.start:f.end] for f in findings[:2]] == ["ana@example.com", "sam@example.com"]


def test_document_texts_skips_identifiers_and_times():
    paths = dict(document_texts(_doc().to_dict()))
    assert "timeline[0].text" in paths and "title" in paths
    assert not any(p.endswith((".id", ".at")) or p in ("id", "schema") for p in paths)


def test_counts_name_secrets_by_their_kind_and_never_a_value():
    sentence = describe_counts(scan(_doc()))
    assert sentence == "2 e-mail addresses, 1 phone number, 1 access key"
    assert "@" not in sentence and "AKIA" not in sentence
