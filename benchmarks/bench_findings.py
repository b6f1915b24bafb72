"""Benchmark: writing N findings to CSV, JSON and XLSX, and an annotated copy with N marked cells.

Run:  python benchmarks/bench_findings.py [--findings 200000] [--no-annotate]

Each finding is a number typed as text in the Data UMKM sheet (a warning with a value and a message, as
in a badly filled workbook). Prints wall and CPU seconds per output; doubling N should double them.
Needs xlsxwriter for the annotated copy's source workbook (pip install '.[test]').
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iku_cli.calc.validate import ValidationReport, validate  # noqa: E402
from iku_cli.config import load_config  # noqa: E402
from iku_cli.findings import make  # noqa: E402
from iku_cli.output.annotate import annotate  # noqa: E402
from iku_cli.output.formats import VALIDATE  # noqa: E402


def timed(what: str, n: int, run) -> object:
    wall, cpu = time.perf_counter(), time.process_time()
    out = run()
    print(
        f"{what:<16} {n:>9,} findings: {time.perf_counter() - wall:6.1f} s wall, {time.process_time() - cpu:6.1f} s CPU"
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=200_000)
    parser.add_argument("--no-annotate", action="store_true")
    n = parser.parse_args().findings
    out = Path(tempfile.mkdtemp())
    found = [
        make(
            "number-as-text",
            f"angka diketik sebagai teks: 'Rp {i + 1}.000' dibaca sebagai {i + 1}000; ketik angkanya saja",
            file="2024/bidang_usaha_mikro_ikm.xlsx",
            sheet="Data UMKM",
            cell=f"F{i + 2}",
            column="omzet",
            value=f"Rp {i + 1}.000",
        )
        for i in range(n)
    ]
    report = ValidationReport("data", [2024], found, ["2024/bidang_usaha_mikro_ikm.xlsx"])
    for suffix in ("csv", "json", "xlsx"):
        timed(f"temuan.{suffix}", n, lambda suffix=suffix: VALIDATE.write(report, out / f"temuan.{suffix}"))
    if parser.parse_args().no_annotate:
        return
    from tests.helpers import YEAR_2024, umkm, write_year

    year = dict(
        YEAR_2024, umkm_rows=umkm(*[(str(100_000 + i), "Mikro", f"Rp {i + 1}.000") for i in range(n)])
    )
    write_year(out / "data", 2024, **year)
    checked = validate(load_config(ROOT / "indicators.yaml"), out / "data", [2024])
    timed(
        "annotated copy",
        len(checked.findings),
        lambda: annotate(out / "data", out / "diperiksa", checked.findings),
    )


if __name__ == "__main__":
    main()
