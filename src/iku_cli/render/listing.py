"""`iku indicators`: the declared indicators as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json

from rich.table import Table

from iku_cli.measures import describe_filter
from iku_cli.spec import Config, GrowthFormula, IndicatorRef


def _formula_words(cfg: Config, ref: IndicatorRef) -> str:
    f = ref.indikator.formula
    label = lambda names: " + ".join(cfg.spec.measures[n].label or n for n in names)  # noqa: E731
    if isinstance(f, GrowthFormula):
        return f"pertumbuhan dari: {label(f.measures)}"
    return f"rasio: {label(f.numerator)} / {label(f.denominator)}"


def _sources(cfg: Config, ref: IndicatorRef) -> str:
    f = ref.indikator.formula
    names = f.measures if isinstance(f, GrowthFormula) else [*f.numerator, *f.denominator]
    parts = []
    for n in names:
        src = cfg.spec.sources[cfg.spec.measures[n].source]
        text = f"{src.workbook} › {src.sheet}"
        if text not in parts:
            parts.append(text)
    return "; ".join(parts)


def rows(cfg: Config) -> list[dict]:
    out = []
    for ref in cfg.indicators:
        ind = ref.indikator
        out.append(
            {
                "id": ind.id,
                "level": ref.level,
                "tujuan": ref.tujuan.tujuan,
                "sasaran": ref.sasaran.sasaran if ref.sasaran else None,
                "name": ind.nama,
                "satuan": ind.satuan,
                "formula": ind.formula.type,
                "rumus": _formula_words(cfg, ref),
                "formulasi": ind.formulasi,
                "filters": {
                    n: describe_filter(
                        cfg.spec.measures[n].where, cfg.spec.sources[cfg.spec.measures[n].source]
                    )
                    for n in (
                        ind.formula.measures
                        if isinstance(ind.formula, GrowthFormula)
                        else [*ind.formula.numerator, *ind.formula.denominator]
                    )
                },
                "source": _sources(cfg, ref),
                "sumber_data": ind.sumber_data,
                "unit_kerja": ind.unit_kerja,
            }
        )
    return out


def indicators_table(cfg: Config) -> Table:
    table = Table(
        title=f"Indikator {cfg.spec.agency.nama} ({cfg.path})", title_justify="left", show_lines=True
    )
    for name in ("Kode", "Level", "Indikator", "Rumus", "Sumber (workbook › sheet)", "Unit kerja"):
        table.add_column(name, no_wrap=name == "Kode", overflow="fold")
    for r in rows(cfg):
        level = "Tujuan" if r["level"] == "tujuan" else "Sasaran"
        table.add_row(r["id"], level, r["name"], r["rumus"], r["source"], r["unit_kerja"] or "")
    return table


def indicators_json(cfg: Config) -> str:
    return (
        json.dumps({"agency": cfg.spec.agency.nama, "indicators": rows(cfg)}, ensure_ascii=False, indent=2)
        + "\n"
    )


def indicators_csv(cfg: Config) -> str:
    buf = io.StringIO()
    fields = ["id", "level", "name", "satuan", "formula", "rumus", "source", "sumber_data", "unit_kerja"]
    writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(cfg))
    return buf.getvalue()
