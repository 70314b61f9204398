"""From a loaded project to PDF files: plan the editions, render each, write atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from babel.dates import format_date
from markupsafe import Markup

from . import __version__
from .config import PAPER_SIZES
from .errors import BriefingError, Problem, RenderError, UsageError, relative_to
from .model import KINDS, Edition, Project
from .templating import render_template

#: Height of one line of handout body text (10.5pt at 1.5 line height), in millimetres.
_LINE_MM = 10.5 * 1.5 * 25.4 / 72


@dataclass(frozen=True, slots=True)
class EditionResult:
    """What happened to one edition in a build."""

    edition: Edition
    path: Path | None = None
    pages: int = 0
    size: int = 0
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.path is not None and not any(not p.warning for p in self.problems)


def plan_editions(
    project: Project, only: str | None = None, kinds: tuple[str, ...] = KINDS
) -> list[Edition]:
    """The editions a build makes, in a stable order."""
    publications = project.publications
    if only is not None:
        publications = tuple(p for p in publications if p.slug == only)
        if not publications:
            known = ", ".join(p.slug for p in project.publications) or "none"
            raise UsageError(f"--only {only}: no such publication; the publications are: {known}")
    return [
        Edition(publication, kind, project.config.language)
        for publication in publications
        for kind in publication.kinds
        if kind in kinds
    ]


def template_context(project: Project, edition: Edition) -> dict[str, Any]:
    """Everything a template may use; documented in the README."""
    publication = edition.publication
    config = project.config
    organisation = config.organisation
    meta = publication.meta
    context: dict[str, Any] = {
        "lang": edition.language,
        "dir": "ltr",
        "meta": meta,
        "organisation": organisation,
        "logo_url": organisation.logo.as_uri() if organisation.logo else None,
        "date_text": format_date(meta.date, "long", locale=edition.language.replace("-", "_"))
        if meta.date
        else "",
        "paper": PAPER_SIZES[config.paper],
        "version": __version__,
    }
    if edition.kind == "pack":
        context["opening"] = Markup(publication.opening.markup.html)
        context["sections"] = [
            {
                "anchor": section.anchor,
                "title": section.title,
                "title_html": Markup(section.title_html),
                "html": Markup(section.markup.html),
            }
            for section in publication.sections
        ]
    else:
        handout = publication.handout
        assert handout is not None
        context["handout"] = {
            "title": handout.meta.get("title") or meta.title,
            "lead": handout.meta.get("lead") or meta.summary,
            "html": Markup(handout.markup.html),
        }
    return context


def edition_html(project: Project, edition: Edition) -> str:
    return render_template(project.root, f"{edition.kind}.html", template_context(project, edition))


def render_edition(project: Project, edition: Edition, html: str) -> tuple[bytes, int, list]:
    """The PDF bytes, page count and warnings for one edition, or a RenderError."""
    from .pdf import render_pdf  # imported here: only rendering needs WeasyPrint

    publication = edition.publication
    result = render_pdf(html, publication.folder, project.root)
    sources = _reference_sources(project, edition)
    problems = []
    for url, reason in result.refused:
        where, line = _find_reference(url, sources, project.root)
        problems.append(
            Problem(
                where,
                f"refused to read {url}: {reason}; templates and content may only use files "
                "inside the project",
                line,
            )
        )
    if edition.kind == "handout" and result.pages > 1:
        assert publication.handout is not None
        lines = max(1, round(result.overflow_mm / _LINE_MM))
        problems.append(
            Problem(
                relative_to(publication.handout.path, project.root),
                f"the handout runs to {result.pages} pages but must fit on one: about "
                f"{result.overflow_mm:.0f} mm ({lines} lines) too long; shorten the text",
            )
        )
    if problems:
        raise RenderError(problems)
    return result.data, result.pages, list(result.warnings)


def _reference_sources(project: Project, edition: Edition) -> list[Path]:
    """Files that can refer to other files in an edition: its Markdown, the project's
    templates, and SVG images (which may link to images of their own)."""
    publication = edition.publication
    documents = [publication.opening, *publication.sections, publication.handout]
    sources = [doc.path for doc in documents if doc is not None]
    for folder in (project.config.templates_dir, publication.folder):
        if folder.is_dir():
            sources += sorted(p for p in folder.rglob("*") if p.suffix in (".html", ".css", ".svg"))
    return sources


def _find_reference(url: str, sources: list[Path], root: Path) -> tuple[Path | None, int | None]:
    """The file and line that most likely wrote ``url`` (as written, or by its last parts)."""
    path_part = unquote(urlsplit(url).path)
    needles = [url, "/".join(path_part.rsplit("/", 2)[-2:]), path_part.rsplit("/", 1)[-1]]
    for needle in (n for n in needles if n):
        for source in sources:
            text = source.read_text("utf-8", errors="replace")
            if needle in text:
                line = text.count("\n", 0, text.index(needle)) + 1
                return relative_to(source, root), line
    return None, None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def build_editions(
    project: Project, editions: list[Edition], out_dir: Path, strict: bool = False
) -> Iterator[EditionResult]:
    """Build each edition, yielding its result as soon as it is known.

    Every edition's HTML is made first, so a template error is reported before any PDF is
    rendered. A failed edition leaves any earlier PDF untouched and does not stop the others
    (with ``strict``, the first failure, warnings included, stops the build).
    """
    ready: list[tuple[Edition, str]] = []
    failed: list[EditionResult] = []
    for edition in editions:
        try:
            ready.append((edition, edition_html(project, edition)))
        except BriefingError as error:
            failed.append(EditionResult(edition, problems=error.problems))
    yield from failed
    if (strict and failed) or not ready:
        return
    from .pdf import start_renderer

    start_renderer()  # a machine without Pango fails here, once, not once per edition
    for edition, html in ready:
        result = _build_one(project, edition, html, out_dir, strict)
        yield result
        if strict and not result.ok:
            return


def _build_one(
    project: Project, edition: Edition, html: str, out_dir: Path, strict: bool
) -> EditionResult:
    try:
        data, pages, warnings = render_edition(project, edition, html)
    except BriefingError as error:
        return EditionResult(edition, problems=error.problems)
    problems = tuple(
        Problem(edition.label, f"renderer: {message}", warning=not strict) for message in warnings
    )
    if strict and problems:
        return EditionResult(edition, problems=problems)
    path = edition.output_path(out_dir)
    write_atomic(path, data)
    return EditionResult(edition, path=path, pages=pages, size=len(data), problems=problems)
