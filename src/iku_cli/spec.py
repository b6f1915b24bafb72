"""indicators.yaml: the declared agency, sources, measures and indicators, checked with file and line."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from iku_cli.units import parse_unit

ColumnType = Literal["text", "category", "integer", "number", "money"]
NUMERIC_TYPES = ("integer", "number", "money")
Operator = Literal["eq", "ne", "in", "not_in", "gt", "ge", "lt", "le", "blank", "not_blank"]
Scalar = str | int | float


class SpecError(Exception):
    """indicators.yaml is broken; every problem is named with its file and line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Model):
    column: str
    op: Operator = "eq"
    value: Scalar | list[Scalar] | None = None

    @model_validator(mode="after")
    def _value_fits_op(self) -> Condition:
        if self.op in ("blank", "not_blank"):
            if self.value is not None:
                raise ValueError(f"op '{self.op}' takes no value")
        elif self.op in ("in", "not_in"):
            if not isinstance(self.value, list) or not self.value:
                raise ValueError(f"op '{self.op}' needs a list of values, e.g. value: [Mikro, Kecil]")
        elif self.value is None or isinstance(self.value, list):
            raise ValueError(f"op '{self.op}' needs one value")
        elif self.op in ("gt", "ge", "lt", "le") and isinstance(self.value, str):
            raise ValueError(f"op '{self.op}' compares numbers; value must be a number, not '{self.value}'")
        return self


class AllOf(_Model):
    all: list[Filter] = Field(min_length=1)


class AnyOf(_Model):
    any: list[Filter] = Field(min_length=1)


def _filter_kind(value: Any) -> str:
    keys = value if isinstance(value, dict) else vars(value) if isinstance(value, BaseModel) else {}
    if "all" in keys:
        return "<all>"
    if "any" in keys:
        return "<any>"
    return "<condition>"


# One branch is chosen by its keys, so a mistake is reported once, for the branch meant.
Filter = Annotated[
    Annotated[Condition, Tag("<condition>")]
    | Annotated[AllOf, Tag("<all>")]
    | Annotated[AnyOf, Tag("<any>")],
    Discriminator(_filter_kind),
]


def conditions(flt: Filter | None, path: tuple = ()) -> Iterator[tuple[Condition, tuple]]:
    """Every condition inside a filter, however nested, with its path below the filter's own."""
    if flt is None:
        return
    if isinstance(flt, Condition):
        yield flt, path
    else:
        key = "all" if isinstance(flt, AllOf) else "any"
        for i, part in enumerate(getattr(flt, key)):
            yield from conditions(part, (*path, key, i))


class Column(_Model):
    header: str
    aliases: list[str] = []
    type: ColumnType = "text"
    unit: str | None = None
    required: bool = False
    required_when: Filter | None = None
    allowed: list[str] | None = None
    min: float | None = None
    max: float | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Column:
        if self.allowed is not None and self.type != "category":
            raise ValueError("'allowed' is only for type: category")
        if self.type == "category" and not self.allowed:
            raise ValueError("a category column needs 'allowed', the list of values it accepts")
        if (self.min is not None or self.max is not None or self.unit) and self.type not in NUMERIC_TYPES:
            raise ValueError("'min', 'max' and 'unit' are only for integer, number and money columns")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is greater than max ({self.max:g})")
        if self.unit is not None and parse_unit(self.unit) is None:
            raise ValueError(
                f"unknown unit '{self.unit}'; use e.g. Rp, ribu Rp, juta Rp, USD, ribu USD, kg, ton"
            )
        return self

    @property
    def label(self) -> str:
        """The header as a person reads it, with its unit: "Omzet per Tahun (Rp)"."""
        return f"{self.header} ({self.unit})" if self.unit else self.header


class Source(_Model):
    workbook: str
    sheet: str
    key: str | None = None
    description: str | None = None
    columns: dict[str, Column] = Field(min_length=1)


class Measure(_Model):
    source: str
    aggregate: Literal["count", "count_distinct", "sum"]
    column: str | None = None
    where: Filter | None = None
    label: str | None = None

    @model_validator(mode="after")
    def _column_when_needed(self) -> Measure:
        if self.aggregate in ("sum", "count_distinct") and not self.column:
            raise ValueError(f"aggregate '{self.aggregate}' needs 'column'")
        if self.aggregate == "count" and self.column:
            raise ValueError("aggregate 'count' counts rows and takes no 'column'")
        return self


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class GrowthFormula(_Model):
    type: Literal["growth"]
    measures: list[str] = Field(min_length=1)

    _list = field_validator("measures", mode="before")(_as_list)


class RatioFormula(_Model):
    type: Literal["ratio"]
    numerator: list[str] = Field(min_length=1)
    denominator: list[str] = Field(min_length=1)

    _list = field_validator("numerator", "denominator", mode="before")(_as_list)


Formula = Annotated[GrowthFormula | RatioFormula, Field(discriminator="type")]
Target = float | tuple[float, float]


class Indikator(_Model):
    id: str
    nama: str
    satuan: str
    formula: Formula
    formulasi: str
    sumber_data: str | None = None
    unit_kerja: str | None = None
    targets: dict[int, Any] = {}
    better: Literal["higher", "lower"] = "higher"

    @field_validator("targets")
    @classmethod
    def _targets(cls, targets: dict[int, Any]) -> dict[int, Target]:
        out: dict[int, Target] = {}
        for year, target in targets.items():
            if _is_number(target):
                out[year] = float(target)
            elif isinstance(target, list) and len(target) == 2 and all(_is_number(t) for t in target):
                out[year] = (float(target[0]), float(target[1]))
            else:
                raise ValueError(
                    f"target for {year} is '{target}'; write a number (e.g. 10.5) or a range [low, high]"
                )
        return out


class Sasaran(_Model):
    id: str
    sasaran: str
    indikator: list[Indikator] = Field(min_length=1)


class Tujuan(_Model):
    id: str
    tujuan: str
    indikator: list[Indikator] = []
    sasaran: list[Sasaran] = []


class Renstra(_Model):
    start: int
    end: int

    @model_validator(mode="after")
    def _ordered(self) -> Renstra:
        if self.start > self.end:
            raise ValueError(
                f"the Renstra period starts in {self.start}, after it ends in {self.end}; write start <= end"
            )
        return self


class Agency(_Model):
    nama: str
    tugas: str | None = None
    fungsi: list[str] = []
    renstra: Renstra | None = None


class Band(_Model):
    label: str
    min: float | None = None


DEFAULT_KATEGORI = (
    Band(label="Sangat Tinggi", min=91),
    Band(label="Tinggi", min=76),
    Band(label="Sedang", min=66),
    Band(label="Rendah", min=51),
    Band(label="Sangat Rendah", min=None),
)


class Validation(_Model):
    max_change: float = Field(default=50.0, gt=0)  # percent change of a measure from n-1 worth a warning


class Spec(_Model):
    agency: Agency
    sources: dict[str, Source] = Field(min_length=1)
    measures: dict[str, Measure] = Field(min_length=1)
    tujuan: list[Tujuan] = Field(min_length=1)
    kategori: list[Band] = list(DEFAULT_KATEGORI)
    validation: Validation = Validation()


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator with its place in the hierarchy: level, tujuan and (for IKU) sasaran."""

    indikator: Indikator
    level: Literal["tujuan", "sasaran"]
    tujuan: Tujuan
    sasaran: Sasaran | None


@dataclass(frozen=True)
class Config:
    """A loaded, checked indicators.yaml."""

    spec: Spec
    path: Path

    @property
    def indicators(self) -> list[IndicatorRef]:
        """Every indicator in document order: a tujuan's own first, then its sasaran's."""
        refs: list[IndicatorRef] = []
        for tujuan in self.spec.tujuan:
            refs += [IndicatorRef(ind, "tujuan", tujuan, None) for ind in tujuan.indikator]
            for sasaran in tujuan.sasaran:
                refs += [IndicatorRef(ind, "sasaran", tujuan, sasaran) for ind in sasaran.indikator]
        return refs

    def columns_used(self, source_id: str) -> set[str]:
        """Columns of a source that some measure sums, counts or filters on: they must be in the sheet."""
        used: set[str] = set()
        for measure in self.spec.measures.values():
            if measure.source == source_id:
                used |= {measure.column} if measure.column else set()
                used |= {cond.column for cond, _ in conditions(measure.where)}
        return used

    def indicator(self, indicator_id: str) -> IndicatorRef | None:
        return next((r for r in self.indicators if r.indikator.id == indicator_id), None)


def default_config_path() -> Path:
    """The indicators.yaml shipped in the package, or the repository's own when run from a checkout."""
    shipped = resources.files("iku_cli") / "indicators.yaml"
    if shipped.is_file():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2] / "indicators.yaml"


# --- loading with line numbers -------------------------------------------------------------


def _line_map(node: yaml.Node, path: tuple, lines: dict[tuple, int], problems: list[str], name: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key == "<<":
                continue
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    f"{name}:{line}: key '{key}' appears twice in the same block "
                    f"(first on line {seen[key]}); keep one"
                )
            seen[key] = line
            _line_map(value_node, (*path, key), lines, problems, name)
            lines[(*path, key)] = line
            for alt in _int_key(key):
                lines[(*path, alt)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), lines, problems, name)


def _int_key(key: str) -> list[int]:
    try:
        return [int(key)]
    except (TypeError, ValueError):
        return []


def _line_of(loc: tuple, lines: dict[tuple, int]) -> int:
    path: tuple = ()
    best = lines.get((), 1)
    for part in loc:
        if (*path, part) in lines:
            path = (*path, part)
            best = lines[path]
    return best


def _where(loc: tuple) -> str:
    """A location without pydantic's union tags and validator names: "sources.umkm.columns.omzet"."""
    return ".".join(str(p) for p in loc if not (isinstance(p, str) and (p.startswith(("<", "function-")))))


def load_config(path: Path | str | None = None) -> Config:
    """Read and check indicators.yaml; raise SpecError naming file and line of each problem."""
    path = Path(path) if path is not None else default_config_path()
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError([f"{name}: file not found; give an existing indicators.yaml with --config"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError([f"{name}: cannot be read ({exc})"]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        context = getattr(exc, "context", None) or ""
        if context.startswith(("while parsing a flow", "while scanning")) and getattr(
            exc, "context_mark", None
        ):
            mark = exc.context_mark  # an unclosed bracket or quote: the line where it was opened
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SpecError(
            [f"{name}{line}: YAML syntax error: {problem}; check indentation and quoting"]
        ) from None
    if not isinstance(data, dict) or node is None:
        raise SpecError([f"{name}:1: expected a mapping with agency, sources, measures and tujuan"])
    lines: dict[tuple, int] = {}
    problems: list[str] = []
    _line_map(node, (), lines, problems, name)
    if problems:
        raise SpecError(problems)
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        raise SpecError([_pydantic_problem(err, lines, name) for err in exc.errors()]) from None
    problems = [f"{name}:{_line_of(loc, lines)}: {msg}" for loc, msg in _cross_check(spec)]
    if problems:
        raise SpecError(problems)
    return Config(spec=spec, path=path)


def _pydantic_problem(err: dict, lines: dict[tuple, int], name: str) -> str:
    loc = tuple(err["loc"])
    line = _line_of(loc, lines)
    where = _where(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        hint = _suggest(str(loc[-1]), _KEYS, cutoff=0.75)
        return (
            f"{name}:{line}: unknown key '{loc[-1]}' in {_where(loc[:-1]) or 'the top level'}{hint}; "
            "remove or rename it"
        )
    if kind == "missing":
        return f"{name}:{line}: {_where(loc[:-1]) or 'the top level'} is missing '{loc[-1]}'"
    message = err["msg"].removeprefix("Value error, ")
    return f"{name}:{line}: {where}: {message}"


def _all_keys() -> set[str]:
    models = [
        Condition,
        AllOf,
        AnyOf,
        Column,
        Source,
        Measure,
        GrowthFormula,
        RatioFormula,
        Indikator,
        Sasaran,
        Tujuan,
        Renstra,
        Agency,
        Band,
        Validation,
        Spec,
    ]
    return {field for model in models for field in model.model_fields}


def _suggest(name: str, options: Any, cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _cross_check(spec: Spec) -> Iterator[tuple[tuple, str]]:
    """References between blocks: columns, measures and ids must exist and fit together."""
    for sid, source in spec.sources.items():
        cols = source.columns
        if source.key and source.key not in cols:
            yield (
                ("sources", sid, "key"),
                f"key '{source.key}' is not a column of source '{sid}'{_suggest(source.key, cols)}",
            )
        for cid, column in cols.items():
            at = ("sources", sid, "columns", cid, "required_when")
            for cond, sub in conditions(column.required_when):
                yield from _check_condition(cond, source, (*at, *sub))
    for mid, measure in spec.measures.items():
        at = ("measures", mid)
        source = spec.sources.get(measure.source)
        if source is None:
            yield (
                (*at, "source"),
                f"measure '{mid}' names source '{measure.source}', which is not declared{_suggest(measure.source, spec.sources)}",
            )
            continue
        if measure.column:
            column = source.columns.get(measure.column)
            if column is None:
                yield (
                    (*at, "column"),
                    (
                        f"measure '{mid}' names column '{measure.column}', not declared in source "
                        f"'{measure.source}'{_suggest(measure.column, source.columns)}"
                    ),
                )
            elif measure.aggregate == "sum" and column.type not in NUMERIC_TYPES:
                yield (
                    (*at, "column"),
                    f"measure '{mid}' sums column '{measure.column}', which is of type {column.type}, not a number",
                )
        for cond, sub in conditions(measure.where):
            yield from _check_condition(cond, source, (*at, "where", *sub))
    seen: dict[str, tuple] = {}
    for ti, tujuan in enumerate(spec.tujuan):
        places = [(("tujuan", ti, "indikator", i), ind) for i, ind in enumerate(tujuan.indikator)]
        for si, sasaran in enumerate(tujuan.sasaran):
            places += [
                (("tujuan", ti, "sasaran", si, "indikator", i), ind)
                for i, ind in enumerate(sasaran.indikator)
            ]
        for at, ind in places:
            if ind.id in seen:
                yield (*at, "id"), f"indicator id '{ind.id}' is used twice; give each indicator its own id"
            seen[ind.id] = at
            formula = ind.formula
            names = (
                formula.measures
                if isinstance(formula, GrowthFormula)
                else formula.numerator + formula.denominator
            )
            for m in names:
                if m not in spec.measures:
                    yield (
                        (*at, "formula"),
                        f"indicator {ind.id} uses measure '{m}', which is not declared under measures{_suggest(m, spec.measures)}",
                    )
            yield from _check_targets(ind, spec.agency.renstra, at)
    ids = [t.id for t in spec.tujuan] + [s.id for t in spec.tujuan for s in t.sasaran]
    for dup in {i for i in ids if ids.count(i) > 1}:
        yield ("tujuan",), f"tujuan/sasaran id '{dup}' is used twice; give each its own id"
    bounds = [b.min for b in spec.kategori]
    if (
        bounds[-1] is not None
        or any(b is None for b in bounds[:-1])
        or bounds[:-1] != sorted(bounds[:-1], reverse=True)
    ):
        yield (
            ("kategori",),
            "kategori: list bands from highest to lowest, each with 'min', the last without 'min'",
        )


def _check_condition(cond: Condition, source: Source, at: tuple) -> Iterator[tuple[tuple, str]]:
    column = source.columns.get(cond.column)
    if column is None:
        yield (
            at,
            f"filter names column '{cond.column}', not declared in the source{_suggest(cond.column, source.columns)}",
        )
        return
    values = cond.value if isinstance(cond.value, list) else [cond.value]
    if column.type == "category" and cond.op in ("eq", "ne", "in", "not_in"):
        allowed = {a.casefold() for a in column.allowed or []}
        for v in values:
            if str(v).strip().casefold() not in allowed:
                yield (
                    at,
                    f"filter value '{v}' is not an allowed value of '{cond.column}' ({', '.join(column.allowed or [])})",
                )
    if column.type in NUMERIC_TYPES and cond.op in ("eq", "ne", "in", "not_in"):
        for v in values:
            if not _is_number(v):
                yield at, f"filter compares number column '{cond.column}' with '{v}'; write a number"
    if cond.op in ("gt", "ge", "lt", "le") and column.type not in NUMERIC_TYPES:
        yield at, f"filter compares column '{cond.column}' (type {column.type}) as a number; use eq/ne/in"


def _check_targets(ind: Indikator, renstra: Renstra | None, at: tuple) -> Iterator[tuple[tuple, str]]:
    for year, target in ind.targets.items():
        where = (*at, "targets", year)
        if isinstance(target, tuple) and target[0] > target[1]:
            yield (
                where,
                f"indicator {ind.id}: target range for {year} has low {target[0]:g} above high {target[1]:g}; write [low, high]",
            )
        if renstra is not None and not renstra.start <= year <= renstra.end:
            yield (
                where,
                f"indicator {ind.id}: target year {year} is outside the Renstra period {renstra.start}-{renstra.end}",
            )


_KEYS = _all_keys()
