"""`iku compute`: every indicator for one year, or for a triwulan, printed or exported."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, cast

import typer

from iku_cli.cli import common as c
from iku_cli.findings import Finding
from iku_cli.output.formats import COMPUTE, COMPUTE_TRIWULAN
from iku_cli.output.terminal import shown


@c.app.command()
@c.friendly_errors
def compute(
    data_dir: c.DataDirArgument,
    year: Annotated[int, c.year_option("The year n to compute (growth uses n-1 too).")],
    triwulan: Annotated[
        int | None,
        c.triwulan_option(
            "Compute triwulan N (1-4) from DATA_DIR/<year>/TW<N>/, and each triwulan before it, for "
            "monitoring the Perjanjian Kinerja; --output FILE.xlsx writes the Monitoring PK workbook."
        ),
    ] = None,
    config: c.ConfigOption = None,
    fmt: Annotated[c.ComputeFormat, c.format_option()] = c.ComputeFormat.TABLE,
    output: Annotated[list[Path] | None, c.output_option(COMPUTE)] = None,
    csv_dialect: c.CsvDialectOption = c.CsvDialect.STANDARD,
) -> None:
    """Compute every indicator for one year (or triwulan) and print or export the result table.

    Exit codes: 0 every indicator computed; 1 an indicator could not be computed or the data has
    errors (nothing is computed then; run iku validate); 2 a usage or configuration error, or no
    DATA_DIR/<year>/TW<N> folder. At a triwulan, an indicator declared annual only has no value and
    does not count against exit code 0.
    """
    from iku_cli.calc.plan import Reading

    formats = COMPUTE if triwulan is None else COMPUTE_TRIWULAN
    cfg = c.load(config)
    folder = c.year_data(data_dir, year)
    paths = c.checked_outputs(output, formats, c.inputs_of(cfg, folder))
    if triwulan is not None:
        c.require_quarter_folder(folder, year, triwulan)
    years = cfg.years_for(year) if triwulan is None else [year]
    with c.preloading(cfg, folder, years, triwulan) as preload, c.reading_progress() as progress:
        reading = Reading(progress, preload)
        if triwulan is None:
            from iku_cli.calc.compute import compute as run  # imported while the first sheet loads

            result = run(cfg, folder, year, reading=reading)
            now, exit_code, shown_result = result, result.exit_code, cast(object, result)
        else:
            from iku_cli.calc.triwulan import compute_triwulan

            quarters = compute_triwulan(cfg, folder, year, triwulan, reading=reading)
            now, exit_code, shown_result = quarters.now, quarters.exit_code, quarters
    from iku_cli.output.findings_view import print_findings_summary

    again = f"iku validate {shown(data_dir)} --year {year}" + (f" --triwulan {triwulan}" if triwulan else "")
    if now.blocked:
        print_findings_summary(now.errors, c.err)
        where = f"{year}/TW{triwulan}" if triwulan else f"tahun {c.year_span(now.years_read)}"
        c.err.print(
            f"[bold red]Tidak dihitung:[/] data {where} mengandung {len(now.errors)} kesalahan. "
            f"Perbaiki datanya; daftar lengkap: {again}"
        )
    elif now.budget_errors:  # the indicators are computed; the budget is left out
        print_findings_summary(now.budget_errors, c.err)
        c.err.print(
            f"[bold red]Anggaran tidak dihitung:[/] {len(now.budget_errors)} kesalahan di "
            f"{shown(now.budget_errors[0].file or '')}; daftar lengkap: {again}"
        )
    if triwulan is not None:
        for q in quarters.quarters[:-1]:
            if q.blocked:
                c.err.print(
                    f"[bold red]TW{q.triwulan} tidak dihitung:[/] data {year}/TW{q.triwulan} mengandung "
                    f"{len(q.errors)} kesalahan; daftar lengkap: {again}"
                )
    c.show(formats, shown_result, fmt, csv_dialect)
    if now.warnings and not now.blocked:
        _warning_counts(now.warnings, again)
    c.write_outputs(formats, shown_result, paths, csv_dialect)
    raise typer.Exit(exit_code)


# Warnings that question a computed value itself (a unit slip, a sheet counted twice): each is shown, not counted.
QUESTIONS_A_VALUE = ("large-change",)


def _warning_counts(warnings: list[Finding], again: str) -> None:
    from rich.text import Text

    counts = Counter(w.code for w in warnings)
    listing = ", ".join(f"{code} {n}" for code, n in counts.most_common())
    for w in warnings:
        if w.code in QUESTIONS_A_VALUE:
            c.err.print(Text.assemble(("Periksa: ", "bold yellow"), c.visible(f"{w.message} ({w.file})")))
    c.err.print(f"[yellow]Data dibaca dengan {len(warnings)} peringatan[/] ({listing}); rinciannya: {again}")
