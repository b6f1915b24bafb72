"""Files that are not workbooks, or not readable ones: each a finding with its code and reason."""

from __future__ import annotations

import zipfile

import pytest

from tests.helpers import umkm
from tests.read.test_sheet import only, put, read


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"", "workbook-unreadable", "0 byte"),
        (b"NIB;Nama Usaha\n1;A\n", "workbook-wrong-format", ".csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "workbook-wrong-format", ".xls"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            "workbook-encrypted",
            "kata sandi",
        ),
    ],
)
def test_files_that_are_not_workbooks(config, tmp_path, content, code, words):
    target = tmp_path / "2024" / "bidang_usaha_mikro_ikm.xlsx"
    target.parent.mkdir(parents=True)
    target.write_bytes(content)
    finding = only(read(config, tmp_path, "umkm"), code)
    assert finding.severity == "error" and words in finding.message


def test_truncated_workbook(config, tmp_path):
    put(tmp_path, {"Data UMKM": umkm(("1", "Mikro", 1))})
    path = tmp_path / "2024" / "bidang_usaha_mikro_ikm.xlsx"
    path.write_bytes(path.read_bytes()[:1500])
    finding = only(read(config, tmp_path, "umkm"), "workbook-unreadable")
    assert "rusak" in finding.message


def test_ods_renamed(config, tmp_path):
    target = tmp_path / "2024" / "bidang_usaha_mikro_ikm.xlsx"
    target.parent.mkdir(parents=True)
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert ".ods" in only(read(config, tmp_path, "umkm"), "workbook-wrong-format").message


def test_folder_instead_of_file(config, tmp_path):
    (tmp_path / "2024" / "bidang_usaha_mikro_ikm.xlsx").mkdir(parents=True)
    assert "folder" in only(read(config, tmp_path, "umkm"), "workbook-unreadable").message


def test_pieces_read_ahead_come_in_order_and_so_does_what_stops_them():
    import threading

    from iku_cli.read.package import Refused, read_ahead

    def pieces(n, fail=False):
        for i in range(n):
            yield bytes([i])
        if fail:
            raise Refused("workbook-too-large", "terlalu besar")

    assert list(read_ahead(pieces(50), depth=2)) == [bytes([i]) for i in range(50)]
    got = []
    with pytest.raises(Refused, match="terlalu besar"):
        for piece in read_ahead(pieces(5, fail=True)):
            got.append(piece)
    assert got == [bytes([i]) for i in range(5)]  # every piece before the refusal, then the refusal
    before = threading.active_count()
    taken = read_ahead(pieces(1000), depth=1)
    next(taken)
    taken.close()  # the taker stops early: the maker stops too
    for _ in range(50):
        if threading.active_count() <= before:
            break
        threading.Event().wait(0.05)
    assert threading.active_count() <= before
