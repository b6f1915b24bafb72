"""Excel cell addresses: column letters and numbers, "G17" and back."""

from __future__ import annotations

import re

_REF = re.compile(r"([A-Z]+)(\d+)")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 0, AA -> 26."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def cell_ref(row: int, col: int) -> str:
    """(16, 6), both 0-based -> "G17"."""
    return f"{column_letter(col)}{row + 1}"


def split_ref(ref: str) -> tuple[int, int]:
    """ "G17" -> (16, 6), both 0-based."""
    found = _REF.fullmatch(ref)
    if not found:
        raise ValueError(f"not a cell address: {ref!r}")
    return int(found.group(2)) - 1, column_index(found.group(1))
