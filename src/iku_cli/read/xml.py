"""The sheet XML of an .xlsx, read directly where the reader does not say: formulas without a stored value."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _sheet_xml_path(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", _NS)}
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        if sheet.get("name") == sheet_name:
            target = targets.get(sheet.get(f"{{{_NS['r']}}}id")) or ""
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def formulas_without_value(path: Path, sheet_name: str) -> set[tuple[int, int]]:
    """(row, column), both 0-based, of every formula cell that carries no cached value."""
    try:
        with zipfile.ZipFile(path) as zf:
            member = _sheet_xml_path(zf, sheet_name)
            if member is None:
                return set()
            data = zf.read(member)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return set()
    found: set[tuple[int, int]] = set()
    for match in _FORMULA.finditer(data):
        start = max(data.rfind(b"<c ", 0, match.start()), data.rfind(b"<x:c ", 0, match.start()))
        end = data.find(b"</c>", match.end())
        end2 = data.find(b"</x:c>", match.end())
        end = min(e for e in (end, end2, len(data)) if e >= 0)
        chunk = data[start:end]
        if b"<v>" in chunk or b"<x:v>" in chunk or b"<is>" in chunk:
            continue
        ref = _CELL_REF.search(chunk)
        if ref:
            found.add((int(ref.group(2)) - 1, column_index(ref.group(1).decode())))
    return found


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 0, AA -> 26."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1
