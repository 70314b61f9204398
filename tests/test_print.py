"""Print production: QR codes, paper sizes, the print profile, 2-up and booklets."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from conftest import CONFIG, base_files, run_cli


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


def test_qr_code_is_vector_graphics(project) -> None:
    root = project()
    assert run_cli("build", root, "--kind", "handout") == 0
    page = PdfReader(root / "build/en/test-handout.pdf").pages[0]
    assert len(page.images) == 0  # drawn with paths, not embedded as a bitmap


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
