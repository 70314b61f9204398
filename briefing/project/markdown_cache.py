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
    """:func:`markdown.markdown_to_html`, remembered in ``cache_dir`` (if given)."""
    if cache_dir is None:
        return _convert(text, id_prefix, language, callout_titles)
    depends_on = [_code_version(), text, id_prefix, language, sorted(callout_titles.items())]
    key = hashlib.sha256(json.dumps(depends_on).encode()).hexdigest()
    path = cache_dir / key[:2] / f"{key}.json"
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        return _markup_from(json.loads(path.read_text("utf-8")))
    markup = _convert(text, id_prefix, language, callout_titles)
    with contextlib.suppress(OSError):  # not remembered: only slower next time
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(dataclasses.asdict(markup)), "utf-8")
        os.replace(temporary, path)
    return markup


def _convert(text: str, id_prefix: str, language: str, callout_titles: Mapping[str, str]) -> Markup:
    from .markdown import markdown_to_html  # imports Python-Markdown: only when converting

    return markdown_to_html(text, id_prefix, language, callout_titles)


def _markup_from(data: dict[str, Any]) -> Markup:
    key = data["key_messages"]
    return Markup(
        html=data["html"],
        title_html=data["title_html"],
        title=data["title"],
        ids=tuple(data["ids"]),
        references=tuple(Reference(**r) for r in data["references"]),
        structure=dict(data["structure"]),
        vague_links=tuple(data["vague_links"]),
        key_messages=None
        if key is None
        else KeyMessages(key["title"], tuple(key["points"]), key["html"]),
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
