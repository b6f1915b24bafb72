"""The layers stay layers: each package imports only from the ones below it, never from above."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "src" / "iku_cli"
LEAVES = {"text", "numbers", "units", "findings", "lazy", "enums"}
ALLOWED = {  # a layer -> the layers it may import
    "leaf": {"leaf"},
    "config": {"leaf", "config"},
    "read": {"leaf", "config", "read"},
    "calc": {"leaf", "config", "read", "calc"},
    "output": {"leaf", "config", "calc", "output"},  # output never reads a workbook itself
    "cli": {"leaf", "config", "calc", "output", "cli", "api"},
}


def layer(module: str) -> str:
    parts = module.split(".")
    if parts[0] != "iku_cli":
        return "outside"
    if len(parts) == 1:
        return "api"
    return "leaf" if parts[1] in LEAVES else parts[1]


def modules() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if p.name != "__main__.py" and p.parent != PACKAGE or p.stem in LEAVES
    )


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_layers(path):
    own = layer("iku_cli." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "iku_cli":  # from iku_cli import findings
            imported |= {f"iku_cli.{a.name}" for a in node.names if a.name != "__version__"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
    wrong = {m for m in imported if layer(m) not in ALLOWED[own] | {"outside"}}
    assert not wrong, f"{path.name} ({own}) imports {wrong}"
