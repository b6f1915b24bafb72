"""`iku compute`: every indicator for one year, printed or exported."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iku_cli.cli.common import (
    ConfigOption,
    DataDirArgument,
    app,
    checked_outputs,
    checked_year,
    data_dir_of,
    err,
    format_choices,
    format_option,
    friendly_errors,
    load,
    output_option,
    require_year_folder,
    show,
    write_outputs,
    year_span,
)
from iku_cli.findings import Finding
from iku_cli.output.formats import COMPUTE, Format

if TYPE_CHECKING:
    ComputeFormat = Format
else:
    ComputeFormat = format_choices("ComputeFormat", COMPUTE)


@app.command()
@friendly_errors
def compute(
    data_dir: DataDirArgument,
    year: Annotated[
        int, typer.Option("--year", "-y", metavar="YEAR", help="The year n to compute (growth uses n-1 too).")
    ],
    config: ConfigOption = None,
    fmt: Annotated[ComputeFormat, format_option()] = ComputeFormat.TABLE,
    output: Annotated[list[Path] | None, output_option(COMPUTE)] = None,
) -> None:
    """Compute every indicator for one year and print or export the result table.

    Exit codes: 0 every indicator computed; 1 an indicator could not be computed or the data has
    errors (nothing is computed then; run iku validate); 2 a usage or configuration error.
    """
    from iku_cli.calc.compute import compute as run
    from iku_cli.output.findings_view import print_findings_summary

    cfg = load(config)
    paths = checked_outputs(output, COMPUTE)
    require_year_folder(data_dir_of(data_dir), checked_year(year))
    result = run(cfg, data_dir, year)
    if result.blocked:
        print_findings_summary(result.errors, err)
        err.print(
            f"[bold red]Tidak dihitung:[/] data tahun {year_span(result.years_read)} mengandung {len(result.errors)} kesalahan. "
            f"Perbaiki datanya; daftar lengkap: iku validate {data_dir} --year {year}"
        )
    show(COMPUTE, result, fmt)
    if result.warnings and not result.blocked:
        _warning_counts(result.warnings, data_dir, year)
    write_outputs(COMPUTE, result, paths)
    raise typer.Exit(result.exit_code)


def _warning_counts(warnings: list[Finding], data_dir: Path, year: int) -> None:
    counts = Counter(w.code for w in warnings)
    listing = ", ".join(f"{code} {n}" for code, n in counts.most_common())
    err.print(
        f"[yellow]Data dibaca dengan {len(warnings)} peringatan[/] ({listing}); "
        f"rinciannya: iku validate {data_dir} --year {year}"
    )
