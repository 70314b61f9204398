"""The briefing pack, read back from the PDF as a reader would see it."""

from __future__ import annotations

import collections
import string
from pathlib import Path

import pytest
from conftest import CONFIG, INDEX, logical_texts, normalise, page_texts, run_cli, write_files
from pdfcheck import (
    flow_lines,
    laid_out_pages,
    outline_pages,
    structure_elements,
    toc_entries,
)
from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent


def _marks(count: int) -> list[str]:
    letters = string.ascii_lowercase
    return [f"mark{letters[i // 26]}{letters[i % 26]}q" for i in range(count)]


def _long_project(root: Path) -> Path:
    """Three sections long enough to span pages, with footnotes, headings and a long table."""
    marks = _marks(36)
    paragraphs = []
    notes = []
    for number, mark in enumerate(marks, start=1):
        filler = " ".join(["The text goes on so that paragraphs fill the page."] * (number % 5 + 2))
        if number % 6 == 0:
            paragraphs.append(f"## Heading number {number}")
        paragraphs.append(f"{filler} Call {mark}[^{number}] and more words after it.")
        notes.append(f"[^{number}]: Note text note{mark} for this call.")
    tall = " ".join(["A cell long enough to wrap over several lines of the table."] * 3)
    rows = "\n".join(
        f"| Row {n} | Value {n} | {tall if n % 4 == 0 else 'Other'} |" for n in range(1, 61)
    )
    return write_files(
        root,
        {
            "briefing.toml": CONFIG,
            "content/long/index.md": INDEX,
            "content/long/01-footnotes.md": "# Footnotes everywhere\n\n"
            + "\n\n".join(paragraphs)
            + "\n\n"
            + "\n".join(notes)
            + "\n",
            "content/long/02-table.md": "# A long table\n\n| Column A | Column B | Column C |\n"
            "|---|---|---|\n" + rows + "\n",
            "content/long/03-short.md": "# A short last section\n\nOne paragraph.\n",
        },
    )


@pytest.fixture(scope="module")
def long_pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = _long_project(tmp_path_factory.mktemp("long"))
    assert run_cli("build", root, "--kind", "pack") == 0
    return root, root / "build" / "en" / "long.pdf"


@pytest.fixture
def example_pack(example) -> Path:
    return example("A4") / "en-GB" / "egm-2016.pdf"


@pytest.fixture(params=["long", "example"])
def any_pack(request: pytest.FixtureRequest) -> Path:
    if request.param == "long":
        return request.getfixturevalue("long_pack")[1]
    return request.getfixturevalue("example_pack")


def test_contents_page_numbers_are_the_pages_where_sections_start(any_pack: Path) -> None:
    reader = PdfReader(any_pack)
    texts = page_texts(any_pack)
    printed = toc_entries(texts[1])
    outline = outline_pages(reader)
    sections = {title: page for title, page in outline.items() if title != "Contents"}
    assert len(printed) == len(sections) >= 3
    for number, (title, page) in enumerate(sections.items(), start=1):
        assert printed[title] == page, title
        # The page that prints the section's label and title is that page.
        heading = f"SECTION {number} {title}"
        assert [n for n, t in enumerate(texts, start=1) if heading in normalise(t)] == [page]


def test_contents_entries_are_links_to_the_sections(any_pack: Path) -> None:
    reader = PdfReader(any_pack)
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    internal = [
        a
        for a in links
        if (a.get("/Subtype") == "/Link" and "/Dest" in a)
        or ("/A" in a and a["/A"].get("/S") == "/GoTo")
    ]
    assert len(internal) >= len(outline_pages(reader)) - 1


def test_every_footnote_is_on_the_page_of_its_call(long_pack: tuple[Path, Path]) -> None:
    texts = [normalise(t) for t in page_texts(long_pack[1])]
    pages_used = set()
    for mark in _marks(36):
        call_page = next(n for n, t in enumerate(texts) if f"Call {mark}" in t)
        note_page = next(n for n, t in enumerate(texts) if f"note{mark}" in t)
        assert call_page == note_page, mark
        pages_used.add(call_page)
    assert len(pages_used) >= 3  # the test really spans several pages


def test_cover_has_no_running_head_or_page_number(any_pack: Path) -> None:
    texts = page_texts(any_pack)
    total = len(texts)
    assert "Page" not in texts[0]
    assert f"Page 2 of {total}" in normalise(texts[1])
    assert f"Page {total - 1} of {total}" in normalise(texts[-2])


def test_running_head_names_the_current_section(long_pack: tuple[Path, Path]) -> None:
    reader = PdfReader(long_pack[1])
    texts = page_texts(long_pack[1])
    starts = sorted(
        (page, title) for title, page in outline_pages(reader).items() if title != "Contents"
    )
    for (page, title), (next_page, _) in zip(starts, [*starts[1:], (len(texts), "")], strict=True):
        for number in range(page, next_page):
            assert title in normalise(texts[number - 1]), (title, number)


def test_outline_has_sections_and_subheadings(long_pack: tuple[Path, Path]) -> None:
    reader = PdfReader(long_pack[1])
    top = [normalise(item.title) for item in reader.outline if not isinstance(item, list)]
    assert top == ["Contents", "Footnotes everywhere", "A long table", "A short last section"]
    nested = next(item for item in reader.outline if isinstance(item, list))
    assert [normalise(item.title) for item in nested][:2] == [
        "Heading number 6",
        "Heading number 12",
    ]


def test_table_header_repeats_and_rows_do_not_split(long_pack: tuple[Path, Path]) -> None:
    root, pdf = long_pack
    texts = [normalise(t) for t in page_texts(pdf)]
    table_pages = [t for t in texts if "Row " in t]
    assert len(table_pages) >= 2
    for text in table_pages:
        assert "Column A Column B Column C" in text
    pages_of_row: dict[object, set[int]] = collections.defaultdict(set)
    for number, page in enumerate(laid_out_pages(root)):
        for box in page._page_box.descendants():
            if getattr(box, "element_tag", None) == "tr" and box.element.find("th") is None:
                pages_of_row[box.element].add(number)
    assert len(pages_of_row) == 60
    assert all(len(pages) == 1 for pages in pages_of_row.values())


@pytest.mark.parametrize(
    "which",
    [
        "long",
        "example-en-GB",
        "example-fr",
        "example-es",
        "example-ru",
        "example-zh-Hans",
        "example-ar",
    ],
)
def test_no_heading_at_a_page_bottom_and_no_single_line_widows(
    which: str, long_pack: tuple[Path, Path]
) -> None:
    root = long_pack[0] if which == "long" else REPO
    pages = laid_out_pages(root, "pack", which.removeprefix("example-") if root == REPO else None)
    fragments: dict[object, list[int]] = collections.defaultdict(list)
    for page in pages[1:-1]:
        lines = flow_lines(page)
        assert lines, "an empty page"
        assert lines[-1].element_tag not in ("h1", "h2", "h3", "h4")
        counts = collections.Counter(line.element for line in lines if line.element_tag == "p")
        for element, count in counts.items():
            fragments[element].append(count)
    split = [counts for counts in fragments.values() if len(counts) > 1]
    assert all(min(counts) >= 2 for counts in split), split


def test_metadata(long_pack: tuple[Path, Path]) -> None:
    reader = PdfReader(long_pack[1])
    meta = reader.metadata
    assert meta.title == "Test briefing"
    assert meta.author == "Test Rights Group"
    assert meta.subject == "What the test briefing is about."
    assert meta["/Keywords"] == "alpha, beta"
    assert meta["/CreationDate"] == "D:20161005000000Z"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_back_page_has_organisation_licence_and_url(any_pack: Path) -> None:
    back = normalise(page_texts(any_pack)[-1])
    assert "FIND THE FULL BRIEFING AT" in back
    assert "example.org/briefings/" in back
    assert "CC BY 4.0" in back or "Licence line for tests." in back
    assert "Page" not in back


def test_figure_has_caption_and_alt_text(example_pack: Path) -> None:
    text = normalise(" ".join(page_texts(example_pack)))
    assert "Figure 1." in text
    folder = REPO / "content/egm-2016"
    source = sorted(p for p in folder.glob("*.md") if p.name.count(".") == 1)  # in English
    written = [
        line[2 : line.index("](images/")]
        for path in source
        for line in path.read_text().splitlines()
        if line.startswith("![") and "](images/" in line
    ]
    assert written and all(written)
    reader = PdfReader(example_pack)
    assert any("/XObject" in page["/Resources"] for page in reader.pages)
    # What a screen reader says for each figure: its alt text, in the structure tree.
    figures = structure_elements(reader, "/Figure")
    assert [str(figure["/Alt"]) for figure in figures][: len(written)] == written


def _page_fills(pdf: Path) -> list[tuple[int, float, bool, bool]]:
    """For each body page: its number, how much of its text area is used (0 to 1, to the
    lowest line, footnotes included), whether a section ends on it, and whether one starts
    on it."""
    import pdfplumber

    reader = PdfReader(pdf)
    starts = {
        reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }
    mm = 72 / 25.4
    fills = []
    with pdfplumber.open(pdf) as document:
        count = len(document.pages)
        for number, page in enumerate(document.pages[1:-1], start=2):
            top, bottom = 24 * mm, page.height - 24 * mm  # the type area of an A4 pack
            chars = [c for c in page.chars if c["top"] >= top - 1 and c["bottom"] <= bottom + 1]
            used = max((c["bottom"] for c in chars), default=top) - top
            ends = number + 1 in starts or number + 1 >= count
            fills.append((number, used / (bottom - top), ends, number in starts))
    return fills


@pytest.mark.parametrize("language", ["en-GB", "fr", "es", "ru", "zh-Hans", "ar"])
def test_pages_are_full_until_a_section_ends(language: str, example) -> None:
    for number, fill, section_ends, section_starts in _page_fills(
        example("A4") / language / "egm-2016.pdf"
    ):
        if not section_ends:
            # Text goes on to the next page: this one is full, nothing pushed off it early.
            assert fill > 0.85, (number, round(fill, 2))
        assert fill > 0.25 or section_ends, (number, round(fill, 2))
        # The last page of a section that began on an earlier one is not the last rows of a
        # table alone.
        assert fill > 0.15 or section_starts or not section_ends, (number, round(fill, 2))


def test_the_examples_back_page_prints_the_licence_in_each_language(example) -> None:
    folder = example("A4")
    french = normalise(page_texts(folder / "fr" / "egm-2016.pdf")[-1])
    assert "Licence provisoire, à remplacer dans briefing.toml." in french
    arabic = normalise(logical_texts(folder / "ar" / "egm-2016.pdf")[-1])
    assert "ترخيص مؤقت" in arabic and "(CC BY 4.0)" in arabic
    for back in (french, arabic):
        assert "Placeholder licence" not in back


MARKDOWN_TITLE = "The _Contributor Covenant_ and **you**"


def test_inline_markdown_in_titles_is_printed_not_shown(tmp_path: Path) -> None:
    import briefing
    from briefing.html.email import email_bodies

    index = INDEX.replace("title: Test briefing", f"title: {MARKDOWN_TITLE}")
    root = write_files(
        tmp_path,
        {
            "briefing.toml": CONFIG,
            "content/test/index.md": index.replace("Policy briefing", "A `code` series"),
            "content/test/01-first.md": "---\ntitle: Using **bold** words\n---\nBody text.\n",
            "content/test/02-second.md": "# A *second* section\n\nBody text.\n",
        },
    )
    report = briefing.check_project(root, kinds=["pack"])
    [edition] = report.editions
    html = report.html(edition)
    plain = "The Contributor Covenant and you"
    assert '<h1 class="cover-title">The <em>Contributor Covenant</em> and' in html
    assert '<p class="cover-series">A <code>code</code>\xa0series</p>' in html
    assert '<h1 class="section-title">Using <strong>bold</strong> words</h1>' in html
    assert '<span class="toc-number">1</span>Using <strong>bold</strong> words</a>' in html
    assert f"<title>{plain}</title>" in html
    assert email_bodies(report.project, edition).subject == plain
    # In the PDF: plain text in the metadata, the running heads and the bookmarks.
    assert run_cli("build", root, "--kind", "pack", "--jobs", "1") == 0
    pdf = root / "build/en/test.pdf"
    reader = PdfReader(pdf)
    assert reader.metadata.title == plain
    for text in page_texts(pdf)[1:-1]:
        assert plain in normalise(text.replace("\xa0", " "))
        assert not {"_", "*", "`"} & set(text)
    assert [normalise(item.title) for item in reader.outline] == [
        "Contents",
        "Using bold words",
        "A second section",
    ]
