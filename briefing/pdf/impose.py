"""Imposition: several pages on one sheet, for printing on an office printer.

- 2-up: two copies of a one-page handout side by side on a landscape sheet, with a cut line.
- Booklet: a pack's pages, padded with blanks to a multiple of four, ordered so that the sheets
  printed double-sided (flip on the short edge), stacked, folded and stapled read in order.
  A right-to-left booklet is bound on the right: every spread is mirrored.

Pages are placed with pypdf; the sheet with its cut line is drawn by the renderer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from ..project.model import Imposition
from ..project.settings import PAPER_SIZES, Paper, PaperName

_PT_PER_MM = 72 / 25.4

#: The sheet two pages of each size go on, side by side (landscape).
SHEETS: dict[PaperName, PaperName] = {
    "A5": "A4",
    "HalfLetter": "Letter",
    "A4": "A4",
    "Letter": "Letter",
}

#: The paper two of a page go on when they are laid out again at half the sheet's size.
HALF_SHEET: dict[PaperName, PaperName] = {
    "A4": "A5",
    "A5": "A5",
    "Letter": "HalfLetter",
    "HalfLetter": "HalfLetter",
}

Side = tuple[int | None, int | None]
"""One side of a sheet: the page numbers (1-based) on its left and right, None for a blank."""


def booklet_sides(pages: int, right_to_left: bool = False) -> list[Side]:
    """The sides of a saddle-stitched booklet, in printing order: front, back, front, ...

    Blanks pad the booklet to a multiple of four; they go just before the last page, so the
    back cover stays at the back. A right-to-left booklet opens the other way: the cover is
    on the left of the first side, and every pair of pages is swapped.
    """
    total = -(-pages // 4) * 4
    blanks = total - pages
    order: list[int | None] = list(range(1, pages)) + [None] * blanks + [pages]
    if pages == 1:
        order = [1] + [None] * blanks

    def page(position: int) -> int | None:  # position is 1-based in the padded booklet
        return order[position - 1]

    sides: list[Side] = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet + 1, 2 * sheet + 2
        sides.append((page(total - outer + 1), page(outer)))  # front: last | first
        sides.append((page(inner), page(total - inner + 1)))  # back: second | second-to-last
    if right_to_left:
        return [(right, left) for left, right in sides]
    return sides


def two_up_sides(pages: int) -> list[Side]:
    """Each page twice, side by side."""
    return [(n, n) for n in range(1, pages + 1)]


def sheet_for(paper_name: PaperName) -> Paper:
    """The landscape sheet two pages of ``paper_name`` are printed on."""
    portrait = PAPER_SIZES[SHEETS[paper_name]]
    return Paper(portrait.css, portrait.height_mm, portrait.width_mm)


def impose(source: bytes, sides: Sequence[Side], sheet: Paper, base: bytes | None = None) -> bytes:
    """Place the pages of ``source`` on landscape sheets, two to a side.

    ``base`` is an optional one-page PDF drawn under every side (the cut line of a 2-up).
    """
    pages = PdfReader(io.BytesIO(source)).pages
    background = PdfReader(io.BytesIO(base)).pages[0] if base is not None else None
    width, height = sheet.width_mm * _PT_PER_MM, sheet.height_mm * _PT_PER_MM
    writer = PdfWriter()
    for side in sides:
        canvas = PageObject.create_blank_page(width=width, height=height)
        if background is not None:
            canvas.merge_page(background)
        for slot, number in enumerate(side):
            if number is not None:
                _place(canvas, pages[number - 1], slot, width / 2, height)
        writer.add_page(canvas)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _place(
    canvas: PageObject, page: PageObject, slot: int, slot_width: float, height: float
) -> None:
    """Scale ``page`` to fit half the sheet (never enlarging it) and centre it there."""
    box = page.trimbox
    page_width, page_height = float(box.width), float(box.height)
    scale = min(1.0, slot_width / page_width, height / page_height)
    x = slot * slot_width + (slot_width - page_width * scale) / 2
    y = (height - page_height * scale) / 2
    transform = (
        Transformation()
        .translate(-float(box.left), -float(box.bottom))
        .scale(scale, scale)
        .translate(x, y)
    )
    canvas.merge_transformed_page(page, transform)


def impose_pages(
    data: bytes, pages: int, layout: Imposition, paper: PaperName, right_to_left: bool = False
) -> bytes:
    """An edition's PDF imposed as a 2-up sheet or a booklet, on the sheet its paper goes on."""
    from .render import render_cut_sheet

    sheet = sheet_for(paper)
    if layout == "2up":
        cut = render_cut_sheet(sheet.width_mm, sheet.height_mm)
        return impose(data, two_up_sides(pages), sheet, base=cut)
    return impose(data, booklet_sides(pages, right_to_left), sheet)
