"""The iku command line: typer only. Each command parses its options, makes one call into the library,
renders the result through the format registry and chooses the exit code."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from iku_cli import __version__
from iku_cli.cli import compute, explain, indicators, template, trend, validate  # noqa: F401 - registers
from iku_cli.cli.common import app, err, out

__all__ = ["app", "main"]


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
