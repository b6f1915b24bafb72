"""The result of a computation: one object that every renderer and exporter takes."""

from __future__ import annotations

from dataclasses import dataclass, field

from iku_cli.config import Bacaan, Band, Better, FormulaType, JenisCapaian, Level, Target
from iku_cli.enums import Worded
from iku_cli.findings import Finding, Severity, dedupe


class Status(Worded):
    """Why an indicator has a value or not. The values are stable: scripts may rely on them."""

    OK = "ok", "dihitung"
    DATA_MISSING = "data-missing", "data tidak tersedia"
    DATA_ERROR = "data-error", "data mengandung kesalahan"
    ZERO_BASE = "zero-base", "nilai tahun sebelumnya nol"
    ZERO_DENOMINATOR = "zero-denominator", "penyebut nol"
    NOT_FINITE = "not-finite", "hasil tidak terhingga"
    NO_REALISASI = "no-realisasi", "realisasi tidak ada"
    NO_TARGET = "no-target", "target tidak ditetapkan"
    ZERO_TARGET = "zero-target", "target nol"
    ANNUAL_ONLY = "annual-only", "hanya tahunan"  # a triwulan of an indicator declared annual only
    NO_READING = "no-reading", "bacaan triwulan tidak dinyatakan"  # a growth not saying how part years read


# What an indicator has by declaration rather than by a fault of the data: it does not fail a computation.
BY_DECLARATION = frozenset({Status.ANNUAL_ONLY})
NOT_COMPUTED = "tidak dapat dihitung"  # how every value that could not be computed is shown
DATA_ERROR = "data mengandung kesalahan; jalankan iku validate"  # why nothing is computed from broken data


# A missing workbook makes its indicators "cannot compute"; it does not stop the others.
NOT_BLOCKING = frozenset({"workbook-missing"})


def blocks(finding: Finding) -> bool:
    """An error in the data stops every computation of the year, except a workbook that is simply absent."""
    return finding.severity == Severity.ERROR and finding.code not in NOT_BLOCKING


class _Inputs:
    def as_dict(self) -> dict[str, float | None]:
        """The inputs by name, as JSON carries them."""
        return dict(vars(self))


@dataclass(frozen=True)
class GrowthInputs(_Inputs):
    """V(n−1) and V(n): what a growth is computed from."""

    v_n_1: float | None
    v_n: float | None


@dataclass(frozen=True)
class RatioInputs(_Inputs):
    """Pembilang and penyebut: what a ratio is computed from."""

    pembilang: float | None
    penyebut: float | None


Inputs = GrowthInputs | RatioInputs


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
    previous_year: int | None = None  # a measure over two years: the year its keys are followed from
    triwulan: int | None = None  # counted on the triwulan folder of ``year`` (DATA_DIR/<year>/TW<n>/)


@dataclass(frozen=True)
class HistoryPoint:
    """One earlier year of an indicator, as chapter III compares it: target, realisasi, capaian, kategori."""

    tahun: int
    target: Target | None
    realisasi: float | None
    capaian: float | None
    kategori: str | None
    status: Status  # of the realisasi
    reason: str | None = None  # why the realisasi, or else the capaian, is missing


@dataclass(frozen=True)
class Baseline:
    """Kondisi awal: the realisasi of the year before the Renstra starts, declared or computed from data."""

    tahun: int | None
    realisasi: float | None
    sumber: str | None  # "indicators.yaml" (declared) or "data" (computed); None when there is none
    reason: str | None = None


@dataclass(frozen=True)
class Comparison:
    """The national or provincial figure of the year, shown beside the realisasi (pembanding)."""

    tahun: int
    nilai: float | None
    sumber: str
    reason: str | None = None


@dataclass(frozen=True)
class Average:
    """A mean of capaian; indicators without a capaian are left out, and counted as such."""

    value: float | None
    kategori: str | None
    averaged: int  # the indicators with a capaian
    count: int  # every indicator of the group
    reason: str | None = None


@dataclass(frozen=True)
class TriwulanInfo:
    """An indicator at a triwulan: how it was read, how its capaian was taken, and its targets.

    The IndicatorResult around it holds the realisasi s.d. the triwulan's end, the target s.d. the triwulan
    (the triwulan's own, or the sum so far for kumulatif) and the capaian against it.
    """

    triwulan: int
    bacaan: Bacaan | None  # None: a growth that does not declare its reading
    jenis_capaian: JenisCapaian
    periode: tuple[
        str, ...
    ]  # the folders compared: ("2023/TW2", "2024/TW2"), ("2023", "2024/TW2"), ("2024/TW2",)
    target_tahunan: Target | None
    target_tw: tuple[Target, ...] | None  # the four quarterly targets as declared
    capaian_tahunan: float | None  # the realisasi against the year's target
    capaian_tahunan_reason: str | None = None
    realisasi_triwulan: float | None = None  # kumulatif: the triwulan's own, realisasi s.d. n − s.d. n−1


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    level: Level
    tujuan_id: str
    tujuan: str
    sasaran_id: str | None
    sasaran: str | None
    nama: str
    satuan: str
    formula: FormulaType
    formulasi: str
    sumber_data: str | None
    unit_kerja: str | None
    inputs: Inputs | None  # None when nothing was read (the data had errors)
    value: float | None
    status: Status
    reason: str | None
    measures: list[MeasureResult] = field(default_factory=list)
    better: Better = Better.HIGHER
    target: Target | None = None
    capaian: float | None = None
    capaian_reason: str | None = None
    kategori: str | None = None
    history: dict[int, float | None] = field(default_factory=dict)  # realisasi of earlier years
    target_akhir: Target | None = None
    capaian_akhir: float | None = None
    riwayat: list[HistoryPoint] = field(default_factory=list)  # years n−1, n−2 in full, the latest first
    baseline: Baseline | None = None
    pembanding: Comparison | None = None
    triwulan: TriwulanInfo | None = None  # of a triwulan's computation

    @property
    def ok(self) -> bool:
        return self.status == Status.OK

    @property
    def fails(self) -> bool:
        """Not computed for a reason other than a declaration (an annual-only indicator at a triwulan)."""
        return not self.ok and self.status not in BY_DECLARATION


@dataclass(frozen=True)
class BudgetLine:
    """Pagu and realisasi of a code (a program, or any code prefix) or a group of them: sums of detailed rows."""

    kode: str
    nama: str | None
    pagu: float
    realisasi: float
    rows: list[int] = field(default_factory=list)  # the Excel rows of the detailed rows summed

    @property
    def serapan(self) -> float | None:
        """Realisasi / pagu × 100; None when the pagu is 0."""
        return self.realisasi / self.pagu * 100 if self.pagu else None

    @property
    def sisa(self) -> float:
        return self.pagu - self.realisasi


@dataclass(frozen=True)
class SasaranBudget:
    """A sasaran's budget: its programs' pagu and realisasi, serapan, sisa, and the efficiency comparison."""

    total: BudgetLine
    program: list[BudgetLine]
    capaian: float | None  # the sasaran's average capaian
    efisien: bool | None  # capaian >= serapan; None when either is missing
    reason: str | None = None  # why efisien is None


@dataclass(frozen=True)
class BudgetResult:
    """The year's anggaran workbook as iku read it; ``status`` says whether there is a budget to report."""

    file: str
    status: Status  # ok, data-missing (no workbook: the budget was not given) or data-error
    reason: str | None
    sasaran: dict[str, SasaranBudget] = field(default_factory=dict)
    penunjang: list[BudgetLine] = field(default_factory=list)  # declared as serving no sasaran
    unassigned: list[BudgetLine] = field(default_factory=list)  # detailed rows no declaration claims
    total: BudgetLine | None = None  # every detailed row


@dataclass(frozen=True)
class GroupResult:
    """A tujuan (over its own indikator kinerja tujuan) or a sasaran (over its IKU), with the average capaian."""

    id: str
    level: Level
    text: str
    indikator: list[str]
    average: Average
    riwayat: dict[int, Average] = field(default_factory=dict)  # the same average for the years of riwayat
    tujuan_id: str | None = None  # of a sasaran
    anggaran: SasaranBudget | None = None  # of a sasaran, when the budget was given


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
    bands: tuple[Band, ...] = ()  # the kategori scale the capaian were placed on, highest first
    blocked: bool = False  # the data had errors: nothing was computed
    years_read: tuple[int, ...] = ()  # the years whose workbooks the computation needs
    tujuan: list[GroupResult] = field(default_factory=list)
    sasaran: list[GroupResult] = field(default_factory=list)
    average: Average | None = None  # over every indicator of the table
    average_riwayat: dict[int, Average] = field(default_factory=dict)  # the same, for the years of riwayat
    anggaran: BudgetResult | None = None  # None when indicators.yaml declares no anggaran
    triwulan: int | None = None  # computed for a triwulan of ``year``, from DATA_DIR/<year>/TW<n>/

    @property
    def all_ok(self) -> bool:
        """Every indicator computed (or annual only, at a triwulan), and a budget given was read without error."""
        budget_ok = self.anggaran is None or self.anggaran.status != Status.DATA_ERROR
        return not self.blocked and not any(i.fails for i in self.indicators) and budget_ok

    @property
    def exit_code(self) -> int:
        return 0 if self.all_ok else 1

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def budget_errors(self) -> list[Finding]:
        """The errors of the anggaran workbook, which leave the budget out but not the indicators."""
        budget = self.anggaran
        if budget is None or budget.status != Status.DATA_ERROR:
            return []
        return [f for f in self.errors if f.file == budget.file]

    def budget_reason(self, sasaran_id: str) -> str | None:
        """Why a sasaran has no budget figures (None when it has them)."""
        budget = self.anggaran
        if budget is None:
            return "indicators.yaml tidak menyatakan anggaran"
        if budget.status != Status.OK:
            return budget.reason
        if sasaran_id not in budget.sasaran:
            return "sasaran ini tidak menyatakan program (program: [...]) di indicators.yaml"
        return None

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    @property
    def blocking_errors(self) -> list[Finding]:
        """The errors that stopped the computation (empty when it ran; the budget's errors do not stop it)."""
        if not self.blocked:
            return []
        budget_file = self.anggaran.file if self.anggaran else None
        return [f for f in self.findings if blocks(f) and f.file != budget_file]


@dataclass(frozen=True)
class TriwulanResult:
    """A triwulan of a year and every triwulan before it, each computed from its own folders: what the
    Perjanjian Kinerja is monitored with."""

    year: int
    triwulan: int
    quarters: list[ComputeResult]  # TW I .. TW ``triwulan``

    @property
    def now(self) -> ComputeResult:
        """The triwulan asked for."""
        return self.quarters[-1]

    @property
    def findings(self) -> list[Finding]:
        """Every triwulan's findings; a folder read for two triwulan (n−1's annual data) once."""
        return dedupe([f for q in self.quarters for f in q.findings])

    @property
    def exit_code(self) -> int:
        """0 when the triwulan asked for is computed and no triwulan's data had errors."""
        return 0 if self.now.all_ok and not any(q.blocked for q in self.quarters) else 1


def target_json(target: Target | None) -> float | list[float] | None:
    if isinstance(target, tuple):
        return [target[0], target[1]]
    return target
