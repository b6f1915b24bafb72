"""Units of measure: which unit a header names, and the factor that brings it to the declared unit."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A unit as a base quantity (Rp, USD, kg) times a scale (1, 1.000, 1.000.000 ...)."""

    base: str
    scale: float
    text: str

    def factor_to(self, other: Unit) -> float:
        """What a value in this unit is multiplied by to be in ``other``; both must share a base."""
        if self.base != other.base:
            raise ValueError(
                f"'{self.text}' ({self.base}) cannot be converted to '{other.text}' ({other.base})"
            )
        return self.scale / other.scale


_BASES = {
    "rp": "Rp",
    "rupiah": "Rp",
    "idr": "Rp",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "dolar": "USD",
    "dollar": "USD",
    "kg": "kg",
    "kilogram": "kg",
    "ton": "kg",
    "kuintal": "kg",
    "kwintal": "kg",
    "kw": "kg",
}
_BASE_SCALE = {"ton": 1000.0, "kuintal": 100.0, "kwintal": 100.0, "kw": 100.0}
_MULTIPLIERS = {
    "ribu": 1e3,
    "rb": 1e3,
    "000": 1e3,
    "ribuan": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "000000": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "m": 1e9,
    "triliun": 1e12,
}
_TOKEN = re.compile(r"us\$|\$|[a-z]+|\d+")


def parse_unit(text: str) -> Unit | None:
    """Read a unit such as "Rp", "Rp.000", "ribu USD", "juta Rp", "ton"; None when it is not one."""
    cleaned = text.strip().casefold().replace(".", "").replace(",", "")
    tokens = _TOKEN.findall(cleaned)
    if not tokens or "".join(tokens) != re.sub(r"\s+", "", cleaned):
        return None
    base: str | None = None
    scale = 1.0
    for token in tokens:
        if token in _BASES and base is None:
            base = _BASES[token]
            scale *= _BASE_SCALE.get(token, 1.0)
        elif token in _MULTIPLIERS:
            scale *= _MULTIPLIERS[token]
        else:
            return None
    if base is None:
        return None
    return Unit(base=base, scale=scale, text=text.strip())


_TRAILING_BRACKET = re.compile(r"^(?P<name>.*?)\s*[\(\[](?P<unit>[^()\[\]]*)[\)\]]\s*$")


def split_header_unit(header: str) -> tuple[str, str | None]:
    """Split "Omzet per Tahun (Rp.000)" into ("Omzet per Tahun", "Rp.000")."""
    match = _TRAILING_BRACKET.match(header)
    if not match:
        return header, None
    return match.group("name"), match.group("unit")
