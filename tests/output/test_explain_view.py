"""The formula with its numbers, as explain shows it."""

from __future__ import annotations

import io
import json

import pandas as pd
from rich.console import Console

from iku_cli.calc.explain import Explanation, MeasureRows
from iku_cli.output.explain_view import formula_with_numbers, print_table, to_json


def explanation(result, index: int) -> Explanation:
    ind = result.indicators[index]
    rows = [MeasureRows(m, pd.DataFrame(index=[5, 6, 7, 9])) for m in ind.measures]
    return Explanation(result=result, indicator=ind, rows=rows)


def test_growth_with_its_numbers(result):
    text = formula_with_numbers(explanation(result, 0))
    assert text == "(V(2024) − V(2023)) / V(2023) × 100 = (34.694 − 31.475) / 31.475 × 100 = 10,2272 %"


def test_ratio_with_its_numbers_and_a_missing_value(result):
    assert (
        formula_with_numbers(explanation(result, 1))
        == "pembilang / penyebut × 100 = 83 / 852 × 100 = 9,7418 %"
    )
    missing = formula_with_numbers(explanation(result, 2))
    assert missing == "pembilang / penyebut × 100 = – / 0 × 100 = tidak dapat dihitung: penyebut = 0"


def test_table_lists_rows_as_ranges_and_json_lists_every_row(result):
    console = Console(file=io.StringIO(), width=160, color_system=None)
    print_table(explanation(result, 0), console)
    assert "baris dipakai (4): 5–7, 9" in console.file.getvalue()
    payload = json.loads(to_json(explanation(result, 0)))
    assert payload["measures"][0]["excel_rows"] == [5, 6, 7, 9]
