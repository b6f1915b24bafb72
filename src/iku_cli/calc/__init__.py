"""Computing: measures and formulas (pure), the workspace that reads each sheet once, and the use cases
(modules ``compute``, ``validate``, ``explain``, ``trend``), each returning a typed result. The use-case
functions are imported from their modules, or from ``iku_cli`` itself.

The names below are imported when first used: the command line asks ``calc.years`` before the data
libraries are loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iku_cli.lazy import lazy_exports

if TYPE_CHECKING:
    from iku_cli.calc.compute import compute_year
    from iku_cli.calc.explain import Explanation, MeasureRows, UnknownIndicator
    from iku_cli.calc.results import (
        NOT_COMPUTED,
        ComputeResult,
        GrowthInputs,
        IndicatorResult,
        InputFile,
        Inputs,
        MeasureResult,
        RatioInputs,
        Status,
    )
    from iku_cli.calc.trend import Trend, TrendPoint, TrendRow
    from iku_cli.calc.validate import ValidationReport
    from iku_cli.calc.workspace import Workspace

_LAZY = {
    "compute_year": "iku_cli.calc.compute",
    "Explanation": "iku_cli.calc.explain",
    "MeasureRows": "iku_cli.calc.explain",
    "UnknownIndicator": "iku_cli.calc.explain",
    "NOT_COMPUTED": "iku_cli.calc.results",
    "ComputeResult": "iku_cli.calc.results",
    "GrowthInputs": "iku_cli.calc.results",
    "IndicatorResult": "iku_cli.calc.results",
    "InputFile": "iku_cli.calc.results",
    "Inputs": "iku_cli.calc.results",
    "MeasureResult": "iku_cli.calc.results",
    "RatioInputs": "iku_cli.calc.results",
    "Status": "iku_cli.calc.results",
    "Trend": "iku_cli.calc.trend",
    "TrendPoint": "iku_cli.calc.trend",
    "TrendRow": "iku_cli.calc.trend",
    "ValidationReport": "iku_cli.calc.validate",
    "Workspace": "iku_cli.calc.workspace",
}

__all__ = [
    "NOT_COMPUTED",
    "ComputeResult",
    "Explanation",
    "GrowthInputs",
    "IndicatorResult",
    "InputFile",
    "Inputs",
    "MeasureResult",
    "MeasureRows",
    "RatioInputs",
    "Status",
    "Trend",
    "TrendPoint",
    "TrendRow",
    "UnknownIndicator",
    "ValidationReport",
    "Workspace",
    "compute_year",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
