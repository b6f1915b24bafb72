"""The iku command line: parse options, call the library, render, choose the exit code. Nothing more."""

from __future__ import annotations

import functools
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from iku_cli import __version__

EXIT_CODES_HELP = (
    "Exit codes: 0 every indicator computed (validate: no error); 1 an indicator could not be computed "
    "or the data has errors; 2 a usage or configuration error; 3 an internal error of iku."
)

app = typer.Typer(
    name="iku",
    help="Compute the Indikator Kinerja Utama (IKU) of a Dinas from its bidang workbooks.\n\n"
    + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class UsageError(Exception):
    """A mistake in how iku was called: exit code 2."""


def friendly_errors(command):
    """Turn the library's configuration errors and usage mistakes into a message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from iku_cli.spec import SpecError

        try:
            return command(*args, **kwargs)
        except SpecError as exc:
            err.print("[bold red]Configuration error[/]:")
            for problem in exc.problems:
                err.print(f"  {problem}", highlight=False, markup=False)
            raise typer.Exit(2) from None
        except UsageError as exc:
            err.print(f"[bold red]Error:[/] {exc}", highlight=False)
            raise typer.Exit(2) from None
        except BrokenPipeError:  # `iku ... | head`: the reader has gone; stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(141) from None
        except OSError as exc:  # writing an output, a copy or a template where the system does not allow it
            where = f" {exc.filename}" if exc.filename else ""
            err.print(f"[bold red]Error:[/] cannot write{where}: {exc.strerror or exc}", highlight=False)
            raise typer.Exit(2) from None

    return wrapper


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        metavar="FILE",
        help="indicators.yaml to use (default: the one shipped with iku).",
        show_default=False,
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="What to print on stdout.")]
OutputOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (.csv, .xlsx or .json by extension); may be repeated.",
        show_default=False,
    ),
]
DataDirArgument = Annotated[
    Path, typer.Argument(metavar="DATA_DIR", help="Folder with one sub-folder per year (DATA_DIR/2024/...).")
]


def _config(path: Path | None):
    from iku_cli.spec import load_config

    return load_config(path)


def _data_dir(path: Path) -> Path:
    if not path.exists():
        raise UsageError(f"data folder '{path}' does not exist; give the folder that holds the year folders")
    if not path.is_dir():
        raise UsageError(f"'{path}' is a file; give the folder that holds the year folders (e.g. data/)")
    return path


def _year(year: int) -> int:
    if not 1900 <= year <= 2200:
        raise UsageError(f"--year {year}: give the full year, e.g. 2024")
    return year


def _year_folder(data_dir: Path, year: int) -> None:
    """A year whose folder does not exist is a wrong path or a wrong year, not missing data."""
    if not (data_dir / str(year)).is_dir():
        from iku_cli.validate import year_folders

        present = ", ".join(str(y) for y in year_folders(data_dir)) or "none"
        raise UsageError(
            f"no folder '{data_dir / str(year)}' (year folders in '{data_dir}': {present}); "
            "DATA_DIR is the folder that holds the year folders"
        )


def _outputs(paths: list[Path] | None, allowed=(".csv", ".json", ".xlsx")) -> list[Path]:
    paths = paths or []
    for p in paths:
        if p.suffix.lower() not in allowed:
            raise UsageError(f"--output {p}: unknown extension '{p.suffix}'; use {', '.join(allowed)}")
        if not p.parent.exists() or not p.parent.is_dir():
            raise UsageError(f"--output {p}: folder '{p.parent}' does not exist; create it first")
        if p.exists() and p.is_dir():
            raise UsageError(f"--output {p}: is a folder; give a file name")
    return paths


def _write_outputs(paths: list[Path], write) -> None:
    for p in paths:
        try:
            write(p)
        except PermissionError:
            raise UsageError(f"--output {p}: no permission to write there") from None
        err.print(f"Ditulis: {p}")


@app.command()
@friendly_errors
def compute(
    data_dir: DataDirArgument,
    year: Annotated[
        int, typer.Option("--year", "-y", metavar="YEAR", help="The year n to compute (growth uses n-1 too).")
    ],
    config: ConfigOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    """Compute every indicator for one year and print or export the result table.

    Exit codes: 0 every indicator computed; 1 an indicator could not be computed or the data has
    errors (nothing is computed then; run iku validate); 2 a usage or configuration error.
    """
    from iku_cli.compute import compute as run
    from iku_cli.render import export as E
    from iku_cli.render.terminal import print_findings_summary, print_result

    cfg = _config(config)
    paths = _outputs(output)
    _year_folder(_data_dir(data_dir), _year(year))
    result = run(cfg, data_dir, year)
    if result.blocked:
        print_findings_summary(result.errors, err)
        err.print(
            f"[bold red]Tidak dihitung:[/] data tahun {year - 1}–{year} mengandung {len(result.errors)} kesalahan. "
            f"Perbaiki datanya; daftar lengkap: iku validate {data_dir} --year {year}"
        )
    if fmt == Format.json:
        sys.stdout.write(E.to_json(result))
    elif fmt == Format.csv:
        sys.stdout.write(E.to_csv(result))
    elif not result.blocked:
        print_result(result, out)
    if result.warnings and not result.blocked:
        _warning_counts(result.warnings, data_dir, year)
    _write_outputs(paths, lambda p: E.export(result, p))
    raise typer.Exit(result.exit_code)


def _warning_counts(warnings, data_dir: Path, year: int) -> None:
    from collections import Counter

    counts = Counter(w.code for w in warnings)
    listing = ", ".join(f"{code} {n}" for code, n in counts.most_common())
    err.print(
        f"[yellow]Data dibaca dengan {len(warnings)} peringatan[/] ({listing}); "
        f"rinciannya: iku validate {data_dir} --year {year}"
    )


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
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
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
    from iku_cli.render.findings_export import export_findings, findings_csv, findings_json
    from iku_cli.render.terminal import print_findings_summary
    from iku_cli.validate import validate as run
    from iku_cli.validate import year_folders

    cfg = _config(config)
    paths = _outputs(output)
    folder = _data_dir(data_dir)
    if year is not None:
        _year_folder(folder, _year(year))
    years = [year - 1, year] if year is not None else year_folders(folder)
    if not years:
        raise UsageError(f"no year folders (e.g. {folder / '2024'}) in '{folder}'; give --year or add them")
    if annotate_dir is not None:
        if annotate_dir.resolve() == folder.resolve():
            raise UsageError(
                "--annotate must name another folder than the data folder; originals are never written"
            )
        annotate_dir.mkdir(parents=True, exist_ok=True)
    report = run(cfg, folder, years)
    summary = report.summary()
    if fmt == Format.json:
        sys.stdout.write(findings_json(report.findings, summary))
    elif fmt == Format.csv:
        sys.stdout.write(findings_csv(report.findings))
    else:
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        out.print(f"Memeriksa {len(report.files)} workbook di {folder} (tahun {span})")
        print_findings_summary(
            report.findings, out, per_group=1_000_000 if show_all else 5, show_info=show_all
        )
        if not show_all and len(report.findings) > 0:
            out.print("[dim]Semua temuan: --all, atau --output temuan.xlsx / --format csv[/]")
    _write_outputs(paths, lambda p: export_findings(report.findings, summary, p))
    if annotate_dir is not None:
        from iku_cli.annotate import annotate

        for p in annotate(folder, annotate_dir, report.findings):
            err.print(f"Ditandai: {p}")
    raise typer.Exit(0 if report.valid(strict) else 1)


@app.command()
@friendly_errors
def explain(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="The indicator id, e.g. IKU-2.")],
    data_dir: DataDirArgument,
    year: Annotated[int, typer.Option("--year", "-y", metavar="YEAR", help="The year n to explain.")],
    config: ConfigOption = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="table or json (json lists every Excel row used).")
    ] = Format.table,
) -> None:
    """Show how one indicator's value was obtained: formula, numbers, measures, filters and rows used.

    Exit codes: 0 the indicator was computed; 1 it could not be (the reason is shown); 2 a usage or
    configuration error, including an unknown id (the valid ids are listed).
    """
    from iku_cli.explain import UnknownIndicator
    from iku_cli.explain import explain as run
    from iku_cli.render.explain_view import explanation_json, print_explanation
    from iku_cli.render.terminal import print_findings_summary

    cfg = _config(config)
    _year_folder(_data_dir(data_dir), _year(year))
    try:
        ex = run(cfg, data_dir, year, indicator_id)
    except UnknownIndicator as exc:
        raise UsageError(str(exc)) from None
    if ex.result.blocked:
        print_findings_summary(ex.result.errors, err)
        err.print(
            f"[bold red]Tidak dihitung:[/] data mengandung kesalahan; iku validate {data_dir} --year {year}"
        )
    if fmt == Format.json:
        sys.stdout.write(explanation_json(ex))
    elif fmt == Format.csv:
        raise UsageError("explain prints table or json")
    else:
        print_explanation(ex, out)
    raise typer.Exit(0 if ex.indicator.ok else 1)


@app.command()
@friendly_errors
def trend(
    data_dir: DataDirArgument,
    first: Annotated[int, typer.Option("--from", metavar="YEAR", help="First year.")],
    last: Annotated[int, typer.Option("--to", metavar="YEAR", help="Last year.")],
    config: ConfigOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    """Realisasi (and capaian where targets exist) per indicator per year, with a small inline trend.

    --output trend.xlsx adds a native Excel line chart per indicator. Years without data show as
    missing, never as 0. Exit codes: 0 done; 1 some year's data has errors (that year is not
    computed); 2 a usage or configuration error.
    """
    from iku_cli.render.terminal import print_findings_summary
    from iku_cli.render.trend_view import export_trend, print_trend, trend_csv, trend_json
    from iku_cli.trend import trend as run

    cfg = _config(config)
    paths = _outputs(output)
    _year(first), _year(last)
    if first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    if last - first > 50:
        raise UsageError("give at most 50 years")
    result = run(cfg, _data_dir(data_dir), first, last)
    if result.blocked_years:
        errors = [f for f in result.findings if f.severity == "error" and f.code != "workbook-missing"]
        print_findings_summary(errors, err)
        years = ", ".join(str(y) for y in result.blocked_years)
        err.print(f"[bold red]Tahun {years} tidak dihitung:[/] data mengandung kesalahan (iku validate)")
    if fmt == Format.json:
        sys.stdout.write(trend_json(result))
    elif fmt == Format.csv:
        sys.stdout.write(trend_csv(result))
    else:
        print_trend(result, out)
    _write_outputs(paths, lambda p: export_trend(result, p))
    raise typer.Exit(result.exit_code)


@app.command()
@friendly_errors
def template(
    out_dir: Annotated[
        Path,
        typer.Argument(metavar="OUT_DIR", help="Folder to write into; the workbooks go to OUT_DIR/<year>/."),
    ],
    year: Annotated[
        int, typer.Option("--year", "-y", metavar="YEAR", help="The year the workbooks are for.")
    ],
    config: ConfigOption = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            metavar="SOURCE",
            help="Only this source of indicators.yaml (e.g. umkm, koperasi); may be repeated.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite workbooks that already exist.")] = False,
    rows: Annotated[
        int, typer.Option("--rows", help="Data rows prepared with formats and checks.", min=1)
    ] = 1000,
) -> None:
    """Write blank bidang workbooks from indicators.yaml: headers, formats, drop-down lists, instructions.

    Exit codes: 0 written; 2 a usage or configuration error, or a file that exists already
    (nothing is written then; --force overwrites).
    """
    from iku_cli.template import TemplateExists, write_templates

    cfg = _config(config)
    _year(year)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"'{out_dir}' is a file; give a folder")
    try:
        written = write_templates(cfg, out_dir, year, sources=source or None, force=force, rows=rows)
    except TemplateExists as exc:
        listing = ", ".join(str(p) for p in exc.paths)
        raise UsageError(
            f"these files exist already and were not overwritten: {listing}; use --force to overwrite"
        ) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    for p in written:
        err.print(f"Ditulis: {p}")


@app.command()
@friendly_errors
def indicators(config: ConfigOption = None, fmt: FormatOption = Format.table) -> None:
    """List the declared indicators: id, level, name, formula, source and unit kerja."""
    from iku_cli.render.listing import indicators_csv, indicators_json, indicators_table

    cfg = _config(config)
    if fmt == Format.json:
        sys.stdout.write(indicators_json(cfg))
    elif fmt == Format.csv:
        sys.stdout.write(indicators_csv(cfg))
    else:
        out.print(indicators_table(cfg))


def _version(value: bool) -> None:
    if value:
        out.print(f"iku {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Compute the Indikator Kinerja Utama (IKU) of a Dinas from its bidang workbooks."""


def main() -> None:
    """Entry point: an unexpected failure becomes a short message and exit code 3, not a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("Dihentikan.")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("IKU_DEBUG"):
            raise
        err.print(
            f"[bold red]Internal error of iku[/]: {type(exc).__name__}: {exc}\n"
            "This is a bug. Run again with IKU_DEBUG=1 to see the details, and report them."
        )
        sys.exit(3)
