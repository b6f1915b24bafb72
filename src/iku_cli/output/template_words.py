"""Words about a declared column for the people filling a template: its kind, whether required, what it accepts.

The input message on each header and data cell and the Petunjuk sheet say the same things in the same words.
"""

from __future__ import annotations

from iku_cli.config import NUMERIC_TYPES, Column, Source
from iku_cli.config.words import describe_filter
from iku_cli.numbers import format_exact

PROMPT_MAX = 255  # Excel's limit on an input message (a longer one makes Excel call the file damaged)
JENIS = {
    "text": "teks",
    "category": "kategori",
    "integer": "bilangan bulat",
    "number": "angka",
    "money": "uang",
}


def jenis(column: Column) -> str:
    return JENIS[column.type]


def wajib(column: Column, source: Source) -> str:
    """Ya / Tidak / "Ya, bila Status = Aktif"."""
    if column.required:
        return "Ya"
    if column.required_when is not None:
        return f"Ya, bila {describe_filter(column.required_when, source)}"
    return "Tidak"


def accepted_values(column: Column, is_key: bool = False) -> str:
    """What a cell may hold: "Mikro, Kecil, Menengah", "0 – 100", "≥ 0"."""
    if column.type == "category":
        return ", ".join(column.allowed or [])
    if column.type in NUMERIC_TYPES:
        bounds = bounds_words(column.min, column.max, between="{low} – {high}")
        return bounds or ("semua bilangan bulat" if column.type == "integer" else "semua angka")
    if is_key:
        return "teks; tidak boleh sama dengan baris lain"
    return "teks bebas"


def input_prompt(column: Column, source: Source, is_key: bool = False) -> str:
    """The message Excel shows on a selected cell: what the column expects, under 255 characters."""
    kind = jenis(column) + (f" dalam {column.unit}" if column.unit else "")
    if column.type == "category":
        values = f"Pilih dari daftar: {accepted_values(column)}."
    elif column.type in NUMERIC_TYPES:
        values = f"Nilai: {accepted_values(column)}."
    elif is_key:
        values = "Tidak boleh sama dengan baris lain."
    else:
        values = ""
    if column.required:
        need_words = "Wajib diisi."
    elif column.required_when is not None:
        need_words = f"Wajib diisi bila {describe_filter(column.required_when, source)}."
    else:
        need_words = "Boleh kosong."
    tail = " ".join(p for p in (f"Jenis: {kind}.", values, need_words) if p)
    description = (column.description or "").strip()
    if not description:
        return clip(tail, PROMPT_MAX)
    room = PROMPT_MAX - len(tail) - 1
    description = description if description.endswith(".") else description + "."
    return f"{clip(description, room)} {tail}" if room > 10 else clip(tail, PROMPT_MAX)


def bounds_words(low: float | None, high: float | None, between: str = "antara {low} dan {high}") -> str:
    """Bounds in words: "antara 0 dan 100" (or ``between`` filled in), "≥ 0", "≤ 100"; "" without bounds."""
    if low is not None and high is not None:
        return between.format(low=format_exact(low), high=format_exact(high))
    if low is not None:
        return f"≥ {format_exact(low)}"
    if high is not None:
        return f"≤ {format_exact(high)}"
    return ""


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
