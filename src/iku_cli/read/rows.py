"""Rows that are not data: JUMLAH / TOTAL rows (checked against the rows above them) and blank rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from iku_cli.config import NUMERIC_TYPES, Source
from iku_cli.findings import At, Finding
from iku_cli.numbers import format_auto, parse_number_text
from iku_cli.read.body import Body, of_type
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


_SUBTOTAL_STARTS = tuple(f"{label} " for label in sorted(TOTAL_LABELS))


def subtotal_label(body: Body, row: int) -> str | None:
    """A cell of Excel row ``row`` that begins like a JUMLAH label without being one ("Jumlah Kec. Sukamanah").

    Such a row, when most of its required cells are blank too, is a subtotal someone wrote: it is read as
    data, and the finding on a blank cell of it names the label and says to delete the row.
    """
    for column in body.columns:
        value = column[row - body.first]
        if isinstance(value, str) and len(value) <= 80 and normalise(value).startswith(_SUBTOTAL_STARTS):
            return value.strip()
    return None


def total_rows(body: Body) -> np.ndarray:
    """Rows that carry a JUMLAH / TOTAL label in any cell, declared column or not.

    One casefolded scan of each column's text finds the few cells that hold "jumlah" or "total"; only
    those are tested as labels.
    """
    total = np.zeros(body.height, dtype=bool)
    for index, values in enumerate(body.columns):
        texts = np.flatnonzero(of_type(body.types(index), str))
        if not texts.size:
            continue
        strings = values[texts].tolist()
        raw = "\x00".join(strings)
        joined = raw.casefold()
        if raw.count("\x00") != len(strings) - 1 or len(joined) != len(raw):
            candidates = texts  # a NUL in a cell, or a letter whose casefold is longer: look at each
        else:
            hits = _found(joined, "jumlah") + _found(joined, "total")
            if hits:
                lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
                starts = np.concatenate(([0], np.cumsum(lengths[:-1] + 1)))
                candidates = texts[np.unique(np.searchsorted(starts, hits, side="right") - 1)]
            else:
                candidates = texts[:0]
        for i in candidates:
            if is_total_label(values[i]):
                total[i] = True
    return total


def _found(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text`` (str.find: far quicker than a regular expression over a column)."""
    out = []
    at = text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def blank_runs(at: At, body: Body, all_blank: np.ndarray) -> list[Finding]:
    """Blank rows between data rows (not the empty tail of the sheet), one finding per run."""
    filled = np.flatnonzero(~all_blank)
    if not filled.size:
        return []
    inside = np.flatnonzero(all_blank[: filled[-1]]) + body.first
    found = []
    for start, end in runs(inside.tolist()):
        span = f"baris {start}" if start == end else f"baris {start}–{end}"
        found.append(at.finding("blank-rows-skipped", f"{span} kosong, dilewati", cell=f"A{start}"))
    return found


def check_totals(
    at: At, source: Source, header: Header, body: Body, total: np.ndarray, frame: pd.DataFrame
) -> list[Finding]:
    """Each JUMLAH row is excluded; say whether its numbers equal the sum of the data rows above it."""
    found = []
    previous = body.first - 1
    kept_rows = frame.index.to_numpy()
    for row in (np.flatnonzero(total) + body.first).tolist():
        checks = []
        for cid, place in header.columns.items():
            column = source.columns[cid]
            if column.type not in NUMERIC_TYPES or cid == source.key:
                continue
            value = body.column(place.index)[row - body.first]
            stated = (
                value if isinstance(value, (int, float)) else parse_number_text(pd.Series([value])).iloc[0]
            )
            if not isinstance(stated, (int, float)) or stated != stated:
                continue
            stated = float(stated) * place.factor
            above = float(np.nansum(frame[cid].to_numpy()[(kept_rows > previous) & (kept_rows < row)]))
            if np.isclose(stated, above, rtol=1e-9, atol=0.005):
                checks.append(f"{column.header} sama dengan jumlah baris di atasnya")
            else:
                checks.append(
                    f"{column.header} TIDAK sama dengan jumlah baris di atasnya "
                    f"({format_auto(stated)} vs {format_auto(above)})"
                )
        detail = "; ".join(checks) if checks else "tidak ada nilai angka untuk dibandingkan"
        message = f"baris {row} adalah baris JUMLAH/TOTAL dan tidak ikut dihitung; {detail}"
        found.append(at.finding("total-row-excluded", message, cell=f"A{row}"))
        previous = row
    return found
