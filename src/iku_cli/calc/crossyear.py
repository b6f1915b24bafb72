"""Checks that look across sheets and years: undeclared sheets, units that differ, measures that jump."""

from __future__ import annotations

from iku_cli import findings as F
from iku_cli.calc.workspace import Workspace
from iku_cli.config import Folder, folder_name
from iku_cli.findings import Finding
from iku_cli.numbers import format_auto, format_number


def read_years(ws: Workspace, years: list[int], source_ids: list[str] | None = None) -> list[Finding]:
    """Read every declared sheet the given years need; return all findings, in reading order."""
    source_ids = source_ids if source_ids is not None else list(ws.config.spec.sources)
    return read_folders(ws, [((year, None), sid) for year in years for sid in source_ids])


def read_folders(ws: Workspace, reads: list[tuple[Folder, str]]) -> list[Finding]:
    """Read each (folder, source) sheet; return all findings, in reading order."""
    found: list[Finding] = []
    for (year, triwulan), sid in reads:
        found += ws.sheet(year, sid, triwulan).findings
    found += _extra_sheets(ws, reads)
    found += unit_consistency(ws, reads)
    return F.dedupe(found)  # two sources in one missing or broken workbook: one finding about the file


def _extra_sheets(ws: Workspace, reads: list[tuple[Folder, str]]) -> list[Finding]:
    out: list[Finding] = []
    sources = ws.config.spec.sources
    by_file: dict[tuple[Folder, str], set[str]] = {}
    for (year, triwulan), sid in reads:
        data = ws.sheet(year, sid, triwulan)
        if data.sheet is not None:
            by_file.setdefault(((year, triwulan), sources[sid].workbook), set()).add(data.sheet)
    for (folder, workbook), used in by_file.items():
        declared = {s.sheet for s in sources.values() if s.workbook == workbook}
        for name in ws.workbook(folder[0], workbook, folder[1]).sheet_names:
            if name not in used and name not in declared:
                out.append(
                    F.make(
                        "extra-sheet-ignored",
                        f"sheet '{name}' tidak dideklarasikan, diabaikan",
                        file=f"{folder_name(folder)}/{workbook}",
                        sheet=name,
                    )
                )
    return out


def unit_consistency(ws: Workspace, reads: list[tuple[Folder, str]]) -> list[Finding]:
    """The same column written in different units in different folders is worth a second look."""
    out = []
    for sid in dict.fromkeys(sid for _, sid in reads):
        folders = [folder for folder, s in reads if s == sid]
        for cid, column in ws.config.spec.sources[sid].columns.items():
            seen = {folder: ws.sheet(folder[0], sid, folder[1]).units.get(cid) for folder in folders}
            units = {u for u in seen.values() if u}
            if len(units) > 1:
                listing = ", ".join(f"{folder_name(f)}: {u}" for f, u in seen.items() if u)
                last = max(
                    (f for f, u in seen.items() if u), key=lambda f: (f[0], f[1] or 5)
                )  # annual data last
                data = ws.sheet(last[0], sid, last[1])
                out.append(
                    F.make(
                        "unit-inconsistent",
                        f"kolom {column.header} memakai satuan berbeda {_between(folders)} ({listing}); "
                        f"semua dikonversi ke {column.unit}, tetapi sebaiknya seragamkan satuannya",
                        file=data.file,
                        sheet=data.sheet,
                        column=cid,
                    )
                )
    return out


def _between(folders: list[Folder]) -> str:
    return "antartahun" if all(triwulan is None for _, triwulan in folders) else "antarfolder"


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
