"""`iku indicators`: the declared indicators as a table, JSON or CSV."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from iku_cli.config import Config, IndicatorRef, Level
from iku_cli.config.words import describe_measure_filter, formula_words
from iku_cli.output.serialise import CsvDialect, csv_text, json_text
from iku_cli.output.terminal import plain


def _sources(cfg: Config, ref: IndicatorRef) -> str:
    parts: list[str] = []
    for n in ref.indikator.formula.measure_ids:
        src = cfg.spec.sources[cfg.spec.measures[n].source]
        text = f"{src.workbook} › {src.sheet}"
        if text not in parts:
            parts.append(text)
    return "; ".join(parts)


def rows(cfg: Config) -> list[dict[str, Any]]:
    out = []
    for ref in cfg.indicators:
        ind = ref.indikator
        measures = cfg.spec.measures
        out.append(
            {
                "id": ind.id,
                "level": ref.level,
                "tujuan": ref.tujuan.tujuan,
                "sasaran": ref.sasaran.sasaran if ref.sasaran else None,
                "name": ind.nama,
                "satuan": ind.satuan,
                "formula": ind.formula.type,
                "rumus": formula_words(cfg.spec, ind.formula),
                "formulasi": ind.formulasi,
                "filters": {
                    n: describe_measure_filter(measures[n], cfg.spec.sources[measures[n].source])
                    for n in ind.formula.measure_ids
                },
                "source": _sources(cfg, ref),
                "sumber_data": ind.sumber_data,
                "unit_kerja": ind.unit_kerja,
            }
        )
    return out


def indicators_table(cfg: Config) -> Table:
    table = Table(
        title=plain(f"Indikator {cfg.spec.agency.nama} ({cfg.path})"), title_justify="left", show_lines=True
    )
    for name in ("Kode", "Level", "Indikator", "Rumus", "Sumber (workbook › sheet)", "Unit kerja"):
        table.add_column(name, no_wrap=name == "Kode", overflow="fold")
    for r in rows(cfg):
        level = "Tujuan" if r["level"] == Level.TUJUAN else "Sasaran"
        cells = (r["id"], level, r["name"], r["rumus"], r["source"], r["unit_kerja"] or "")
        table.add_row(*(plain(c) for c in cells))
    return table


def print_table(cfg: Config, console: Console) -> None:
    console.print(indicators_table(cfg))


def to_json(cfg: Config) -> str:
    payload = {"agency": cfg.spec.agency.nama, "indicators": rows(cfg)}
    return json_text(payload)


def to_csv(cfg: Config, dialect: CsvDialect = CsvDialect.STANDARD) -> str:
    fields = ["id", "level", "name", "satuan", "formula", "rumus", "source", "sumber_data", "unit_kerja"]
    return csv_text(fields, ([r[k] for k in fields] for r in rows(cfg)), dialect)
