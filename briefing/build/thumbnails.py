"""Pictures of first pages for the build overview (``build/index.html``).

PDFium (the ``pypdfium2`` wheel) draws the page in the process that has the PDF's bytes in
hand: the worker that rendered the edition, so a thumbnail costs no second pass over the
files. Measured on the example's first pages, 300 pixels across: about 60 ms each, against
about 125 ms for poppler's ``pdftoppm`` run as a program; both give the same bytes every time.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..files import write_atomic
from ..project.model import Edition

#: The folder of the overview's files, in the build folder; thumbnails are PNG files in it,
#: under the edition's language (``.overview/fr/slug-handout.png``).
OVERVIEW_FOLDER = ".overview"
#: Width of a thumbnail in pixels: twice the width it is shown at, for sharp screens.
THUMBNAIL_WIDTH = 300


def thumbnail_path(out_dir: Path, edition: Edition) -> Path:
    return out_dir / OVERVIEW_FOLDER / edition.language / edition.filename.replace(".pdf", ".png")


def write_thumbnail(pdf: bytes | Path, target: Path) -> bool:
    """Draw the first page of ``pdf`` into the PNG file ``target``; False if it cannot be
    drawn or written (the overview then says so; the build goes on)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
        try:
            page = document[0]
            width, _ = page.get_size()
            picture = page.render(scale=THUMBNAIL_WIDTH / width).to_pil()
            page.close()
        finally:
            document.close()
        data = io.BytesIO()
        picture.save(data, "PNG", optimize=True)
        write_atomic(target, data.getvalue())
    except (pypdfium2.PdfiumError, OSError, ValueError, IndexError):
        return False
    return True
