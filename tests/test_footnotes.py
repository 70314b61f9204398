"""Footnotes of the example's packs, read back from the PDF as a reader sees them: every note
at the foot of its call's page, calls large enough to see, notes with a hanging number."""

from __future__ import annotations

import io
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from conftest import CONFIG, INDEX, run_cli, write_files
from fontTools.ttLib import TTFont
from pypdf import PdfReader

import briefing.pdf.pagination

REPO = Path(__file__).resolve().parent.parent
PAPERS = ("A4", "Letter", "A5")
#: The example's languages (six, in four scripts, Arabic right to left).
LANGUAGES = tuple(tomllib.loads((REPO / "briefing.toml").read_text("utf-8"))["languages"])
DIGITS = frozenset("0123456789")
#: A note's number: digits and a full stop (right to left, the stop prints on the left).
NUMBER = re.compile(r"^(?:\d+\.|\.\d+)$")

Char = dict[str, object]


@dataclass(frozen=True)
class Call:
    number: int
    chars: tuple[Char, ...]
    #: The full-size character the call follows (precedes, right to left).
    word: Char


@dataclass(frozen=True)
class NoteLine:
    #: The number of the note this line starts, None for a wrapped line.
    number: int | None
    #: Where the text starts: its left edge (left to right) or right edge (right to left).
    start: float


@dataclass(frozen=True)
class Page:
    calls: tuple[Call, ...]
    notes: tuple[NoteLine, ...]


@pytest.fixture
def built(example: Callable[[str], Path]) -> Callable[[str], Path]:
    """The example's packs in every language on a paper (built once for the whole run)."""

    def build(paper: str) -> Path:
        return example(paper)

    return build


def _baseline(char: Char) -> float:
    """The baseline's height above the page's bottom edge."""
    matrix = char["matrix"]
    assert isinstance(matrix, tuple)
    return float(matrix[5])


def _size(char: Char) -> float:
    return float(char["size"])  # type: ignore[arg-type]


def _x0(char: Char) -> float:
    return float(char["x0"])  # type: ignore[arg-type]


def _x1(char: Char) -> float:
    return float(char["x1"])  # type: ignore[arg-type]


def _bold(char: Char) -> bool:
    return "Bold" in str(char["fontname"])


def _rows(chars: list[Char]) -> Iterator[list[Char]]:
    """Characters in rows of one baseline, top to bottom, each row left to right."""
    rows: dict[float, list[Char]] = {}
    for char in chars:
        rows.setdefault(round(_baseline(char), 1), []).append(char)
    for key in sorted(rows, reverse=True):
        yield sorted(rows[key], key=_x0)


def _calls(chars: list[Char], body: float) -> list[Call]:
    """Footnote calls: bold figures much smaller than the text, raised, next to a word."""
    small = [c for c in chars if c["text"] in DIGITS and _bold(c) and _size(c) < 0.8 * body]
    words = [c for c in chars if str(c["text"]).strip()]
    calls = []
    for row in _rows(small):
        groups: list[list[Char]] = []
        for char in row:
            if groups and _x0(char) - _x1(groups[-1][-1]) < 0.5:
                groups[-1].append(char)
            else:
                groups.append([char])
        for group in groups:
            left, right = _x0(group[0]), _x1(group[-1])
            raised = [
                w
                for w in words
                if _size(w) > 1.2 * _size(group[0])
                and 1 < _baseline(group[0]) - _baseline(w) < body
                and (abs(_x1(w) - left) < 1.5 or abs(_x0(w) - right) < 1.5)
            ]
            if raised:
                number = int("".join(str(c["text"]) for c in group))
                calls.append(Call(number, tuple(group), raised[0]))
    return calls


def _notes(chars: list[Char], body: float) -> list[NoteLine]:
    """The lines of the notes at the page foot: those that start with a bold number, smaller
    than the text, and the lines below them in the same type."""
    lines: list[NoteLine] = []
    size, rtl = None, False
    for row in _rows([c for c in chars if str(c["text"]).strip()]):
        if _size(row[0]) >= 0.9 * body:
            continue
        number = None
        # The number is at the left of a left-to-right line, at the right of the others.
        for marker, rtl_row in ((row[:4], False), (row[::-1][:4], True)):
            bold = []
            for char in marker:
                if not (_bold(char) and char["text"] in DIGITS | {"."}):
                    break
                bold.append(char)
            label = "".join(str(c["text"]) for c in sorted(bold, key=_x0))
            if NUMBER.match(label) and len(bold) < len(row):
                number, rtl, size = int(label.strip(".")), rtl_row, _size(row[0])
                row = [c for c in row if c not in bold]
                break
        if number is not None or (size is not None and abs(_size(row[0]) - size) < 0.01):
            lines.append(NoteLine(number, _x1(row[-1]) if rtl else _x0(row[0])))
    return lines


@cache
def _read(path: Path) -> tuple[Page, ...]:
    with pdfplumber.open(path) as pdf:
        chars = [page.chars for page in pdf.pages]
    # The text's size is the one most characters of the pack have.
    sizes = Counter(round(_size(c), 2) for page in chars for c in page)
    body = sizes.most_common(1)[0][0]
    return tuple(Page(tuple(_calls(page, body)), tuple(_notes(page, body))) for page in chars)


@cache
def _cap_heights(path: Path) -> dict[str, float]:
    """The cap height (per unit of font size) of every font of the PDF, by its name."""
    heights = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"]).lstrip("/")
            if name in heights or "/DescendantFonts" not in font:
                continue
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            key = next(k for k in ("/FontFile2", "/FontFile3") if k in descriptor)
            program = TTFont(io.BytesIO(descriptor[key].get_object().get_data()))
            heights[name] = program["OS/2"].sCapHeight / program["head"].unitsPerEm
    return heights


def _pack(built: Callable[[str], Path], paper: str, language: str) -> Path:
    return built(paper) / language / "egm-2016.pdf"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS)
def test_every_note_is_on_the_page_of_its_call(
    built: Callable[[str], Path], paper: str, language: str
) -> None:
    pages = _read(_pack(built, paper, language))
    calls = [(call.number, number) for number, p in enumerate(pages, 1) for call in p.calls]
    notes = [
        (line.number, number)
        for number, p in enumerate(pages, 1)
        for line in p.notes
        if line.number is not None
    ]
    # Every call and every note is found, once (the example has twelve notes).
    assert sorted(n for n, _ in calls) == list(range(1, 13))
    assert sorted(n for n, _ in notes) == list(range(1, 13))
    misplaced = {
        number: f"call on page {call_page}, note on page {dict(notes)[number]}"
        for number, call_page in calls
        if dict(notes)[number] != call_page
    }
    assert misplaced == {}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS)
def test_calls_are_large_raised_and_dark(
    built: Callable[[str], Path], paper: str, language: str
) -> None:
    path = _pack(built, paper, language)
    caps = _cap_heights(path)
    calls = [call for page in _read(path) for call in page.calls]
    assert len(calls) == 12
    for call in calls:
        glyph, word = call.chars[0], call.word
        size, text_size = _size(glyph), _size(word)
        where = f"call {call.number}: {size:.2f} pt on {text_size:.2f} pt text"
        # About 6.5-7 pt on 10.5 pt text (A4, Letter), in proportion on smaller paper.
        assert 6.3 / 10.5 <= size / text_size <= 7.2 / 10.5, where
        if paper in ("A4", "Letter"):
            assert 6.3 <= size <= 7.2, where
        # The call's figures reach at least the cap height of the text they follow (Arabic
        # letters have no cap height: the call's own figures at text size stand in).
        call_cap = caps[str(glyph["fontname"])]
        text_cap = caps[str(word["fontname"])] or call_cap
        call_top = _baseline(glyph) + call_cap * size - _baseline(word)
        assert call_top >= text_cap * text_size - 0.05, f"{where}, top {call_top:.2f} pt up"
        # Dark enough to read against white (WCAG's 4.5:1 for text).
        colour = glyph["non_stroking_color"]
        assert isinstance(colour, tuple) and len(colour) == 3, colour
        assert _contrast_with_white(colour) >= 4.5, f"{where}, colour {colour}"


def _contrast_with_white(rgb: tuple[float, ...]) -> float:
    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(v) for v in rgb)
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS)
def test_notes_hang_from_their_numbers(
    built: Callable[[str], Path], paper: str, language: str
) -> None:
    pages = _read(_pack(built, paper, language))
    numbered = [line for page in pages for line in page.notes if line.number is not None]
    wrapped = [line for page in pages for line in page.notes if line.number is None]
    assert len(numbered) == 12
    assert wrapped, "the example has notes longer than a line"
    starts = [line.start for line in numbered]
    # The text of every note starts at one x, and its wrapped lines start there too.
    assert max(starts) - min(starts) <= 0.5, starts
    misaligned = [line.start for line in wrapped if abs(line.start - starts[0]) > 0.5]
    assert misaligned == [], f"text starts at {starts[0]:.2f}"


def _many_notes(root: Path) -> Path:
    """A section of forty paragraphs, each citing a note of one to three lines."""
    paragraphs, notes = [], []
    for number in range(1, 41):
        words = " ".join(["Text that fills the page line after line."] * (number % 7 + 2))
        paragraphs.append(f"{words} Call here.[^{number}] More words after the call.")
        long = "a fairly long note that takes two lines at the foot. " * (1 + number % 3)
        notes.append(f"[^{number}]: Note {number}: {long}")
    text = "# Notes\n\n" + "\n\n".join(paragraphs) + "\n\n" + "\n".join(notes) + "\n"
    return write_files(
        root, {"briefing.toml": CONFIG, "content/t/index.md": INDEX, "content/t/01-notes.md": text}
    )


def test_a_note_the_renderer_cannot_keep_with_its_call_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On A5, WeasyPrint prints some of these notes a page after their call. Laid out again
    with page breaks, every note is on its call's page; without that correction, the build
    fails, naming the file and line of each note printed apart, and writes no PDF."""
    root = _many_notes(tmp_path / "project")
    args = ("--kind", "pack", "--paper", "A5", "--jobs", "1", "--out")
    assert run_cli("build", root, *args, tmp_path / "kept") == 0
    pages = _read(tmp_path / "kept" / "en" / "t.pdf")
    calls = {call.number: page for page, p in enumerate(pages, 1) for call in p.calls}
    notes = {n.number: page for page, p in enumerate(pages, 1) for n in p.notes if n.number}
    assert sorted(calls) == sorted(notes) == list(range(1, 41))
    assert {n: p for n, p in notes.items() if calls[n] != p} == {}

    monkeypatch.setattr(briefing.pdf.pagination, "_NOTE_RETRIES", 0)
    capsys.readouterr()
    assert run_cli("build", root, *args, tmp_path / "apart") == 1
    captured = capsys.readouterr()
    source = (root / "content" / "t" / "01-notes.md").read_text("utf-8").splitlines()
    found = re.findall(
        r"content/t/01-notes\.md:(\d+): footnote (\d+) \(“Note \2: a fairly long note[^”]*”\) "
        r"would print on page (\d+), apart from its call on page (\d+)",
        captured.out + captured.err,
    )
    assert found, captured.out + captured.err
    for line, number, note_page, call_page in found:
        assert source[int(line) - 1].startswith(f"[^{number}]: ")
        assert int(note_page) == int(call_page) + 1
    assert not (tmp_path / "apart" / "en" / "t.pdf").exists()
