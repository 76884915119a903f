"""storage.reading.read_json: UTF-8 with or without a byte-order mark, as the "utf-8-sig"
codec reads it; anything else is not UTF-8 text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.errors import CorruptFileError
from storage.reading import read_json


@pytest.mark.parametrize("raw", [b'{"a": "\xc3\xa9"}', b'\xef\xbb\xbf{"a": "\xc3\xa9"}'])
def test_utf8_with_or_without_a_bom(tmp_path, raw):
    path = tmp_path / "doc.json"
    path.write_bytes(raw)
    assert read_json(path) == {"a": "é"}


@given(st.binary(max_size=12))
def test_bytes_decode_as_the_utf8_sig_codec_decodes_them(tmp_path_factory, payload):
    path = tmp_path_factory.mktemp("r") / "doc.json"
    raw = b'"' + payload + b'"'
    for prefix in (b"", b"\xef\xbb\xbf", b"\xef\xbb"):
        path.write_bytes(prefix + raw)
        try:
            expected = json.loads((prefix + raw).decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            with pytest.raises(CorruptFileError):
                read_json(path)
        else:
            assert read_json(path) == expected


def test_not_utf8_says_so(tmp_path):
    path = tmp_path / "doc.json"
    path.write_bytes(b'\xef\xbb\xbf{"a": "\xff"}')
    with pytest.raises(CorruptFileError, match="it is not UTF-8 text"):
        read_json(path)
