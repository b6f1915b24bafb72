"""Text on the terminal: what comes from a workbook, a path, indicators.yaml or an argument is shown as it is.

Rich reads ``[...]`` in a printed string as markup: a cell ``96 [/orang]`` would crash the renderer and
``[belum dilaporkan]`` would vanish. A control character would reach the terminal and be obeyed. So user
text goes into a markup string only through ``shown`` and into a table or Text only through ``plain``.
"""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text

from iku_cli.text import visible


def shown(value: object) -> str:
    """User text for a markup string: brackets escaped, control characters written out."""
    return escape(visible(str(value)))


def plain(value: object, style: str = "") -> Text:
    """User text as a Text, which rich never reads as markup; control characters written out."""
    return Text(visible(str(value)), style=style)
