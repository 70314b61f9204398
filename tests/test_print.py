"""Print production: QR codes, paper sizes, the print profile, 2-up and booklets."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from conftest import CONFIG, HANDOUT, base_files, normalise, run_cli
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


def test_a_right_to_left_booklet_is_bound_on_the_right(project) -> None:
    from test_translations import six_language_project_files, translated_files

    root = project({**six_language_project_files(["en", "ar"]), **translated_files(["ar"])})
    options = ("--kind", "pack", "--paper", "A5", "--impose", "booklet")
    for language, cover, back in (("en", 1, 0), ("ar", 0, 1)):
        assert run_cli("build", root, *options, "--lang", language) == 0
        halves = _halves(root / f"build/{language}/test-booklet.pdf", 1)
        # The first side: the back page and the front cover, which is on the right of a
        # left-to-right booklet and on the left of a right-to-left one.
        assert "Licence line for tests" in halves[back], (language, halves)
        assert "Licence line for tests" not in halves[cover], (language, halves)
        assert "A subtitle for tests" in halves[cover], (language, halves)


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


@pytest.mark.parametrize(("paper", "sheet"), [("A4", (297, 210)), ("Letter", (279, 216))])
def test_two_up_lays_the_handout_out_at_half_size_not_scaled_down(project, paper, sheet) -> None:
    import pdfplumber

    root = project()
    options = ("--kind", "handout", "--paper", paper, "--impose", "2up")
    assert run_cli("build", root, *options) == 0
    two_up = root / "build/en/test-handout-2up.pdf"
    assert _size_mm(two_up) == sheet
    with pdfplumber.open(two_up) as document:
        words = document.pages[0].extract_words(extra_attrs=["size"])
    body = [w for w in words if w["text"] in ("First", "point.", "Do", "this.", "Act", "now.")]
    assert len(body) == 12  # each copy's key point, recommendation and call to action
    assert min(round(w["size"], 1) for w in body) >= 9.0  # scaled down, it was 7.0-7.4 pt
    left, right = _halves(two_up, 1)
    assert "First point." in left and "First point." in right
    assert _size_mm(root / "build/en/test-handout.pdf") == (sheet[1], sheet[0])  # itself


def test_a_handout_too_long_for_half_a_sheet_is_not_shrunk_below_9_pt(project, capsys) -> None:
    long_text = "\n\n".join(f"Paragraph {n} that fills the page." for n in range(14))
    root = project(**base_files(**{"content/test/handout.md": HANDOUT + "\n" + long_text + "\n"}))
    assert run_cli("build", root, "--kind", "handout") == 0  # one to a page, it fits
    (root / "build/en/test-handout.pdf").unlink()
    assert run_cli("build", root, "--kind", "handout", "--impose", "2up") == 1
    err = capsys.readouterr().err
    assert re.search(
        r"^content/test/handout\.md: two to a sheet \(--impose 2up\), the handout is laid out "
        r"on A5 with body text of 9 pt or more, and there it is about \d+ lines? \(\d+ mm\) "
        r"too long; shorten the text, or print it one to a page$",
        err,
        re.M,
    ), err
    assert not list((root / "build/en").glob("*.pdf"))  # nothing written


def _render(pdf: Path, folder: Path, dpi: int = 50) -> str:
    prefix = folder / "sheet"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(prefix)], check=True
    )
    return f"{prefix}.png"


def test_print_profile_has_bleed_slug_and_exact_boxes(project) -> None:
    root = project()
    assert run_cli("build", root, "--profile", "print") == 0
    mm = 72 / 25.4
    for name in ("test-print.pdf", "test-handout-print.pdf"):
        for page in PdfReader(root / "build/en" / name).pages:
            trim = [float(v) for v in page.trimbox]
            assert trim == pytest.approx([0, 0, 595.28, 841.89], abs=0.01)
            bleed = [-3 * mm, -3 * mm, 595.28 + 3 * mm, 841.89 + 3 * mm]
            assert [float(v) for v in page.bleedbox] == pytest.approx(bleed, abs=0.01)
            media = [-10 * mm, -10 * mm, 595.28 + 10 * mm, 841.89 + 10 * mm]  # bleed + slug
            assert [float(v) for v in page.mediabox] == pytest.approx(media, abs=0.01)
    assert not (root / "build/en/test.pdf").exists()  # the screen files are not written


def _crop_marks(image: Image.Image, dpi: int) -> list[tuple[str, float]]:
    """The crop marks of a page rendered at ``dpi``, with their lengths in mm: those that lie
    on a trim line between the bleed (3 mm outside the trim) and the sheet's edge (10 mm
    outside) with nothing drawn beside them (artwork there would hide them)."""
    px = dpi / 25.4
    grey = image.convert("L")
    width, height = grey.size
    left, top, right, bottom = 10 * px, 10 * px, width - 10 * px, height - 10 * px

    def along(x0: float, y0: float, dx: int, dy: int) -> list[int]:
        """Grey values from 3.5 mm to 10 mm outside the trim, going (dx, dy) from (x0, y0)."""
        steps = range(round(3.5 * px), round(10 * px) - 1)
        return [grey.getpixel((round(x0 + dx * n), round(y0 + dy * n))) for n in steps]

    found = []
    # Each mark: the trim corner it extends, the direction it goes out, and the direction
    # towards the inside of the page, along which the line 1.5 mm beside it is looked at.
    for name, (x0, y0), (dx, dy), (ix, iy) in (
        ("top-left, across", (left, top), (-1, 0), (0, 1)),
        ("top-left, up", (left, top), (0, -1), (1, 0)),
        ("top-right, across", (right, top), (1, 0), (0, 1)),
        ("top-right, up", (right, top), (0, -1), (-1, 0)),
        ("bottom-left, across", (left, bottom), (-1, 0), (0, -1)),
        ("bottom-left, down", (left, bottom), (0, 1), (1, 0)),
        ("bottom-right, across", (right, bottom), (1, 0), (0, -1)),
        ("bottom-right, down", (right, bottom), (0, 1), (-1, 0)),
    ):
        line = along(x0, y0, dx, dy)
        beside = along(x0 + 1.5 * px * ix, y0 + 1.5 * px * iy, dx, dy)
        dark = [n for n, value in enumerate(line) if value < 128]
        if dark and min(beside) > 200:
            found.append((name, (dark[-1] - dark[0]) / px))
    return found


def test_crop_marks_are_in_the_slug_on_every_corner_of_every_page(project, tmp_path) -> None:
    root = project()
    assert run_cli("build", root, "--kind", "pack", "--profile", "print") == 0
    pdf = root / "build/en/test-print.pdf"
    dpi = 300
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(pdf).pages)
    for path in pages:  # the cover, whose colour reaches into the bleed, included
        marks = _crop_marks(Image.open(path), dpi)
        assert len(marks) == 8, (path.name, marks)
        for name, length in marks:
            assert length >= 4.5, (path.name, name, length)  # about 5 mm


def _folio_sides(pdf: Path) -> list[str | None]:
    """For each page between the cover and the back page, which half of the page its number
    is printed in ("left" or "right"), or None for a page without one."""
    import pdfplumber

    sides: list[str | None] = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages[1:-1]:
            margin = page.height - 30 * 72 / 25.4  # the bottom margin (and the slug)
            words = [w for w in page.extract_words() if w["top"] > margin]
            numbers = [w for w in words if any(ch.isdigit() for ch in w["text"])]
            if not numbers:
                sides.append(None)
                continue
            middle = (numbers[0]["x0"] + numbers[-1]["x1"]) / 2
            sides.append("left" if middle < page.width / 2 else "right")
    return sides


@pytest.mark.parametrize("language", ["en", "ar"])
def test_pages_printed_on_both_sides_have_their_numbers_outside(project, language) -> None:
    from test_translations import six_language_project_files, translated_files

    sections = "\n\n".join(
        f"Paragraph {n}. " + "Words that fill the page. " * 30 for n in range(40)
    )
    files = {**six_language_project_files(["en", "ar"]), **translated_files(["ar"])}
    files["content/test/01-first.md"] = "# First\n\n" + sections + "\n"
    files["content/test/01-first.ar.md"] = "# الأول\n\n" + sections + "\n"
    root = project(files)
    assert run_cli("build", root, "--kind", "pack", "--profile", "print", "--lang", language) == 0
    sides = _folio_sides(root / f"build/{language}/test-print.pdf")
    numbered = [(n, side) for n, side in enumerate(sides, start=2) if side is not None]
    assert len(numbered) >= 4
    # Left-to-right: odd pages are right-hand pages. Right-to-left, bound on the right: even.
    right_hand = 1 if language == "en" else 0
    for number, side in numbered:
        assert side == ("right" if number % 2 == right_hand else "left"), (number, side)
    # On screen, the number stays at the end of the line on every page.
    assert run_cli("build", root, "--kind", "pack", "--lang", language) == 0
    screen = {side for side in _folio_sides(root / f"build/{language}/test.pdf") if side}
    assert screen == {"right" if language == "en" else "left"}


@pytest.mark.parametrize("profile", ["print", "screen"])
def test_a_pack_printed_on_both_sides_ends_on_the_back_of_a_sheet(project, profile) -> None:
    sections = {
        f"content/test/0{n}-part.md": f"# Part {n}\n\nPart {n} text.\n" for n in range(1, 3)
    }
    root = project(base_files(**sections, **{"content/test/01-first.md": None}))
    assert run_cli("build", root, "--kind", "pack", "--profile", profile) == 0
    name = "test-print.pdf" if profile == "print" else "test.pdf"
    reader = PdfReader(root / "build/en" / name)
    texts = [page.extract_text() or "" for page in reader.pages]
    assert "FIND THE FULL BRIEFING AT" in normalise(texts[-1])  # the back page is last
    if profile == "print":  # cover, contents, two parts, a blank page, the back page
        assert len(texts) == 6 and texts[-2].strip() == ""
    else:  # on screen, no blank page
        assert len(texts) == 5


def test_print_cover_colour_reaches_into_the_bleed(project) -> None:
    root = project()
    assert run_cli("build", root, "--kind", "pack", "--profile", "print") == 0
    image = Image.open(_render(root / "build/en/test-print.pdf", root, dpi=100))
    px = 100 / 25.4
    # Near the top-left corner, inside the bleed (1.5 mm outside the trim, which is 10 mm in
    # from the edge of the sheet), the cover band's colour; outside the bleed, in the slug,
    # white paper.
    r, g, b = image.getpixel((round(8.5 * px), round(20 * px)))[:3]
    assert (r, g, b) != (255, 255, 255) and b > r
    assert image.getpixel((round(5 * px), round(20 * px)))[:3] == (255, 255, 255)


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
