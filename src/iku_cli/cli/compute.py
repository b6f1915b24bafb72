"""`iku compute`: every indicator for one year, printed or exported."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli import common as c
from iku_cli.findings import Finding
from iku_cli.output.formats import COMPUTE
from iku_cli.output.terminal import shown


@c.app.command()
@c.friendly_errors
def compute(
    data_dir: c.DataDirArgument,
    year: Annotated[int, c.year_option("The year n to compute (growth uses n-1 too).")],
    config: c.ConfigOption = None,
    fmt: Annotated[c.ComputeFormat, c.format_option()] = c.ComputeFormat.TABLE,
    output: Annotated[list[Path] | None, c.output_option(COMPUTE)] = None,
    csv_dialect: c.CsvDialectOption = c.CsvDialect.STANDARD,
) -> None:
    """Compute every indicator for one year and print or export the result table.

    Exit codes: 0 every indicator computed; 1 an indicator could not be computed or the data has
    errors (nothing is computed then; run iku validate); 2 a usage or configuration error.
    """
    from iku_cli.calc.workspace import Reading

    cfg = c.load(config)
    folder = c.year_data(data_dir, year)
    paths = c.checked_outputs(output, COMPUTE, c.inputs_of(cfg, folder))
    with c.preloading(cfg, folder, cfg.years_for(year)) as preload, c.reading_progress() as progress:
        from iku_cli.calc.compute import compute as run  # imported while the first sheet loads

        result = run(cfg, folder, year, reading=Reading(progress, preload))
    from iku_cli.output.findings_view import print_findings_summary

    if result.blocked:
        print_findings_summary(result.errors, c.err)
        c.err.print(
            f"[bold red]Tidak dihitung:[/] data tahun {c.year_span(result.years_read)} mengandung "
            f"{len(result.errors)} kesalahan. Perbaiki datanya; daftar lengkap: iku validate {shown(data_dir)} --year {year}"
        )
    elif result.budget_errors:  # the indicators are computed; the budget is left out
        print_findings_summary(result.budget_errors, c.err)
        c.err.print(
            f"[bold red]Anggaran tidak dihitung:[/] {len(result.budget_errors)} kesalahan di "
            f"{shown(result.budget_errors[0].file or '')}; daftar lengkap: iku validate {shown(data_dir)} --year {year}"
        )
    c.show(COMPUTE, result, fmt, csv_dialect)
    if result.warnings and not result.blocked:
        _warning_counts(result.warnings, data_dir, year)
    c.write_outputs(COMPUTE, result, paths, csv_dialect)
    raise typer.Exit(result.exit_code)


def _warning_counts(warnings: list[Finding], data_dir: Path, year: int) -> None:
    counts = Counter(w.code for w in warnings)
    listing = ", ".join(f"{code} {n}" for code, n in counts.most_common())
    c.err.print(
        f"[yellow]Data dibaca dengan {len(warnings)} peringatan[/] ({listing}); "
        f"rinciannya: iku validate {shown(data_dir)} --year {year}"
    )
