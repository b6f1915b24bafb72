"""Checks that look across sheets and years: undeclared sheets, units that differ, measures that jump."""

from __future__ import annotations

from iku_cli import findings as F
from iku_cli.calc.workspace import Workspace
from iku_cli.findings import Finding
from iku_cli.numbers import format_auto, format_number


def read_years(ws: Workspace, years: list[int], source_ids: list[str] | None = None) -> list[Finding]:
    """Read every declared sheet the given years need; return all findings, in reading order."""
    source_ids = source_ids if source_ids is not None else list(ws.config.spec.sources)
    found: list[Finding] = []
    for year in years:
        for sid in source_ids:
            found += ws.sheet(year, sid).findings
    found += _extra_sheets(ws, years, source_ids)
    found += unit_consistency(ws, years, source_ids)
    return F.dedupe(found)  # two sources in one missing or broken workbook: one finding about the file


def _extra_sheets(ws: Workspace, years: list[int], source_ids: list[str]) -> list[Finding]:
    out: list[Finding] = []
    sources = ws.config.spec.sources
    for year in years:
        by_file: dict[str, set[str]] = {}
        for sid in source_ids:
            data = ws.sheet(year, sid)
            if data.sheet is not None:
                by_file.setdefault(sources[sid].workbook, set()).add(data.sheet)
        for workbook, used in by_file.items():
            for name in ws.workbook(year, workbook).sheet_names:
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
            # A measure of year n−1 repeats another year's numbers; one over two years needs both in `years`.
            if measure.year == "n-1" or not set(measure.data_years(year - 1)) <= set(years):
                continue
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
