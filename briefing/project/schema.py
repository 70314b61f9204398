"""A declared schema for a TOML file: one documented option per key, every table checked
against its options, and the line of the file where each key is set, for the messages.

Every problem is collected (the caller raises once, with all of them); an unknown key is an
error that lists the valid ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..files import line_of


@dataclass(frozen=True, slots=True)
class Option:
    """One documented key; ``parse`` returns its value or raises ValueError."""

    name: str
    doc: str
    parse: Callable[[Any], Any]


def check_table(
    where: str,
    data: Mapping[str, Any],
    options: tuple[Option, ...],
    tables: Mapping[str, tuple[Option, ...]],
    prefix: str,
    problems: list[Problem],
    text: str,
    *others: str,
    table: str | None = None,
) -> dict[str, Any]:
    """The values of the keys of one table (``table``, dotted; None: the top level) of the
    file ``where``; a problem for each bad value or unknown key (whose message lists
    ``options``, ``tables`` and ``others``: what else the table may hold)."""
    known = {option.name: option for option in options}
    values = {}
    for key, value in data.items():
        if key in tables:
            continue
        option = known.get(key)
        if option is None:
            valid = sorted([*known, *(f"[{t}]" for t in tables), *others])
            problems.append(
                Problem(
                    where,
                    f"unknown setting {prefix}{key!s}; valid settings here are: {', '.join(valid)}",
                    key_line(text, key, table),
                )
            )
            continue
        try:
            values[key] = option.parse(value)
        except (ValueError, TypeError, OverflowError) as complaint:
            # Every parser says what it wants; a wrong type is never let through to fail later.
            problems.append(
                Problem(where, f"{prefix}{key} {complaint}", key_line(text, key, table))
            )
    return values


def key_line(text: str, key: str, table: str | None = None) -> int | None:
    """The line that sets ``key`` (``key = ...``, ``"key" = ...``) or opens table ``[key]``;
    with ``table``, the first such line after the header of that table."""
    escaped = re.escape(key)
    pattern = re.compile(rf'^\s*(?:{escaped}\s*=|"{escaped}"|\[{escaped}\])')
    if table is None:
        return line_of(text, pattern)
    start = table_line(text, table)
    if start is None:
        return line_of(text, pattern)
    return line_of("\n".join(text.split("\n")[start - 1 :]), pattern, first=start)


def table_line(text: str, dotted: str) -> int | None:
    """The line of the header ``[a.b]`` of a table (or else of a dotted key ``b.x = ``)."""
    quoted = [_bare_or_quoted(name) for name in dotted.split(".")]
    header = re.compile(r"^\s*\[" + r"\.".join(quoted) + r"\]")
    dotted_key = re.compile(r"^" + r"\.".join(quoted[-1:]) + r"\.")
    return line_of(text, header) or line_of(text, dotted_key)


def _bare_or_quoted(name: str) -> str:
    """A pattern for a TOML key as it may be written: bare, or in either kind of quotes."""
    escaped = re.escape(name)
    return rf"""\s*(?:{escaped}|"{escaped}"|'{escaped}')\s*"""


def toml_error_line(message: str) -> int | None:
    marker = "at line "
    if marker in message:
        digits = message.split(marker, 1)[1].split(",", 1)[0].strip(" )")
        if digits.isdigit():
            return int(digits)
    return None
