"""Rendering one edition from its recipe and HTML: render (shrinking a handout to fit), check
the result, write it atomically, impose it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BriefingError, Problem, RenderError, SetupError, errors_in, relative_to
from ..files import describe_size, write_atomic, write_failure
from ..languages.tags import parse_language
from ..project.model import Edition, Project, edition_parts
from ..project.settings import LINE_HEIGHT, PAPER_SIZES
from .origin import edition_sources, find_reference, find_text

if TYPE_CHECKING:
    from ..pdf.pagination import MisplacedNote, ShortEnd
    from ..pdf.render import RenderedPdf

#: Two handouts to a sheet are laid out on half the sheet, with body text no smaller than
#: this (in points).
TWO_UP_BODY_PT = 9.0


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
    #: Files of an earlier build removed because the edition was not built this time.
    removed: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return self.path is not None and not errors_in(self.problems)

    @property
    def skipped(self) -> bool:
        """Not built, for a reason that is only a warning (an incomplete translation)."""
        return self.path is None and not errors_in(self.problems)


@dataclass(frozen=True, slots=True)
class Rendering:
    data: bytes
    pages: int
    warnings: tuple[str, ...]
    #: The scale a handout was shrunk to (1 when it fitted), and how many renders it took.
    scale: float = 1.0
    renders: int = 1
    resources: Mapping[Path, str] = field(default_factory=dict)
    #: What is not quite right in the pages, though they can be printed.
    notices: tuple[Problem, ...] = ()


def render_edition(
    project: Project, edition: Edition, html: str, two_up: bool = False
) -> Rendering:
    """Render one edition (shrinking a handout to fit), or raise a RenderError. ``two_up``:
    the edition is laid out to go two to a sheet."""
    from ..pdf.fit import fit_to_page  # imported here: only rendering needs WeasyPrint
    from ..pdf.render import render_pdf

    folder, root = edition.publication.folder, project.root
    shrinks = edition.kind == "handout"

    def render_at(scale: float) -> RenderedPdf:
        from ..html.context import edition_html  # only a handout that does not fit needs it

        page_html = html if scale == 1.0 else edition_html(project, edition, scale=scale)
        return render_pdf(
            page_html, folder, root, edition.profile, edition.attachments, measure=shrinks
        )

    result, scale, renders = render_at(1.0), 1.0, 1
    if shrinks and result.pages > 1:
        result, scale, renders = fit_to_page(render_at, result, edition.min_scale)
    problems = _rendering_problems(project, edition, result, scale, two_up)
    if errors_in(problems):
        raise RenderError(problems)
    warnings = tuple(m for m in result.warnings if ".notdef" not in m)
    return Rendering(
        result.data, result.pages, warnings, scale, renders, result.resources, tuple(problems)
    )


def _rendering_problems(
    project: Project, edition: Edition, result: RenderedPdf, scale: float, two_up: bool = False
) -> list[Problem]:
    """What makes a rendering unusable: refused files, overflow, empty boxes."""
    problems = []
    if result.refused:
        sources = edition_sources(project, edition)
        for url, reason in result.refused:
            where, line = find_reference(url, sources, project.root)
            problems.append(
                Problem(
                    where,
                    f"refused to read {url}: {reason}; templates and content may only use "
                    "files inside the project",
                    line,
                )
            )
    if edition.kind == "handout" and result.pages > 1:
        config = project.config
        parts = edition_parts(edition.publication, edition.kind, edition.language, config.language)
        assert parts.handout is not None
        paper = PAPER_SIZES[edition.paper]
        line_mm = paper.body_pt * scale * LINE_HEIGHT * 25.4 / 72
        lines = max(1, round(result.overflow_mm / line_mm))
        too_long = f"about {lines} line{'s' * (lines != 1)} ({result.overflow_mm:.0f} mm) too long"
        if two_up:
            message = (
                f"two to a sheet (--impose 2up), the handout is laid out on {edition.paper} "
                f"with body text of {TWO_UP_BODY_PT:g} pt or more, and there it is {too_long}; "
                "shorten the text, or print it one to a page"
            )
        else:
            message = (
                f"the handout does not fit on one page even at the smallest allowed size "
                f"({scale:.0%}): {too_long}; shorten the text, or lower min_scale in its "
                "front matter (handout_min_scale in briefing.toml)"
            )
        problems.append(Problem(relative_to(parts.handout.printed.path, project.root), message))
    problems += [_misplaced_note(project, edition, note) for note in result.misplaced_notes]
    problems += [_short_end(project, edition, end) for end in result.short_ends]
    blanks = [m for m in result.warnings if ".notdef" in m]
    if blanks:
        problems.append(
            Problem(
                edition.label,
                f"the renderer printed empty boxes: {blanks[0]}; see `briefing doctor` for the "
                "fonts to install",
            )
        )
    return problems


def _short_end(project: Project, edition: Edition, end: ShortEnd) -> Problem:
    """A warning for a section that ends with a few lines on a page of their own."""
    config = project.config
    parts = edition_parts(edition.publication, edition.kind, edition.language, config.language)
    files = [part.printed.path for part in parts.all if part.printed.anchor == end.section]
    where = relative_to(files[0], project.root) if files else edition.label
    return Problem(
        where,
        f"{edition.label} ends this part with {end.lines} line{'s' * (end.lines != 1)} alone "
        f"on page {end.page}, even with its spacing tightened; shorten it by a few lines, or "
        "lengthen it",
        warning=True,
    )


def _misplaced_note(project: Project, edition: Edition, note: MisplacedNote) -> Problem:
    """A footnote the renderer printed apart from its call, at the file and line citing it."""
    config = project.config
    parts = edition_parts(edition.publication, edition.kind, edition.language, config.language)
    files = [part.printed.path for part in parts.all if part.printed.anchor == note.section]
    where: Path | str = edition.label
    line = None
    if files:
        needles = [note.text[:60], note.text[:40], note.text[:20]]
        found, line = find_text(needles, files, project.root)
        where = found or relative_to(files[0], project.root)
    text = note.text if len(note.text) <= 50 else note.text[:49] + "…"
    return Problem(
        where,
        f"footnote {note.number} (“{text}”) would print on page {note.note_page}, apart from "
        f"its call on page {note.call_page}: the renderer could not keep them together; "
        "shorten the note, or move its call",
        line,
    )


def build_edition(
    project: Project,
    edition: Edition,
    html: str,
    out_dir: Path,
    strict: bool,
    thumbnail: bool = False,
) -> EditionResult:
    """Render an edition, check it, and write it (and its imposed sheets) under ``out_dir``;
    with ``thumbnail``, a picture of its first page for the build overview too.

    A failure leaves any earlier file in place and no partial file. With ``strict``,
    warnings are errors and nothing is written.
    """
    try:
        rendering = render_edition(project, edition, html)
    except SetupError:
        raise  # the machine cannot render anything: not this edition's problem
    except BriefingError as error:
        return EditionResult(edition, problems=error.problems)
    problems = rendering.notices + tuple(
        Problem(edition.label, f"renderer: {message}", warning=not strict)
        for message in rendering.warnings
    )
    if edition.budget_mb is not None:
        problems += tuple(_check_budget(project, edition, rendering.data, strict))
    if strict and problems:
        return EditionResult(edition, problems=problems)
    try:  # before anything is written: a failed imposition fails the edition
        sheets = _impose(project, edition, rendering)
    except BriefingError as error:
        return EditionResult(edition, problems=error.problems)
    path = edition.output_path(out_dir)
    imposed = edition.imposed_path(out_dir)
    written = path
    try:
        write_atomic(path, rendering.data)
        if imposed is not None and sheets is not None:
            written = imposed
            write_atomic(imposed, sheets)
    except OSError as error:
        return EditionResult(edition, problems=(*problems, cannot_write(project, written, error)))
    if thumbnail:
        from .thumbnails import thumbnail_path, write_thumbnail

        write_thumbnail(rendering.data, thumbnail_path(out_dir, edition))
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


def cannot_write(project: Project, path: Path, error: OSError) -> Problem:
    """The error for a file of the build that could not be written: where, why, what to do
    (``build/en: cannot write: no space left on device; free some space, or ...``)."""
    failure = write_failure(path, error)
    return Problem(
        relative_to(failure.where, project.root),
        f"cannot write: {failure.cause}; {failure.remedy}, or build into another folder with "
        "--out DIR",
    )


def _impose(project: Project, edition: Edition, rendering: Rendering) -> bytes | None:
    """The edition's imposed sheets, if it is imposed: a booklet of its pages, or two copies
    of a handout laid out again on half the sheet (not shrunk onto it), with body text of at
    least ``TWO_UP_BODY_PT``."""
    if edition.impose is None:
        return None
    from ..html.context import edition_html
    from ..pdf.impose import HALF_SHEET, impose_pages

    right_to_left = parse_language(edition.language).direction == "rtl"
    if edition.impose == "booklet":
        return impose_pages(
            rendering.data, rendering.pages, "booklet", edition.paper, right_to_left
        )
    half = HALF_SHEET[edition.paper]
    floor = round(TWO_UP_BODY_PT / PAPER_SIZES[half].body_pt + 0.0005, 3)
    if half != edition.paper or rendering.scale < floor:
        small = dataclasses.replace(
            edition, paper=half, min_scale=max(edition.min_scale, floor), impose=None
        )
        rendering = render_edition(project, small, edition_html(project, small), two_up=True)
    return impose_pages(rendering.data, rendering.pages, "2up", half, right_to_left)


def _check_budget(project: Project, edition: Edition, data: bytes, strict: bool) -> list[Problem]:
    """A problem naming the largest parts when an email edition is over its size budget."""
    from ..pdf.size import largest_parts

    budget = edition.budget_mb
    if budget is None or len(data) <= budget * 1024 * 1024:
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

    config = project.config
    parts = edition_parts(edition.publication, edition.kind, edition.language, config.language)
    sizes = {}
    for document in (part.printed for part in parts.all):
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
