"""`iku explain`: how one indicator's value was obtained, down to the Excel rows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli import common as c
from iku_cli.output.formats import EXPLAIN
from iku_cli.output.terminal import shown


@c.app.command()
@c.friendly_errors
def explain(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="The indicator id, e.g. IKU-2.")],
    data_dir: c.DataDirArgument,
    year: Annotated[int, c.year_option("The year n to explain.")],
    triwulan: Annotated[
        int | None,
        c.triwulan_option(
            "Explain the indicator at triwulan N (1-4): the folders its reading compares (DATA_DIR/<year>/TW<N>/ "
            "and TW<N> of n-1 for c-to-c, the annual folder of n-1 for snapshot) and the rows used."
        ),
    ] = None,
    config: c.ConfigOption = None,
    fmt: Annotated[
        c.ExplainFormat, c.format_option("table or json (json lists every Excel row used).")
    ] = c.ExplainFormat.TABLE,
) -> None:
    """Show how one indicator's value was obtained: formula, numbers, measures, filters and rows used.

    Exit codes: 0 the indicator was computed; 1 it could not be (the reason is shown; at a triwulan, also
    an indicator declared annual only); 2 a usage or configuration error, including an unknown id (the
    valid ids are listed) or no DATA_DIR/<year>/TW<N> folder.
    """
    from iku_cli.calc.plan import Reading
    from iku_cli.config import UnknownIndicator

    cfg = c.load(config)
    folder: Path = c.year_data(data_dir, year)
    try:
        cfg.require_indicator(indicator_id)
    except UnknownIndicator as exc:
        raise c.UsageError(str(exc)) from None
    if triwulan is not None:
        c.require_quarter_folder(folder, year, triwulan)
    years = cfg.years_for(year) if triwulan is None else [year]
    with c.preloading(cfg, folder, years, triwulan) as preload, c.reading_progress() as progress:
        from iku_cli.calc.explain import explain as run  # imported while the first sheet loads

        ex = run(cfg, folder, year, indicator_id, reading=Reading(progress, preload), triwulan=triwulan)
    from iku_cli.output.findings_view import print_findings_summary

    if ex.result.blocked:
        print_findings_summary(ex.result.errors, c.err)
        c.err.print(
            f"[bold red]Tidak dihitung:[/] data mengandung kesalahan; iku validate {shown(data_dir)} --year {year}"
            + (f" --triwulan {triwulan}" if triwulan else "")
        )
    c.show(EXPLAIN, ex, fmt)
    raise typer.Exit(0 if ex.indicator.ok else 1)
