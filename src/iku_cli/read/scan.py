"""One pass over an .xlsx sheet's XML for what the reader does not say: Excel error cells, formulas without
a stored value, and how large a grid the reader would build (a stray cell far from the data is found here).

The reader returns an error cell (#VALUE!, #DIV/0! ...) and a formula without a value as an empty cell,
so both are found in the XML itself. The pass inflates the part in chunks within its cap and runs a few
C-speed searches on each; only a chunk where a search hits gets per-cell work. Excel and most programs write
a cell's address first (``<c r="B7" s="3">``); the searches take that as their quick case, and a chunk whose
cells put it elsewhere (``<c s="3" r="B7">``, as XML allows) is read attribute by attribute.
"""

from __future__ import annotations

import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from iku_cli.read.cellref import cell_ref, column_index
from iku_cli.read.package import Limits, Package, Refused, inflate, read_ahead

if TYPE_CHECKING:
    import numpy as np

_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
# A tag's attributes before its address, walked whole: an r="..." inside another attribute's value is not it.
_ATTRIBUTES = rb"""(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*?"""
_BEFORE_R = _ATTRIBUTES + rb"\s+r="
# Every cell of a chunk with no hit of the "far" search lies in columns A..Z and rows below 1,000,000.
NARROW_ROWS, NARROW_COLS = 999_999, 26


@dataclass
class SheetScan:
    """What the XML says beyond the values: error cells, formulas without value, the grid's upper bound."""

    max_row: int = 0  # 1-based upper bound of the rows the reader keeps
    max_col: int = 0  # 1-based upper bound of the columns
    errors: dict[str, str] = field(default_factory=dict)  # "G17" -> "#VALUE!"
    no_cache: list[str] = field(default_factory=list)  # formula cells without a stored value
    irregular: bool = False  # cells without an address the searches read: the bound cannot be trusted

    @property
    def bound_cells(self) -> int:
        return self.max_row * self.max_col


def _pieces(package: Package, member: str, prefixed: threading.Event | None = None) -> Iterator[bytes]:
    """The part inflated in chunks cut before a row (or a tag), so that no cell is split between two.

    ``prefixed`` is set (before the chunk that holds it is given) once the XML holds ":c", as a tag with a
    namespace prefix does ("<x:c"): looked for on the inflating thread, where it costs the search nothing.
    """
    limits = package.limits
    tail = b""
    pending: list[bytes] = []
    size = 0
    inflated = inflate(package, member, limits.max_sheet_bytes)
    for piece in read_ahead(_marked(inflated, prefixed) if prefixed is not None else inflated):
        pending.append(piece)
        size += len(piece)
        if size < limits.chunk:
            continue
        data = tail + b"".join(pending)
        pending, size = [], 0
        cut = data.rfind(b"<row")
        if cut <= 0:
            cut = data.rfind(b"<")
        if cut <= 0:
            _refuse_text_run(data, member, limits)
            tail = data
            continue
        yield data[:cut]
        tail = data[cut:]
    data = tail + b"".join(pending)
    if data:
        if data.find(b"<", max(0, len(data) - limits.max_text_run)) < 0:
            _refuse_text_run(data, member, limits)
        yield data


def _marked(pieces: Iterator[bytes], prefixed: threading.Event) -> Iterator[bytes]:
    """``pieces`` as they are, ``prefixed`` set at the first ":c" among them (":" is rare; memchr finds it)."""
    last = b""
    for piece in pieces:
        if piece and not prefixed.is_set():
            if last == b":" and piece[:1] == b"c":  # ":c" across two pieces
                prefixed.set()
            at = piece.find(b":")
            while at >= 0 and not prefixed.is_set():
                if piece[at + 1 : at + 2] == b"c":
                    prefixed.set()
                at = piece.find(b":", at + 1)
            last = piece[-1:]
        yield piece


def _refuse_text_run(data: bytes, member: str, limits: Limits) -> None:
    if len(data) > limits.max_text_run:
        raise Refused(
            "workbook-too-large",
            f"bagian {member} berisi satu teks atau spasi lebih dari {limits.max_text_run // (1 << 20)} MB tanpa tag; "
            "bukan isi sel Excel yang wajar (Excel membatasi 32.767 karakter per sel)",
        )


@dataclass(frozen=True)
class _Patterns:
    """The searches for one sheet, whose tags may carry a namespace prefix ("x:c")."""

    prefix: bytes  # the root's namespace prefix (b"" or b"x:"), which every cell tag must share
    foreign: re.Pattern[bytes]  # a cell tag with another prefix, or none where the root has one
    far: re.Pattern[bytes]  # either of the next two, in one search
    anomaly: re.Pattern[bytes]  # a cell past column Z, or at row 1,000,000 or later
    ref: re.Pattern[bytes]
    irregular: re.Pattern[bytes]  # a cell whose address is not its first attribute, or that has none
    cell: re.Pattern[bytes]  # every cell tag
    any_ref: re.Pattern[bytes]  # the address of a cell tag, wherever among its attributes
    formula: re.Pattern[bytes]
    error: re.Pattern[bytes]  # (attributes, value) of an error cell
    no_cache: re.Pattern[bytes]  # attributes of a formula cell without a value

    @classmethod
    def for_prefix(cls, prefix: bytes) -> _Patterns:
        p = re.escape(prefix)
        empty_value = rb"(?:<" + p + rb"v\s*/>|<" + p + rb"v>\s*</" + p + rb"v>)?"
        formula = rb"(?:<" + p + rb"f\b[^>]*/>|<" + p + rb"f\b[^>]*>[^<]*</" + p + rb"f>)"
        cell = rb"<" + p + rb"c(?=[\s>/])"
        foreign = rb"<(?!" + p + rb"c[\s>/])(?:\w+:)?c[\s>/]" if prefix else rb"<\w+:c[\s>/]"
        return cls(  # letters in either case: the reader reads r="xfd1048576" as XFD1048576
            prefix=prefix,
            foreign=re.compile(foreign),
            far=re.compile(rb"<" + p + rb'c(?: r="[A-Za-z](?:[A-Za-z]|\d{7})|(?! r=")[\s>/])'),
            anomaly=re.compile(rb"<" + p + rb'c r="[A-Za-z](?:[A-Za-z]|\d{7})'),
            ref=re.compile(rb"<" + p + rb'c r="([A-Za-z]+)(\d+)"'),
            irregular=re.compile(rb"<" + p + rb'c(?! r=")[\s>/]'),
            cell=re.compile(cell),
            any_ref=re.compile(cell + _BEFORE_R + rb'"([A-Za-z]+)(\d+)"'),
            formula=re.compile(rb"<" + p + rb"f[\s>/]"),
            error=re.compile(
                cell + rb'([^>]*?\bt="e"[^>]*)>' + formula + rb"?<" + p + rb"v>([^<]*)</" + p + rb"v>"
            ),
            no_cache=re.compile(cell + rb"([^>]*)>" + formula + empty_value + rb"</" + p + rb"c>"),
        )


def _patterns(first: bytes, member: str) -> _Patterns:
    if _DTD.search(first, 0, 4096):
        raise Refused(
            "workbook-unreadable", f"bagian {member} berisi deklarasi DTD/ENTITY; bukan file Excel yang wajar"
        )
    root = re.search(rb"<(\w+:)?worksheet\b", first)
    return _Patterns.for_prefix((root.group(1) or b"") if root else b"")


def scan_sheet(package: Package, member: str, *, bound: bool = True, cells: bool = True) -> SheetScan:
    """Error cells, formulas without value and the bound of the grid, in one pass over the sheet's XML.

    ``bound=False`` leaves out the grid's bound, ``cells=False`` the error cells and formulas: the two
    halves can be asked in two passes, the bound first (all a reader needs before it may load the sheet).
    """
    scan = SheetScan()
    rx: _Patterns | None = None
    narrow = False
    # the reader reads a cell whatever its tag's prefix; the searches need the root's
    prefixed = threading.Event()
    for data in _pieces(package, member, prefixed if bound else None):
        rx = rx or _patterns(data, member)
        if bound and (rx.prefix or prefixed.is_set()) and rx.foreign.search(data):
            scan.irregular = True
        if bound:
            hit = rx.far.search(data)
            if hit and rx.irregular.search(data, hit.start()):  # some address not first, or none
                refs = rx.any_ref.findall(data)
                scan.irregular = scan.irregular or len(refs) != len(rx.cell.findall(data))
                _widen(scan, refs)
            elif hit and rx.anomaly.search(data, hit.start()):
                _widen(scan, rx.ref.findall(data))
            elif not narrow and rx.ref.search(data):
                narrow = True
        if cells and data.find(b't="e"') >= 0:
            scan.errors.update(
                (ref, value.decode(errors="replace"))
                for attributes, value in rx.error.findall(data)
                if (ref := _address(attributes))
            )
        if cells and rx.formula.search(data):
            scan.no_cache += [
                ref for attributes in rx.no_cache.findall(data) if (ref := _address(attributes))
            ]
    if narrow:
        scan.max_row = max(scan.max_row, NARROW_ROWS)
        scan.max_col = max(scan.max_col, NARROW_COLS)
    return scan


def _widen(scan: SheetScan, refs: list[tuple[bytes, bytes]]) -> None:
    """Raise the grid's bound to take in cells at ``refs`` (column letters, row digits)."""
    if refs:
        scan.max_row = max(scan.max_row, max(int(r) for _, r in refs))
        scan.max_col = max(
            scan.max_col, 1 + max(column_index(c.decode().upper()) for c in {c for c, _ in refs})
        )


_ADDRESS = re.compile(rb"^" + _BEFORE_R + rb'"([A-Za-z]+\d+)"')


def _address(attributes: bytes) -> str:
    """A cell's address ("G17") from its tag's attributes, wherever it stands among them ("" for none)."""
    found = _ADDRESS.match(attributes)
    return found.group(1).decode().upper() if found else ""


# --- the rare path: a grid larger than the limit ---------------------------------------------------------


def exact_cells(package: Package, member: str) -> tuple[np.ndarray, np.ndarray]:
    """The 0-based row and column of every cell the reader keeps (an empty styled cell "<c .../>" it drops)."""
    import numpy as np  # only on this rare path: the normal read does not wait for it

    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    letters_rx = digits_rx = empty_rx = None
    for data in _pieces(package, member):
        if letters_rx is None:
            root = re.search(rb"<(\w+:)?worksheet\b", data)
            p = re.escape((root.group(1) or b"") if root else b"")
            cell = rb"<" + p + rb"c(?=[\s>/])" + _BEFORE_R
            letters_rx = re.compile(cell + rb'"([A-Za-z]{1,3})')
            digits_rx = re.compile(cell + rb'"[A-Za-z]{1,3}(\d{1,10})')
            empty_rx = re.compile(rb"<" + p + rb"c(?=[\s/])[^>]*/>")
        if empty_rx is not None and data.find(b"/>") >= 0:
            data = empty_rx.sub(b"", data)
        letters = letters_rx.findall(data)
        digits = digits_rx.findall(data) if digits_rx is not None else []
        if len(letters) != len(digits):
            raise Refused(
                "workbook-unreadable", "alamat sel di sheet ini tidak wajar; buka dan simpan ulang di Excel"
            )
        if letters:
            rows.append(np.array(digits, dtype="S10").astype(np.int64) - 1)
            unique, inverse = np.unique(np.array(letters, dtype="S3"), return_inverse=True)
            cols.append(np.array([column_index(u.decode().upper()) for u in unique], dtype=np.int64)[inverse])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows), np.concatenate(cols)


def far_cells(
    rows: np.ndarray, cols: np.ndarray, max_cells: int, max_far: int
) -> tuple[list[tuple[int, int]], str | None]:
    """Peel the outermost row or column (whichever frees the most grid per cell taken) until the rest fits.

    Returns the cells taken (0-based row, column) and the last cell of what is left ("H1000000"),
    or None for that when more than ``max_far`` cells would have to go: the sheet is then simply too large.
    """
    import numpy as np

    keep = np.ones(len(rows), dtype=bool)
    taken: list[tuple[int, int]] = []
    while keep.any():
        r, c = rows[keep], cols[keep]
        height, width = int(r.max()) + 1, int(c.max()) + 1
        if height * width <= max_cells:
            return taken, cell_ref(height - 1, width - 1)
        on_row, on_col = keep & (rows == height - 1), keep & (cols == width - 1)
        next_height = int(r[r < height - 1].max()) + 1 if (r < height - 1).any() else 0
        next_width = int(c[c < width - 1].max()) + 1 if (c < width - 1).any() else 0
        gain_row = (height - next_height) * width / max(1, int(on_row.sum()))
        gain_col = (width - next_width) * height / max(1, int(on_col.sum()))
        take = on_row if gain_row >= gain_col else on_col
        taken += [(int(a), int(b)) for a, b in zip(rows[take], cols[take], strict=True)]
        keep &= ~take
        if len(taken) > max_far:
            break
    return taken, None


_VALUE = re.compile(rb"<(?:\w+:)?(?:v|t)(?:\s[^>]*)?>([^<]*)<")


def cell_texts(package: Package, member: str, refs: set[str]) -> dict[str, str]:
    """What each named cell holds, as text (shared strings looked up): to name a stray cell with its content."""
    if not refs:
        return {}
    target = re.compile(
        rb"<(?:\w+:)?c(?=\s)("
        + _ATTRIBUTES
        + rb')\s+r="(?i:('
        + b"|".join(re.escape(r.encode()) for r in refs)
        + rb'))"([^>]*?)(/?)>'
    )
    raw: dict[str, tuple[bytes, bytes]] = {}
    for data in _pieces(package, member):
        for m in target.finditer(data):
            end = data.find(b"c>", m.end())
            value = _VALUE.search(data, m.end(), end if end > 0 else len(data))
            attributes = m.group(1) + b" " + m.group(3)
            raw[m.group(2).decode().upper()] = (
                attributes,
                b"" if m.group(4) or not value else value.group(1),
            )
    wanted = {int(v): ref for ref, (attrs, v) in raw.items() if b't="s"' in attrs and v.isdigit()}
    shared = _shared_strings(package, set(wanted)) if wanted else {}
    return {
        ref: shared.get(int(v), "") if b't="s"' in attrs and v.isdigit() else v.decode(errors="replace")
        for ref, (attrs, v) in raw.items()
    }


def _shared_strings(package: Package, wanted: set[int]) -> dict[int, str]:
    if "xl/sharedStrings.xml" not in package.parts:
        return {}
    found: dict[int, str] = {}
    index, tail = -1, b""
    item = re.compile(rb"<(?:\w+:)?si\b")
    for piece in inflate(package, "xl/sharedStrings.xml", package.limits.max_sst_bytes):
        data = tail + piece
        cut = data.rfind(b"<")
        data, tail = data[:cut], data[cut:]
        for m in item.finditer(data):
            index += 1
            if index in wanted:
                end = data.find(b"si>", m.end())
                found[index] = (
                    re.sub(rb"<[^>]+>", b"", data[m.end() : end]).decode(errors="replace").lstrip(">")
                )
        if len(found) == len(wanted):
            break
    return found


def without_cells(package: Package, member: str, refs: set[str], folder: Path) -> Path:
    """A copy of the workbook whose sheet lacks the named cells (the sheet part stored, not compressed)."""
    pattern = re.compile(
        rb"<(\w+:)?c(?=\s)"
        + _BEFORE_R
        + rb'"(?i:'
        + b"|".join(re.escape(r.encode()) for r in refs)
        + rb')"[^>]*?(?:/>|>.*?</\1?c>)',
        re.S,
    )
    copy = folder / ("tanpa-sel-jauh" + Path(str(package.zf.filename)).suffix)
    with zipfile.ZipFile(copy, "w") as out:
        for name, info in package.parts.items():
            stored = zipfile.ZipInfo(name, date_time=info.date_time)
            if name == member:
                with out.open(stored, "w", force_zip64=True) as dst:
                    for data in _pieces(package, member):
                        dst.write(pattern.sub(b"", data))
            else:
                stored.compress_type = info.compress_type
                with (
                    package.zf.open(info) as src,
                    out.open(stored, "w", force_zip64=info.file_size > 1 << 30) as dst,
                ):
                    shutil.copyfileobj(src, dst, 1 << 20)
    return copy


def describe_far(refs: list[tuple[int, int]], texts: dict[str, str], last: str) -> list[tuple[str, str, str]]:
    """(cell, its text, the message) for each stray cell, in reading order."""
    out = []
    for r, c in sorted(refs):
        ref = cell_ref(r, c)
        text = texts.get(ref, "")
        out.append(
            (
                ref,
                text,
                f"{ref} berisi '{text}', jauh di luar data (data di A1:{last}): hapus isinya; sheet dibaca tanpa sel ini",
            )
        )
    return out
