"""`iku indicators`: the declared indicators, as a table, JSON or CSV."""

from __future__ import annotations

from typing import Annotated

from iku_cli.cli import common as c
from iku_cli.output.formats import INDICATORS


@c.app.command()
@c.friendly_errors
def indicators(
    config: c.ConfigOption = None,
    fmt: Annotated[c.IndicatorsFormat, c.format_option()] = c.IndicatorsFormat.TABLE,
    csv_dialect: c.CsvDialectOption = c.CsvDialect.STANDARD,
) -> None:
    """List the declared indicators: id, level, name, formula, source and unit kerja."""
    c.show(INDICATORS, c.load(config), fmt, csv_dialect)
