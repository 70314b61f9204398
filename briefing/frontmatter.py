"""Front matter: the YAML block at the top of a Markdown file, and what each key may hold."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from .config import parse_scale
from .errors import Problem


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value.strip()


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value)
    raise ValueError("must be a list of text, such as [one, two]")


def _date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass  # not ISO: the error below says how to write it
    raise ValueError("must be a date written YYYY-MM-DD, such as 2016-10-05")


def _web_address(value: Any) -> str:
    text = _text(value)
    if not re.match(r"^https?://[^\s/]+", text):
        raise ValueError("must be a web address starting with https://")
    return text


PUBLICATION_KEYS: Mapping[str, Callable[[Any], Any]] = {
    "title": _text,
    "subtitle": _text,
    "date": _date,
    "updated": _date,
    "summary": _text,
    "series": _text,
    "authors": _text_list,
    "keywords": _text_list,
    "url": _web_address,
    "cover_image": _text,
}
SECTION_KEYS: Mapping[str, Callable[[Any], Any]] = {"title": _text}


HANDOUT_KEYS: Mapping[str, Callable[[Any], Any]] = {
    "title": _text,
    "lead": _text,
    "min_scale": parse_scale,
}


def _blob_id(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[0-9a-f]{7,40}", text):
        raise ValueError("must be the id of the source text; set it with `briefing mark`")
    return text


#: Translations also record which version of their source they were made from.
TRANSLATED_FROM = "translated_from"
TRANSLATION_KEYS: Mapping[str, Mapping[str, Callable[[Any], Any]]] = {
    "index": {**PUBLICATION_KEYS, TRANSLATED_FROM: _blob_id},
    "handout": {**HANDOUT_KEYS, TRANSLATED_FROM: _blob_id},
}
TRANSLATED_SECTION_KEYS = {**SECTION_KEYS, TRANSLATED_FROM: _blob_id}


def decode_text(data: bytes, where: Path, problems: list[Problem]) -> str | None:
    """The text of a file's bytes as UTF-8 (a problem if it is not)."""
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                where,
                f"is not UTF-8 text (byte 0x{data[error.start]:02x}); "
                "save the file as UTF-8 in your editor",
                line,
            )
        )
        return None


def split_front_matter(
    text: str, where: Path, problems: list[Problem]
) -> tuple[dict | None, str, int]:
    """Front matter (between --- lines at the top), body, and the body's first line number.

    The front matter is None when it cannot be read (the problem is recorded).
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 1
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        problems.append(
            Problem(
                where,
                "front matter: no closing '---' line; end the front "
                "matter with a line of three dashes",
                1,
            )
        )
        return None, text, 1
    body = "\n".join(lines[end + 1 :])
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        problems.append(
            Problem(
                where,
                f"front matter: not valid YAML ({reason}); check the "
                "quotes, colons and indentation on this line",
                line,
            )
        )
        return None, body, end + 2
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(where, "front matter must be 'key: value' lines", 2))
        return None, body, end + 2
    return data, body, end + 2


def key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"^{re.escape(str(key))}\s*:", line):
            return number
    return None


def check_front_matter(
    meta: Mapping[str, Any],
    text: str,
    keys: Mapping[str, Callable[[Any], Any]],
    where: Path,
    problems: list[Problem],
) -> dict[str, Any]:
    """The front matter's values, checked against ``keys``; a problem for each bad one."""
    checked = {}
    for key, value in meta.items():
        line = key_line(text, key)
        check = keys.get(key)
        if check is None:
            problems.append(
                Problem(
                    where,
                    f"front matter: unknown key {key!r}; valid keys are: {', '.join(keys)}",
                    line,
                )
            )
            continue
        if value is None:
            continue
        try:
            checked[key] = check(value)
        except ValueError as error:
            problems.append(Problem(where, f"front matter: {key} {error}", line))
    return checked
