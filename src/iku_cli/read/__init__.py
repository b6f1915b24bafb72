"""Reading the bidang workbooks: each declared sheet into typed columns, with findings that name the cell.

The names below are imported when first used, so that loading sheets ahead (``read.preload``) can start
before the data libraries are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iku_cli.lazy import lazy_exports

if TYPE_CHECKING:
    from iku_cli.read.filters import TextCodes, filter_mask
    from iku_cli.read.header import ColumnPlace, Header
    from iku_cli.read.opener import Opened, WorkbookCache, open_workbook
    from iku_cli.read.sheet import SheetData, read_sheet

_LAZY = {
    "TextCodes": "iku_cli.read.filters",
    "filter_mask": "iku_cli.read.filters",
    "ColumnPlace": "iku_cli.read.header",
    "Header": "iku_cli.read.header",
    "Opened": "iku_cli.read.opener",
    "WorkbookCache": "iku_cli.read.opener",
    "open_workbook": "iku_cli.read.opener",
    "SheetData": "iku_cli.read.sheet",
    "read_sheet": "iku_cli.read.sheet",
}

__all__ = [
    "ColumnPlace",
    "Header",
    "Opened",
    "SheetData",
    "TextCodes",
    "WorkbookCache",
    "filter_mask",
    "open_workbook",
    "read_sheet",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
