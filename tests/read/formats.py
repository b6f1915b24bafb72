"""Small writers for the other formats iku reads (.ods, .xlsb) and for hand-made or hostile .xlsx parts."""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

ERROR_BYTES = {
    "#NULL!": 0x00,
    "#DIV/0!": 0x07,
    "#VALUE!": 0x0F,
    "#REF!": 0x17,
    "#NAME?": 0x1D,
    "#NUM!": 0x24,
    "#N/A": 0x2A,
}


def write_ods(path: Path, sheet: str, rows: list[list[object]]) -> Path:
    """A minimal .ods; a cell ("err", "#DIV/0!") is an Excel error as LibreOffice stores it."""

    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, tuple):
            return (
                '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" '
                f'calcext:value-type="error"><text:p>{value[1]}</text:p></table:table-cell>'
            )
        if isinstance(value, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", "<manifest/>")
    return path


def _record(kind: int, payload: bytes = b"") -> bytes:
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, n = bytearray(), len(payload)
    while True:
        size.append((n & 0x7F) | (0x80 if n >> 7 else 0))
        n >>= 7
        if not n:
            break
    return head + bytes(size) + payload


def _wide(text: str) -> bytes:
    raw = text.encode("utf-16-le")
    return struct.pack("<I", len(raw) // 2) + raw


def write_xlsb(path: Path, sheet: str, cells: list[tuple[int, int, object]]) -> Path:
    """A minimal .xlsb; cells are (row, col, value), 0-based, in row order; ("err", "#VALUE!") is an error cell."""
    last_row = max(r for r, _, _ in cells)
    last_col = max(c for _, c, _ in cells)
    data = bytearray(
        _record(0x81) + _record(0x94, struct.pack("<IIII", 0, last_row, 0, last_col)) + _record(0x91)
    )
    current = None
    for r, c, value in cells:
        if r != current:
            data += _record(0x00, struct.pack("<I", r) + b"\0" * 13)
            current = r
        head = struct.pack("<II", c, 0)
        if isinstance(value, tuple):
            data += _record(0x03, head + bytes([ERROR_BYTES[str(value[1])]]))
        elif isinstance(value, (int, float)):
            data += _record(0x05, head + struct.pack("<d", float(value)))
        else:
            data += _record(0x06, head + _wide(str(value)))
    data += _record(0x92) + _record(0x82)
    book = (
        _record(0x83)
        + _record(0x8F)
        + _record(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet))
        + _record(0x90)
        + _record(0x84)
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.bin", bytes(book))
        zf.writestr("xl/_rels/workbook.bin.rels", rels)
        zf.writestr("xl/worksheets/sheet1.bin", bytes(data))
    return path


def rewrite_part(path: Path, part: str, change) -> Path:  # noqa: ANN001 - change: bytes -> bytes
    """Rewrite one part of an .xlsx in place (the tests' own copies only): for cells no writer will make."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def set_cell_xml(path: Path, ref: str, xml: str, sheet_part: str = "xl/worksheets/sheet1.xml") -> Path:
    """Replace cell ``ref``'s element in an .xlsx sheet by ``xml`` (e.g. an error or an infinity)."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
    return rewrite_part(path, sheet_part, lambda data: pattern.sub(xml.encode(), data, count=1))
