"""The data side of indicators.yaml: each source's workbook, sheet and columns, the filters over its rows,
and the measures taken from them (one number per year each)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from iku_cli.units import parse_unit

ColumnType = Literal["text", "category", "integer", "number", "money"]
NUMERIC_TYPES = ("integer", "number", "money")
Operator = Literal["eq", "ne", "in", "not_in", "gt", "ge", "lt", "le", "blank", "not_blank"]
Scalar = str | int | float


class Block(BaseModel):
    """A block of indicators.yaml: an unknown key is refused, and what is read is not changed after."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(Block):
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


class AllOf(Block):
    all: list[Filter] = Field(min_length=1)


class AnyOf(Block):
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


def conditions(
    flt: Filter | None, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[Condition, tuple[str | int, ...]]]:
    """Every condition inside a filter, however nested, with its path below the filter's own."""
    if flt is None:
        return
    if isinstance(flt, Condition):
        yield flt, path
    else:
        key = "all" if isinstance(flt, AllOf) else "any"
        for i, part in enumerate(getattr(flt, key)):
            yield from conditions(part, (*path, key, i))


class Column(Block):
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


class Source(Block):
    workbook: str
    sheet: str
    key: str | None = None
    description: str | None = None
    optional: bool = False  # a missing workbook is a note, not an error; what it feeds is left out
    columns: dict[str, Column] = Field(min_length=1)


class Measure(Block):
    """One number per year over one source: count, count_distinct or sum of the rows ``where`` keeps.

    ``year: n-1`` takes the number from the year before the one reported. ``where_previous`` makes it a
    measure over two years: only the rows whose key (the source's ``key``) had, the year before, a row that
    ``where_previous`` keeps; ``where`` is then about the later year's row of the same key.
    """

    source: str
    aggregate: Literal["count", "count_distinct", "sum"]
    column: str | None = None
    where: Filter | None = None
    where_previous: Filter | None = None
    year: Literal["n", "n-1"] = "n"
    label: str | None = None

    @model_validator(mode="after")
    def _column_when_needed(self) -> Measure:
        if self.aggregate in ("sum", "count_distinct") and not self.column:
            raise ValueError(f"aggregate '{self.aggregate}' needs 'column'")
        if self.aggregate == "count" and self.column:
            raise ValueError("aggregate 'count' counts rows and takes no 'column'")
        return self

    @property
    def follows_key(self) -> bool:
        """A measure over two years, following each row's key from the year before."""
        return self.where_previous is not None

    def data_years(self, year: int) -> list[int]:
        """The years whose rows the measure reads for the report of ``year``, the year it counts last."""
        own = year - 1 if self.year == "n-1" else year
        return [own - 1, own] if self.follows_key else [own]
