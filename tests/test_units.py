"""units.py: which unit a header names, and the factor that brings a value to the declared unit."""

from __future__ import annotations

import pytest

from iku_cli.units import Unit, parse_unit, split_header_unit


@pytest.mark.parametrize(
    ("text", "base", "scale"),
    [
        ("Rp", "Rp", 1.0),
        ("rp", "Rp", 1.0),
        ("  Rp  ", "Rp", 1.0),
        ("Rupiah", "Rp", 1.0),
        ("IDR", "Rp", 1.0),
        ("Rp.000", "Rp", 1e3),
        ("RP.000", "Rp", 1e3),
        ("Rp 000", "Rp", 1e3),
        ("Rp 000.000", "Rp", 1e6),
        ("Rp.000.000", "Rp", 1e6),
        ("ribu Rp", "Rp", 1e3),
        ("Ribu Rupiah", "Rp", 1e3),
        ("juta Rp", "Rp", 1e6),
        ("Rp juta", "Rp", 1e6),
        ("jt Rp", "Rp", 1e6),
        ("juta rupiah", "Rp", 1e6),
        ("miliar rupiah", "Rp", 1e9),
        ("milyar Rp", "Rp", 1e9),
        ("M Rp", "Rp", 1e9),
        ("triliun Rp", "Rp", 1e12),
        ("USD", "USD", 1.0),
        ("US$", "USD", 1.0),
        ("$", "USD", 1.0),
        ("ribu USD", "USD", 1e3),
        ("USD 000", "USD", 1e3),
        ("juta USD", "USD", 1e6),
        ("kg", "kg", 1.0),
        ("Kilogram", "kg", 1.0),
        ("ton", "kg", 1e3),
        ("kuintal", "kg", 100.0),
        ("kwintal", "kg", 100.0),
        ("ribu ton", "kg", 1e6),  # 1.000 × 1.000 kg
    ],
)
def test_parse_unit(text, base, scale):
    unit = parse_unit(text)
    assert unit is not None
    assert unit.base == base
    assert unit.scale == pytest.approx(scale)
    assert unit.text == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "Aktif / Tidak Aktif",
        "orang",
        "unit",
        "persen",
        "%",
        "",
        "   ",
        "0-100",
        "ribu",  # a multiplier without a base
        "000",
        "m",
        "Rp 1000",  # only "000" groups scale
        "kg/tahun",
        "Rp/tahun",
        "rp rp",  # two bases
        "ton kg",
        "(Rp)",  # the brackets are split off by split_header_unit, not here
    ],
)
def test_parse_unit_refuses_what_is_no_unit(text):
    assert parse_unit(text) is None


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("ribu Rp", "Rp", 1000.0),
        ("Rp.000", "Rp", 1000.0),
        ("Rp", "juta Rp", 1e-6),
        ("juta Rp", "Rp", 1e6),
        ("miliar rupiah", "juta Rp", 1000.0),
        ("ribu Rp", "juta Rp", 1e-3),
        ("Rp", "Rp", 1.0),
        ("ribu USD", "USD", 1000.0),
        ("ton", "kg", 1000.0),
        ("kg", "ton", 1e-3),
        ("kuintal", "ton", 0.1),
        ("kuintal", "kg", 100.0),
    ],
)
def test_factor_to(source, target, factor):
    assert parse_unit(source).factor_to(parse_unit(target)) == pytest.approx(factor)


def test_a_value_in_ribu_rp_becomes_rupiah():
    # 1.250 (ribu Rp) × 1.000 = 1.250.000 Rp
    assert 1250 * parse_unit("Rp.000").factor_to(parse_unit("Rp")) == pytest.approx(1_250_000)


@pytest.mark.parametrize(("a", "b"), [("Rp", "USD"), ("ribu USD", "juta Rp"), ("ton", "Rp")])
def test_factor_to_refuses_another_base(a, b):
    # Rp and USD differ by an exchange rate, not a scale: 1.0 would be silently wrong
    with pytest.raises(ValueError, match="cannot be converted"):
        parse_unit(a).factor_to(parse_unit(b))


def test_unit_is_a_frozen_value():
    assert parse_unit("ribu Rp") == Unit(base="Rp", scale=1000.0, text="ribu Rp")
    with pytest.raises(AttributeError):
        parse_unit("Rp").scale = 2.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("header", "name", "unit"),
    [
        ("Omzet per Tahun (Rp.000)", "Omzet per Tahun", "Rp.000"),
        ("Omzet per Tahun (Rp)", "Omzet per Tahun", "Rp"),
        ("OMZET PER TAHUN\n(Rp)", "OMZET PER TAHUN", "Rp"),
        ("Nilai Ekspor [ribu USD]", "Nilai Ekspor", "ribu USD"),
        ("Volume (kg) ", "Volume", "kg"),
        ("Nilai (Rp)\n", "Nilai", "Rp"),
        ("Status (Aktif / Tidak Aktif)", "Status", "Aktif / Tidak Aktif"),
        ("Skor (0-100)", "Skor", "0-100"),
        ("A (b) (c)", "A (b)", "c"),  # only the last bracket
        ("Omzet", "Omzet", None),
        ("Nilai (Rp.000", "Nilai (Rp.000", None),  # unclosed: no unit
        ("(Rp) Nilai", "(Rp) Nilai", None),  # the bracket must be at the end
        ("", "", None),
    ],
)
def test_split_header_unit(header, name, unit):
    assert split_header_unit(header) == (name, unit)


def test_split_header_then_parse_unit():
    name, unit_text = split_header_unit("NILAI PRODUKSI (RP.000)")
    assert name == "NILAI PRODUKSI"
    unit = parse_unit(unit_text)
    assert (unit.base, unit.scale) == ("Rp", 1000.0)
    _, bracket = split_header_unit("Status (Aktif / Tidak Aktif)")
    assert parse_unit(bracket) is None
