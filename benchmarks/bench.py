"""Benchmark: iku compute and iku validate against a bare read of the same workbooks, in one run.

    python benchmarks/bench.py                          # 100,000 and 1,045,000 rows a year, 3 rounds
    python benchmarks/bench.py --rows 100000 --repeat 5 # one size only
    python benchmarks/bench.py --data /tmp/iku-bench    # keep (and reuse) the generated workbooks there

It writes, for 2023 and 2024, a data folder like the shipped examples whose Data UMKM sheet holds ROWS
rows with the examples' mess (a title row, NIB sometimes typed as a number, Skala Usaha in mixed case,
~6 % of omzet typed as text "Rp 1.250.000", blank rows inside the data, a JUMLAH row with SUM formulas),
and the examples' other workbooks. Then, round after round, it runs as separate processes:

  bare      python-calamine: every declared sheet of both years, get_sheet_by_name(s).to_python()
  openpyxl  pandas.read_excel(engine="openpyxl") of the same sheets (only below 300,000 rows: too slow)
  compute   iku compute DATA --year 2024 --format json
  validate  iku validate DATA --year 2024 --format json
  help      iku --help

and prints the median wall time of each as a ratio to the bare read of the same round, with peak memory.
Ratios are the claim; seconds depend on the machine and on what else it is doing. Needs xlsxwriter.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "data"
YEARS = (2023, 2024)
SHEETS = [
    ("bidang_usaha_mikro_ikm.xlsx", "Data UMKM"),
    ("bidang_usaha_mikro_ikm.xlsx", "Direktori IKM"),
    ("bidang_koperasi.xlsx", "Keragaan Koperasi"),
    ("bidang_perdagangan.xlsx", "Volume Perdagangan"),
    ("bidang_perdagangan.xlsx", "Realisasi Ekspor"),
    ("pdrb.xlsx", "PDRB ADHK"),
    ("anggaran.xlsx", "Realisasi Anggaran"),
]
KECAMATAN = ["Tirtamaya Utara", "Tirtamaya Selatan", "Karangmulya", "Sindangrasa", "Mekarjaya", "Pasirjati"]
SEKTOR = ["Kuliner", "Fesyen", "Kerajinan", "Jasa", "Perdagangan", "Pertanian"]
WORDS = ["Sari", "Jaya", "Makmur", "Berkah", "Sejahtera", "Abadi", "Mandiri", "Barokah", "Indah", "Lestari"]


def write_year(folder: Path, year: int, rows: int) -> None:
    """One year: the examples' workbooks, with a Data UMKM sheet of ``rows`` rows in their mess."""
    import python_calamine
    import xlsxwriter

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("bidang_koperasi.xlsx", "bidang_perdagangan.xlsx", "pdrb.xlsx", "anggaran.xlsx"):
        shutil.copy(EXAMPLES / str(year) / name, folder / name)
    rng = random.Random(f"{year}-{rows}")
    book = xlsxwriter.Workbook(str(folder / "bidang_usaha_mikro_ikm.xlsx"), {"constant_memory": True})
    ws = book.add_worksheet("Data UMKM")
    ws.write_string(0, 0, f"DATA UMKM KOTA TIRTAMAYA TAHUN {year}")
    ws.write_row(
        2,
        0,
        [
            "No",
            "NIB",
            "Nama Usaha",
            "Kecamatan",
            "Sektor Usaha",
            "Skala Usaha",
            "Omzet per Tahun (Rp)",
            "Tenaga Kerja",
        ],
    )
    r, omzet_sum, tk_sum = 3, 0, 0
    for i in range(rows):
        if i and i % max(rows // 4, 1) == 0:
            r += 1  # a blank row inside the data
        nib = 9_000_000_000_000 + i  # the same firms both years
        ws.write_number(r, 0, i + 1)
        if rng.random() < 0.01:
            ws.write_number(r, 1, nib)  # a NIB typed as a number
        else:
            ws.write_string(r, 1, str(nib))
        ws.write_string(r, 2, f"Usaha {rng.choice(WORDS)} {rng.choice(WORDS)} {i % 997}")
        ws.write_string(r, 3, rng.choice(KECAMATAN))
        ws.write_string(r, 4, rng.choice(SEKTOR))
        x = rng.random()
        ws.write_string(
            r,
            5,
            "MIKRO"
            if x < 0.025
            else "mikro "
            if x < 0.05
            else "Mikro"
            if x < 0.8
            else "Kecil"
            if x < 0.95
            else "Menengah",
        )
        omzet = rng.randrange(10, 20000) * 50_000
        omzet_sum += omzet
        if rng.random() < 0.06:
            ws.write_string(r, 6, "Rp " + f"{omzet:,}".replace(",", "."))
        else:
            ws.write_number(r, 6, omzet)
        tk = rng.randrange(1, 40)
        tk_sum += tk
        ws.write_number(r, 7, tk)
        r += 1
    ws.write_string(r, 2, "JUMLAH")
    ws.write_formula(r, 6, f"=SUM(G4:G{r})", None, omzet_sum)
    ws.write_formula(r, 7, f"=SUM(H4:H{r})", None, tk_sum)
    source = python_calamine.CalamineWorkbook.from_path(
        str(EXAMPLES / str(year) / "bidang_usaha_mikro_ikm.xlsx")
    )
    other = book.add_worksheet("Direktori IKM")
    for rr, row in enumerate(source.get_sheet_by_name("Direktori IKM").to_python(skip_empty_area=False)):
        for cc, value in enumerate(row):
            if value != "":
                other.write(rr, cc, value)
    book.close()


BARE = f"""
import sys, python_calamine
data = sys.argv[1]
for year in sys.argv[2:]:
    books = {{}}
    for workbook, sheet in {SHEETS!r}:
        path = data + "/" + year + "/" + workbook
        books.setdefault(path, python_calamine.CalamineWorkbook.from_path(path)).get_sheet_by_name(sheet).to_python()
"""

OPENPYXL = f"""
import sys, pandas
data = sys.argv[1]
for year in sys.argv[2:]:
    for workbook, sheet in {SHEETS!r}:
        pandas.read_excel(data + "/" + year + "/" + workbook, sheet_name=sheet, header=None, engine="openpyxl")
"""


def run(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident memory in MB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    err = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    return wall, usage.ru_maxrss / 1024


def bench(data: Path, rows: int, repeat: int) -> dict[str, list[tuple[float, float]]]:
    iku = str(Path(sys.executable).parent / "iku")
    commands = {
        "bare": [sys.executable, "-c", BARE, str(data), *map(str, YEARS)],
        "compute": [iku, "compute", str(data), "--year", "2024", "--format", "json"],
        "validate": [iku, "validate", str(data), "--year", "2024", "--format", "json"],
        "help": [iku, "--help"],
    }
    if rows < 300_000:
        commands["openpyxl"] = [sys.executable, "-c", OPENPYXL, str(data), *map(str, YEARS)]
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for round_ in range(repeat):
        for name, command in commands.items():
            results[name].append(run(command))
        print(
            f"  {rows:,} rows, round {round_ + 1}/{repeat}: "
            + ", ".join(f"{n} {r[-1][0]:.1f} s" for n, r in results.items()),
            file=sys.stderr,
        )
    return results


def ratio(results: dict[str, list[tuple[float, float]]], name: str, what: int = 0) -> float:
    """The median over rounds of this command's time (or memory) divided by the bare read's in that round."""
    return statistics.median(a[what] / b[what] for a, b in zip(results[name], results["bare"], strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, action="append", help="Data UMKM rows a year (repeatable)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--data", type=Path, help="where to write the workbooks (reused when present)")
    args = parser.parse_args()
    sizes = args.rows or [100_000, 1_045_000]
    base = args.data or Path(tempfile.mkdtemp(prefix="iku-bench-"))
    lines = [
        "| rows a year | bare calamine read | iku compute | iku validate | peak memory compute / validate | pandas + openpyxl | iku --help |",
        "|---|---|---|---|---|---|---|",
    ]
    for rows in sizes:
        data = base / str(rows)
        if not all((data / "2024" / workbook).exists() for workbook, _ in SHEETS):
            print(f"writing {rows:,} rows a year into {data} ...", file=sys.stderr)
            for year in YEARS:
                write_year(data / str(year), year, rows)
        results = bench(data, rows, args.repeat)
        bare_s = statistics.median(t for t, _ in results["bare"])
        bare_mb = statistics.median(m for _, m in results["bare"])
        openpyxl = f"{ratio(results, 'openpyxl'):.1f} ×" if "openpyxl" in results else "not run"
        help_s = statistics.median(t for t, _ in results["help"])
        lines.append(
            f"| {rows:,} | 1.00 ({bare_s:.1f} s, {bare_mb:,.0f} MB) | {ratio(results, 'compute'):.2f} × | "
            f"{ratio(results, 'validate'):.2f} × | {ratio(results, 'compute', 1):.2f} × / {ratio(results, 'validate', 1):.2f} × | "
            f"{openpyxl} | {help_s:.2f} s |"
        )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
