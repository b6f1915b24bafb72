"""The workbook file checked before any reader is let near it: what it is, and that it fits the limits.

A reader allocates what a file declares: one stray cell at XFD1048576 makes python-calamine ask for 549 GB,
a sharedStrings part that claims four billion strings 96 GB, a few-MB zip that inflates to 3 GB aborts it.
An abort cannot be caught, so every such file is refused here, in milliseconds, with a finding that says why.
python-calamine never inflates a zip part past the size the zip's directory declares, so checking the
declared sizes bounds what it will ever inflate; iku's own reads count inflated bytes against the same caps.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from queue import Full, Queue
from xml.etree import ElementTree

MiB = 1 << 20
GiB = 1 << 30


@dataclass(frozen=True)
class Limits:
    """What iku reads at the most; anything larger is refused with a finding (see the README)."""

    max_file_bytes: int = 1 * GiB  # the workbook on disk
    max_zip_entries: int = 10_000  # parts in the zip, read from its end before the directory is parsed
    max_part_bytes: int = 64 * MiB  # workbook.xml, relationships, styles (inflated)
    max_sheet_bytes: int = 1 * GiB  # one sheet's XML, inflated (Excel writes ~38 bytes a cell: ~28 M cells)
    max_sst_bytes: int = 512 * MiB  # sharedStrings.xml, inflated
    max_sst_count: int = 20_000_000  # strings it may declare: the reader reserves 24 bytes for each up front
    max_cells: int = 32 * MiB  # rows × columns from A1 that the reader holds (1,048,576 rows × 32 columns)
    max_far_cells: int = 100  # more cells far from the data than this: the sheet is too large, not stray
    max_text_run: int = 4 * MiB  # sheet XML without a tag for this long: one giant value or padding
    chunk: int = 4 * MiB  # how much sheet XML is looked at at a time


LIMITS = Limits()


class Refused(Exception):
    """The file cannot or must not be read: a finding code and the reason in Indonesian."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
BROKEN_ZIP = "file rusak atau terpotong (zip tidak utuh); salin ulang file aslinya"


def check_path(path: Path, limits: Limits = LIMITS) -> None:
    """A regular, non-empty file within the size limit; a folder, pipe or device is named, never opened."""
    try:
        st = os.stat(path)  # follows links: a link to /dev/zero is a device
    except PermissionError:
        raise Refused(
            "workbook-unreadable", "tidak ada izin membaca file ini; periksa hak akses file"
        ) from None
    except OSError as exc:
        raise Refused("workbook-unreadable", f"file tidak dapat dibuka ({exc.strerror})") from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise Refused("workbook-unreadable", "ini sebuah folder, bukan file workbook")
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise Refused(
            "workbook-unreadable",
            "ini sebuah pipe atau socket, bukan file workbook; salin file aslinya ke sini",
        )
    if not stat.S_ISREG(mode):
        raise Refused("workbook-unreadable", "ini sebuah perangkat (device), bukan file workbook")
    if st.st_size == 0:
        raise Refused("workbook-unreadable", "file kosong (0 byte), kemungkinan salinan yang belum selesai")
    if st.st_size > limits.max_file_bytes:
        raise Refused(
            "workbook-too-large",
            f"file {st.st_size / GiB:.1f} GB, melebihi batas {limits.max_file_bytes // GiB} GB yang dibaca iku",
        )


def sniff(path: Path) -> str:
    """ "zip" (an .xlsx, .xlsb or .ods) or "xls"; anything else is refused, saying what it seems to be."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head == _OLE_MAGIC:
            fh.seek(0)
            if _ENCRYPTION_MARK in fh.read(1 << 20):
                raise Refused(
                    "workbook-encrypted", "workbook dilindungi kata sandi; simpan ulang tanpa kata sandi"
                )
            return "xls"
    if head[:4] != b"PK\x03\x04":
        raise Refused(
            "workbook-wrong-format",
            "file ini bukan workbook Excel (mungkin .csv, .html atau teks); simpan ulang sebagai .xlsx",
        )
    return "zip"


def _entry_count(path: Path) -> int:
    """Parts the zip declares, from its end record (zip64 aware), without parsing its directory."""
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        tail_len = min(size, 22 + 65535)
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0:
            raise Refused("workbook-unreadable", BROKEN_ZIP)
        count: int = struct.unpack_from("<H", tail, at + 10)[0]
        if count == 0xFFFF:
            locator = tail.rfind(b"PK\x06\x07", 0, at)
            if locator >= 0:
                fh.seek(struct.unpack_from("<Q", tail, locator + 8)[0])
                record = fh.read(56)
                if record[:4] == b"PK\x06\x06":
                    count = struct.unpack_from("<Q", record, 32)[0]
        return count


@dataclass
class Package:
    """An open, checked zip workbook (.xlsx, .xlsb or .ods) and its parts."""

    kind: str  # "xlsx", "xlsb" or "ods"
    zf: zipfile.ZipFile
    parts: dict[str, zipfile.ZipInfo]
    limits: Limits

    def close(self) -> None:
        self.zf.close()

    def read_part(self, name: str) -> bytes:
        """A small part, inflated within its cap and refused if it carries a DTD (OOXML never does)."""
        data = b"".join(inflate(self, name, self.limits.max_part_bytes))
        if _DTD.search(data, 0, 4096):
            raise Refused(
                "workbook-unreadable",
                f"bagian {name} berisi deklarasi DTD/ENTITY; bukan file Excel yang wajar",
            )
        return data


def open_package(path: Path, limits: Limits = LIMITS) -> Package:
    """The zip checked: a sane number of parts, no part twice, every part's declared size within its cap."""
    n = _entry_count(path)
    if n > limits.max_zip_entries:
        raise Refused(
            "workbook-too-large",
            f"zip berisi {n:,} bagian (batas {limits.max_zip_entries:,}); bukan workbook yang wajar",
        )
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise Refused("workbook-unreadable", BROKEN_ZIP) from None
    parts: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        if info.filename in parts:  # readers differ on which copy they take: never guess
            zf.close()
            raise Refused(
                "workbook-unreadable",
                f"bagian {info.filename} muncul dua kali di dalam zip; simpan ulang di Excel",
            )
        parts[info.filename] = info
    kind = _kind(parts)
    if kind is None:
        zf.close()
        raise Refused("workbook-wrong-format", "file zip ini bukan workbook Excel (.xlsx/.xlsb) atau .ods")
    for name, info in parts.items():
        cap = _cap(name, limits)
        if cap is not None and info.file_size > cap:
            zf.close()
            raise Refused(
                "workbook-too-large",
                f"bagian {name} mengembang menjadi {info.file_size / MiB:,.0f} MB (batas {cap // MiB:,} MB); file ini tidak dibaca",
            )
    package = Package(kind, zf, parts, limits)
    if kind == "xlsx":
        _check_shared_strings(package)
    return package


def _kind(parts: dict[str, zipfile.ZipInfo]) -> str | None:
    if "xl/workbook.xml" in parts:
        return "xlsx"
    if "xl/workbook.bin" in parts:
        return "xlsb"
    if "content.xml" in parts and "mimetype" in parts:
        return "ods"
    return None


def _cap(name: str, limits: Limits) -> int | None:
    """The most a part may inflate to; None for parts no reader looks at for cell data (images ...)."""
    lower = name.lower()
    if lower.startswith("xl/worksheets/") or lower == "content.xml":
        return limits.max_sheet_bytes
    if lower.startswith("xl/sharedstrings"):
        return limits.max_sst_bytes
    if lower.endswith((".xml", ".rels", ".bin")) and (
        "/" not in lower or lower.startswith(("xl/", "_rels/"))
    ):
        return limits.max_part_bytes
    return None


def _check_shared_strings(package: Package) -> None:
    """The reader reserves 24 bytes for every string sharedStrings.xml declares: a lying count aborts it."""
    info = package.parts.get("xl/sharedStrings.xml")
    if info is None:
        return
    with package.zf.open(info) as fh:
        head = fh.read(4096)
    if _DTD.search(head):
        raise Refused(
            "workbook-unreadable",
            "sharedStrings.xml berisi deklarasi DTD/ENTITY; bukan file Excel yang wajar",
        )
    found = re.search(rb'uniqueCount="(\d+)"', head)
    if found:
        declared = int(found.group(1))
        if declared > min(package.limits.max_sst_count, info.file_size // 5 + 1):  # "<si/>" is the shortest
            raise Refused(
                "workbook-too-large",
                f"sharedStrings.xml menyatakan {declared:,} teks, padahal isinya hanya {info.file_size:,} byte; "
                "file ini tidak dibaca",
            )


def inflate(package: Package, name: str, cap: int) -> Iterator[bytes]:
    """A part's bytes, never more than ``cap`` nor more than its declared size, whatever its headers say."""
    info = package.parts[name]
    cap = min(cap, info.file_size)
    chunk = package.limits.chunk
    if info.compress_type == zipfile.ZIP_STORED:
        total = 0
        with package.zf.open(info) as fh:
            while piece := fh.read(chunk):
                total += len(piece)
                if total > cap:
                    raise Refused(
                        "workbook-too-large",
                        f"bagian {name} mengembang melebihi {cap:,} byte; file ini tidak dibaca",
                    )
                yield piece
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise Refused(
            "workbook-unreadable", f"bagian {name} memakai kompresi yang tidak dikenal; simpan ulang di Excel"
        )
    yield from _inflate_deflated(package, info, cap, chunk)


def _inflate_deflated(package: Package, info: zipfile.ZipInfo, cap: int, chunk: int) -> Iterator[bytes]:
    """Raw zlib from the part's local header (the reader checks the CRC itself), counting every byte."""
    with open(str(package.zf.filename), "rb") as fh:
        fh.seek(info.header_offset)
        head = fh.read(30)
        if head[:4] != b"PK\x03\x04":
            raise Refused("workbook-unreadable", BROKEN_ZIP)
        name_len, extra_len = struct.unpack_from("<HH", head, 26)
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        inflater = zlib.decompressobj(-15)
        left, total = info.compress_size, 0
        while left > 0 and not inflater.eof:
            compressed = fh.read(min(1 << 20, left))
            if not compressed:
                break
            left -= len(compressed)
            while compressed:
                try:
                    out = inflater.decompress(compressed, chunk)
                except zlib.error:
                    raise Refused("workbook-unreadable", BROKEN_ZIP) from None
                compressed = inflater.unconsumed_tail
                total += len(out)
                if total > cap:
                    raise Refused(
                        "workbook-too-large",
                        f"bagian {info.filename} mengembang melebihi {cap:,} byte; file ini tidak dibaca",
                    )
                if out:
                    yield out


def read_ahead(pieces: Iterator[bytes], depth: int = 4) -> Iterator[bytes]:
    """``pieces`` made on a thread of their own, up to ``depth`` ahead of the one who takes them.

    Inflating leaves the interpreter free, so a sheet's XML is inflated on one core while it is searched on
    the other. What the maker raises (a Refused) is raised to the taker, in order; a taker that stops early
    stops the maker.
    """
    queue: Queue[bytes | BaseException | None] = Queue(depth)
    stopped = threading.Event()

    def give(item: bytes | BaseException | None) -> bool:
        while not stopped.is_set():
            try:
                queue.put(item, timeout=0.1)
                return True
            except Full:
                continue
        return False

    def make() -> None:
        try:
            for piece in pieces:
                if not give(piece):
                    return
            give(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the taker, who raises it
            give(exc)

    threading.Thread(target=make, name="iku-inflate", daemon=True).start()
    try:
        while (item := queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stopped.set()


_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def sheet_names(package: Package) -> list[str]:
    """The names of an .xlsx's sheets, in their order, from workbook.xml."""
    workbook = ElementTree.fromstring(package.read_part("xl/workbook.xml"))
    return [str(sheet.get("name")) for sheet in workbook.iterfind("m:sheets/m:sheet", _NS)]


def sheet_part(package: Package, sheet_name: str) -> str | None:
    """The zip part that holds an .xlsx sheet, from workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(package.read_part("xl/workbook.xml"))
    rels = ElementTree.fromstring(package.read_part("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", _NS)}
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        if sheet.get("name") == sheet_name:
            target = targets.get(sheet.get(f"{{{_NS['r']}}}id")) or ""
            return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return None
