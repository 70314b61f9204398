"""Rendering one edition: check its glyphs, render (shrinking handouts to fit), check the
result, write it atomically, impose it. `runner.py` schedules many of these."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from .editions import assemble, edition_html
from .errors import BriefingError, Problem, RenderError, SetupError, relative_to
from .files import write_atomic
from .fit import fit_to_page
from .fonts import describe, package_for, uncovered
from .markup import visible_text
from .model import Edition, Project

if TYPE_CHECKING:
    from .pdf import FileToAttach, RenderedPdf

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
    scale: float = 1.0
    renders: int = 0
    #: The imposed file (2-up sheet or booklet) written beside the edition, if any.
    imposed: Path | None = None
    #: The project files the renderer read, with the SHA-256 of their bytes.
    resources: Mapping[Path, str] = field(default_factory=dict)
    #: Not rendered: the cache showed nothing it depends on had changed.
    cached: bool = False

    @property
    def ok(self) -> bool:
        return self.path is not None and not any(not p.warning for p in self.problems)

    @property
    def skipped(self) -> bool:
        """Not built, for a reason that is only a warning (an incomplete translation)."""
        return self.path is None and all(p.warning for p in self.problems)


@dataclass(frozen=True, slots=True)
class Rendering:
    data: bytes
    pages: int
    warnings: list[str]
    #: The scale a handout was shrunk to (1 when it fitted), and how many renders it took.
    scale: float = 1.0
    renders: int = 1
    resources: Mapping[Path, str] = field(default_factory=dict)


def render_edition(project: Project, edition: Edition, html: str) -> Rendering:
    """Render one edition (shrinking a handout to fit one page), or raise a RenderError."""
    from .pdf import render_pdf  # imported here: only rendering needs WeasyPrint

    publication = edition.publication
    options = PROFILE_OPTIONS[edition.profile]
    files = source_attachments(project, edition) if edition.profile == "archive" else ()
    result = render_pdf(html, publication.folder, project.root, options, files)
    scale, renders = 1.0, 1
    if edition.kind == "handout" and result.pages > 1:

        def render_at(scale: float) -> RenderedPdf:
            html = edition_html(project, edition, scale=scale)
            return render_pdf(html, publication.folder, project.root, options, files)

        result, scale, renders = fit_to_page(render_at, result, min_scale(project, edition))
    sources = edition_sources(project, edition)
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
        handout = assemble(edition, project.config.language).handout
        assert handout is not None
        lines = max(1, round(result.overflow_mm / (_LINE_MM * scale)))
        problems.append(
            Problem(
                relative_to(handout.printed.path, project.root),
                f"the handout does not fit on one page even at the smallest allowed size "
                f"({scale:.0%}): about {lines} line{'s' * (lines != 1)} "
                f"({result.overflow_mm:.0f} mm) too long; shorten the text, or lower "
                "min_scale in its front matter (handout_min_scale in briefing.toml)",
            )
        )
    blanks = [m for m in result.warnings if ".notdef" in m]
    if blanks:
        problems.append(
            Problem(
                edition.label,
                f"the renderer printed empty boxes: {blanks[0]}; see `briefing doctor` for the "
                "fonts to install",
            )
        )
    if problems:
        raise RenderError(problems)
    warnings = [m for m in result.warnings if m not in blanks]
    return Rendering(result.data, result.pages, warnings, scale, renders, result.resources)


#: WeasyPrint's PDF options for each profile. Screen and email editions are tagged PDF/UA-1;
#: email editions also downsample images to 150 dpi and recompress photos; archive editions
#: are PDF/A-3u with their Markdown sources attached.
PROFILE_OPTIONS: dict[str, dict[str, Any]] = {
    "screen": {"pdf_variant": "pdf/ua-1", "custom_metadata": True},
    "print": {"custom_metadata": True},
    "email": {
        "pdf_variant": "pdf/ua-1",
        "custom_metadata": True,
        "dpi": 150,
        "jpeg_quality": 80,
        "optimize_images": True,
    },
    "archive": {"pdf_variant": "pdf/a-3u", "custom_metadata": True},
}


def source_attachments(project: Project, edition: Edition) -> list[FileToAttach]:
    """The Markdown files an edition prints, to embed in its archive PDF."""
    from .pdf import FileToAttach

    parts = assemble(edition, project.config.language)
    documents = [parts.opening, *parts.sections, parts.handout]
    meta = parts.meta
    moment = datetime.datetime.combine(meta.date or datetime.date(1980, 1, 1), datetime.time())
    return [
        FileToAttach(
            name=part.printed.path.name,
            data=part.printed.path.read_bytes(),
            description=f"Markdown source of {meta.title}",
            date=moment,
        )
        for part in documents
        if part is not None
    ]


def min_scale(project: Project, edition: Edition) -> float:
    """How far a handout may shrink: its front matter's min_scale, or the project's."""
    handout = edition.publication.handout
    value = handout.meta.get("min_scale") if handout is not None else None
    return value if value is not None else project.config.handout_min_scale


def check_glyphs(project: Project, edition: Edition, html: str) -> list[Problem]:
    """Characters of the edition that no installed font can print, by file and line."""
    missing = uncovered(visible_text(html))
    if not missing:
        return []
    sources = edition_sources(project, edition)
    places: dict[tuple[Path | None, int | None], list[str]] = {}
    for char in missing:
        places.setdefault(_find_text([char], sources, project.root), []).append(char)
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


def edition_sources(project: Project, edition: Edition) -> list[Path]:
    """Files whose text ends up in an edition: its Markdown files, the project's templates
    and catalogs, and the publication's SVG images."""
    parts = assemble(edition, project.config.language)
    printed = [parts.opening, *parts.sections, parts.handout]
    sources = [part.printed.path for part in printed if part is not None]
    for folder, suffixes in (
        (project.config.templates_dir, (".html", ".css")),
        (project.root / "locale", (".po",)),
        (edition.publication.folder, (".svg",)),
    ):
        if folder.is_dir():
            sources += sorted(p for p in folder.rglob("*") if p.suffix in suffixes)
    return sources


def _find_reference(url: str, sources: list[Path], root: Path) -> tuple[Path | None, int | None]:
    """The file and line that most likely wrote ``url`` (as written, or by its last parts)."""
    path_part = unquote(urlsplit(url).path)
    needles = [url, "/".join(path_part.rsplit("/", 2)[-2:]), path_part.rsplit("/", 1)[-1]]
    return _find_text([n for n in needles if n], sources, root)


def _find_text(
    needles: list[str], sources: list[Path], root: Path
) -> tuple[Path | None, int | None]:
    """The first file and line where one of ``needles`` (tried in order) is written."""
    texts = {source: source.read_text("utf-8", errors="replace") for source in sources}
    for needle in needles:
        for source, text in texts.items():
            if needle in text:
                line = text.count("\n", 0, text.index(needle)) + 1
                return relative_to(source, root), line
    return None, None


def build_one(
    project: Project,
    edition: Edition,
    html: str,
    out_dir: Path,
    strict: bool,
    impose: str | None = None,
) -> EditionResult:
    if missing_glyphs := check_glyphs(project, edition, html):
        return EditionResult(edition, problems=tuple(missing_glyphs))
    try:
        rendering = render_edition(project, edition, html)
    except SetupError:
        raise  # the machine cannot render anything: not this edition's problem
    except BriefingError as error:
        return EditionResult(edition, problems=error.problems)
    problems = tuple(
        Problem(edition.label, f"renderer: {message}", warning=not strict)
        for message in rendering.warnings
    )
    if edition.profile == "email":
        problems += tuple(_check_budget(project, edition, rendering.data, strict))
    if strict and problems:
        return EditionResult(edition, problems=problems)
    path = edition.output_path(out_dir)
    write_atomic(path, rendering.data)
    imposed = None
    if (impose, edition.kind) in (("2up", "handout"), ("booklet", "pack")):
        imposed = path.with_name(f"{path.stem}-{impose}.pdf")
        paper = project.config.paper_name(edition.kind)
        write_atomic(imposed, impose_pages(rendering.data, rendering.pages, impose, paper))
    return EditionResult(
        edition,
        path=path,
        pages=rendering.pages,
        size=len(rendering.data),
        problems=problems,
        scale=rendering.scale,
        renders=rendering.renders,
        imposed=imposed,
        resources=rendering.resources,
    )


def _check_budget(project: Project, edition: Edition, data: bytes, strict: bool) -> list[Problem]:
    """A problem naming the largest parts when an email edition is over the size budget."""
    from .pdfsize import describe_size, largest_parts

    budget = project.config.email_budget_mb
    if len(data) <= budget * 1024 * 1024:
        return []
    parts = largest_parts(data, _image_sizes(project, edition))
    listed = ", ".join(f"{part.label} {describe_size(part.size)}" for part in parts[:5])
    return [
        Problem(
            edition.label,
            f"{describe_size(len(data))}, over the {budget:g} MB email budget; the largest "
            f"parts: {listed}; use smaller images, or raise email_budget_mb in briefing.toml",
            warning=not strict,
        )
    ]


def _image_sizes(project: Project, edition: Edition) -> dict[str, tuple[int, int]]:
    """Pixel sizes of the bitmap images an edition prints, by their path in the project."""
    from PIL import Image

    parts = assemble(edition, project.config.language)
    printed = (parts.opening, *parts.sections, parts.handout)
    sizes = {}
    for document in (part.printed for part in printed if part is not None):
        for ref in document.markup.references:
            if ref.tag != "img" or ":" in ref.url:
                continue
            path = (document.path.parent / ref.url).resolve()
            try:
                with Image.open(path) as image:
                    sizes[relative_to(path, project.root).as_posix()] = image.size
            except OSError:  # not a bitmap (SVG), or unreadable: not part of the report
                continue
    return sizes


def impose_pages(data: bytes, pages: int, layout: str, paper: str) -> bytes:
    """An edition's PDF imposed as a 2-up sheet or a booklet, on the sheet its paper goes on."""
    from .impose import booklet_sides, impose, sheet_for, two_up_sides
    from .pdf import render_cut_sheet

    sheet = sheet_for(paper)
    if layout == "2up":
        cut = render_cut_sheet(sheet.width_mm, sheet.height_mm)
        return impose(data, two_up_sides(pages), sheet, base=cut)
    return impose(data, booklet_sides(pages), sheet)
