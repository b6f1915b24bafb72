"""Findings: what is wrong (or worth a look) in the data, as data with a stable code and a cell."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How bad a finding is. The values are stable for programs; ``label`` is what people read."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The severity in Indonesian, as the terminal and every spreadsheet show it."""
        return _SEVERITY_LABELS[self]


_SEVERITY_LABELS = {Severity.ERROR: "Kesalahan", Severity.WARNING: "Peringatan", Severity.INFO: "Info"}


# Every code the tool emits, by severity, with what it means. The codes are stable: scripts may rely on them.
_ERRORS = {
    "workbook-missing": "a workbook the configuration declares is not in the year folder",
    "workbook-unreadable": "the file cannot be opened: corrupt, truncated, empty, a folder, no permission",
    "workbook-encrypted": "the workbook is password-protected",
    "workbook-wrong-format": "the file is not an .xlsx workbook (an .xls, .ods or .csv renamed)",
    "sheet-missing": "a declared sheet is not in the workbook",
    "header-not-found": "no row of the sheet carries the declared headers",
    "column-missing": "a required column is not in the header row",
    "unit-mismatch": "a header names a unit that cannot be converted to the declared one",
    "type-error": "a value that is not of its column's type",
    "below-minimum": "a value below the column's minimum",
    "above-maximum": "a value above the column's maximum",
    "not-allowed": "a value that is not one of the column's allowed values",
    "required-missing": "a required value is blank",
    "duplicate-key": "the same key appears twice in one sheet",
    "formula-no-cache": "a formula cell without a cached value",
}
_WARNINGS = {
    "number-as-text": "a number typed as text; the value it was read as is given",
    "total-row-excluded": "a JUMLAH / TOTAL row was excluded from the data",
    "unit-scaled": "a header in another unit than declared; values were scaled",
    "unit-inconsistent": "the same column is in different units across years",
    "large-change": "a measure changed by more than the allowed share from the previous year",
    "no-data-rows": "a sheet has a header but no data rows",
    "previous-year-missing": "validate --year N without a folder for N-1: growth for year N cannot be computed",
}
_INFO = {
    "blank-rows-skipped": "blank rows inside the data were skipped",
    "extra-column-ignored": "a column that is not declared was ignored",
    "extra-sheet-ignored": "a sheet that is not declared was ignored",
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

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["severity"] = str(self.severity)
        data["value"] = self.plain_value
        return data

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
