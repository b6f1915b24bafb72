"""`iku indicators`: the declared indicators, as a table, JSON or CSV."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from iku_cli.cli.common import ConfigOption, app, format_choices, format_option, friendly_errors, load, show
from iku_cli.output.formats import INDICATORS, Format

if TYPE_CHECKING:
    IndicatorsFormat = Format
else:
    IndicatorsFormat = format_choices("IndicatorsFormat", INDICATORS)


@app.command()
@friendly_errors
def indicators(
    config: ConfigOption = None, fmt: Annotated[IndicatorsFormat, format_option()] = IndicatorsFormat.TABLE
) -> None:
    """List the declared indicators: id, level, name, formula, source and unit kerja."""
    show(INDICATORS, load(config), fmt)
