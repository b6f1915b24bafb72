"""Reading the bidang workbooks: each declared sheet into typed columns, with findings that name the cell."""

from iku_cli.read.filters import filter_mask
from iku_cli.read.header import ColumnPlace, Header
from iku_cli.read.opener import Opened, WorkbookCache, open_workbook
from iku_cli.read.sheet import SheetData, read_sheet

__all__ = [
    "ColumnPlace",
    "Header",
    "Opened",
    "SheetData",
    "WorkbookCache",
    "filter_mask",
    "open_workbook",
    "read_sheet",
]
