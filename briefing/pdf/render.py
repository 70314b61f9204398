"""HTML to PDF with WeasyPrint: offline, confined to the project, reproducible.

This stage is the only one that imports WeasyPrint, and it does so only when something is
rendered, so that loading and checking a project stays fast.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SetupError
from ..project.model import Attachment, Profile
from .fetcher import make_fetcher_class

#: Fixed timestamp for font subsetting, so that the same input gives the same bytes.
_EPOCH = "315532800"  # 1980-01-01
_PX_PER_MM = 96 / 25.4

#: WeasyPrint's PDF options for each profile. Screen and email editions are tagged PDF/UA-1;
#: email editions also downsample images to 150 dpi and recompress photos; archive editions
#: are PDF/A-3u with their Markdown sources attached.
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
    "archive": {"pdf_variant": "pdf/a-3u", "custom_metadata": True},
}


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

    @property
    def overflow_mm(self) -> float:
        """How far the content runs past the first page (0 when it fits on one)."""
        return sum(self.used_mm[1:])

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
    apply as images are loaded, during layout. Returns the document and the fetcher.
    """
    renderer = start_renderer()
    from weasyprint import HTML

    fetcher = renderer.fetcher(root)
    source = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=fetcher)
    document = source.render(font_config=renderer.fonts, **(options or {}))
    return document, fetcher


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
        document, fetcher = layout_document(html, base_dir, root, options)
        files = _attachments(attachments)
        data = document.write_pdf(pdf_identifier=True, attachments=files, **options)
    finally:
        logger.removeHandler(capture)
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
    """The height the main flow takes on each page, in millimetres."""
    heights = []
    for page in document.pages:
        page_box = page._page_box
        top = bottom = page_box.content_box_y()
        for flow in page_box.children:
            if type(flow).__name__ in ("MarginBox", "FootnoteAreaBox"):
                continue
            for box in flow.descendants():
                if isinstance(getattr(box, "height", None), int | float):
                    bottom = max(bottom, box.position_y + box.margin_height())
        heights.append((bottom - top) / _PX_PER_MM)
    return tuple(heights)
