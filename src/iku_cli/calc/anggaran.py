"""The budget: pagu and realisasi per sasaran, from an export of program, kegiatan and sub kegiatan rows.

SIPD/DPA exports list every level with its own subtotal: program 2.17.07, its kegiatan 2.17.07.2.01 and their
sub kegiatan 2.17.07.2.01.0003 together. A row whose code is a prefix of another row's code (on the dots) is a
subtotal; only the most detailed rows are summed, and each subtotal is checked against the rows under it.
Urusan and bidang urusan rows (codes of one or two numbers) are headings, never summed.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np
import pandas as pd

from iku_cli.calc.results import BudgetLine, BudgetResult, SasaranBudget, Status
from iku_cli.config import Config, parse_kode
from iku_cli.findings import At, Finding
from iku_cli.numbers import format_auto, format_percent
from iku_cli.read import SheetData

Kode = tuple[int, ...]
PROGRAM_LEVEL = 3  # 2.17.07: a program; fewer numbers are urusan or bidang urusan headings
NOT_GIVEN = "anggaran tidak diberikan"


def adjusted(data: SheetData) -> SheetData:
    """The reader's findings on a budget sheet, told in the budget's terms.

    A JUMLAH row there totals the programs, not every row above it (which repeat each amount at each level):
    the reader's comparison with the rows above would always differ, so it is replaced by what iku checks.
    """
    found = []
    for f in data.findings:
        if f.code == "total-row-excluded":
            row = re.sub(r"\D", "", f.cell or "")
            f = replace(
                f,
                message=f"baris {row} adalah baris JUMLAH/TOTAL dan tidak ikut dihitung; anggaran dijumlahkan dari "
                "baris rincian terdalam, dan setiap baris program dan kegiatan diperiksa terhadap rinciannya",
            )
        found.append(f)
    return replace(data, findings=found)


def read_budget(
    config: Config, data: SheetData, capaian: dict[str, float | None] | None = None
) -> tuple[BudgetResult, list[Finding]]:
    """The budget per sasaran and the findings about it (codes, subtotals, realisasi above pagu, rows no one
    claims). ``capaian``: each sasaran's average capaian, for the efficiency comparison."""
    if data.missing:
        return BudgetResult(data.file, Status.DATA_MISSING, f"{NOT_GIVEN}: {data.file} tidak ada"), []
    frame = data.frame if data.readable else None
    if frame is None:
        why = f"{data.file} mengandung kesalahan; jalankan iku validate"
        return BudgetResult(data.file, Status.DATA_ERROR, f"anggaran tidak dihitung: {why}"), []
    if frame.empty:
        why = f"{NOT_GIVEN}: sheet {data.sheet} di {data.file} tidak berisi baris data"
        return BudgetResult(data.file, Status.DATA_MISSING, why), []
    rows = _Rows(frame, data)
    found = rows.invalid_codes() + rows.subtotal_mismatches() + rows.above_pagu()
    owners = _owners(config)
    claimed = {row: _owner(code, owners) for row, code in rows.detailed.items()}
    unassigned = [row for row, owner in claimed.items() if owner is None]
    found += [rows.unassigned(row) for row in unassigned]
    if any(f.severity == "error" for f in found):
        why = f"{data.file}: kode yang tidak dapat dibaca; jalankan iku validate"
        return BudgetResult(data.file, Status.DATA_ERROR, f"anggaran tidak dihitung: {why}"), found
    by_code: dict[str, list[int]] = {}
    for row, owner in claimed.items():
        if owner is not None:
            by_code.setdefault(owner, []).append(row)
    sasaran = {}
    for tujuan in config.spec.tujuan:
        for s in tujuan.sasaran:
            if s.program:
                # the declared codes this year's budget has rows for
                programs = [rows.line(code, by_code[code]) for code in s.program if code in by_code]
                total = rows.line(s.id, [r for p in programs for r in p.rows], s.sasaran)
                sasaran[s.id] = _efficiency(total, programs, (capaian or {}).get(s.id))
    penunjang = config.spec.anggaran.penunjang if config.spec.anggaran else []
    return (
        BudgetResult(
            data.file,
            Status.OK,
            None,
            sasaran=sasaran,
            penunjang=[rows.line(code, by_code[code]) for code in penunjang if code in by_code],
            unassigned=[rows.line(rows.kode_text[row], [row]) for row in unassigned],
            total=rows.line("", list(rows.detailed), "Jumlah"),
        ),
        found,
    )


def _efficiency(total: BudgetLine, programs: list[BudgetLine], capaian: float | None) -> SasaranBudget:
    """Efisien when the sasaran's average capaian is at least its serapan (iku's convention; see README)."""
    serapan = total.serapan
    if capaian is None:
        return SasaranBudget(total, programs, None, None, "rata-rata capaian sasaran ini tidak ada")
    if serapan is None:
        return SasaranBudget(total, programs, capaian, None, "pagu = 0, serapan tidak terdefinisi")
    return SasaranBudget(total, programs, capaian, capaian >= serapan)


def _owners(config: Config) -> dict[Kode, str]:
    """Each declared code, as numbers -> the code as written (a sasaran's program, or penunjang)."""
    penunjang = config.spec.anggaran.penunjang if config.spec.anggaran else []
    programs = [code for t in config.spec.tujuan for s in t.sasaran for code in s.program]
    return {parse_kode(code) or (): code for code in [*penunjang, *programs]}


def _owner(code: Kode, owners: dict[Kode, str]) -> str | None:
    """The declared code a row's code falls under (itself or a prefix on the dots), if any."""
    for k in range(len(code), 0, -1):
        if code[:k] in owners:
            return owners[code[:k]]
    return None


class _Rows:
    """The typed rows of a budget sheet with their codes, parents and most detailed rows."""

    def __init__(self, frame: pd.DataFrame, data: SheetData):
        self.frame = frame
        self._position = {int(r): p for p, r in enumerate(frame.index)}  # Excel row -> position
        self._numbers: dict[str, np.ndarray] = {}  # a number column as float64, once asked for
        self.at = At(data.file, data.sheet)
        self.letters = data.letters
        self.headers = {cid: c.label for cid, c in data.source.columns.items()}
        present = frame["kode"].notna() if "kode" in frame.columns else pd.Series(False, index=frame.index)
        self.kode_text: dict[int, str] = {int(r): str(frame.at[r, "kode"]) for r in frame.index[present]}
        self.codes: dict[int, Kode | None] = {r: parse_kode(t) for r, t in self.kode_text.items()}
        by_code = {code: r for r, code in self.codes.items() if code}
        self.parent: dict[int, int] = {}  # row -> the row of its longest prefix present
        for r, code in self.codes.items():
            for k in range(len(code or ()) - 1, 0, -1):
                if code and code[:k] in by_code:
                    self.parent[r] = by_code[code[:k]]
                    break
        parents = set(self.parent.values())
        self.detailed = {
            r: code
            for r, code in self.codes.items()
            if code is not None and r not in parents and len(code) >= PROGRAM_LEVEL
        }

    def amount(self, column: str, rows: list[int]) -> float:
        """The sum of ``column`` over ``rows`` (Excel rows; a blank counts nothing), added in that order."""
        if column not in self.frame.columns or not rows:
            return 0.0
        if column not in self._numbers:
            self._numbers[column] = self.frame[column].to_numpy(dtype=np.float64)
        values = self._numbers[column][[self._position[r] for r in rows]]
        return float(np.where(np.isnan(values), 0.0, values).sum())

    def line(self, kode: str, rows: list[int], nama: str | None = None) -> BudgetLine:
        """The sum of ``rows`` under ``kode``; its name is the row of that very code when there is one."""
        if nama is None:
            numbers = parse_kode(kode)
            own = next((r for r, c in self.codes.items() if c == numbers), None)
            nama = self._text(own, "nama") if own is not None else None
        return BudgetLine(kode, nama, self.amount("pagu", rows), self.amount("realisasi", rows), sorted(rows))

    def _text(self, row: int, column: str) -> str | None:
        if column not in self.frame.columns:
            return None
        value = self.frame.at[row, column]
        return None if isinstance(value, float) and math.isnan(value) else str(value)

    def _present(self, row: int, column: str) -> bool:
        return column in self.frame.columns and bool(self.frame[column].notna().at[row])

    def cell(self, column: str, row: int) -> str | None:
        return f"{self.letters[column]}{row}" if column in self.letters else None

    def invalid_codes(self) -> list[Finding]:
        return [
            self.at.finding(
                "budget-code-invalid",
                f"'{text}' bukan kode program/kegiatan/sub kegiatan; tulis angka dipisah titik, misalnya "
                "2.17.07.2.01.0003 (kode dan nama di kolom masing-masing)",
                cell=self.cell("kode", row),
                column="kode",
                value=text,
            )
            for row, text in self.kode_text.items()
            if self.codes[row] is None
        ]

    def subtotal_mismatches(self) -> list[Finding]:
        """Each program / kegiatan row against the sum of the most detailed rows under it.

        Against those (not the subtotals in between), a subtotal left stale is the only row flagged. An urusan
        or bidang heading with nothing under it (3.30 typed as a number reads 3.3) is flagged too."""
        under_of: dict[int, list[int]] = {
            r: [] for r, c in self.codes.items() if c and len(c) < PROGRAM_LEVEL
        }
        for row in self.detailed:
            parent = self.parent.get(row)
            while parent is not None:
                under_of.setdefault(parent, []).append(row)
                parent = self.parent.get(parent)
        found = []
        for parent, rows in sorted(under_of.items()):
            for column in ("pagu", "realisasi"):
                stated = self.amount(column, [parent]) if self._present(parent, column) else None
                under = self.amount(column, rows)
                if stated is None or np.isclose(stated, under, rtol=1e-9, atol=0.5):
                    continue
                what = f"{self.headers[column]} {self.kode_text[parent]} ({format_auto(stated)})"
                if rows:
                    listed = ", ".join(map(str, sorted(rows)))
                    why = (
                        f"jumlah {len(rows)} baris rincian di bawahnya ({format_auto(under)}, baris {listed})"
                    )
                    fix = "iku menjumlahkan baris rincian, periksa subtotal ini"
                else:
                    why = "baris rincian di bawahnya: tidak ada"
                    fix = "bila ini kode urusan atau bidang (mis. 3.30), ketik kodenya sebagai teks, bukan angka"
                found.append(
                    self.at.finding(
                        "budget-subtotal-mismatch",
                        f"{what} tidak sama dengan {why}; {fix}",
                        cell=self.cell(column, parent),
                        column=column,
                        value=stated,
                    )
                )
        return found

    def above_pagu(self) -> list[Finding]:
        found = []
        for row in self.detailed:
            pagu, spent = self.amount("pagu", [row]), self.amount("realisasi", [row])
            if spent > pagu:
                serapan = format_percent(spent / pagu * 100) if pagu else "tak terhingga"
                found.append(
                    self.at.finding(
                        "budget-above-pagu",
                        f"realisasi {format_auto(spent)} melebihi pagu {format_auto(pagu)} ({serapan}) pada "
                        f"{self.kode_text[row]}; periksa angkanya atau pagu setelah perubahan",
                        cell=self.cell("realisasi", row),
                        column="realisasi",
                        value=spent,
                    )
                )
        return found

    def unassigned(self, row: int) -> Finding:
        name = self._text(row, "nama")
        what = f"{self.kode_text[row]} {name}" if name else self.kode_text[row]
        return self.at.finding(
            "budget-row-unassigned",
            f"{what} tidak termasuk program sasaran mana pun (program: di indicators.yaml) dan tidak dinyatakan "
            "sebagai penunjang; anggarannya tidak masuk ke sasaran mana pun",
            cell=self.cell("kode", row),
            column="kode",
            value=self.kode_text[row],
        )
