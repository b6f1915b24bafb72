"""Findings: what is wrong (or worth a look) in the data, as data with a stable code and a cell."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from iku_cli.enums import Worded
from iku_cli.text import row_ranges


class Severity(Worded):
    """How bad a finding is. The values are stable for programs; ``label`` is what people read."""

    ERROR = "error", "Kesalahan"
    WARNING = "warning", "Peringatan"
    INFO = "info", "Info"

    @property
    def label(self) -> str:
        """The severity in Indonesian, as the terminal and every spreadsheet show it."""
        return self.words


# Every code the tool emits, by severity, with what it means. The codes are stable: scripts may rely on them.
_ERRORS = {
    "workbook-missing": "a workbook the configuration declares is not in the year folder",
    "workbook-unreadable": "the file cannot be opened: corrupt, truncated, empty, a folder, no permission",
    "workbook-encrypted": "the workbook is password-protected",
    "workbook-wrong-format": "the file is not the workbook its name says (an .xls, .ods or .csv renamed)",
    "workbook-too-large": "the file, or a part of it, is larger than iku reads (a zip bomb, or far too much data)",
    "sheet-missing": "a declared sheet is not in the workbook",
    "sheet-too-large": "the sheet's used range needs more cells than iku holds in memory",
    "header-not-found": "no row of the sheet carries the declared headers",
    "column-missing": "a required column is not in the header row",
    "duplicate-column": "a declared column's header stands twice in the header row",
    "unit-mismatch": "a header names a unit that cannot be converted to the declared one",
    "type-error": "a value that is not of its column's type",
    "below-minimum": "a value below the column's minimum",
    "above-maximum": "a value above the column's maximum",
    "not-allowed": "a value that is not one of the column's allowed values",
    "required-missing": "a required value is blank",
    "duplicate-key": "the same key appears twice in one sheet",
    "formula-no-cache": "a formula cell without a cached value",
    "excel-error": "an Excel error value (#VALUE!, #DIV/0! ...) in a cell the computation uses",
    "budget-code-invalid": "a budget row's code is not digits separated by dots (2.17.07.2.01.0003)",
}
_WARNINGS = {
    "number-as-text": "a number typed as text; the value it was read as is given",
    "excel-error-ignored": "an Excel error value in a JUMLAH row or an undeclared column",
    "stray-cell": "a cell far from the data, left out so that the sheet can be read",
    "workbook-other-format": "the .xlsx is absent and the same name as .xls, .xlsb or .ods was read",
    "total-row-excluded": "a JUMLAH / TOTAL row was excluded from the data",
    "unit-scaled": "a header in another unit than declared; values were scaled",
    "unit-inconsistent": "the same column is in different units across years",
    "large-change": "a measure changed by more than the allowed share from the previous year",
    "no-data-rows": "a sheet has a header but no data rows",
    "budget-subtotal-mismatch": "a program or kegiatan row differs from the sum of the rows under it",
    "budget-above-pagu": "a budget row whose realisasi is above its pagu",
    "budget-row-unassigned": "a budget row that no sasaran (nor anggaran.penunjang) declares",
    "previous-year-missing": "validate --year N without a folder for N-1: growth for year N cannot be computed",
}
_INFO = {
    "blank-rows-skipped": "blank rows inside the data were skipped",
    "extra-column-ignored": "a column that is not declared was ignored",
    "extra-sheet-ignored": "a sheet that is not declared was ignored",
    "optional-workbook-missing": "an optional workbook is not in the year folder; what it feeds is left out",
}
CODES: dict[str, tuple[Severity, str]] = {
    code: (severity, meaning)
    for severity, table in ((Severity.ERROR, _ERRORS), (Severity.WARNING, _WARNINGS), (Severity.INFO, _INFO))
    for code, meaning in table.items()
}


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    column: str | None = None  # the declared column's id in indicators.yaml (stable, for programs)
    value: Any = None
    column_header: str | None = None  # the column as people read it: its header with the unit

    def with_header(self, header: str) -> Finding:
        """This finding naming its column by ``header`` (``dataclasses.replace``, without its cost per field)."""
        new = object.__new__(Finding)
        new.__dict__.update(self.__dict__, column_header=header)
        return new

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "column": self.column,
            "value": self.plain_value,
            "column_header": self.column_header,
        }

    @property
    def plain_value(self) -> Any:
        """The value as JSON and spreadsheets take it (see ``_plain``)."""
        return _plain(self.value)

    @property
    def location(self) -> str:
        """'2024/bidang_koperasi.xlsx, sheet Keragaan Koperasi, sel G17' — what a person looks for."""
        parts = [self.file or ""]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.cell:
            parts.append(f"sel {self.cell}")
        return ", ".join(p for p in parts if p)


def _plain(value: Any) -> Any:
    """A value JSON and spreadsheets take as it is: numpy scalars as Python numbers, anything else as text.

    An infinity or NaN is no number JSON or a spreadsheet can hold: it is given as its text ("inf").
    """
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def make(code: str, message: str, **where: Any) -> Finding:
    """A finding whose severity comes from the code registry, so a code never changes severity."""
    return Finding(severity=CODES[code][0], code=code, message=message, **where)


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; the order within each kept (a stable sort)."""
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


def dedupe(findings: list[Finding]) -> list[Finding]:
    """The same finding reached twice (two sources in one broken workbook, one sheet read for two years) once."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in findings:
        key = (f.code, f.file, f.sheet, f.cell, f.column, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def has_errors(findings: list[Finding], strict: bool = False) -> bool:
    """True when a finding blocks: an error, or with ``strict`` a warning too."""
    blocking = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(f.severity in blocking for f in findings)


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = Counter(str(f.severity) for f in findings)
    return {s.value: counts.get(s.value, 0) for s in Severity}


FINDING_FIELDS = ["severity", "code", "file", "sheet", "cell", "column", "column_header", "value", "message"]


@dataclass(frozen=True)
class At:
    """The file and sheet the findings of one reading point at; makes findings there."""

    file: str
    sheet: str | None = None

    def finding(self, code: str, message: str, **where: Any) -> Finding:
        return make(code, message, file=self.file, sheet=self.sheet, **where)


# Findings of one kind in one column, listed one by one at the most; the rest are counted in one more finding.
FINDINGS_PER_COLUMN = 10_000


def at_rows(
    at: At,
    code: str,
    rows: list[int],
    cell: Callable[[int], str],
    message: Callable[[int], str],
    value: Callable[[int], Any] | None = None,
    column: str | None = None,
    limit: int = FINDINGS_PER_COLUMN,
) -> list[Finding]:
    """A finding at each of ``rows`` (Excel row numbers), the first ``limit`` of them; one more counts the rest.

    A column broken in a million cells yields a thousand findings and a count, not a million objects.
    """
    out = [
        at.finding(code, message(r), cell=cell(r), column=column, value=value(r) if value else None)
        for r in rows[:limit]
    ]
    rest = rows[limit:]
    if rest:
        out.append(
            at.finding(
                code,
                f"… dan {len(rest):,} sel lain di kolom ini dengan masalah yang sama ".replace(",", ".")
                + f"(baris {row_ranges(rest)}); perbaiki yang di atas dulu, lalu periksa lagi",
                column=column,
            )
        )
    return out
