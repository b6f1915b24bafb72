"""Text as iku compares and lists it: normalised headers and categories, runs of row numbers."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# Control characters other than tab and line feed: a terminal would obey them, a spreadsheet refuses most.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise(text: object) -> str:
    """Header, category or key text compared without case, repeated spaces or line breaks."""
    return " ".join(str(text).split()).casefold()


def visible(text: str) -> str:
    """``text`` with each control character written out ("\\x1b"), so that it is shown, never obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def collapse_spaces(text: str) -> str:
    """Repeated spaces and line breaks as one space, trimmed: "OMZET PER\\nTAHUN  (Rp)" -> "OMZET PER TAHUN (Rp)"."""
    return " ".join(text.split())


def runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) pairs: [5, 6, 7, 9] -> [(5, 7), (9, 9)]."""
    out: list[tuple[int, int]] = []
    for r in sorted(rows):
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


def row_ranges(rows: Iterable[int], limit: int = 12) -> str:
    """[5, 6, 7, 9] -> "5–7, 9"; long lists end in "… (N rentang lagi)"."""
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs(rows)]
    if len(parts) > limit:
        return ", ".join(parts[:limit]) + f", … ({len(parts) - limit} rentang lagi)"
    return ", ".join(parts)


def closest(name: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option most like ``name`` (for a "did you mean" hint), or None when none is close."""
    found = difflib.get_close_matches(name, list(options), n=1, cutoff=cutoff)
    return found[0] if found else None
