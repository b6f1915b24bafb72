"""Rows that are not data: JUMLAH / TOTAL rows (checked against the rows above them) and blank rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, Source
from iku_cli.findings import At, Finding
from iku_cli.numbers import format_auto, parse_number_text
from iku_cli.read.cells import matching_values
from iku_cli.read.header import Header
from iku_cli.text import normalise, runs

TOTAL_LABELS = {
    "jumlah",
    "total",
    "jumlah total",
    "total keseluruhan",
    "jumlah keseluruhan",
    "grand total",
    "sub total",
    "subtotal",
    "jumlah seluruhnya",
    "total seluruhnya",
}


def is_total_label(text: str) -> bool:
    return len(text) <= 40 and normalise(text).rstrip(":").strip() in TOTAL_LABELS


def total_rows(raw: pd.DataFrame) -> pd.Series:
    """Rows that carry a JUMLAH / TOTAL label in any cell."""
    total = pd.Series(False, index=raw.index)
    for c in raw.columns:
        labels = matching_values(raw[c], is_total_label)
        if labels:
            total |= raw[c].isin(labels)
    return total


def blank_runs(at: At, all_blank: pd.Series) -> list[Finding]:
    """Blank rows between data rows (not the empty tail of the sheet), one finding per run."""
    data_rows = all_blank.index[~all_blank]
    if len(data_rows) == 0:
        return []
    last = data_rows.max()
    inside = all_blank[(all_blank.index < last) & all_blank]
    found = []
    for start, end in runs(inside.index):
        span = f"baris {start}" if start == end else f"baris {start}–{end}"
        found.append(at.finding("blank-rows-skipped", f"{span} kosong, dilewati", cell=f"A{start}"))
    return found


def check_totals(
    at: At, source: Source, header: Header, raw: pd.DataFrame, total: pd.Series, frame: pd.DataFrame
) -> list[Finding]:
    """Each JUMLAH row is excluded; say whether its numbers equal the sum of the data rows above it."""
    found = []
    previous = raw.index.min() - 1 if len(raw.index) else 0
    for row in total.index[total]:
        checks = []
        for cid, place in header.columns.items():
            column = source.columns[cid]
            if column.type not in NUMERIC_TYPES or cid == source.key:
                continue
            value = raw.at[row, place.index]
            stated = (
                value if isinstance(value, (int, float)) else parse_number_text(pd.Series([value])).iloc[0]
            )
            if not isinstance(stated, (int, float)) or stated != stated:
                continue
            stated = float(stated) * place.factor
            above = frame.loc[(frame.index > previous) & (frame.index < row), cid].sum()
            if np.isclose(stated, above, rtol=1e-9, atol=0.005):
                checks.append(f"{column.header} sama dengan jumlah baris di atasnya")
            else:
                checks.append(
                    f"{column.header} TIDAK sama dengan jumlah baris di atasnya "
                    f"({format_auto(stated)} vs {format_auto(above)})"
                )
        detail = "; ".join(checks) if checks else "tidak ada nilai angka untuk dibandingkan"
        found.append(
            at.finding(
                "total-row-excluded",
                f"baris {row} adalah baris JUMLAH/TOTAL dan tidak ikut dihitung; {detail}",
                cell=f"A{row}",
            )
        )
        previous = row
    return found
