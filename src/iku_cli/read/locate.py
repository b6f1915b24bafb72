"""Which file holds a declared workbook: its own name, or the same name saved as .xls, .xlsb or .ods."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from iku_cli.read.opener import EXTENSIONS


def year_folder(data_dir: Path, year: int) -> Path:
    """DATA_DIR/<year>: the folder that holds one year's workbooks."""
    return Path(data_dir) / str(year)


def quarter_folder(data_dir: Path, year: int, triwulan: int) -> Path:
    """DATA_DIR/<year>/TW<n>: the folder that holds a year's workbooks as they stood at a triwulan's end."""
    return year_folder(data_dir, year) / f"TW{triwulan}"


def year_folders(data_dir: Path) -> list[int]:
    """Every sub-folder named as a year (2022, 2023 ...)."""
    return sorted(
        int(p.name) for p in Path(data_dir).iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)
    )


@dataclass(frozen=True)
class Located:
    """The file to read (None when there is none) and the look-alikes a person may have meant."""

    path: Path | None
    look_alikes: list[str]  # names in the folder that differ only by case or by extension


def locate(declared: Path) -> Located:
    """``declared`` itself; else, when it is an .xlsx, the same name as .xls, .xlsb or .ods in its folder."""
    folder = declared.parent
    if declared.exists():
        return Located(declared, [])
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return Located(None, [])
    stem, suffix = declared.stem, declared.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        for other in (".xls", ".xlsb", ".ods"):
            if declared.with_suffix(other).name in names:
                return Located(folder / declared.with_suffix(other).name, [])
    look_alikes = [n for n in names if n != declared.name and plain_stem(Path(n).stem) == plain_stem(stem)]
    return Located(None, look_alikes)


# What a copy or a download adds to a name: "pdrb (1)", "pdrb - Copy", "Salinan dari pdrb"
_COPY_MARKS = re.compile(
    r"\s*(?:\(\d+\)|-\s*(?:copy|salinan)(?:\s*\(\d+\))?)\s*$|^\s*(?:copy of|salinan dari)\s+", re.I
)


def plain_stem(stem: str) -> str:
    """A file name's stem as a person reads it: without copy marks, case, or the choice of space, - or _."""
    return re.sub(r"[\s_\-.]+", "_", _COPY_MARKS.sub("", stem).strip()).casefold()


def read_name(file: str, read: Path) -> str:
    """The name findings give the file read: "2024/pdrb.xlsx" becomes "2024/pdrb.xls" when that is what was read."""
    return str(PurePosixPath(file).with_name(read.name))


def look_alike_hint(declared: Path, look_alikes: list[str]) -> str:
    """What to do with each file that is almost the workbook, as the tail of the "missing" message."""
    advice = []
    for name in look_alikes:
        suffix = Path(name).suffix.lower()
        if suffix in (".xlsx", ".xlsm") and name.casefold() == declared.name.casefold():
            advice.append(f"'{name}': ganti namanya menjadi '{declared.name}' (huruf besar-kecil harus sama)")
        elif suffix in (".xlsx", ".xlsm"):
            advice.append(f"'{name}': ganti namanya menjadi '{declared.name}'")
        elif suffix in EXTENSIONS:
            advice.append(
                f"'{name}': ganti namanya menjadi '{declared.with_suffix(suffix).name}', atau simpan sebagai .xlsx"
            )
        else:
            advice.append(
                f"'{name}': bukan workbook yang dapat dibaca; buka di Excel dan simpan sebagai '{declared.name}'"
            )
    return "; ada file " + "; ".join(advice) if advice else ""
