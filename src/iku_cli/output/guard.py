"""No output replaces an input: nothing iku writes lands in a year folder, on a workbook or on the configuration.

Files are compared by identity (device and inode), not by name, so a symbolic link, a ``..``, a hard link or
another spelling on a case-insensitive file system all lead to the same answer.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

Identity = tuple[int, int]


class WouldReplaceInput(ValueError):
    """An output path that is, or lies inside, something iku reads."""


def _identity(path: Path | str) -> Identity | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


@dataclass
class InputGuard:
    """The inputs of one run: the year folders of DATA_DIR, every file in them, and the configuration file."""

    folders: dict[Identity, Path] = field(default_factory=dict)
    files: dict[Identity, Path] = field(default_factory=dict)

    @classmethod
    def of(cls, data_dir: Path | None = None, config: Path | None = None) -> InputGuard:
        from iku_cli.calc.plan import year_folder, year_folders  # not at import: `iku --help` stays fast

        guard = cls()
        if data_dir is not None and Path(data_dir).is_dir():
            for year in year_folders(Path(data_dir)):
                guard.add_folder(year_folder(Path(data_dir), year))
        if config is not None:
            guard.add_files([Path(config)])
        return guard

    def add_folder(self, folder: Path) -> None:
        """A folder whose files are inputs: the folder itself, and each file in it (or a link's target)."""
        if (ident := _identity(folder)) is not None:
            self.folders[ident] = folder
            self.add_files(folder / entry.name for entry in os.scandir(folder))

    def add_files(self, paths: Iterable[Path]) -> None:
        for path in paths:
            if (ident := _identity(path)) is not None:
                self.files[ident] = path

    def check(self, target: Path, what: str = "--output") -> None:
        """Raise WouldReplaceInput when writing ``target`` would replace an input or land in a year folder."""
        target = Path(target)
        ident = _identity(target)
        if ident is not None and ident in self.files:
            raise WouldReplaceInput(
                f"{what} {target}: that is the input {self.files[ident]}; iku never writes over what it reads, "
                "give another file name"
            )
        for parent in Path(os.path.realpath(target)).parents:
            ident = _identity(parent)
            if ident is not None and ident in self.folders:
                raise WouldReplaceInput(
                    f"{what} {target}: that is inside the year folder {self.folders[ident]}, which holds the "
                    "input workbooks; write it elsewhere"
                )
