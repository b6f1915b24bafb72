"""What templates hold: which workbook files, which sheets in each, which columns in each sheet, and where."""

from __future__ import annotations

from dataclasses import dataclass

from iku_cli.config import Column, Config, Source
from iku_cli.text import normalise

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3


@dataclass(frozen=True)
class TemplateColumn:
    """One column of a data sheet: its declaration, the source declaring it, and whether it is the key."""

    column: Column
    source: Source
    is_key: bool


@dataclass(frozen=True)
class TemplateSheet:
    name: str
    columns: list[TemplateColumn]
    descriptions: list[str]


def plan(config: Config, sources: list[str] | None = None) -> dict[str, list[TemplateSheet]]:
    """Workbook file name -> its sheets in declaration order (only ``sources`` when given)."""
    declared = config.spec.sources
    if sources is None:
        wanted = list(declared)
    else:
        unknown = [s for s in sources if s not in declared]
        if unknown:
            raise ValueError(
                f"unknown source {', '.join(repr(s) for s in unknown)}; "
                f"the declared sources are: {', '.join(declared)}"
            )
        if not sources:
            raise ValueError(f"no source given; the declared sources are: {', '.join(declared)}")
        wanted = [sid for sid in declared if sid in sources]  # declaration order, no duplicates
    books: dict[str, dict[str, list[Source]]] = {}
    for sid in wanted:
        source = declared[sid]
        books.setdefault(source.workbook, {}).setdefault(source.sheet, []).append(source)
    return {
        workbook: [_sheet(name, group) for name, group in sheets.items()]
        for workbook, sheets in books.items()
    }


def _sheet(name: str, group: list[Source]) -> TemplateSheet:
    """Two sources reading one sheet share it: each header is written once, the first declaration wins."""
    columns: list[TemplateColumn] = []
    seen: set[str] = set()
    for source in group:
        for cid, column in source.columns.items():
            if normalise(column.header) in seen:
                continue
            seen.add(normalise(column.header))
            columns.append(TemplateColumn(column, source, cid == source.key))
    return TemplateSheet(name, columns, [s.description for s in group if s.description])
