"""The iku command line: typer only. Each command parses its options, makes one call into the library,
renders the result through the format registry and chooses the exit code."""

from __future__ import annotations

import gc
import os
import sys
from typing import Annotated

import typer

from iku_cli import __version__
from iku_cli.cli import compute, explain, indicators, streams, template, trend, validate  # noqa: F401 - registers
from iku_cli.cli.common import app, err, out
from iku_cli.text import visible

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
    """Entry point: standard streams that cannot fail with a traceback, and an exit code for everything."""
    streams.prepare()
    code = _run()
    streams.finish()  # what is still buffered, written while a failure can still be told (141 or 2)
    gc.freeze()  # the collection at shutdown would walk every object left, only to free them (0.15 s)
    sys.exit(code)


def _run() -> int | str | None:
    """The command's exit code; an unexpected failure becomes a short message and exit code 3."""
    try:
        app()
    except SystemExit as exc:
        return exc.code
    except KeyboardInterrupt:
        err.print("Dihentikan.")
        return 130
    except Exception as exc:
        if os.environ.get("IKU_DEBUG"):
            raise
        err.print("[bold red]Internal error of iku[/]: ", end="")
        err.print(visible(f"{type(exc).__name__}: {exc}"), markup=False)
        err.print("This is a bug. Run again with IKU_DEBUG=1 to see the details, and report them.")
        return 3
    return 0
