"""What kind of file a workbook really is, before a reader is let near it."""

from __future__ import annotations

import zipfile
from pathlib import Path

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")


def sniff(path: Path) -> tuple[str, str] | None:
    """None for a proper .xlsx; otherwise (finding code, Indonesian reason)."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if not head:
            return "workbook-unreadable", "file kosong (0 byte), kemungkinan salinan yang belum selesai"
        if head == _OLE_MAGIC:
            fh.seek(0)
            if _ENCRYPTION_MARK in fh.read(1 << 20):
                return "workbook-encrypted", "workbook dilindungi kata sandi; simpan ulang tanpa kata sandi"
            return (
                "workbook-wrong-format",
                "file ini berformat .xls (Excel 97-2003); simpan ulang sebagai .xlsx",
            )
    if head[:4] != b"PK\x03\x04":
        return (
            "workbook-wrong-format",
            "file ini bukan workbook Excel (mungkin .csv atau teks); simpan ulang sebagai .xlsx",
        )
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and b"opendocument" in zf.read("mimetype"):
                return (
                    "workbook-wrong-format",
                    "file ini berformat .ods (LibreOffice); simpan ulang sebagai .xlsx",
                )
            if "xl/workbook.xml" not in names:
                return "workbook-wrong-format", "file zip ini bukan workbook Excel .xlsx"
    except zipfile.BadZipFile:
        return "workbook-unreadable", "file rusak atau terpotong (zip tidak utuh); salin ulang file aslinya"
    return None
