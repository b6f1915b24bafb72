"""`iku trend`: realisasi and capaian per indicator over a span of years."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli import common as c
from iku_cli.output.formats import TREND


@c.app.command()
@c.friendly_errors
def trend(
    data_dir: c.DataDirArgument,
    first: Annotated[int, typer.Option("--from", metavar="YEAR", help="First year.")],
    last: Annotated[int, typer.Option("--to", metavar="YEAR", help="Last year.")],
    config: c.ConfigOption = None,
    fmt: Annotated[c.TrendFormat, c.format_option()] = c.TrendFormat.TABLE,
    output: Annotated[list[Path] | None, c.output_option(TREND)] = None,
    csv_dialect: c.CsvDialectOption = c.CsvDialect.STANDARD,
) -> None:
    """Realisasi (and capaian where targets exist) per indicator per year, with a small inline trend.

    --output trend.xlsx adds a native Excel line chart per indicator. Years without data show as
    missing, never as 0. Exit codes: 0 done; 1 some year's data has errors (that year is not
    computed); 2 a usage or configuration error, or no year folder between --from and --to.
    """
    from iku_cli.calc.plan import Reading

    cfg = c.load(config)
    folder = c.data_dir_of(data_dir)
    paths = c.checked_outputs(output, TREND, c.inputs_of(cfg, folder))
    c.checked_year(first), c.checked_year(last)
    if first > last:
        raise c.UsageError(f"--from {first} is after --to {last}")
    if last - first > 50:
        raise c.UsageError("give at most 50 years")
    c.require_some_year_folder(folder, first, last)
    with (
        c.preloading(cfg, folder, list(range(first - 1, last + 1))) as preload,
        c.reading_progress() as progress,
    ):
        from iku_cli.calc.trend import trend as run  # imported while the first sheets load

        result = run(cfg, folder, first, last, reading=Reading(progress, preload))
    from iku_cli.output.findings_view import print_findings_summary

    if result.blocked_years:
        print_findings_summary(result.blocking_errors, c.err)
        years = ", ".join(str(y) for y in result.blocked_years)
        c.err.print(f"[bold red]Tahun {years} tidak dihitung:[/] data mengandung kesalahan (iku validate)")
    c.show(TREND, result, fmt, csv_dialect)
    c.write_outputs(TREND, result, paths, csv_dialect)
    raise typer.Exit(result.exit_code)
