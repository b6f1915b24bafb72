"""`iku template`: blank bidang workbooks made from indicators.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli import common as c


@c.app.command()
@c.friendly_errors
def template(
    out_dir: Annotated[
        Path,
        typer.Argument(metavar="OUT_DIR", help="Folder to write into; the workbooks go to OUT_DIR/<year>/."),
    ],
    year: Annotated[int, c.year_option("The year the workbooks are for.")],
    config: c.ConfigOption = None,
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
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite workbooks that exist already and hold no data.")
    ] = False,
    rows: Annotated[
        int, typer.Option("--rows", help="Data rows prepared with formats and checks.", min=1)
    ] = 1000,
) -> None:
    """Write blank bidang workbooks from indicators.yaml: headers, formats, drop-down lists, instructions.

    Exit codes: 0 written; 2 a usage or configuration error, or a file that exists already
    (nothing is written then; --force overwrites a blank one, never one holding data).
    """
    from iku_cli.output.template import TemplateExists, write_templates

    cfg = c.load(config)
    c.checked_year(year)
    if out_dir.exists() and not out_dir.is_dir():
        raise c.UsageError(f"'{out_dir}' is a file; give a folder")
    try:
        written = write_templates(cfg, out_dir, year, sources=source or None, force=force, rows=rows)
    except TemplateExists as exc:
        if exc.filled:
            listing = ", ".join(
                f"{c.visible(str(p))} ({', '.join(sheets) if sheets else 'not readable as a workbook'})"
                for p, sheets in exc.filled.items()
            )
            raise c.UsageError(
                f"these workbooks hold data and were not overwritten, not even with --force: {listing}; "
                "write the templates into another folder, or move these files away first"
            ) from None
        listing = ", ".join(c.visible(str(p)) for p in exc.paths)
        raise c.UsageError(
            f"these files exist already and were not overwritten: {listing}; use --force to overwrite "
            "them (a workbook holding data is never overwritten)"
        ) from None
    except ValueError as exc:
        raise c.UsageError(str(exc)) from None
    for p in written:
        c.err.print(f"Ditulis: {c.visible(str(p))}", markup=False)
