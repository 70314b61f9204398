"""The names of a publication's files: what a file is, and which language it is in.

``index.md``, ``01-name.md`` and ``handout.md`` are the source files; a translation adds a
BCP 47 tag before ``.md``: ``01-name.fr.md``, ``handout.zh-Hans.md``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..languages.tags import UnknownLanguage, parse_language

OPENING, HANDOUT = "index", "handout"
#: Section files: a number, a dash or underscore, a name (``01-context``).
SECTION_STEM = re.compile(r"^\d+[-_][^.]*$")


def split_name(path: Path | str) -> tuple[str, str | None]:
    """The stem of a Markdown file's name and the language tag after it, as written
    (``02-x.fr.md`` -> ``("02-x", "fr")``; ``02-x.md`` -> ``("02-x", None)``)."""
    stem, _, tag = Path(path).name.removesuffix(".md").partition(".")
    return stem, tag or None


def is_document(stem: str) -> bool:
    """Whether a file with this stem is part of a publication."""
    return stem in (OPENING, HANDOUT) or SECTION_STEM.match(stem) is not None


def is_section(stem: str) -> bool:
    return SECTION_STEM.match(stem) is not None


def translation_file(stem: str, tag: str) -> str:
    """The name of the translation of the file ``stem`` into the language ``tag``."""
    return f"{stem}.{tag}.md"


def language_of(path: Path | str) -> str | None:
    """The language tag in a translation's file name (``02-x.fr.md`` -> ``fr``), or None."""
    _, tag = split_name(path)
    if tag is None or not Path(path).name.endswith(".md"):
        return None
    try:
        return parse_language(tag).tag
    except UnknownLanguage:
        return None


def anchor_for(stem: str) -> str:
    """The id of a document in its edition's HTML: what links to it point at."""
    if stem == OPENING:
        return "sec-opening"
    if stem == HANDOUT:
        return "handout"
    return f"sec-{stem}"
