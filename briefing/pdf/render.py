"""HTML to PDF with WeasyPrint: offline, confined to the project, reproducible.

This stage is the only one that imports WeasyPrint, and it does so only when something is
rendered, so that loading and checking a project stays fast.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SetupError
from ..project.model import PRINT_BLEED_MM, Attachment, Profile
from .fetcher import make_fetcher_class
from .pagination import MisplacedNote, Pagination, ShortEnd, lay_out
from .tagging import richer_tags

#: Fixed timestamp for font subsetting, so that the same input gives the same bytes.
_EPOCH = "315532800"  # 1980-01-01
_PX_PER_MM = 96 / 25.4

#: WeasyPrint's PDF options for each profile. Screen and email editions are tagged PDF/UA-1;
#: email editions also downsample images to 150 dpi and recompress photos; archive editions
#: are PDF/A-3a (tagged, the accessible level) with their Markdown sources attached.
PROFILE_OPTIONS: Mapping[Profile, Mapping[str, Any]] = {
    "screen": {"pdf_variant": "pdf/ua-1", "custom_metadata": True},
    "print": {"custom_metadata": True},
    "email": {
        "pdf_variant": "pdf/ua-1",
        "custom_metadata": True,
        "dpi": 150,
        "jpeg_quality": 80,
        "optimize_images": True,
    },
    "archive": {"pdf_variant": "pdf/a-3a", "custom_metadata": True},
}
#: The variants whose files are tagged: finished so that all their content is either in the
#: structure tree or an artifact (see :mod:`.accessible`).
TAGGED_VARIANTS = frozenset({"pdf/ua-1", "pdf/a-3a"})


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    data: bytes
    pages: int
    refused: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...]
    #: The project files the renderer read (images, SVG), with the SHA-256 of their bytes.
    resources: Mapping[Path, str] = field(default_factory=dict)
    #: When measured: the height the content uses on each page, and the height of a page's
    #: content area (mm).
    used_mm: tuple[float, ...] = ()
    available_mm: float = 0.0
    #: Footnotes the renderer printed on another page than their call, even after laying
    #: the document out again with page breaks that should have kept them together.
    misplaced_notes: tuple[MisplacedNote, ...] = ()
    #: Sections of a pack that end with a few lines on a page, even laid out tighter.
    short_ends: tuple[ShortEnd, ...] = ()

    @property
    def overflow_mm(self) -> float:
        """How far the content runs past the first page (0 when it fits on one)."""
        return max(0.0, self.content_mm - self.available_mm) if self.pages > 1 else 0.0

    @property
    def content_mm(self) -> float:
        """The height the whole content would take on one endless page."""
        return sum(self.used_mm)


class _Capture(logging.Handler):
    """Collects what WeasyPrint logs while one document renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class _Renderer:
    """Per-process WeasyPrint state, made once: the fetcher class and font configuration."""

    fetcher: type[Any]
    fonts: Any


_renderer: _Renderer | None = None


@atexit.register
def _forget_renderer() -> None:
    """Let go of the fonts before Python takes its modules apart at exit (WeasyPrint's font
    configuration cleans up after itself with functions that are gone by then)."""
    global _renderer
    _renderer = None


def import_renderer() -> None:
    """Import WeasyPrint (it loads Pango and HarfBuzz), or raise a SetupError saying why not."""
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        raise SetupError(
            f"the PDF renderer cannot start: {error}; install the system libraries with "
            "`apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0` "
            "(or run setup.sh)"
        ) from None


def renderer_version() -> str:
    """WeasyPrint's version (read from its package data, when it is not loaded yet)."""
    import sys

    if "weasyprint" in sys.modules:
        return str(sys.modules["weasyprint"].__version__)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("weasyprint")
    except PackageNotFoundError:  # pragma: no cover (WeasyPrint is a dependency)
        return "unknown"


def start_renderer() -> _Renderer:
    """The per-process renderer state, made once: SetupError if WeasyPrint cannot load."""
    global _renderer
    if _renderer is None:
        import_renderer()
        from weasyprint.text.fonts import FontConfiguration

        _renderer = _Renderer(fetcher=make_fetcher_class(), fonts=FontConfiguration())
    return _renderer


def layout_document(
    html: str, base_dir: Path, root: Path, options: Mapping[str, Any] | None = None
) -> tuple[Any, Any]:
    """Lay out ``html`` into pages (relative URLs against ``base_dir``); no PDF yet.

    ``options`` are WeasyPrint's options; those about images (``dpi``, ``jpeg_quality``)
    apply as images are loaded, during layout. Footnotes are kept on their call's page, and
    sections from ending with a few lines on a page, where the layout can be corrected (see
    :mod:`pagination`). Returns the document and the fetcher.
    """
    laid_out = _lay_out(html, base_dir, root, options)
    return laid_out.document, laid_out.fetcher


def _lay_out(
    html: str,
    base_dir: Path,
    root: Path,
    options: Mapping[str, Any] | None = None,
    messages: list[str] | None = None,
) -> Pagination:
    """Lay out ``html`` as :func:`pagination.lay_out` corrects it; ``messages`` keeps only
    what WeasyPrint logs while laying out the last attempt."""
    renderer = start_renderer()
    from weasyprint import CSS, HTML

    def attempt(css: str) -> tuple[Any, Any, Any]:
        if messages is not None:
            messages.clear()
        fetcher = renderer.fetcher(root)
        source = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=fetcher)
        sheets = [CSS(string=css)] if css else None
        document = source.render(font_config=renderer.fonts, stylesheets=sheets, **(options or {}))
        return document, fetcher, source.etree_element

    return lay_out(attempt)


def render_pdf(
    html: str,
    base_dir: Path,
    root: Path,
    profile: Profile | None = "screen",
    attachments: Sequence[Attachment] = (),
    measure: bool = False,
) -> RenderedPdf:
    """Lay out ``html`` and write the PDF bytes of a ``profile`` (None: plain PDF),
    reproducibly.

    With ``measure``, the height the content takes on each page is measured too (what
    shrinking a handout to fit needs).
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", _EPOCH)
    options = PROFILE_OPTIONS[profile] if profile is not None else {}
    capture = _Capture()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(capture)
    try:
        laid_out = _lay_out(html, base_dir, root, options, capture.messages)
        document, fetcher = laid_out.document, laid_out.fetcher
        files = _attachments(attachments)
        finish = _set_bleed_box if profile == "print" else None
        tagged = options.get("pdf_variant") in TAGGED_VARIANTS
        with richer_tags(document.metadata.lang or "") if tagged else contextlib.nullcontext():
            data = document.write_pdf(
                pdf_identifier=True, attachments=files, finisher=finish, **options
            )
    finally:
        logger.removeHandler(capture)
    if tagged:
        from .accessible import finish_tagged_pdf

        data = finish_tagged_pdf(data, declare_ua=options["pdf_variant"] == "pdf/a-3a")
    refused_urls = {url for url, _ in fetcher.refused}
    warnings = tuple(m for m in capture.messages if not any(url in m for url in refused_urls))
    return RenderedPdf(
        data=data,
        pages=len(document.pages),
        refused=tuple(fetcher.refused),
        resources=dict(fetcher.served),
        warnings=warnings,
        used_mm=_used_heights(document) if measure else (),
        available_mm=document.pages[0]._page_box.height / _PX_PER_MM if measure else 0.0,
        misplaced_notes=laid_out.misplaced,
        short_ends=laid_out.short_ends,
    )


def _set_bleed_box(document: Any, pdf: Any) -> None:
    """The BleedBox of every page at the bleed's edge, exactly: the page box that WeasyPrint
    draws also holds the slug outside the bleed, where the crop marks are."""
    bleed = PRINT_BLEED_MM * 72 / 25.4
    for number in pdf.pages["Kids"][::3]:  # references are written "number 0 R"
        page = pdf.objects[number]
        left, top, right, bottom = page["TrimBox"]
        page["BleedBox"] = type(page["TrimBox"])(
            [left - bleed, top - bleed, right + bleed, bottom + bleed]
        )


def _attachments(files: Sequence[Attachment]) -> list[Any] | None:
    if not files:
        return None
    from weasyprint import Attachment as WeasyAttachment

    return [
        WeasyAttachment(
            string=f.data,
            name=f.name,
            description=f.description,
            created=f.date,
            modified=f.date,
            relationship="Source",
        )
        for f in files
    ]


def render_cut_sheet(width_mm: float, height_mm: float) -> bytes:
    """A blank sheet with a dashed cut line down its middle, drawn under 2-up handouts."""
    html = (
        f"<style>@page {{ size: {width_mm}mm {height_mm}mm; margin: 0 }}"
        "html, body { margin: 0 }"
        f".cut {{ margin: 4mm 0 0 {width_mm / 2}mm; height: {height_mm - 8}mm;"
        " border-left: 0.5pt dashed #8a949b }</style><div class=cut></div>"
    )
    nowhere = Path("/nonexistent")  # the sheet refers to no file at all
    return render_pdf(html, nowhere, nowhere, profile=None).data


def _used_heights(document: Any) -> tuple[float, ...]:
    """The height the content takes on each page, in millimetres, so that the heights add up
    to the height it would take on one endless page.

    On each page: from the top of the type area to the bottom of its last line or box, plus
    its footnotes. A box that goes on to the next page is stretched by the renderer to the
    bottom of the page (and a block kept whole may leave a gap above it, by moving to the next
    page), so such a box counts only by what it holds; the margin below the last box before a
    page break, which the break swallows, counts; a box on the last page whose bottom is only
    its children's (no padding or border there) counts by them, not by its height, which may
    hold their bottom margin.
    """
    from weasyprint.formatting_structure.boxes import BlockLevelBox, LineBox

    pages = [page._page_box for page in document.pages]
    flows = [
        [
            box
            for flow in page.children
            if type(flow).__name__ not in ("MarginBox", "FootnoteAreaBox")
            for box in flow.descendants()
        ]
        for page in pages
    ]
    heights = []
    for number, page in enumerate(pages):
        following = flows[number + 1] if number + 1 < len(flows) else []
        going_on = {
            (box.element, box.element_tag)
            for box in following
            if isinstance(box, BlockLevelBox) and box.element is not None
        }
        top = bottom = page.content_box_y()
        for box in flows[number]:
            if isinstance(box, LineBox):
                end = box.position_y + box.height
            elif isinstance(box, BlockLevelBox) and (box.element, box.element_tag) not in going_on:
                end = box.position_y + box.margin_top + box.border_height()
                if following:
                    end += box.margin_bottom
                elif box.children and not (box.padding_bottom or box.border_bottom_width):
                    continue
            else:
                continue
            bottom = max(bottom, end)
        notes = sum(
            area.margin_height()
            for area in page.children
            if type(area).__name__ == "FootnoteAreaBox" and area.children
        )
        heights.append((bottom - top + notes) / _PX_PER_MM)
    return tuple(heights)
