"""Workbooks saved as .xls, .xlsb or .ods: their error cells and far cells, found by walking the file.

The reader returns an error cell of these formats as an empty one and, like for .xlsx, builds a grid from
A1 to the farthest cell, so each format gets a walker that lists every cell the reader keeps: its place,
whether it holds an Excel error, and where its record lies (to leave it out of a copy). As a last guard,
the reader's grid is first built in a forked child with capped memory: if the walker missed something,
the child dies, not iku.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import struct
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from iku_cli.read.package import Limits, Package, Refused

ERROR_CODES = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
    0x2B: "#GETTING_DATA",
}


@dataclass(frozen=True)
class Cell:
    """A cell the reader keeps: 0-based place, an Excel error code or None, and where its record is."""

    row: int
    col: int
    error: str | None
    where: int | tuple[int, int]  # byte offset of the record (.xls, .xlsb) or span of the element (.ods)
    text: str | None = None  # what it shows, where that is cheap to know (.ods)

    @property
    def offset(self) -> int:
        """The byte offset of its record (.xls, .xlsb)."""
        return self.where if isinstance(self.where, int) else self.where[0]


# --- .xlsb ------------------------------------------------------------------------------------------------


def _records(data: bytes, start: int = 0) -> tuple[int, int, int, int]:
    """One .xlsb record at ``start``: (type, payload start, payload size, next record)."""
    i = start
    kind = data[i]
    i += 1
    if kind & 0x80:
        kind = (kind & 0x7F) | ((data[i] & 0x7F) << 7)
        i += 1
    size, shift = 0, 0
    for _ in range(4):
        byte = data[i]
        i += 1
        size |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return kind, i, size, i + size


def xlsb_sheet_member(package: Package, sheet_name: str) -> str | None:
    """workbook.bin's sheet record -> its relationship -> the part holding the sheet."""
    rels = package.read_part("xl/_rels/workbook.bin.rels")
    targets = dict(re.findall(rb'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(rb'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    data = package.read_part("xl/workbook.bin")
    i = 0
    while i < len(data):
        kind, at, _, i = _records(data, i)
        if kind == 0x9C:  # BrtBundleSh
            n = struct.unpack_from("<I", data, at + 8)[0]
            relid = data[at + 12 : at + 12 + 2 * n].decode("utf-16-le").encode()
            m = struct.unpack_from("<I", data, at + 12 + 2 * n)[0]
            name = data[at + 16 + 2 * n : at + 16 + 2 * n + 2 * m].decode("utf-16-le")
            if name == sheet_name and relid in targets:
                return "xl/" + targets[relid].decode().lstrip("/")
        elif kind == 0x90:  # BrtEndBundleShs
            break
    return None


def xlsb_cells(data: bytes) -> list[Cell]:
    """Every cell record of an .xlsb sheet (a formula whose result is an error is listed; the reader drops it)."""
    cells: list[Cell] = []
    i, row = 0, 0
    while i < len(data):
        start = i
        kind, at, _, i = _records(data, i)
        if kind == 0:  # BrtRowHdr
            row = int.from_bytes(data[at : at + 4], "little")
        elif 2 <= kind <= 11:
            col = int.from_bytes(data[at : at + 4], "little")
            error = ERROR_CODES.get(data[at + 8], "#?") if kind in (3, 11) else None
            cells.append(Cell(row, col, error, start))
        elif kind == 0x92:  # BrtEndSheetData
            break
    return cells


# --- .xls ---------------------------------------------------------------------------------------------------


def xls_stream(path: Path, limits: Limits) -> bytes:
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        for name in ("Workbook", "Book"):
            if ole.exists(name):
                if ole.get_size(name) > limits.max_sheet_bytes // 2:
                    raise Refused("workbook-too-large", "isi file .xls ini terlalu besar untuk dibaca")
                return bytes(ole.openstream(name).read())
    raise Refused("workbook-wrong-format", "file OLE ini bukan workbook Excel .xls")


def xls_cells(stream: bytes, sheet_name: str) -> list[Cell] | None:
    """The cells of one .xls sheet from the BIFF8 records; None when there is no such sheet."""
    sheets: dict[str, int] = {}
    i = 0
    while i + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, i)
        if kind == 0x0085:  # BOUNDSHEET8
            chars, wide = stream[i + 10], stream[i + 11]
            raw = stream[i + 12 : i + 12 + chars * (2 if wide else 1)]
            sheets[raw.decode("utf-16-le" if wide else "latin-1")] = struct.unpack_from("<I", stream, i + 4)[
                0
            ]
        elif kind == 0x000A:  # EOF of the globals
            break
        i += 4 + size
    if sheet_name not in sheets:
        return None
    cells: list[Cell] = []
    i = sheets[sheet_name]
    while i + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, i)
        p = i + 4
        row, col = struct.unpack_from("<HH", stream, p) if size >= 4 else (0, 0)
        if kind in (0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6):  # NUMBER RK LABELSST LABEL RSTRING
            cells.append(Cell(row, col, None, i))
        elif kind == 0x0205:  # BOOLERR
            cells.append(Cell(row, col, ERROR_CODES.get(stream[p + 6], "#?") if stream[p + 7] else None, i))
        elif kind == 0x0006:  # FORMULA, with its cached result
            result = stream[p + 6 : p + 14]
            is_error = result[6:8] == b"\xff\xff" and result[0] == 2
            cells.append(Cell(row, col, ERROR_CODES.get(result[2], "#?") if is_error else None, i))
        elif kind == 0x00BD:  # MULRK: one record, several cells
            last = struct.unpack_from("<H", stream, p + size - 2)[0]
            cells += [Cell(row, c, None, i) for c in range(col, last + 1)]
        elif kind == 0x000A:
            break
        i += 4 + size
    return cells


# --- .ods ---------------------------------------------------------------------------------------------------

_ODS = re.compile(
    rb"<table:table (?P<table>[^>]*)>|</table:table>|<table:table-row\b(?P<row>[^>]*?)/?>"
    rb"|<table:(?:covered-)?table-cell\b(?P<cell>[^>]*?)(?P<empty>/?)>"
)


def ods_cells(content: bytes, sheet_name: str) -> list[Cell] | None:
    """The non-empty cells of one .ods table (repeats counted, not expanded); None when there is no such table."""
    cells: list[Cell] = []
    inside, found, row, col, repeat_rows = False, False, -1, 0, 1
    for m in _ODS.finditer(content):
        if m.group("table") is not None:
            name = re.search(rb'table:name="([^"]*)"', m.group("table"))
            inside = bool(name) and name is not None and name.group(1).decode() == sheet_name
            found = found or inside
            row = -1
        elif not inside:
            continue
        elif m.group(0) == b"</table:table>":
            break
        elif m.group("row") is not None:
            row += repeat_rows if row >= 0 else 1
            repeat = re.search(rb'table:number-rows-repeated="(\d+)"', m.group("row"))
            repeat_rows, col = (int(repeat.group(1)) if repeat else 1), 0
        else:
            attrs = m.group("cell")
            repeat = re.search(rb'table:number-columns-repeated="(\d+)"', attrs)
            n = int(repeat.group(1)) if repeat else 1
            has_text = not m.group("empty") and content.startswith(b"<text:p", m.end())
            if b"office:value-type=" in attrs or has_text:
                end = content.find(b"</table:table-cell>", m.end()) + len(b"</table:table-cell>")
                text = re.sub(rb"<[^>]+>", b"", content[m.end() : end]).decode(errors="replace").strip()
                error = (text or "#?") if b'calcext:value-type="error"' in attrs else None
                # a repeated cell is one per place; listing its two far corners is enough for the grid's extent
                for r, c in {(row, col), (row + repeat_rows - 1, col + n - 1)}:
                    cells.append(Cell(r, c, error, (m.start(), end), text[:100]))
            col += n
    return cells if found else None


# --- the last guard --------------------------------------------------------------------------------------


def probe_grid(path: Path, sheet_name: str, budget_bytes: int, timeout: float = 300.0) -> Refused | None:
    """Build the reader's grid in a forked child with capped memory; None when it fits, else why not."""
    if not hasattr(os, "fork"):
        return None  # no fork on this system: the walkers are the only guard
    import python_calamine

    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report and leave without any Python clean-up
        os.close(readable)
        message = "ok"
        try:
            with open("/proc/self/statm") as fh:
                size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            resource.setrlimit(resource.RLIMIT_AS, (size + budget_bytes, size + budget_bytes))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # the reader's "memory allocation failed"
            python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet_name)
        except BaseException as exc:  # noqa: BLE001 - the child reports whatever stopped it
            message = f"{type(exc).__name__}: {exc}"
        os.write(writable, message.encode()[:2000])
        os._exit(0)
    os.close(writable)
    started = time.monotonic()
    while not os.waitpid(pid, os.WNOHANG)[0]:
        if time.monotonic() - started > timeout:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(readable)
            return Refused(
                "sheet-too-large", f"sheet '{sheet_name}' tidak selesai dibaca dalam {timeout:.0f} detik"
            )
        time.sleep(0.01)
    message = os.read(readable, 4096).decode(errors="replace")
    os.close(readable)
    if message == "ok":
        return None
    if message:  # the reader refused the file: damaged, or not what it seems
        return Refused("workbook-unreadable", f"sheet '{sheet_name}' tidak dapat dibaca ({message})")
    return Refused(
        "sheet-too-large",
        f"sheet '{sheet_name}' memerlukan memori melebihi batas iku; kemungkinan ada sel berisi jauh di luar "
        "data: di Excel tekan Ctrl+End untuk menemukannya, hapus isinya, lalu simpan",
    )


def write_without(
    path: Path, kind: str, cells: list[Cell], package: Package | None, member: str | None, folder: Path
) -> Path:
    """A copy of the workbook in which the given cells' records are neutralised, for the reader to read."""
    copy = folder / f"tanpa-sel-jauh{path.suffix}"
    if kind == "xls":
        import olefile

        stream = bytearray(xls_stream(path, Limits()))
        for cell in cells:
            struct.pack_into("<H", stream, cell.offset, 0x0000)  # an unknown record type: skipped
        copy.write_bytes(path.read_bytes())
        with olefile.OleFileIO(str(copy), write_mode=True) as ole:
            ole.write_stream("Workbook" if ole.exists("Workbook") else "Book", bytes(stream))
        return copy
    assert package is not None and member is not None
    data = bytearray(package.zf.read(package.parts[member]))
    if kind == "xlsb":
        for cell in cells:
            data[cell.offset] = 0x01  # BrtCellBlank: the reader ignores it
    else:  # ods: the element becomes an empty cell
        pieces, last = [], 0
        for start, end in sorted({cell.where for cell in cells if isinstance(cell.where, tuple)}):
            pieces += [bytes(data[last:start]), b"<table:table-cell/>"]
            last = end
        data = bytearray(b"".join([*pieces, bytes(data[last:])]))
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for name in package.parts:
            out.writestr(name, bytes(data) if name == member else package.zf.read(name))
    return copy
