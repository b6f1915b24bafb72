"""What every command shares: the app, the consoles, the options declared once, and the usage errors."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from iku_cli.output.formats import COMPUTE, EXPLAIN, INDICATORS, TREND, VALIDATE, Format, Formats
from iku_cli.output.guard import InputGuard, WouldReplaceInput
from iku_cli.output.serialise import CsvDialect
from iku_cli.text import visible

if TYPE_CHECKING:
    from iku_cli.config import Config

EXIT_CODES_HELP = (
    "Exit codes: 0 every indicator computed (validate: no error); 1 an indicator could not be computed "
    "or the data has errors; 2 a usage or configuration error; 3 an internal error of iku."
)


def plain_words(error: dict[str, Any], metavar: str | None) -> str:
    """A value the command line refused, in plain words instead of the parsing library's."""
    value, kind = visible(str(error.get("input"))), str(error.get("type", ""))
    bounds = error.get("ctx") or {}
    if kind in ("int_parsing", "int_from_float"):
        hint = "; give the full year, e.g. 2024" if metavar == "YEAR" else ""
        return f"'{value}' is not a whole number{hint}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{value} is too small; give at least {bounds.get('ge', bounds.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{value} is too large; give at most {bounds.get('le', bounds.get('lt'))}"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    choices = re.fullmatch(r"'(.*)' is not one of (.*?)\.?", message)
    if choices:
        return f"'{choices[1]}' is not one of: {choices[2].replace(chr(39), '')}"
    return message


class Commands(TyperGroup):
    """iku's commands: a refused option value is explained in plain words."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            errors = getattr(exc.__cause__, "errors", None)
            if callable(errors) and errors():
                exc.message = plain_words(errors()[0], getattr(exc.param, "metavar", None))
            raise


app = typer.Typer(
    name="iku",
    cls=Commands,
    help="Compute the Indikator Kinerja Utama (IKU) of a Dinas from its bidang workbooks.\n\n"
    + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# Emoji codes are never replaced: ":x:" in a cell is text. User text enters markup only through
# output.terminal (shown, plain); messages printed whole are printed with markup=False and visible().
out = Console(highlight=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


class UsageError(Exception):
    """A mistake in how iku was called: exit code 2."""


F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(command: F) -> F:
    """Turn the library's configuration errors and usage mistakes into a message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from iku_cli.config import SpecError

        try:
            return command(*args, **kwargs)
        except SpecError as exc:
            err.print("[bold red]Configuration error[/]:")
            for problem in exc.problems:
                err.print(f"  {visible(problem)}", highlight=False, markup=False)
            raise typer.Exit(2) from None
        except (UsageError, WouldReplaceInput) as exc:
            err.print("[bold red]Error:[/] ", end="")
            err.print(visible(str(exc)), highlight=False, markup=False)
            raise typer.Exit(2) from None
        except OSError as exc:  # writing an output, a copy or a template where the system does not allow it
            where = f" {exc.filename}" if exc.filename else ""
            err.print("[bold red]Error:[/] ", end="")
            err.print(visible(f"cannot write{where}: {exc.strerror or exc}"), highlight=False, markup=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def format_choices(name: str, formats: Formats) -> type[StrEnum]:
    """The --format choices of one command: exactly the formats its registry entry prints, table first."""
    return StrEnum(name, {f.name: f.value for f in formats.printable})  # type: ignore[return-value]


def format_option(help: str = "What to print on stdout.") -> Any:
    return typer.Option("--format", "-f", help=help)


# Each command's --format choices, from the registry (for a type checker they are all just Format).
if TYPE_CHECKING:
    ComputeFormat: TypeAlias = Format
    ValidateFormat: TypeAlias = Format
    ExplainFormat: TypeAlias = Format
    TrendFormat: TypeAlias = Format
    IndicatorsFormat: TypeAlias = Format
else:
    ComputeFormat = format_choices("ComputeFormat", COMPUTE)
    ValidateFormat = format_choices("ValidateFormat", VALIDATE)
    ExplainFormat = format_choices("ExplainFormat", EXPLAIN)
    TrendFormat = format_choices("TrendFormat", TREND)
    IndicatorsFormat = format_choices("IndicatorsFormat", INDICATORS)


def year_span(years: list[int] | tuple[int, ...]) -> str:
    """2023–2024, or 2024 for one year."""
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        metavar="FILE",
        help="indicators.yaml to use (default: indicators.yaml in the current folder, else the one shipped with iku).",
        show_default=False,
    ),
]


def output_option(formats: Formats) -> Any:
    """--output FILE, repeatable; the extensions offered are the command's file formats."""
    return typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=f"Write to FILE ({', '.join(formats.suffixes())} by extension); may be repeated.",
        show_default=False,
    )


DataDirArgument = Annotated[
    Path, typer.Argument(metavar="DATA_DIR", help="Folder with one sub-folder per year (DATA_DIR/2024/...).")
]


def year_option(help: str) -> Any:
    return typer.Option("--year", "-y", metavar="YEAR", help=help)


def triwulan_option(help: str) -> Any:
    return typer.Option("--triwulan", "-t", metavar="N", min=1, max=4, help=help, show_default=False)


def require_quarter_folder(data_dir: Path, year: int, triwulan: int) -> None:
    """A triwulan whose folder does not exist is a wrong path or a wrong triwulan, not missing data."""
    from iku_cli.calc.plan import quarter_folder, year_folder

    folder = quarter_folder(data_dir, year, triwulan)
    if not folder.is_dir():
        present = sorted(p.name for p in year_folder(data_dir, year).glob("TW[1-4]") if p.is_dir())
        raise UsageError(
            f"no folder '{folder}' (triwulan folders of {year}: {', '.join(present) or 'none'}); "
            "a triwulan's workbooks go in DATA_DIR/<year>/TW<n>/"
        )


def year_data(data_dir: Path, year: int) -> Path:
    """DATA_DIR checked, with a folder for ``year``: a wrong path or year is a usage error, not missing data."""
    folder = data_dir_of(data_dir)
    require_year_folder(folder, checked_year(year))
    return folder


LOCAL_CONFIG = "indicators.yaml"  # in the current folder: used when --config is not given


def load(path: Path | None) -> Config:
    """``--config`` when given; else indicators.yaml in the current folder, when there is one; else the shipped one."""
    from iku_cli.config import default_config_path, load_config

    if path is None and (local := _local_config()) is not None:
        path = local
        if not _same_text(local, default_config_path()):  # it changes the results: say so
            err.print(f"Konfigurasi: {visible(str(local))} (indicators.yaml di folder ini)", markup=False)
    return load_config(path)


def _same_text(a: Path, b: Path) -> bool:
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _local_config() -> Path | None:
    """indicators.yaml in the current folder, when there is one (and the current folder still exists)."""
    try:
        local = Path.cwd() / LOCAL_CONFIG
        return local if local.is_file() else None
    except OSError:
        return None


def data_dir_of(path: Path) -> Path:
    if not path.exists():
        raise UsageError(f"data folder '{path}' does not exist; give the folder that holds the year folders")
    if not path.is_dir():
        raise UsageError(f"'{path}' is a file; give the folder that holds the year folders (e.g. data/)")
    return path


def checked_year(year: int) -> int:
    from iku_cli.config.model import plausible_year

    if not plausible_year(year):
        raise UsageError(f"--year {year}: give the full year, e.g. 2024")
    return year


def require_year_folder(data_dir: Path, year: int) -> None:
    """A year whose folder does not exist is a wrong path or a wrong year, not missing data."""
    from iku_cli.calc.plan import year_folder, year_folders

    if not year_folder(data_dir, year).is_dir():
        present = ", ".join(str(y) for y in year_folders(data_dir)) or "none"
        near = sorted(p.name for p in data_dir.iterdir() if p.is_dir() and str(year) in p.name)
        hint = f"; rename folder '{near[0]}' to '{year}'" if near else ""
        raise UsageError(
            f"no folder '{year_folder(data_dir, year)}' (year folders in '{data_dir}': {present}); "
            f"DATA_DIR is the folder that holds the year folders{hint}"
        )


def require_some_year_folder(data_dir: Path, first: int, last: int) -> None:
    """A span of years none of which has a folder is a wrong path or wrong years, not a trend of missing data."""
    from iku_cli.calc.plan import year_folders

    present = year_folders(data_dir)
    if not any(first <= y <= last for y in present):
        raise UsageError(
            f"no year folder from {first} to {last} in '{data_dir}' (year folders there: "
            f"{', '.join(map(str, present)) or 'none'}); DATA_DIR is the folder that holds the year folders"
        )


def checked_outputs(paths: list[Path] | None, formats: Formats, guard: InputGuard) -> list[Path]:
    """Every --output path checked before anything is computed: a known extension, an existing folder,
    and no input of the run (a workbook, a year folder, the configuration) in its place."""
    paths = paths or []
    allowed = formats.suffixes()
    for p in paths:
        if p.suffix.lower() not in allowed:
            raise UsageError(f"--output {p}: unknown extension '{p.suffix}'; use {', '.join(allowed)}")
        if not p.parent.exists() or not p.parent.is_dir():
            raise UsageError(f"--output {p}: folder '{p.parent}' does not exist; create it first")
        if p.exists() and p.is_dir():
            raise UsageError(f"--output {p}: is a folder; give a file name")
        guard.check(p)
    return paths


def inputs_of(cfg: Config, data_dir: Path | None = None) -> InputGuard:
    """What no output of this run may replace: the year folders of DATA_DIR, their files, the configuration."""
    return InputGuard.of(data_dir, cfg.path)


CsvDialectOption = Annotated[
    CsvDialect,
    typer.Option(
        "--csv-dialect",
        help="CSV for programs (standard: ',' between fields, '.' decimals) or for Excel in an Indonesian "
        "locale (excel-id: ';' between fields, ',' decimals, UTF-8 with a BOM).",
    ),
]


def show(
    formats: Formats, result: object, fmt: str, dialect: CsvDialect = CsvDialect.STANDARD, **options: Any
) -> None:
    """Print ``result`` on standard output in the chosen format (CSV in ``dialect``)."""
    formats.show(result, Format(fmt), out, dialect, **options)


def write_outputs(formats: Formats, result: object, paths: list[Path], dialect: CsvDialect) -> None:
    """Write each --output file whole, or say in one line which could not be written and why (exit 2)."""
    for p in paths:
        try:
            formats.write(result, p, dialect)
        except OSError as exc:
            raise UsageError(f"--output {p}: cannot write: {exc.strerror or exc}") from None
        err.print(f"Ditulis: {visible(str(p))}", markup=False)


@contextmanager
def reading_progress() -> Iterator[Callable[[str], AbstractContextManager[object]]]:
    """A line on standard error naming the sheet being read, with the time it takes; only on a terminal.

    Piped output and JSON never see it; a sheet of a million rows shows that iku is at work.
    """
    if not err.is_terminal:
        yield lambda _label: nullcontext()
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("Membaca {task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:

        @contextmanager
        def sheet(label: str) -> Iterator[None]:
            task = progress.add_task(escape(visible(label)), total=None)
            try:
                yield
            finally:
                progress.remove_task(task)

        yield sheet


@contextmanager
def preloading(
    config: Config, data_dir: Path, years: list[int], triwulan: int | None = None
) -> Iterator[Any]:
    """Sheets of ``years`` (or, with ``triwulan``, of triwulan 1..N of the last of them) loaded ahead on a
    second thread, started before the data libraries are imported."""
    from iku_cli.calc.plan import preload, preload_triwulan

    if triwulan is None:
        preloader = preload(config, data_dir, years)
    else:
        preloader = preload_triwulan(config, data_dir, years[-1], triwulan)
    try:
        yield preloader
    finally:
        preloader.close()
