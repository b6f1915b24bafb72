"""Numbers as Indonesians write them: reading "Rp 1.250.000,50" and printing 1.250.000,50."""

from __future__ import annotations

import math
import numbers
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

_CURRENCY = r"^(?:rp\.?|idr|usd|us\$|\$)\s*"
_TRAILER = r"(?:,-|\.-|,—)$"
_PLAIN = r"-?\d+"
_ID_THOUSANDS = r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.250.000 or 1.250.000,50
_ID_DECIMAL = r"-?\d+,\d+"  # 1250000,50
_EN_THOUSANDS = r"-?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?"  # 1,250,000 (two groups or more: unambiguous)
_EN_DECIMAL = r"-?\d+\.\d+"  # 12.5 (a single dot not followed by exactly three digits)


def parse_number_text(text: pd.Series) -> pd.Series:
    """Parse strings of numbers in Indonesian format, vectorised; NaN where a string is no number."""
    import numpy as np  # here, not above: printing numbers needs neither, and `iku --help` stays quick
    import pandas as pd

    s = text.astype(str).str.strip().str.casefold()
    # The sign may stand outside the currency: "(Rp 1.000)" and "-Rp 1.000" are both -1000.
    negative_paren = s.str.fullmatch(r"\(.*\)")
    s = s.mask(negative_paren, s.str.slice(1, -1).str.strip())
    negative_before_currency = s.str.match(r"-\s*" + _CURRENCY[1:])
    s = s.mask(negative_before_currency, s.str.slice(1).str.strip())
    s = s.str.replace(_CURRENCY, "", regex=True).str.replace(_TRAILER, "", regex=True)
    s = s.str.replace(r"\s+", "", regex=True)
    s = s.mask(negative_paren | negative_before_currency, "-" + s)
    out = pd.Series(np.nan, index=s.index, dtype="float64")
    rules = [
        (_PLAIN, lambda v: v),
        (_ID_THOUSANDS, lambda v: v.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)),
        (_ID_DECIMAL, lambda v: v.str.replace(",", ".", regex=False)),
        (_EN_THOUSANDS, lambda v: v.str.replace(",", "", regex=False)),
        (_EN_DECIMAL, lambda v: v),
    ]
    todo = pd.Series(True, index=s.index)
    for pattern, normalise in rules:
        hit = todo & s.str.fullmatch(pattern)
        if hit.any():
            out[hit] = pd.to_numeric(normalise(s[hit]), errors="coerce")
            todo &= ~hit
    return out


def _missing(value: object) -> bool:
    """None, NaN (of any kind: float, numpy, pd.NA), an infinity or no number at all: nothing to print."""
    if not isinstance(value, numbers.Real):
        return True
    return not math.isfinite(float(value))


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """1250000.5 -> "1.250.000,50" (dot for thousands, comma for decimals); "–" for no value."""
    if _missing(value):
        return "–"
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not any(ch in "123456789" for ch in text):
        text = text[1:]  # -0.004 rounds to 0,00, not to "-0,00"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_auto(value: float | int | None, max_decimals: int = 2) -> str:
    """A whole number without decimals, anything else with up to ``max_decimals``."""
    if value is None or _missing(value):
        return "–"
    if float(value).is_integer():
        return format_number(value, 0)
    return format_number(value, max_decimals)


def format_percent(value: float | None, decimals: int = 2) -> str:
    """10.2268 -> "10,23 %"; "–" (without "%") for no value."""
    if _missing(value):
        return "–"
    return f"{format_number(value, decimals)} %"


def format_exact(value: float | int | None) -> str:
    """A value as read, without needless zeros: 7829094.28 -> "7.829.094,28", 1000.0 -> "1.000"."""
    text = format_auto(value, 6)
    return text.rstrip("0").rstrip(",") if "," in text else text
