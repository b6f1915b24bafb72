"""Exporters of a ComputeResult: JSON and CSV (full precision) and the XLSX report (for people)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from iku_cli.render.atomic import write_output
from iku_cli.results import ComputeResult, IndicatorResult, target_json

FORMATS = (".csv", ".json", ".xlsx")


def indicator_dict(ind: IndicatorResult) -> dict[str, Any]:
    return {
        "id": ind.id,
        "level": ind.level,
        "tujuan": ind.tujuan,
        "sasaran": ind.sasaran,
        "name": ind.nama,
        "satuan": ind.satuan,
        "formula": ind.formula,
        "formulasi": ind.formulasi,
        "sumber_data": ind.sumber_data,
        "unit_kerja": ind.unit_kerja,
        "value": ind.value,
        "status": ind.status,
        "reason": ind.reason,
        "inputs": ind.inputs,
        "target": target_json(ind.target),
        "capaian": ind.capaian,
        "kategori": ind.kategori,
        "better": ind.better,
        "realisasi_sebelumnya": {str(y): v for y, v in sorted(ind.history.items(), reverse=True)},
        "target_akhir_renstra": target_json(ind.target_akhir),
        "capaian_akhir_renstra": ind.capaian_akhir,
        "measures": [
            {
                "id": m.id,
                "label": m.label,
                "year": m.year,
                "value": m.value,
                "rows": m.rows,
                "aggregate": m.aggregate,
                "column": m.column,
                "filter": m.filter,
                "file": m.file,
                "sheet": m.sheet,
                "unit": m.unit,
            }
            for m in ind.measures
        ],
    }


def to_json(result: ComputeResult) -> str:
    payload = {
        "year": result.year,
        "agency": result.agency,
        "generated_at": result.generated_at,
        "iku_version": result.version,
        "config": result.config_path,
        "computed": not result.blocked,
        "indicators": [indicator_dict(i) for i in result.indicators],
        "findings": [f.to_dict() for f in result.findings if f.severity != "info"],
        "files": [{"file": f.file, "sha256": f.sha256, "size": f.size} for f in result.files],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


CSV_FIELDS = [
    "year",
    "id",
    "level",
    "tujuan",
    "sasaran",
    "name",
    "satuan",
    "formula",
    "value",
    "status",
    "reason",
    "v_n_1",
    "v_n",
    "pembilang",
    "penyebut",
    "target",
    "target_low",
    "target_high",
    "capaian",
    "kategori",
    "realisasi_n_1",
    "realisasi_n_2",
    "target_akhir_renstra",
    "capaian_akhir_renstra",
    "sumber_data",
    "unit_kerja",
]


def _csv_number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def to_csv(result: ComputeResult) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for ind in result.indicators:
        target = ind.target
        low, high = target if isinstance(target, tuple) else (None, None)
        end = ind.target_akhir
        writer.writerow(
            {
                "year": result.year,
                "id": ind.id,
                "level": ind.level,
                "tujuan": ind.tujuan,
                "sasaran": ind.sasaran or "",
                "name": ind.nama,
                "satuan": ind.satuan,
                "formula": ind.formula,
                "value": _csv_number(ind.value),
                "status": ind.status,
                "reason": ind.reason or "",
                "v_n_1": _csv_number(ind.inputs.get("v_n_1")),
                "v_n": _csv_number(ind.inputs.get("v_n")),
                "pembilang": _csv_number(ind.inputs.get("pembilang")),
                "penyebut": _csv_number(ind.inputs.get("penyebut")),
                "target": "" if isinstance(target, tuple) else _csv_number(target),
                "target_low": _csv_number(low),
                "target_high": _csv_number(high),
                "capaian": _csv_number(ind.capaian),
                "kategori": ind.kategori or "",
                "realisasi_n_1": _csv_number(ind.history.get(result.year - 1)),
                "realisasi_n_2": _csv_number(ind.history.get(result.year - 2)),
                "target_akhir_renstra": (
                    f"{end[0]!r}-{end[1]!r}" if isinstance(end, tuple) else _csv_number(end)
                ),
                "capaian_akhir_renstra": _csv_number(ind.capaian_akhir),
                "sumber_data": ind.sumber_data or "",
                "unit_kerja": ind.unit_kerja or "",
            }
        )
    return out.getvalue()


def export(result: ComputeResult, path: Path) -> None:
    """Write ``result`` to ``path``, its format chosen by the extension."""
    from iku_cli.render.report_xlsx import write_report

    write_output(
        path,
        json=lambda: to_json(result),
        csv=lambda: to_csv(result),
        xlsx=lambda tmp: write_report(result, tmp),
    )
