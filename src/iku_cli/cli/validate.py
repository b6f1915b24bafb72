"""`iku validate`: the bidang workbooks checked before submission, every finding at its cell."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli import common as c
from iku_cli.output.formats import VALIDATE


@c.app.command()
@c.friendly_errors
def validate(
    data_dir: c.DataDirArgument,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Check what computing year N needs: N, and N-1 where its folder exists (a missing N-1 is a "
            "warning); default: every year folder.",
            show_default=False,
        ),
    ] = None,
    triwulan: Annotated[
        int | None,
        c.triwulan_option(
            "With --year: check what computing triwulan N (1-4) needs, DATA_DIR/<year>/TW<N>/ and the "
            "folders its readings compare with."
        ),
    ] = None,
    config: c.ConfigOption = None,
    fmt: Annotated[c.ValidateFormat, c.format_option()] = c.ValidateFormat.TABLE,
    output: Annotated[list[Path] | None, c.output_option(VALIDATE)] = None,
    annotate_dir: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            metavar="DIR",
            help="Write marked copies of the workbooks into DIR (originals untouched).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings count as errors for the exit code.")
    ] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every finding on screen, info included.")
    ] = False,
    csv_dialect: c.CsvDialectOption = c.CsvDialect.STANDARD,
) -> None:
    """Check the bidang workbooks before submission; every finding names its file, sheet and cell.

    Exit codes: 0 no error (with --strict: no error or warning); 1 at least one; 2 a usage or
    configuration error (also: --triwulan without --year, or no DATA_DIR/<year>/TW<N> folder).
    """
    from iku_cli.calc.plan import Reading, years_to_check

    cfg = c.load(config)
    if triwulan is not None and year is None:
        raise c.UsageError(
            "--triwulan needs --year: the triwulan of which year (e.g. --year 2024 --triwulan 2)"
        )
    folder = c.data_dir_of(data_dir) if year is None else c.year_data(data_dir, year)
    if year is not None and triwulan is not None:
        c.require_quarter_folder(folder, year, triwulan)
    guard = c.inputs_of(cfg, folder)
    paths = c.checked_outputs(output, VALIDATE, guard)
    years = years_to_check(folder, year)
    if not years:
        raise c.UsageError(f"no year folders (e.g. {folder / '2024'}) in '{folder}'; give --year or add them")
    if annotate_dir is not None:
        if annotate_dir.resolve() == folder.resolve():
            raise c.UsageError(
                "--annotate must name another folder than the data folder; originals are never written"
            )
        for y in years:
            for workbook in {s.workbook for s in cfg.spec.sources.values()}:
                guard.check(annotate_dir / str(y) / workbook, "--annotate")
                if triwulan is not None:
                    guard.check(annotate_dir / str(y) / f"TW{triwulan}" / workbook, "--annotate")
        annotate_dir.mkdir(parents=True, exist_ok=True)
    only = [years[-1]] if triwulan is not None else years
    with c.preloading(cfg, folder, only, triwulan) as preload, c.reading_progress() as progress:
        from iku_cli.calc.validate import validate as run  # imported while the first sheet loads
        from iku_cli.calc.validate import validate_triwulan, validate_year

        reading = Reading(progress, preload)
        if year is None:
            report = run(cfg, folder, years, reading=reading)
        elif triwulan is None:
            report = validate_year(cfg, folder, year, reading=reading)
        else:
            report = validate_triwulan(cfg, folder, year, triwulan, reading=reading)
    c.show(VALIDATE, report, fmt, csv_dialect, show_all=show_all)
    c.write_outputs(VALIDATE, report, paths, csv_dialect)
    if annotate_dir is not None:
        from iku_cli.output.annotate import annotate

        for p in annotate(folder, annotate_dir, report.findings):
            c.err.print(f"Ditandai: {c.visible(str(p))}", markup=False)
    raise typer.Exit(0 if report.valid(strict) else 1)
