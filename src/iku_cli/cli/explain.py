"""`iku explain`: how one indicator's value was obtained, down to the Excel rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from iku_cli.cli.common import (
    ConfigOption,
    DataDirArgument,
    UsageError,
    app,
    checked_year,
    data_dir_of,
    err,
    format_choices,
    format_option,
    friendly_errors,
    load,
    require_year_folder,
    show,
)
from iku_cli.output.formats import EXPLAIN, Format

if TYPE_CHECKING:
    ExplainFormat = Format
else:
    ExplainFormat = format_choices("ExplainFormat", EXPLAIN)


@app.command()
@friendly_errors
def explain(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="The indicator id, e.g. IKU-2.")],
    data_dir: DataDirArgument,
    year: Annotated[int, typer.Option("--year", "-y", metavar="YEAR", help="The year n to explain.")],
    config: ConfigOption = None,
    fmt: Annotated[
        ExplainFormat, format_option("table or json (json lists every Excel row used).")
    ] = ExplainFormat.TABLE,
) -> None:
    """Show how one indicator's value was obtained: formula, numbers, measures, filters and rows used.

    Exit codes: 0 the indicator was computed; 1 it could not be (the reason is shown); 2 a usage or
    configuration error, including an unknown id (the valid ids are listed).
    """
    from iku_cli.calc.explain import UnknownIndicator
    from iku_cli.calc.explain import explain as run
    from iku_cli.output.findings_view import print_findings_summary

    cfg = load(config)
    require_year_folder(data_dir_of(data_dir), checked_year(year))
    try:
        ex = run(cfg, data_dir, year, indicator_id)
    except UnknownIndicator as exc:
        raise UsageError(str(exc)) from None
    if ex.result.blocked:
        print_findings_summary(ex.result.errors, err)
        err.print(
            f"[bold red]Tidak dihitung:[/] data mengandung kesalahan; iku validate {data_dir} --year {year}"
        )
    show(EXPLAIN, ex, fmt)
    raise typer.Exit(0 if ex.indicator.ok else 1)
