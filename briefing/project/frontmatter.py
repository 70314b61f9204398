"""Front matter: the YAML block between ``---`` lines at the top of a Markdown file, and what
each key may hold. The keys of each kind of file are the fields of its meta class."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import Problem
from ..files import line_of
from ..languages.typography import typeset
from .model import HandoutMeta, PublicationMeta, SectionMeta
from .settings import parse_scale

Meta = TypeVar("Meta", PublicationMeta, SectionMeta, HandoutMeta)
#: Translations record which version of their source they were made from.
TRANSLATED_FROM = "translated_from"


def _text(value: Any) -> str:
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


def _blob_id(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[0-9a-f]{7,40}", text):
        raise ValueError("must be the id of the source text; set it with `briefing mark`")
    return text


#: How to read each key, whichever kind of file it is in.
PARSERS: Mapping[str, Callable[[Any], Any]] = {
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
    "lead": _text,
    "min_scale": parse_scale,
    TRANSLATED_FROM: _blob_id,
}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A Markdown file split in two: its front matter's data and its body."""

    #: None when the front matter could not be read (the problem is recorded).
    data: dict[str, Any] | None
    body: str
    #: The number of the body's first line in the file.
    body_line: int


def _closing_fence(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter opened on the first line, or None
    when the text has no front matter (or it is never closed)."""
    if not lines or lines[0].strip() != "---":
        return None
    return next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)


def split_front_matter(text: str, where: Path, problems: list[Problem]) -> FrontMatter:
    """The front matter (between --- lines at the top) and the body of a file's text."""
    import yaml

    lines = text.split("\n")
    end = _closing_fence(lines)
    if end is None:
        if lines[0].strip() != "---":
            return FrontMatter({}, text, 1)
        problems.append(
            Problem(
                where,
                "front matter: no closing '---' line; end the front "
                "matter with a line of three dashes",
                1,
            )
        )
        return FrontMatter(None, text, 1)
    body = "\n".join(lines[end + 1 :])
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_checking_loader())
    except _Unreadable as error:
        problems.append(Problem(where, f"front matter: {error.message}", error.line + 2))
        return FrontMatter(None, body, end + 2)
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
        return FrontMatter(None, body, end + 2)
    except RecursionError:
        problems.append(
            Problem(where, "front matter: nested too deeply to read; write 'key: value' lines", 2)
        )
        return FrontMatter(None, body, end + 2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(where, "front matter must be 'key: value' lines", 2))
        return FrontMatter(None, body, end + 2)
    seen: dict[int, Any] = {id(data): data}
    for key, value in list(data.items()):
        try:
            data[key] = _whole_characters(value, seen)
        except _HalfCharacter as error:
            problems.append(
                Problem(
                    where,
                    f"front matter: {key} holds \\u{ord(error.char):04x}, half of a character "
                    "written as an escape; write the character itself, or both halves of its "
                    "pair (such as \\ud83d\\ude00)",
                    key_line(text, key) or 2,
                )
            )
            return FrontMatter(None, body, end + 2)
    return FrontMatter(data, body, end + 2)


class _Unreadable(Exception):
    """A YAML value that is well formed but cannot be made into data (``2016-02-30``,
    ``!!int x``); ``line`` counts from 0 at the front matter's first line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message, self.line = message, line


#: The YAML types a value can be tagged with explicitly, as a person writes them.
_TAG_PREFIX = "tag:yaml.org,2002:"


@functools.cache
def _checking_loader() -> type[Any]:
    """YAML's safe loader, but a value it cannot make (a date that does not exist, ``!!int
    x``) is a problem at its line, where the safe loader raises whatever Python raised."""
    import yaml

    class Loader(yaml.SafeLoader):
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except (yaml.YAMLError, _Unreadable, RecursionError):
                raise
            except Exception:
                raise _Unreadable(_unreadable_value(node), node.start_mark.line) from None

    return Loader


def _unreadable_value(node: Any) -> str:
    tag = str(node.tag)
    value = node.value if isinstance(node.value, str) else ""
    shown = value if len(value) <= 40 else value[:39] + "…"
    if tag == f"{_TAG_PREFIX}timestamp":
        return (
            f"{shown!r} is not a date that exists; write a real date as YYYY-MM-DD, "
            "such as 2016-10-05"
        )
    name = f"!!{tag.removeprefix(_TAG_PREFIX)}" if tag.startswith(_TAG_PREFIX) else tag
    if not isinstance(node.value, str):  # a list or a mapping
        return f"this {name} value cannot be read; remove the tag"
    return f"{shown!r} cannot be read as {name}; remove the tag, or write the value in quotes"


class _HalfCharacter(Exception):
    """Text with a lone surrogate: an escape such as ``"\\ud83d"`` without its other half."""

    def __init__(self, char: str) -> None:
        super().__init__(char)
        self.char = char


_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole_characters(value: Any, seen: dict[int, Any]) -> Any:
    """``value`` with the surrogate pairs in its text joined into characters (``"\\ud83d
    \\ude00"`` is one emoji, as in JSON); _HalfCharacter for a lone half. Containers are
    changed in place, each once (YAML's aliases can share or nest them)."""
    if isinstance(value, str):
        if not _SURROGATE.search(value):
            return value
        joined = value.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
        if half := _SURROGATE.search(joined):
            raise _HalfCharacter(half[0])
        return joined
    if not isinstance(value, list | dict | set) or id(value) in seen:
        return value
    seen[id(value)] = value
    if isinstance(value, list):
        value[:] = [_whole_characters(item, seen) for item in value]
    elif isinstance(value, dict):
        items = list(value.items())
        value.clear()
        value.update((_whole_characters(k, seen), _whole_characters(v, seen)) for k, v in items)
    else:
        items = list(value)
        value.clear()
        value.update(_whole_characters(item, seen) for item in items)
    return value


def key_line(text: str, key: str) -> int | None:
    """The line of a file's text where front matter ``key`` is set."""
    return line_of(text, re.compile(rf"^{re.escape(str(key))}\s*:"))


def check_front_matter(
    data: Mapping[str, Any],
    text: str,
    kind: type[Meta],
    where: Path,
    problems: list[Problem],
    translation: bool = False,
    base: Meta | None = None,
) -> Meta:
    """The front matter as a ``kind`` (its values over ``base``'s, if given); a problem for each
    unknown key or bad value. Only translations may say which source they were made from."""
    keys = [f.name for f in dataclasses.fields(kind) if translation or f.name != TRANSLATED_FROM]
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = key_line(text, key)
        if key not in keys:
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
            values[key] = PARSERS[key](value)
        except ValueError as error:
            problems.append(Problem(where, f"front matter: {key} {error}", line))
    return dataclasses.replace(base, **values) if base is not None else kind(**values)


#: The keys whose values are words a reader reads (not addresses, paths or ids).
PROSE = frozenset({"title", "subtitle", "summary", "series", "authors", "lead"})
#: The keys that may hold inline Markdown (``_emphasis_``, ``**strong**``, ```code```):
#: printed as HTML, and as plain text where HTML cannot go (PDF metadata, running heads).
INLINE = frozenset({"title", "subtitle", "series"})
#: What makes a value worth converting as Markdown; any other value is only typeset.
_MARKDOWN = re.compile(r"[*_`\[<\\]")


def typeset_prose(
    meta: Meta, tag: str, inherited: Mapping[str, str] | None = None
) -> tuple[Meta, dict[str, str]]:
    """The front matter with its words set as a typesetter would in the language of ``tag``
    (typographic quotes and apostrophes, dashes, the language's spacing rules), and the HTML
    of its ``INLINE`` values, whose Markdown leaves plain text in the front matter.

    ``inherited`` is the HTML of the values a translation takes from its source: those are
    kept as the source has them.
    """
    values: dict[str, Any] = {}
    markup: dict[str, str] = {}
    for key in PROSE & {f.name for f in dataclasses.fields(meta)}:
        value = getattr(meta, key)
        if key in INLINE and isinstance(value, str) and value:
            if inherited is not None and key in inherited:
                markup[key] = inherited[key]
            else:
                markup[key], values[key] = _inline(value, tag)
        elif isinstance(value, str):
            values[key] = typeset(value, tag)
        elif isinstance(value, tuple):
            values[key] = tuple(typeset(item, tag) for item in value)
    return dataclasses.replace(meta, **values), markup


def _inline(value: str, tag: str) -> tuple[str, str]:
    """The HTML and the plain text of a value that may hold inline Markdown."""
    if not _MARKDOWN.search(value):
        plain = typeset(value, tag)
        return html.escape(plain, quote=False), plain
    from .markdown import markdown_line  # imports Python-Markdown: only when there is some

    return markdown_line(value, tag)


def set_key(text: str, key: str, value: str) -> str:
    """``text`` with ``key: value`` set in its front matter (added if there is none)."""
    lines = text.split("\n")
    end = _closing_fence(lines)
    if end is None:
        return f"---\n{key}: {value}\n---\n{text}"
    for index in range(1, end):
        if re.match(rf"^{re.escape(key)}\s*:", lines[index]):
            lines[index] = f"{key}: {value}"
            return "\n".join(lines)
    lines.insert(end, f"{key}: {value}")
    return "\n".join(lines)
