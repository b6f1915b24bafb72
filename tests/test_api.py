"""The public Python API: what `import iku_cli` offers, the README's Python example, a light start."""

from __future__ import annotations

import pydoc
import re
import subprocess
import sys

import pandas as pd

import iku_cli
from tests.helpers import ROOT


def test_api_names_resolve_and_are_documented():
    for name in iku_cli.__all__:
        assert getattr(iku_cli, name) is not None, name
    text = pydoc.render_doc(iku_cli, renderer=pydoc.plaintext)
    for name in ("load_config", "compute", "validate", "explain", "trend", "write_templates", "annotate"):
        assert re.search(rf"\b{name}\(", text), name
    assert "ComputeResult" in text and "Finding" in text


def test_the_readme_python_example_runs_as_written(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```python\n(.*?)```", readme, re.S)
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation
    frame = namespace["findings"]
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns)[:3] == ["severity", "code", "message"]
    assert namespace["iku2"].id == "IKU-2"


def test_the_command_line_starts_without_the_data_libraries():
    code = "import sys, iku_cli.cli; print(sorted(m for m in ('pandas', 'openpyxl', 'pydantic', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
