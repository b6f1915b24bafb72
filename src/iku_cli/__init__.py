"""iku: compute an agency's Indikator Kinerja Utama (IKU) from its bidang workbooks.

The command line is one way in; the same library is another::

    import iku_cli

    config = iku_cli.load_config("indicators.yaml")
    result = iku_cli.compute(config, "data", 2024)          # a ComputeResult
    iku2 = next(i for i in result.indicators if i.id == "IKU-2")
    print(iku2.value, iku2.inputs, iku2.capaian)
    report = iku_cli.validate(config, "data", [2023, 2024])  # a ValidationReport
    rows = [f.to_dict() for f in report.findings]            # pandas.DataFrame(rows) for a table

The layers, each importing only from those above it in this list: ``config`` (indicators.yaml),
``read`` (workbooks into typed columns, with findings), ``calc`` (measures, formulas, the use cases),
``output`` (terminal, JSON, CSV, XLSX) and ``cli``. The names below are the public API; everything
else may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iku_cli.lazy import lazy_exports

__version__ = "0.1.0"

if TYPE_CHECKING:
    from iku_cli.calc import (
        ComputeResult,
        Explanation,
        GrowthInputs,
        IndicatorResult,
        InputFile,
        MeasureResult,
        RatioInputs,
        Status,
        Trend,
        TrendPoint,
        TrendRow,
        UnknownIndicator,
        ValidationReport,
    )
    from iku_cli.calc.compute import compute
    from iku_cli.calc.explain import explain
    from iku_cli.calc.trend import trend
    from iku_cli.calc.validate import validate
    from iku_cli.config import Config, SpecError, load_config
    from iku_cli.findings import CODES, Finding, Severity
    from iku_cli.output.annotate import annotate
    from iku_cli.output.template import TemplateExists, write_templates

# Imported when first used, so that `iku --help` does not wait for pandas and openpyxl.
_LAZY = {
    "load_config": "iku_cli.config",
    "Config": "iku_cli.config",
    "SpecError": "iku_cli.config",
    "compute": "iku_cli.calc.compute",
    "validate": "iku_cli.calc.validate",
    "explain": "iku_cli.calc.explain",
    "trend": "iku_cli.calc.trend",
    "ComputeResult": "iku_cli.calc",
    "IndicatorResult": "iku_cli.calc",
    "MeasureResult": "iku_cli.calc",
    "GrowthInputs": "iku_cli.calc",
    "RatioInputs": "iku_cli.calc",
    "InputFile": "iku_cli.calc",
    "Status": "iku_cli.calc",
    "ValidationReport": "iku_cli.calc",
    "Explanation": "iku_cli.calc",
    "UnknownIndicator": "iku_cli.calc",
    "Trend": "iku_cli.calc",
    "TrendRow": "iku_cli.calc",
    "TrendPoint": "iku_cli.calc",
    "Finding": "iku_cli.findings",
    "Severity": "iku_cli.findings",
    "CODES": "iku_cli.findings",
    "write_templates": "iku_cli.output.template",
    "TemplateExists": "iku_cli.output.template",
    "annotate": "iku_cli.output.annotate",
}

__all__ = [
    "CODES",
    "ComputeResult",
    "Config",
    "Explanation",
    "Finding",
    "GrowthInputs",
    "IndicatorResult",
    "InputFile",
    "MeasureResult",
    "RatioInputs",
    "Severity",
    "SpecError",
    "Status",
    "TemplateExists",
    "Trend",
    "TrendPoint",
    "TrendRow",
    "UnknownIndicator",
    "ValidationReport",
    "__version__",
    "annotate",
    "compute",
    "explain",
    "load_config",
    "trend",
    "validate",
    "write_templates",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
