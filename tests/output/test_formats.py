"""The format registry: each command offers exactly its formats, files are written whole by extension."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from iku_cli.output.formats import COMPUTE, EXPLAIN, INDICATORS, TREND, VALIDATE, Format


def test_each_command_offers_its_formats():
    assert COMPUTE.printable == (Format.TABLE, Format.JSON, Format.CSV)
    assert COMPUTE.suffixes() == [".csv", ".json", ".xlsx"]
    assert EXPLAIN.printable == (Format.TABLE, Format.JSON) and EXPLAIN.suffixes() == []
    assert INDICATORS.suffixes() == [] and TREND.suffixes() == VALIDATE.suffixes() == COMPUTE.suffixes()


def test_every_format_offered_is_implemented():
    names = {
        Format.TABLE: "print_table",
        Format.JSON: "to_json",
        Format.CSV: "to_csv",
        Format.XLSX: "write_xlsx",
    }
    for formats in (COMPUTE, VALIDATE, EXPLAIN, TREND, INDICATORS):
        view = formats.view()
        for fmt in set(formats.printable) | set(formats.files):
            assert callable(getattr(view, names[fmt])), (formats.module, fmt)


def test_show_and_write(result, tmp_path):
    console = Console(file=io.StringIO())
    COMPUTE.show(result, Format.JSON, console)
    assert json.loads(console.file.getvalue())["year"] == 2024
    COMPUTE.write(result, tmp_path / "iku.JSON")  # the extension in any case
    assert json.loads((tmp_path / "iku.JSON").read_text())["year"] == 2024
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iku.JSON"]  # no temporary file left
    with pytest.raises(ValueError, match="unknown output format '.txt'"):
        COMPUTE.write(result, tmp_path / "iku.txt")
    with pytest.raises(ValueError):
        EXPLAIN.show(result, Format.CSV, console)
