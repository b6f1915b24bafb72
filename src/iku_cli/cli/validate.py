"""`iku validate`: the bidang workbooks checked before submission, every finding at its cell."""

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
    require_year_folder,
    show,
    write_outputs,
)
from iku_cli.output.formats import VALIDATE, Format

if TYPE_CHECKING:
    ValidateFormat = Format
else:
    ValidateFormat = format_choices("ValidateFormat", VALIDATE)


@app.command()
@friendly_errors
def validate(
    data_dir: DataDirArgument,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Check what computing year N needs (N and N-1); default: every year folder.",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
    fmt: Annotated[ValidateFormat, format_option()] = ValidateFormat.TABLE,
    output: Annotated[list[Path] | None, output_option(VALIDATE)] = None,
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
) -> None:
    """Check the bidang workbooks before submission; every finding names its file, sheet and cell.

    Exit codes: 0 no error (with --strict: no error or warning); 1 at least one; 2 a usage or
    configuration error.
    """
    from iku_cli.calc.validate import validate as run
    from iku_cli.calc.validate import years_to_check

    cfg = load(config)
    paths = checked_outputs(output, VALIDATE)
    folder = data_dir_of(data_dir)
    if year is not None:
        require_year_folder(folder, checked_year(year))
    years = years_to_check(folder, year)
    if not years:
        raise UsageError(f"no year folders (e.g. {folder / '2024'}) in '{folder}'; give --year or add them")
    if annotate_dir is not None:
        if annotate_dir.resolve() == folder.resolve():
            raise UsageError(
                "--annotate must name another folder than the data folder; originals are never written"
            )
        annotate_dir.mkdir(parents=True, exist_ok=True)
    report = run(cfg, folder, years)
    show(VALIDATE, report, fmt, show_all=show_all)
    write_outputs(VALIDATE, report, paths)
    if annotate_dir is not None:
        from iku_cli.output.annotate import annotate

        for p in annotate(folder, annotate_dir, report.findings):
            err.print(f"Ditandai: {p}", markup=False)
    raise typer.Exit(0 if report.valid(strict) else 1)
