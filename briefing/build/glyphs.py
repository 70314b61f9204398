"""No tofu: every character an edition prints must have a glyph in some installed font.

Checked on the edition's final HTML (its Markdown, templates, stylesheets and catalogs
together), before anything is rendered, so `check` finds what `build` would refuse.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import Problem
from ..languages.coverage import describe, package_for, uncovered
from ..project.model import Edition, Project
from .origin import edition_sources, find_text


def check_glyphs(project: Project, edition: Edition, html: str) -> list[Problem]:
    """Characters of the edition that no installed font can print, by file and line."""
    missing = uncovered(visible_text(html))
    if not missing:
        return []
    sources = edition_sources(project, edition)
    places: dict[tuple[Path | None, int | None], list[str]] = {}
    for char in missing:
        places.setdefault(find_text([char], sources, project.root), []).append(char)
    return [
        Problem(
            where or edition.label,
            f"no installed font has {'this character' if len(chars) == 1 else 'these characters'}"
            f": {', '.join(describe(c) for c in chars)}; install {package_for(chars)} "
            "(`briefing doctor` shows what the fonts cover), or remove "
            f"{'it' if len(chars) == 1 else 'them'}",
            line,
        )
        for (where, line), chars in places.items()
    ]


class _TextCollector(HTMLParser):
    """The text an HTML document prints: its text nodes, alt texts, and strings its
    stylesheets print (``content:``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag in ("style", "script")
        self.parts.extend(value for name, value in attrs if name == "alt" and value)

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.parts.extend(re.findall(r"content:\s*([^;]*)", data))
        else:
            self.parts.append(data)


def visible_text(document: str) -> str:
    """Every character an HTML document can print."""
    collector = _TextCollector()
    collector.feed(document)
    collector.close()
    return "\n".join(collector.parts)
