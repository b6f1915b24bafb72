"""Benchmark: how iku's reading and checking compare with plain reads of the same sheet, in one run.

Run:  python benchmarks/bench_read.py [--rows 200000] [--repeat 3]

It writes a Data UMKM sheet of --rows rows (with some text numbers and mixed-case categories, as real
workbooks have) into a temporary folder, then times, best of --repeat:
  - pandas.read_excel(engine="calamine")       the raw read iku builds on
  - pandas.read_excel(engine="openpyxl")        the common alternative (skipped above 300.000 rows: slow)
  - iku's reader on that sheet                  header search, typing, checks, findings
  - iku compute and iku validate on the shipped examples (one year)
and prints the times and the ratios. Ratios are the claim; seconds depend on the machine.
Needs xlsxwriter (pip install '.[test]').
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]


def write_umkm(path: Path, rows: int) -> None:
    rng = random.Random(7)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Data UMKM")
    ws.write_row(0, 0, ["DATA UMKM (benchmark)"])
    header = [
        "No",
        "NIB",
        "Nama Usaha",
        "Kecamatan",
        "Sektor Usaha",
        "Skala Usaha",
        "Omzet per Tahun (Rp)",
        "Tenaga Kerja",
    ]
    ws.write_row(2, 0, header)
    scales = ["Mikro"] * 8 + ["Kecil", "Menengah", "MIKRO", "mikro "]
    for i in range(rows):
        omzet = rng.randrange(10, 2000) * 500_000
        cell = f"Rp {omzet:,}".replace(",", ".") if i % 100 == 0 else omzet
        ws.write_row(
            3 + i,
            0,
            [
                i + 1,
                str(1_000_000_000_000 + i),
                f"Usaha {i}",
                "Kec",
                "Kuliner",
                rng.choice(scales),
                cell,
                rng.randrange(1, 20),
            ],
        )
    wb.close()


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from iku_cli.compute import compute
    from iku_cli.spec import load_config
    from iku_cli.validate import validate
    from iku_cli.workbook import WorkbookCache, read_sheet

    config = load_config(ROOT / "indicators.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        book = data / "2024" / "bidang_usaha_mikro_ikm.xlsx"
        t0 = time.perf_counter()
        write_umkm(book, args.rows)
        print(
            f"wrote {args.rows:,} rows ({book.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )

        results: dict[str, float] = {}
        results["pandas calamine"] = best(
            lambda: pd.read_excel(book, sheet_name="Data UMKM", header=None, engine="calamine"), args.repeat
        )
        if args.rows <= 300_000:
            results["pandas openpyxl"] = best(
                lambda: pd.read_excel(book, sheet_name="Data UMKM", header=None, engine="openpyxl"), 1
            )
        source = config.spec.sources["umkm"]
        sheet = {}

        def iku_read():
            sheet["data"] = read_sheet(data, 2024, "umkm", source, WorkbookCache())

        results["iku reader"] = best(iku_read, args.repeat)
        examples = ROOT / "examples" / "data"
        results["examples: compute 2024"] = best(lambda: compute(config, examples, 2024), args.repeat)
        results["examples: validate 2023-2024"] = best(
            lambda: validate(config, examples, [2023, 2024]), args.repeat
        )

    read = sheet["data"]
    print(f"\niku read {len(read.frame):,} data rows, {len(read.findings):,} findings\n")
    print(f"{'step':34} {'seconds':>9}")
    for name, seconds in results.items():
        print(f"{name:34} {seconds:9.2f}")
    base = results["pandas calamine"]
    print("\nratios (one run, same machine):")
    print(f"  iku reader / pandas calamine read       {results['iku reader'] / base:6.2f}")
    if "pandas openpyxl" in results:
        print(f"  pandas openpyxl / pandas calamine read  {results['pandas openpyxl'] / base:6.2f}")
    print(
        f"  validate / compute on the examples      {results['examples: validate 2023-2024'] / results['examples: compute 2024']:6.2f}"
    )


if __name__ == "__main__":
    main()
