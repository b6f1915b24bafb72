"""The budget of a computed year: per sasaran beside its average capaian, on the terminal and in JSON."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from iku_cli.calc.results import BudgetLine, BudgetResult, ComputeResult, SasaranBudget, Status
from iku_cli.numbers import format_auto, format_percent

EFISIEN_WORDS = {True: "ya", False: "tidak", None: "–"}


def line_dict(line: BudgetLine) -> dict[str, Any]:
    """Pagu, realisasi, serapan and sisa of a program (or a group of rows), with the Excel rows summed."""
    return {key: getattr(line, key) for key in LINE_KEYS} | {"excel_rows": line.rows}


LINE_KEYS = ("kode", "nama", "pagu", "realisasi", "serapan", "sisa")


def sasaran_budget_dict(budget: SasaranBudget) -> dict[str, Any]:
    total = line_dict(budget.total)
    return {
        **{key: total[key] for key in ("pagu", "realisasi", "serapan", "sisa")},
        "efisien": budget.efisien,
        "rata_rata_capaian": budget.capaian,
        "efisien_reason": budget.reason,
        "program": [line_dict(p) for p in budget.program],
    }


def budget_dict(budget: BudgetResult | None) -> dict[str, Any] | None:
    """The whole budget workbook: its total, the penunjang programs and the rows no sasaran claims."""
    if budget is None:
        return None
    total = line_dict(budget.total) if budget.total else {}
    return {
        "file": budget.file,
        "status": budget.status,
        "reason": budget.reason,
        **{key: total.get(key) for key in ("pagu", "realisasi", "serapan", "sisa")},
        "penunjang": [line_dict(p) for p in budget.penunjang],
        "tidak_terkait_sasaran": [line_dict(u) for u in budget.unassigned],
    }


def print_budget(result: ComputeResult, console: Console) -> None:
    """Pagu, realisasi and serapan per sasaran beside its average capaian; or why there is no budget."""
    budget = result.anggaran
    if budget is None:
        return
    if budget.status != Status.OK:
        console.print(f"Anggaran: {budget.reason}", markup=False)
        return
    table = Table(
        title=f"Realisasi anggaran {result.year} ({budget.file})",
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
    )
    for header in ("Sasaran", "Pagu (Rp)", "Realisasi (Rp)", "Serapan", "Capaian", "Efisien"):
        table.add_column(
            header, justify="left" if header in ("Sasaran", "Efisien") else "right", no_wrap=True
        )
    for group in result.sasaran:
        s = group.anggaran
        if s is None:
            table.add_row(group.id, "–", "–", "–", "–", "–")
            continue
        table.add_row(
            group.id,
            format_auto(s.total.pagu),
            format_auto(s.total.realisasi),
            format_percent(s.total.serapan),
            format_percent(s.capaian),
            EFISIEN_WORDS[s.efisien],
        )
    extra = [("penunjang", line) for line in budget.penunjang]
    if budget.unassigned:
        extra.append(("tanpa sasaran", _sum_of(budget.unassigned)))
    if budget.total:
        extra.append(("jumlah", budget.total))
    table.add_section()
    for label, line in extra:
        table.add_row(
            label, format_auto(line.pagu), format_auto(line.realisasi), format_percent(line.serapan), "", ""
        )
    console.print(table)
    if budget.unassigned:
        listing = ", ".join(u.kode for u in budget.unassigned)
        console.print(
            f"[yellow]Baris anggaran tanpa sasaran[/]: {listing} (lihat program: di indicators.yaml)"
        )


def _sum_of(lines: list[BudgetLine]) -> BudgetLine:
    return BudgetLine("", None, sum(x.pagu for x in lines), sum(x.realisasi for x in lines))
