"""Computing: measures and formulas (pure), the workspace that reads each sheet once, and the use cases
(modules ``compute``, ``validate``, ``explain``, ``trend``), each returning a typed result. The use-case
functions are imported from their modules, or from ``iku_cli`` itself."""

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
from iku_cli.calc.workspace import Workspace, year_folder, year_folders

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
    "year_folder",
    "year_folders",
]
