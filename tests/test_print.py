"""Print production: QR codes, paper sizes, the print profile, 2-up and booklets."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import zxingcpp
from conftest import CONFIG, base_files, run_cli
from PIL import Image
from pypdf import PdfReader


def decode_qr(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    """The QR codes a scanner reads from a page of the PDF, rendered at 150 dpi."""
    prefix = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    image = Image.open(f"{prefix}.png")
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_qr_codes_on_the_handout_and_the_back_page_decode_to_the_url(project, tmp_path) -> None:
    root = project()
    assert run_cli("build", root) == 0
    url = "https://example.org/briefings/test"
    assert decode_qr(root / "build/en/test-handout.pdf", 1, tmp_path) == [url]
    pack = root / "build/en/test.pdf"
    assert decode_qr(pack, len(PdfReader(pack).pages), tmp_path) == [url]


def test_qr_code_is_vector_graphics(project, tmp_path) -> None:
    root = project()
    assert run_cli("build", root, "--kind", "handout") == 0
    handout = root / "build/en/test-handout.pdf"
    page = PdfReader(handout).pages[0]
    assert len(page.images) == 0  # drawn with paths, not embedded as a bitmap
    assert decode_qr(handout, 1, tmp_path) == ["https://example.org/briefings/test"]


def test_no_qr_code_without_a_url(project, tmp_path) -> None:
    from conftest import INDEX

    root = project(
        **{"content/test/index.md": INDEX.replace("url: https://example.org/briefings/test\n", "")}
    )
    assert run_cli("build", root, "--kind", "handout") == 0
    assert decode_qr(root / "build/en/test-handout.pdf", 1, tmp_path) == []


def _size_mm(pdf: Path) -> tuple[int, int]:
    box = PdfReader(pdf).pages[0].mediabox
    return round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)


@pytest.mark.parametrize(
    ("paper", "size"),
    [("A4", (210, 297)), ("Letter", (216, 279)), ("A5", (148, 210)), ("HalfLetter", (140, 216))],
)
def test_paper_option_sets_the_page_size(project, paper: str, size) -> None:
    root = project()
    assert run_cli("build", root, "--paper", paper) == 0
    assert _size_mm(root / "build/en/test.pdf") == size
    assert _size_mm(root / "build/en/test-handout.pdf") == size
    assert len(PdfReader(root / "build/en/test-handout.pdf").pages) == 1


def test_handout_paper_setting(project) -> None:
    root = project(**base_files(**{"briefing.toml": CONFIG + ""}))
    (root / "briefing.toml").write_text(
        CONFIG.replace('paper = "A4"', 'paper = "A4"\nhandout_paper = "A5"')
    )
    assert run_cli("build", root) == 0
    assert _size_mm(root / "build/en/test.pdf") == (210, 297)
    assert _size_mm(root / "build/en/test-handout.pdf") == (148, 210)


@pytest.mark.parametrize(
    ("pages", "sides"),
    [
        # 5 pages: three blanks, placed before the back cover (page 5).
        (5, [(5, 1), (2, None), (None, 3), (4, None)]),
        (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
        # 13 pages: 16 in all, blanks where pages 13, 14 and 15 would be.
        (
            13,
            [(13, 1), (2, None), (None, 3), (4, None), (12, 5), (6, 11), (10, 7), (8, 9)],
        ),
    ],
)
def test_booklet_order(pages: int, sides) -> None:
    from briefing.pdf.impose import booklet_sides

    assert booklet_sides(pages) == sides


def test_booklet_sides_hold_every_page_once() -> None:
    from briefing.pdf.impose import booklet_sides

    for pages in range(1, 41):
        sides = booklet_sides(pages)
        placed = [n for side in sides for n in side if n is not None]
        assert sorted(placed) == list(range(1, pages + 1))
        assert len(sides) % 2 == 0 and len(sides) * 2 % 4 == 0


def _halves(pdf: Path, page: int) -> tuple[str, str]:
    """The text on the left and right halves of a landscape page."""
    box = PdfReader(pdf).pages[page - 1].mediabox
    width, height = round(float(box.width)), round(float(box.height))
    halves = []
    for x in (0, width // 2):
        halves.append(
            subprocess.run(
                [
                    "pdftotext",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-x",
                    str(x),
                    "-y",
                    "0",
                    "-W",
                    str(width // 2),
                    "-H",
                    str(height),
                    "-r",
                    "72",
                    str(pdf),
                    "-",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    return halves[0], halves[1]


def test_booklet_places_the_pages_in_order(project) -> None:
    sections = {
        f"content/test/0{n}-part.md": f"# Part {n}\n\nPart {n} text.\n" for n in range(1, 4)
    }
    root = project(base_files(**sections, **{"content/test/01-first.md": None}))
    assert run_cli("build", root, "--kind", "pack", "--paper", "A5", "--impose", "booklet") == 0
    pack, booklet = root / "build/en/test.pdf", root / "build/en/test-booklet.pdf"
    assert len(PdfReader(pack).pages) == 6  # cover, contents, three parts, back page
    assert len(PdfReader(booklet).pages) == 4  # two sheets, both sides
    assert _size_mm(booklet) == (297, 210)  # A5 pages on landscape A4
    left, right = _halves(booklet, 1)
    assert "FIND THE FULL BRIEFING AT" in left and "Test briefing" in right  # back | cover
    left, right = _halves(booklet, 2)
    assert "Contents" in left and right.strip() == ""  # page 2 | blank (page 7)
    left, right = _halves(booklet, 3)
    assert left.strip() == "" and "Part 1 text." in right  # blank (page 6) | page 3
    left, right = _halves(booklet, 4)
    assert "Part 2 text." in left and "Part 3 text." in right  # page 4 | page 5


def test_two_up_puts_two_copies_on_a_sheet_with_a_cut_line(project) -> None:
    root = project()
    (root / "briefing.toml").write_text(CONFIG.replace('paper = "A4"', 'handout_paper = "A5"'))
    assert run_cli("build", root, "--kind", "handout", "--impose", "2up") == 0
    sheet = root / "build/en/test-handout-2up.pdf"
    assert len(PdfReader(sheet).pages) == 1
    assert _size_mm(sheet) == (297, 210)
    left, right = _halves(sheet, 1)
    assert "Test briefing" in left and "Test briefing" in right
    assert "First point." in left and "First point." in right
    # The cut line runs down the middle of the sheet.
    image = Image.open(_render(sheet, root, dpi=150)).convert("L")
    middle = [
        min(image.getpixel((x, y)) for x in range(image.width // 2 - 2, image.width // 2 + 3))
        for y in range(image.height)
    ]
    assert sum(1 for value in middle if value < 230) > image.height // 4


def _render(pdf: Path, folder: Path, dpi: int = 50) -> str:
    prefix = folder / "sheet"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(prefix)], check=True
    )
    return f"{prefix}.png"


def test_print_profile_has_bleed_and_trim_boxes(project) -> None:
    root = project()
    assert run_cli("build", root, "--profile", "print") == 0
    bleed = 3 * 72 / 25.4
    for name in ("test-print.pdf", "test-handout-print.pdf"):
        page = PdfReader(root / "build/en" / name).pages[0]
        trim = [float(v) for v in page.trimbox]
        assert trim == pytest.approx([0, 0, 595.28, 841.89], abs=0.01)
        expected = [-bleed, -bleed, 595.28 + bleed, 841.89 + bleed]
        assert [float(v) for v in page.bleedbox] == pytest.approx(expected, abs=0.01)
        assert [float(v) for v in page.mediabox] == pytest.approx(expected, abs=0.01)
    assert not (root / "build/en/test.pdf").exists()  # the screen files are not written


def test_print_cover_colour_reaches_into_the_bleed(project) -> None:
    root = project()
    assert run_cli("build", root, "--kind", "pack", "--profile", "print") == 0
    image = Image.open(_render(root / "build/en/test-print.pdf", root))
    # The top-left corner of the page, inside the bleed, is the cover band's colour.
    r, g, b = image.getpixel((3, 20))[:3]
    assert (r, g, b) != (255, 255, 255) and b > r


def test_screen_profile_has_no_bleed(project) -> None:
    root = project()
    assert run_cli("build", root, "--kind", "pack") == 0
    page = PdfReader(root / "build/en/test.pdf").pages[0]
    assert [float(v) for v in page.mediabox] == [float(v) for v in page.trimbox]


@pytest.mark.parametrize("paper", ["Letter", "A5"])
@pytest.mark.parametrize("kind", ["pack", "handout"])
def test_nothing_is_clipped_on_other_paper(project, paper: str, kind: str) -> None:
    from pdfcheck import laid_out_pages

    for page in laid_out_pages(project(), kind, paper=paper):
        width, height = page._page_box.margin_width(), page._page_box.margin_height()
        for box in page._page_box.descendants():
            if type(box).__name__ in ("LineBox", "InlineReplacedBox", "BlockReplacedBox"):
                assert box.position_x >= -0.5 and box.position_x + box.margin_width() <= width + 0.5
                assert box.position_y + box.margin_height() <= height + 0.5
