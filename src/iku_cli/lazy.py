"""Names a package exports but imports only when first used, so that starting the command line stays quick."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, where: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module's ``__getattr__`` and ``__dir__`` for the names in ``where`` (name -> module that defines it)."""
    module = importlib.import_module(package)

    def get(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module '{package}' has no attribute '{name}'")
        value = getattr(importlib.import_module(where[name]), name)
        setattr(module, name, value)  # looked up once
        return value

    def names() -> list[str]:
        return sorted(set(vars(module)) | set(where))

    return get, names
