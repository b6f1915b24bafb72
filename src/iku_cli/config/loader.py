"""Reading indicators.yaml: YAML with a line number for every key, so each problem names its line."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from iku_cli.config.config import Config, default_config_path
from iku_cli.config.crosscheck import cross_check
from iku_cli.config.model import Spec, all_keys
from iku_cli.text import closest

Location = tuple[str | int, ...]
# libyaml's parser when PyYAML has it (safe loading, as the pure-Python one): the same result, faster.
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# What an indicators.yaml may be: the shipped one is 17 KB, 4 levels of blocks deep, about 3,000 values.
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 100_000  # counting each alias as the values it repeats


class SpecError(Exception):
    """indicators.yaml is broken; every problem is named with its file and line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def load_config(path: Path | str | None = None) -> Config:
    """Read and check indicators.yaml; raise SpecError naming file and line of each problem."""
    path = Path(path) if path is not None else default_config_path()
    name = str(path)
    text = _read(path)
    _check_shape(text, name)
    lines: dict[Location, int] = {}
    try:
        data = _parse(text, name, lines)
    except (RecursionError, MemoryError):  # beyond what the limits above let through; never a crash
        raise SpecError([f"{name}: too large or too deeply nested to read"]) from None
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        raise SpecError([_pydantic_problem(err, lines, name) for err in exc.errors()]) from None
    problems = [f"{name}:{_line_of(loc, lines)}: {msg}" for loc, msg in cross_check(spec)]
    if problems:
        raise SpecError(problems)
    return Config(spec=spec, path=path)


def _read(path: Path) -> str:
    """The file's text, read only when it is a regular file of a sensible size (a FIFO would block)."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise SpecError([f"{path}: is a folder; give the indicators.yaml file itself"])
        if not stat.S_ISREG(st.st_mode):
            raise SpecError(
                [f"{path}: not a regular file (a device, a pipe or a socket); give an indicators.yaml"]
            )
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SpecError([f"{path}: file not found; give an existing indicators.yaml with --config"]) from None
    except OSError as exc:
        raise SpecError([f"{path}: cannot be read ({exc.strerror or exc})"]) from None
    if len(data) > MAX_BYTES:
        raise SpecError(
            [f"{path}: larger than {MAX_BYTES // 1024 // 1024} MB; an indicators.yaml is far smaller"]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SpecError([f"{path}:{line}: not UTF-8 text; save the file as UTF-8"]) from None


def _check_shape(text: str, name: str) -> None:
    """Refuse, before building anything, YAML nested too deep or whose aliases repeat too much.

    The event stream is read without recursion; a deep or recursive structure would otherwise end in a
    RecursionError, and an alias bomb (each alias repeating the one before) in minutes of work or a
    MemoryError. A syntax error is left to the parse proper, which names its line.
    """
    frames: list[list[Any]] = [[None, 0]]  # per open block: its anchor, and the values it holds so far
    sizes: dict[str, int] = {}  # anchor -> how many values its block holds, aliases expanded
    total = 0
    try:
        events = list(yaml.parse(text, Loader=_FastLoader))
    except yaml.YAMLError:  # the pure-Python parser gets further into a bad file: let it find its depth
        events = yaml.parse(text, Loader=yaml.SafeLoader)  # type: ignore[assignment]
    try:
        for event in events:
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.CollectionStartEvent):
                frames.append([event.anchor, 1])
                total += 1
                if len(frames) - 1 > MAX_DEPTH:
                    raise SpecError(
                        [
                            f"{name}:{line}: nested more than {MAX_DEPTH} levels deep; check the brackets and indentation"
                        ]
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, count = frames.pop()
                frames[-1][1] += count
                if anchor is not None:
                    sizes[anchor] = count
            elif isinstance(event, yaml.ScalarEvent):
                frames[-1][1] += 1
                total += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in frames):
                    raise SpecError(
                        [
                            f"{name}:{line}: alias '*{event.anchor}' repeats the block that contains it; write the values out"
                        ]
                    )
                repeated = sizes.get(event.anchor or "", 0)
                frames[-1][1] += repeated
                total += repeated
            if total > MAX_VALUES:
                raise SpecError(
                    [
                        f"{name}:{line}: more than {MAX_VALUES:,} values once its aliases (*name) are repeated; write the values out"
                    ]
                )
    except yaml.YAMLError:
        return


def _parse(text: str, name: str, lines: dict[Location, int]) -> dict[str, Any]:
    """The plain data for the models; ``lines`` filled with the line of every key on the way."""
    try:
        data = _load(_FastLoader, text, name, lines)
    except yaml.YAMLError:
        try:  # the pure-Python parser words syntax errors better: let it say what is wrong
            data = _load(yaml.SafeLoader, text, name, lines)
        except yaml.YAMLError as exc:
            raise SpecError([_syntax_problem(exc, name)]) from None
    if not isinstance(data, dict):
        raise SpecError([f"{name}:1: expected a mapping with agency, sources, measures and tujuan"])
    return data


def _load(loader_class: Any, text: str, name: str, lines: dict[Location, int]) -> Any:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problems: list[str] = []
        _line_map(node, (), lines, problems, name)  # first: building the data merges "<<" keys into the nodes
        if problems:
            raise SpecError(problems)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.YAMLError, name: str) -> str:
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context", None) or ""
    context_mark = getattr(exc, "context_mark", None)
    if context.startswith(("while parsing a flow", "while scanning")) and context_mark:
        mark = context_mark  # an unclosed bracket or quote: the line where it was opened
    line = f":{mark.line + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{name}{line}: YAML syntax error: {problem}; check indentation and quoting"


def _line_map(
    node: yaml.Node, path: Location, lines: dict[Location, int], problems: list[str], name: str
) -> None:
    """The line of every key and list item, by its path; a key written twice in a block is a problem."""
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key == "<<":
                continue
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    f"{name}:{line}: key '{key}' appears twice in the same block "
                    f"(first on line {seen[key]}); keep one"
                )
            seen[key] = line
            _line_map(value_node, (*path, key), lines, problems, name)
            lines[(*path, key)] = line
            for year in _int_key(key):  # a year key, as pydantic reports it
                lines[(*path, year)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), lines, problems, name)


def _int_key(key: str) -> list[int]:
    try:
        return [int(key)]
    except (TypeError, ValueError):
        return []


def _line_of(loc: Location, lines: dict[Location, int]) -> int:
    """The line of the deepest part of ``loc`` that the YAML has."""
    path: Location = ()
    best = lines.get((), 1)
    for part in loc:
        if (*path, part) in lines:
            path = (*path, part)
            best = lines[path]
    return best


def _where(loc: Location) -> str:
    """A location without pydantic's union tags and validator names: "sources.umkm.columns.omzet"."""
    return ".".join(str(p) for p in loc if not (isinstance(p, str) and (p.startswith(("<", "function-")))))


def _pydantic_problem(err: Any, lines: dict[Location, int], name: str) -> str:
    loc: Location = tuple(err["loc"])
    line = _line_of(loc, lines)
    kind = err["type"]
    if kind == "extra_forbidden":
        near = closest(str(loc[-1]), _KEYS, cutoff=0.75)
        hint = f" (did you mean '{near}'?)" if near else ""
        return (
            f"{name}:{line}: unknown key '{loc[-1]}' in {_where(loc[:-1]) or 'the top level'}{hint}; "
            "remove or rename it"
        )
    if kind == "missing":
        return f"{name}:{line}: {_where(loc[:-1]) or 'the top level'} is missing '{loc[-1]}'"
    if kind == "union_tag_invalid":  # formula: {type: growht}
        ctx = err.get("ctx", {})
        tag, expected = str(ctx.get("tag")), str(ctx.get("expected_tags", "")).replace("'", "").split(", ")
        near = closest(tag, expected, cutoff=0.6)
        hint = f" (did you mean '{near}'?)" if near else ""
        return (
            f"{name}:{line}: {_where(loc)}: {str(ctx.get('discriminator', 'type')).strip(chr(39))} '{tag}' "
            f"is not one of: {', '.join(expected)}{hint}"
        )
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"{name}:{line}: {_where(loc)}: {message}"


_KEYS = all_keys()
