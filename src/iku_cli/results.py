"""The result of a computation: one object that every renderer and exporter takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iku_cli.findings import Finding, Severity


@dataclass(frozen=True)
class MeasureResult:
    """One measure for one year, with where it came from — what an auditor traces a number to."""

    id: str
    label: str
    year: int
    value: float | None
    rows: int | None
    aggregate: str
    column: str | None
    filter: str
    file: str
    sheet: str
    unit: str | None
    role: str = ""  # "V(n-1)", "V(n)", "pembilang" or "penyebut": where it enters the formula


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    level: str  # "tujuan" or "sasaran"
    tujuan_id: str
    tujuan: str
    sasaran_id: str | None
    sasaran: str | None
    nama: str
    satuan: str
    formula: str  # "growth" or "ratio"
    formulasi: str
    sumber_data: str | None
    unit_kerja: str | None
    inputs: dict[str, float | None]
    value: float | None
    status: str
    reason: str | None
    measures: list[MeasureResult] = field(default_factory=list)
    better: str = "higher"
    target: float | tuple[float, float] | None = None
    capaian: float | None = None
    capaian_reason: str | None = None
    kategori: str | None = None
    history: dict[int, float | None] = field(default_factory=dict)
    target_akhir: float | tuple[float, float] | None = None
    capaian_akhir: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class InputFile:
    file: str  # relative to DATA_DIR
    sha256: str
    size: int


@dataclass(frozen=True)
class ComputeResult:
    year: int
    agency: str
    config_path: str
    data_dir: str
    indicators: list[IndicatorResult]
    findings: list[Finding]
    files: list[InputFile]
    generated_at: str
    version: str
    renstra: tuple[int, int] | None = None
    bands: tuple = ()  # the kategori scale the capaian were placed on, highest first
    blocked: bool = False  # the data had errors: nothing was computed

    @property
    def all_ok(self) -> bool:
        return not self.blocked and all(i.ok for i in self.indicators)

    @property
    def exit_code(self) -> int:
        return 0 if self.all_ok else 1

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]


def target_json(target: float | tuple[float, float] | None) -> Any:
    if isinstance(target, tuple):
        return [target[0], target[1]]
    return target
