"""Checks that look across sheets and years: undeclared sheets, units that differ, measures that jump."""

from __future__ import annotations

from iku_cli import findings as F
from iku_cli.findings import Finding
from iku_cli.numbers import format_auto, format_number
from iku_cli.workspace import Workspace


def read_years(ws: Workspace, years: list[int], source_ids: list[str] | None = None) -> list[Finding]:
    """Read every declared sheet the given years need; return all findings, in reading order."""
    source_ids = source_ids if source_ids is not None else list(ws.config.spec.sources)
    found: list[Finding] = []
    for year in years:
        for sid in source_ids:
            found += ws.sheet(year, sid).findings
    found += _extra_sheets(ws, years, source_ids)
    found += unit_consistency(ws, years, source_ids)
    return _dedupe(found)


def _dedupe(found: list[Finding]) -> list[Finding]:
    """Two sources in one missing or broken workbook give one finding about the file, not two."""
    seen, out = set(), []
    for f in found:
        key = (f.code, f.file, f.sheet, f.cell, f.column, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _extra_sheets(ws: Workspace, years: list[int], source_ids: list[str]) -> list[Finding]:
    out = []
    sources = ws.config.spec.sources
    for year in years:
        by_file: dict[str, set[str]] = {}
        for sid in source_ids:
            data = ws.sheet(year, sid)
            if data.sheet is not None:
                by_file.setdefault(sources[sid].workbook, set()).add(data.sheet)
        for workbook, used in by_file.items():
            book, _, _ = ws.cache.get(ws.data_dir / str(year) / workbook)
            for name in book.sheet_names if book else []:
                declared = {s.sheet for s in sources.values() if s.workbook == workbook}
                if name not in used and name not in declared:
                    out.append(
                        F.make(
                            "extra-sheet-ignored",
                            f"sheet '{name}' tidak dideklarasikan, diabaikan",
                            file=f"{year}/{workbook}",
                            sheet=name,
                        )
                    )
    return out


def unit_consistency(ws: Workspace, years: list[int], source_ids: list[str]) -> list[Finding]:
    """The same column written in different units in different years is worth a second look."""
    out = []
    for sid in source_ids:
        for cid, column in ws.config.spec.sources[sid].columns.items():
            seen = {y: ws.sheet(y, sid).units.get(cid) for y in years}
            units = {u for u in seen.values() if u}
            if len(units) > 1:
                listing = ", ".join(f"{y}: {u}" for y, u in seen.items() if u)
                last = max(y for y, u in seen.items() if u)
                data = ws.sheet(last, sid)
                out.append(
                    F.make(
                        "unit-inconsistent",
                        f"kolom {column.header} memakai satuan berbeda antartahun ({listing}); "
                        f"semua dikonversi ke {column.unit}, tetapi sebaiknya seragamkan satuannya",
                        file=data.file,
                        sheet=data.sheet,
                        column=cid,
                    )
                )
    return out


def large_changes(ws: Workspace, years: list[int]) -> list[Finding]:
    """A measure that moved more than the configured share from one year to the next."""
    limit = ws.config.spec.validation.max_change
    out = []
    for year in years:
        if year - 1 not in years:
            continue
        for mid, measure in ws.config.spec.measures.items():
            prev, cur = ws.measure(year - 1, mid), ws.measure(year, mid)
            if prev is None or cur is None or prev.value == 0:
                continue
            change = (cur.value - prev.value) / prev.value * 100
            if abs(change) > limit:
                data = ws.sheet(year, measure.source)
                sign = "+" if change > 0 else ""
                out.append(
                    F.make(
                        "large-change",
                        f"ukuran '{measure.label or mid}' berubah {sign}{format_number(change, 1)} % dari {year - 1} "
                        f"({format_auto(prev.value)}) ke {year} ({format_auto(cur.value)}), melebihi batas "
                        f"±{format_auto(limit)} %; periksa apakah ada data ganda, hilang, atau satuan yang keliru",
                        file=data.file,
                        sheet=data.sheet,
                        column=measure.column,
                        value=round(change, 6),
                    )
                )
    return out
