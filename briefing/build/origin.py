"""Which file wrote something found only in an edition's final HTML or PDF (a character no
font has, a URL the renderer refused), so that the error can name the file and line."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import relative_to
from ..files import line_of
from ..languages.catalogs import PROJECT_LOCALE
from ..project.model import Edition, Project, edition_parts

Place = tuple[Path | None, int | None]


def edition_sources(project: Project, edition: Edition) -> list[Path]:
    """Files whose text ends up in an edition: its Markdown files, the project's templates
    and catalogs, and the publication's SVG images."""
    config = project.config
    parts = edition_parts(edition.publication, edition.kind, edition.language, config.language)
    sources = [part.printed.path for part in parts.all]
    for folder, suffixes in (
        (config.templates_dir, (".html", ".css")),
        (project.root / PROJECT_LOCALE, (".po",)),
        (edition.publication.folder, (".svg",)),
    ):
        if folder.is_dir():
            sources += sorted(p for p in folder.rglob("*") if p.suffix in suffixes)
    return sources


def find_reference(url: str, sources: list[Path], root: Path) -> Place:
    """The file and line that most likely wrote ``url`` (as written, or by its last parts)."""
    path_part = unquote(urlsplit(url).path)
    needles = [url, "/".join(path_part.rsplit("/", 2)[-2:]), path_part.rsplit("/", 1)[-1]]
    return find_text([n for n in needles if n], sources, root)


def find_text(needles: list[str], sources: list[Path], root: Path) -> Place:
    """The first file and line where one of ``needles`` (tried in order) is written."""
    texts = {source: source.read_text("utf-8", errors="replace") for source in sources}
    for needle in needles:
        for source, text in texts.items():
            if (line := line_of(text, needle)) is not None:
                return relative_to(source, root), line
    return None, None
