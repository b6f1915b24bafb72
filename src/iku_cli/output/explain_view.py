"""`iku explain`: one indicator's formula, its numbers, its measures and the rows behind them."""

from __future__ import annotations

import math
import textwrap
from typing import Any

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from iku_cli.calc.explain import Explanation, MeasureRows
from iku_cli.calc.results import GrowthInputs, RatioInputs
from iku_cli.config import tw_label
from iku_cli.config.words import aggregate_words
from iku_cli.numbers import format_auto, format_percent
from iku_cli.output.labels import target_text, value_text
from iku_cli.output.result_view import indicator_dict
from iku_cli.output.serialise import json_text
from iku_cli.output.terminal import shown
from iku_cli.output.triwulan_view import reading_words
from iku_cli.text import row_ranges, visible


def formula_with_numbers(ex: Explanation) -> str:
    ind = ex.indicator
    year = ex.result.year
    if ind.formula == "growth":
        growth = ind.inputs if isinstance(ind.inputs, GrowthInputs) else GrowthInputs(None, None)
        prev, cur = growth.v_n_1, growth.v_n
        info = ind.triwulan
        before, now = info.periode if info and len(info.periode) == 2 else (str(year - 1), str(year))
        text = f"(V({now}) − V({before})) / V({before}) × 100 = ({format_auto(cur)} − {format_auto(prev)}) / {format_auto(prev)} × 100"
    else:
        ratio = ind.inputs if isinstance(ind.inputs, RatioInputs) else RatioInputs(None, None)
        text = f"pembilang / penyebut × 100 = {format_auto(ratio.pembilang)} / {format_auto(ratio.penyebut)} × 100"
    return f"{text} = {value_text(ind, 4) if ind.value is not None else ind.reason}"


def print_table(ex: Explanation, console: Console) -> None:
    ind = ex.indicator
    place = f"Sasaran: {ind.sasaran}" if ind.sasaran else f"Tujuan: {ind.tujuan}"
    console.print(f"[bold]{shown(ind.id)}[/] {shown(ind.nama)}  [dim]({shown(place)})[/]")
    console.print(f"[bold]Formulasi[/] (dokumen IKU): {shown(ind.formulasi)}")
    period = str(ex.result.year)
    if ind.triwulan is not None:
        period = f"{tw_label(ind.triwulan.triwulan)} {ex.result.year}"
        console.print(f"[bold]Bacaan triwulan[/]: {shown(reading_words(ind))}")
    console.print(f"[bold]Dengan angka[/] ({period}): {shown(formula_with_numbers(ex))}")
    if ind.target is not None or ind.capaian is not None:
        cap = format_percent(ind.capaian) if ind.capaian is not None else ind.capaian_reason
        console.print(
            f"[bold]Target[/] {period}: {target_text(ind.target, ind.satuan)} · capaian {shown(cap)} · kategori {shown(ind.kategori or '–')}"
        )
    console.print(
        f"[bold]Sumber data[/]: {shown(ind.sumber_data or '–')} · [bold]Unit kerja[/]: {shown(ind.unit_kerja or '–')}"
    )
    console.print("[bold]Ukuran[/]")
    rows = {(r.measure.id, r.measure.year): r for r in ex.rows}
    for m in ind.measures:
        how = aggregate_words(m.aggregate, m.column)
        unit = f" {m.unit}" if m.unit else ""
        console.print(
            f"  [bold]{shown(m.role)}[/] · {shown(m.label)} [dim]({shown(m.id)})[/], {m.year}{f'/TW{m.triwulan}' if m.triwulan else ''} = [bold]{format_auto(m.value)}{shown(unit)}[/]"
        )
        console.print(f"    cara hitung: {shown(how)}")
        console.print(f"    filter: {shown(m.filter)}")
        console.print(f"    sumber: {shown(m.file)} › {shown(m.sheet)}")
        used = rows.get((m.id, m.year))
        if used is not None:
            console.print(
                f"    baris dipakai ({format_auto(len(used.rows))}): {row_ranges(list(used.rows.index))}"
            )
            if used.previous is not None:
                console.print(_followed_table(used))
    if any(len(r.rows) for r in ex.rows):
        console.print("[dim]Daftar lengkap baris yang dipakai: tambahkan --format json[/]")
    if ind.reason:
        console.print(f"[bold red]{shown(ind.reason)}[/]")


def followed(used: MeasureRows) -> list[dict[str, Any]]:
    """Each key a measure over two years counted, with its row and values in both years."""
    assert used.previous is not None
    earlier, later = str(used.measure.previous_year), str(used.measure.year)
    key = next(iter(used.columns))
    rows, before = used.rows, used.previous
    out = []
    for row in rows.index:
        out.append(
            {
                "key": rows.at[row, key],
                earlier: {"excel_row": _cell_value(before, row, "row")}
                | {cid: _cell_value(before, row, cid) for cid in used.columns if cid != key},
                later: {"excel_row": int(row)}
                | {cid: _cell_value(rows, row, cid) for cid in used.columns if cid != key},
            }
        )
    return out


def _cell_value(frame: pd.DataFrame, row: int, cid: str) -> object:
    """A typed cell as JSON carries it: blank (or a column the sheet lacks) as null, numpy numbers as Python ones."""
    if cid not in frame.columns:
        return None
    value = frame.at[row, cid]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _followed_table(used: MeasureRows) -> Table:
    """The keys counted, with both years' rows and values: what a reviewer checks by hand."""
    earlier, later = str(used.measure.previous_year), str(used.measure.year)
    key, *others = used.columns
    rows = []
    for item in followed(used):
        cells = [str(item["key"])]
        for year in (earlier, later):
            cells += [str(item[year]["excel_row"])] + [_cell(item[year][cid]) for cid in others]
        rows.append(cells)
    headers = [(used.columns[key], "")]
    for year in (earlier, later):
        headers += [(year, "baris")] + [(year, used.columns[cid]) for cid in others]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for i, (top, label) in enumerate(headers):
        # each header wrapped to the width of its widest value, so that values are never wrapped or cut
        widest = max([len(r[i]) for r in rows] + [5])
        lines = [top, *textwrap.wrap(label, widest)] if label else [top]
        table.add_column(Text(visible("\n".join(lines))), justify="left" if i == 0 else "right", no_wrap=True)
    for cells in rows:
        table.add_row(*(Text(visible(c)) for c in cells))  # cell text is the workbook's: never markup
    return table


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, (int, float)):
        return format_auto(value)
    return str(value)


def to_json(ex: Explanation) -> str:
    payload = indicator_dict(ex.indicator)
    payload["year"] = ex.result.year
    if ex.indicator.triwulan is not None:
        info = ex.indicator.triwulan
        payload |= {"triwulan": info.triwulan, "bacaan": info.bacaan, "periode": list(info.periode)}
    payload["formula_with_numbers"] = formula_with_numbers(ex)
    by_key = {(r.measure.id, r.measure.year): r for r in ex.rows}
    measures: list[dict[str, Any]] = payload["measures"]
    for m in measures:
        used = by_key.get((m["id"], m["year"]))
        m["triwulan"] = used.measure.triwulan if used is not None else None
        m["excel_rows"] = [int(i) for i in used.rows.index] if used is not None else None
        if used is not None and used.previous is not None:
            m["previous_year"] = used.measure.previous_year
            m["followed"] = followed(used)
    return json_text(payload)
