"""`iku trend`: realisasi and capaian per indicator over a span of years."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iku_cli.cli.common import (
    ConfigOption,
    DataDirArgument,
    UsageError,
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
    show,
    write_outputs,
)
from iku_cli.output.formats import TREND, Format

if TYPE_CHECKING:
    TrendFormat = Format
else:
    TrendFormat = format_choices("TrendFormat", TREND)


@app.command()
@friendly_errors
def trend(
    data_dir: DataDirArgument,
    first: Annotated[int, typer.Option("--from", metavar="YEAR", help="First year.")],
    last: Annotated[int, typer.Option("--to", metavar="YEAR", help="Last year.")],
    config: ConfigOption = None,
    fmt: Annotated[TrendFormat, format_option()] = TrendFormat.TABLE,
    output: Annotated[list[Path] | None, output_option(TREND)] = None,
) -> None:
    """Realisasi (and capaian where targets exist) per indicator per year, with a small inline trend.

    --output trend.xlsx adds a native Excel line chart per indicator. Years without data show as
    missing, never as 0. Exit codes: 0 done; 1 some year's data has errors (that year is not
    computed); 2 a usage or configuration error.
    """
    from iku_cli.calc.trend import trend as run
    from iku_cli.output.findings_view import print_findings_summary

    cfg = load(config)
    paths = checked_outputs(output, TREND)
    checked_year(first), checked_year(last)
    if first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    if last - first > 50:
        raise UsageError("give at most 50 years")
    result = run(cfg, data_dir_of(data_dir), first, last)
    if result.blocked_years:
        print_findings_summary(result.blocking_errors, err)
        years = ", ".join(str(y) for y in result.blocked_years)
        err.print(f"[bold red]Tahun {years} tidak dihitung:[/] data mengandung kesalahan (iku validate)")
    show(TREND, result, fmt)
    write_outputs(TREND, result, paths)
    raise typer.Exit(result.exit_code)
