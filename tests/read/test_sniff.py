"""What a file really is, before a reader is let near it."""

from __future__ import annotations

import zipfile

import pytest

from iku_cli.read.sniff import sniff
from tests.helpers import write_book


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"", "workbook-unreadable", "0 byte"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "workbook-wrong-format", ".xls"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            "workbook-encrypted",
            "sandi",
        ),
        (b"Kode;Nilai\nC;1\n", "workbook-wrong-format", ".csv"),
        (b"PK\x03\x04 broken", "workbook-unreadable", "zip tidak utuh"),
    ],
)
def test_sniff_names_what_the_file_is(tmp_path, content, code, words):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    found = sniff(path)
    assert found is not None and found[0] == code and words in found[1]


def test_a_zip_that_is_no_workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    assert sniff(path) == ("workbook-wrong-format", "file zip ini bukan workbook Excel .xlsx")


def test_a_proper_workbook_passes(tmp_path):
    assert sniff(write_book(tmp_path / "x.xlsx", {"S": [["a"]]})) is None
