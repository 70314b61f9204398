"""The HTML made from each Markdown file, remembered between builds.

Rebuilding a large project should not convert every Markdown file again, nor even import the
converter when nothing changed. Each conversion is stored under a digest of everything it
depends on: the text, the options, the converter's code and Markdown's version.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib.util
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .model import KeyMessages, Markup, Reference


def convert_markdown(
    cache_dir: Path | None,
    text: str,
    id_prefix: str,
    language: str,
    callout_titles: Mapping[str, str],
) -> Markup:
    """:func:`markdown.markdown_to_html`, remembered in ``cache_dir`` (if given).

    An entry that cannot be read whole, as written, is a miss: the text is converted again
    and the entry replaced. A cache never makes an error.
    """
    if cache_dir is None:
        return _convert(text, id_prefix, language, callout_titles)
    depends_on = [_code_version(), text, id_prefix, language, sorted(callout_titles.items())]
    key = hashlib.sha256(json.dumps(depends_on).encode()).hexdigest()
    path = cache_dir / key[:2] / f"{key}.json"
    remembered = _read_entry(path, key)
    if remembered is not None:
        return remembered
    markup = _convert(text, id_prefix, language, callout_titles)
    _write_entry(path, key, markup)
    return markup


def _convert(text: str, id_prefix: str, language: str, callout_titles: Mapping[str, str]) -> Markup:
    from .markdown import markdown_to_html  # imports Python-Markdown: only when converting

    return markdown_to_html(text, id_prefix, language, callout_titles)


def _digest(fields: Any) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def _write_entry(path: Path, key: str, markup: Markup) -> None:
    """Remember ``markup`` under ``key``; if it cannot be written, it is only slower next
    time. The entry carries its key and a digest of its fields, so a damaged or foreign
    entry is never taken for this text's HTML."""
    fields = dataclasses.asdict(markup)
    entry = {"key": key, "digest": _digest(fields), "markup": fields}
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(entry), "utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


class _Damaged(Exception):
    """A cache entry that is not one this code wrote for this text."""


def _read_entry(path: Path, key: str) -> Markup | None:
    """The markup remembered under ``key``, or None when there is none that can be trusted
    (missing, unreadable, not JSON, of another shape or key, or changed since written)."""
    try:
        entry = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(entry, dict) or entry.get("key") != key:
            raise _Damaged
        fields = entry.get("markup")
        if entry.get("digest") != _digest(fields):
            raise _Damaged
        return _markup_from(fields)
    except (OSError, ValueError, RecursionError, _Damaged):
        return None


def _typed(value: Any, kind: type[Any] | tuple[type[Any], ...]) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise _Damaged
    return value


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(_typed(item, str) for item in _typed(value, list))


def _markup_from(data: Any) -> Markup:
    """The markup an entry holds, every field of the type it must have (else _Damaged)."""
    _typed(data, dict)
    optional = (str, type(None))
    key = _typed(data.get("key_messages"), (dict, type(None)))
    references = []
    for item in _typed(data.get("references"), list):
        _typed(item, dict)
        references.append(
            Reference(
                tag=_typed(item.get("tag"), str),
                attribute=_typed(item.get("attribute"), str),
                url=_typed(item.get("url"), str),
                alt=_typed(item.get("alt"), optional),
            )
        )
    structure = _typed(data.get("structure"), dict)
    return Markup(
        html=_typed(data.get("html"), str),
        title_html=_typed(data.get("title_html"), optional),
        title=_typed(data.get("title"), optional),
        ids=_texts(data.get("ids")),
        references=tuple(references),
        structure={_typed(name, str): _typed(n, int) for name, n in structure.items()},
        vague_links=_texts(data.get("vague_links")),
        key_messages=None
        if key is None
        else KeyMessages(
            _typed(key.get("title"), str), _texts(key.get("points")), _typed(key.get("html"), str)
        ),
    )


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """The converter's code and Markdown's version: a change to either makes new HTML."""
    here = Path(__file__).parent
    files = [*sorted(here.glob("markdown*.py")), here / "model.py"]
    files += [
        here.parent / "languages" / name for name in ("typography.py", "tags.py", "quotes.py")
    ]
    spec = importlib.util.find_spec("markdown")  # found, not imported
    if spec is not None and spec.origin is not None:
        files.append(Path(spec.origin).parent / "__meta__.py")
    digest = hashlib.sha256()
    for path in files:
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()
