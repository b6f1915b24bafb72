"""One canonical result, built by hand, that every renderer test takes (as pip-audit's formatter tests do)."""

from __future__ import annotations

import pytest

from iku_cli.calc.results import (
    Average,
    Baseline,
    BudgetLine,
    BudgetResult,
    Comparison,
    ComputeResult,
    GroupResult,
    GrowthInputs,
    HistoryPoint,
    IndicatorResult,
    InputFile,
    MeasureResult,
    RatioInputs,
    SasaranBudget,
    Status,
)
from iku_cli.config import DEFAULT_KATEGORI, Better, FormulaType, Level
from iku_cli.findings import make

MISSING_2022 = "tidak dapat dihitung: data tidak tersedia: 2022/umkm.xlsx"
CAPAIAN_IKU1 = (34694 - 31475) / 31475 * 100 / 10 * 100  # 102,27: 10,227 % against a target of 10


def _indicator(**changes: object) -> IndicatorResult:
    base = dict(
        id="IKU-1",
        level=Level.SASARAN,
        tujuan_id="T1",
        tujuan="Meningkatkan peran usaha mikro",
        sasaran_id="S1",
        sasaran="Meningkatnya kuantitas usaha mikro",
        nama="Persentase pertumbuhan jumlah usaha mikro",
        satuan="persen",
        formula=FormulaType.GROWTH,
        formulasi="(V(n) - V(n-1)) / V(n-1) × 100 %",
        sumber_data="Data UMKM",
        unit_kerja="Bidang Usaha Mikro",
        inputs=GrowthInputs(31475.0, 34694.0),
        value=(34694 - 31475) / 31475 * 100,
        status=Status.OK,
        reason=None,
        measures=[
            MeasureResult(
                "jumlah_usaha_mikro",
                "Jumlah usaha mikro",
                2023,
                31475.0,
                31475,
                "count_distinct",
                "NIB",
                "Skala Usaha = Mikro",
                "2023/umkm.xlsx",
                "Data UMKM",
                None,
                "V(n-1)",
            ),
            MeasureResult(
                "jumlah_usaha_mikro",
                "Jumlah usaha mikro",
                2024,
                34694.0,
                34694,
                "count_distinct",
                "NIB",
                "Skala Usaha = Mikro",
                "2024/umkm.xlsx",
                "Data UMKM",
                None,
                "V(n)",
            ),
        ],
        better=Better.HIGHER,
        target=10.0,
        capaian=CAPAIAN_IKU1,
        kategori="Sangat Tinggi",
        history={2023: 9.0, 2022: None},
        target_akhir=(10.0, 12.0),
        capaian_akhir=100.0,
        riwayat=[
            # 2023: 9,0 against 9,5 -> (1 + (9 - 9,5) / 9,5) x 100 = 94,74
            HistoryPoint(2023, 9.5, 9.0, (1 + (9 - 9.5) / 9.5) * 100, "Sangat Tinggi", Status.OK),
            HistoryPoint(2022, 9.0, None, None, None, Status.DATA_MISSING, MISSING_2022),
        ],
        baseline=Baseline(2020, 7.5, "indicators.yaml"),
        pembanding=Comparison(2024, 5.2, "BPS (contoh)"),
    )
    base.update(changes)
    return IndicatorResult(**base)  # type: ignore[arg-type]


@pytest.fixture
def result() -> ComputeResult:
    """IKU-1 computed (10,23 %: the published 31.475 → 34.694), IKU-2 a ratio, IKU-3 not computed."""
    ratio = _indicator(
        id="IKU-2",
        nama="Persentase usaha mikro naik kelas",
        formula=FormulaType.RATIO,
        inputs=RatioInputs(83.0, 852.0),
        value=83 / 852 * 100,
        target=None,
        capaian=None,
        capaian_reason="tidak dapat dihitung: target tahun ini tidak ditetapkan",
        kategori=None,
        measures=[],
    )
    missing = _indicator(
        id="IKU-3",
        nama="Persentase koperasi berkualitas",
        formula=FormulaType.RATIO,
        inputs=RatioInputs(None, 0.0),
        value=None,
        status=Status.ZERO_DENOMINATOR,
        reason="tidak dapat dihitung: penyebut = 0",
        capaian=None,
        kategori=None,
        measures=[],
        riwayat=[],
        baseline=Baseline(
            2020,
            None,
            None,
            "tidak dapat dihitung: tidak dinyatakan (baseline:) dan data tidak tersedia: 2020/kop.xlsx",
        ),
        pembanding=None,
    )
    # S1's programs: 2.020 jt pagu, 1.820 jt realisasi: serapan 90,10 % <= capaian 102,27 %: efisien
    programs = [
        BudgetLine("2.17.07", "PROGRAM PEMBERDAYAAN UMKM", 1_300_000_000, 1_170_000_000, [12, 13]),
        BudgetLine("2.17.08", "PROGRAM PENGEMBANGAN UMKM", 720_000_000, 650_000_000, [16]),
    ]
    s1_total = BudgetLine(
        "S1", "Meningkatnya kuantitas usaha mikro", 2_020_000_000, 1_820_000_000, [12, 13, 16]
    )
    s1_budget = SasaranBudget(s1_total, programs, CAPAIAN_IKU1, True)
    budget = BudgetResult(
        "2024/anggaran.xlsx",
        Status.OK,
        None,
        sasaran={"S1": s1_budget},
        penunjang=[BudgetLine("2.17.01", "PROGRAM PENUNJANG", 9_070_000_000, 8_800_000_000, [3, 4, 5])],
        unassigned=[BudgetLine("3.30.06.2.01.0001", "Metrologi Legal", 100_000_000, 80_000_000, [30])],
        total=BudgetLine("", "Jumlah", 11_190_000_000, 10_700_000_000, [3, 4, 5, 12, 13, 16, 30]),
    )
    # Only IKU-1 has a capaian: every average is IKU-1's, taken over 1 of the 3 indicators.
    s1 = GroupResult(
        "S1",
        Level.SASARAN,
        "Meningkatnya kuantitas usaha mikro",
        ["IKU-1", "IKU-2", "IKU-3"],
        Average(CAPAIAN_IKU1, "Sangat Tinggi", 1, 3),
        {
            2023: Average((1 + (9 - 9.5) / 9.5) * 100, "Sangat Tinggi", 1, 3),
            2022: Average(None, None, 0, 3, "tidak dapat dihitung: tidak ada indikator dengan capaian"),
        },
        tujuan_id="T1",
        anggaran=s1_budget,
    )
    t1 = GroupResult(
        "T1",
        Level.TUJUAN,
        "Meningkatkan peran usaha mikro",
        [],
        Average(None, None, 0, 0, "tidak dapat dihitung: tidak ada indikator dengan capaian"),
    )
    return ComputeResult(
        year=2024,
        agency="Dinas Koperasi, Usaha Mikro dan Perdagangan",
        config_path="indicators.yaml",
        data_dir="data",
        indicators=[_indicator(), ratio, missing],
        findings=[
            make(
                "number-as-text",
                "angka diketik sebagai teks",
                file="2024/umkm.xlsx",
                sheet="Data UMKM",
                cell="F7",
                value="=1+1",
            ),
            make(
                "blank-rows-skipped",
                "baris 9 kosong, dilewati",
                file="2024/umkm.xlsx",
                sheet="Data UMKM",
                cell="A9",
            ),
        ],
        files=[InputFile("2024/umkm.xlsx", "ab" * 32, 1234)],
        generated_at="2025-01-15T08:00:00+07:00",
        version="0.1.0",
        renstra=(2021, 2026),
        bands=DEFAULT_KATEGORI,
        years_read=(2023, 2024),
        tujuan=[t1],
        sasaran=[s1],
        average=Average(CAPAIAN_IKU1, "Sangat Tinggi", 1, 3),
        average_riwayat=dict(s1.riwayat),
        anggaran=budget,
    )
