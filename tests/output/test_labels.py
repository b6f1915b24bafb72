"""What people read: targets, values and inputs in Indonesian number format."""

from __future__ import annotations

import pytest

from iku_cli.output.labels import target_text


@pytest.mark.parametrize(
    ("target", "satuan", "text"),
    [
        (None, "persen", "–"),
        (7, "persen", "7,00"),
        (7.5, "persen", "7,50"),
        (1250000, "unit", "1.250.000"),
        ((10.0, 20.5), "persen", "10,00–20,50"),
    ],
)
def test_target_text(target, satuan, text):
    assert target_text(target, satuan) == text
