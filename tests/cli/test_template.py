"""iku template on the command line."""

from __future__ import annotations

import shutil

from tests.helpers import ROOT


def test_template_command_writes_and_refuses(tmp_path):
    from typer.testing import CliRunner

    from iku_cli.cli import app

    runner = CliRunner()
    first = runner.invoke(app, ["template", str(tmp_path / "t"), "--year", "2025"])
    assert first.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "t" / "2025").iterdir()) == [
        "anggaran.xlsx",
        "bidang_koperasi.xlsx",
        "bidang_perdagangan.xlsx",
        "bidang_usaha_mikro_ikm.xlsx",
        "pdrb.xlsx",
    ]
    again = runner.invoke(app, ["template", str(tmp_path / "t"), "--year", "2025", "--source", "pdrb"])
    assert again.exit_code == 2
    assert "pdrb.xlsx" in again.stderr and "--force" in again.stderr
    forced = runner.invoke(
        app, ["template", str(tmp_path / "t"), "--year", "2025", "--source", "pdrb", "--force"]
    )
    assert forced.exit_code == 0
    shipped = ROOT / "examples" / "data" / "2024" / "pdrb.xlsx"
    (tmp_path / "data" / "2024").mkdir(parents=True)
    shutil.copy(shipped, tmp_path / "data" / "2024" / "pdrb.xlsx")
    cmd = ["template", str(tmp_path / "data"), "--year", "2024", "--source", "pdrb", "--force"]
    data = runner.invoke(app, cmd)
    assert data.exit_code == 2
    assert "hold data and were not overwritten, not even with --force" in data.stderr
    assert "pdrb.xlsx (PDRB ADHK)" in data.stderr
    assert (tmp_path / "data" / "2024" / "pdrb.xlsx").read_bytes() == shipped.read_bytes()
    unknown = runner.invoke(app, ["template", str(tmp_path / "t"), "--year", "2025", "--source", "umkn"])
    assert unknown.exit_code == 2 and "unknown source 'umkn'" in unknown.stderr
