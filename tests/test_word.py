"""`briefing import` and `briefing export`: Word files in and out, round trips over the example
in all its languages, and what a Word file holds that Markdown cannot."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import CONFIG, REPO, base_files, run_cli, write_files
from lxml import etree
from pdfcheck import structure_elements
from pypdf import PdfReader
from word_files import (
    COMMENT,
    DELETED,
    FOOTNOTES,
    IMAGE_ALTS,
    INSERTED,
    SECTIONS,
    TEXTBOX,
    TEXTBOX_ANCHOR,
    TITLE,
    headingless_docx,
    outline_docx,
    rich_docx,
)

from briefing.files import git_blob_id

SLUG = "egm-2016"
EXAMPLE = REPO / "content" / SLUG
LANGUAGES = ["en-GB", "fr", "es", "ru", "zh-Hans", "ar"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """The example project (settings and content) in a folder of its own."""
    root = tmp_path / "example"
    root.mkdir()
    shutil.copy(REPO / "briefing.toml", root)
    shutil.copytree(REPO / "content", root / "content")
    return root


def split(text: str) -> tuple[dict[str, object], str]:
    """A Markdown file's front matter, as data, and its body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 3)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]


def source_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.name.count(".") == 1)


def plain(text: str) -> str:
    """Text as compared across Word and PDF: printed quotes as typed, one space between words,
    words broken at a line end joined."""
    text = text.translate(str.maketrans("“”‘’«»", '""\'\'""'))
    return re.sub(r"(\w)- (\w)", r"\1\2", " ".join(text.split()))


def record_of(docx: Path) -> dict[str, object]:
    with zipfile.ZipFile(docx) as archive:
        custom = etree.fromstring(archive.read("docProps/custom.xml"))
    for prop in custom:
        if prop.get("name") == "briefing":
            return json.loads(prop[0].text)
    raise AssertionError("no briefing property")


# --- Round trips ----------------------------------------------------------------------------


def test_the_example_source_comes_back_from_word_as_it_was(example_copy: Path) -> None:
    """Markdown -> export -> import gives the same files: bodies exactly, front matter as
    the same data (YAML may quote differently), images under their own names."""
    assert run_cli("export", SLUG, example_copy, "--lang", "fr") == 0
    docx = example_copy / "build" / "fr" / f"{SLUG}-for-translation.docx"
    assert run_cli("import", docx, example_copy, "--slug", "copy") == 0
    copy = example_copy / "content" / "copy"
    originals = source_files(EXAMPLE)
    assert [p.name for p in source_files(copy)] == [p.name for p in originals]
    for original in originals:
        assert split((copy / original.name).read_text("utf-8")) == split(
            original.read_text("utf-8")
        ), original.name
    assert (copy / "images" / "timeline.svg").read_bytes() == (
        EXAMPLE / "images" / "timeline.svg"
    ).read_bytes()


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_each_translation_comes_back_from_word_as_it_was(example_copy: Path, language: str) -> None:
    """A translation exported for review and imported again is unchanged, its record of the
    source version included; so is every other file."""
    folder = example_copy / "content" / SLUG
    before = {p.name: p.read_text("utf-8") for p in folder.glob("*.md")}
    assert run_cli("export", SLUG, example_copy, "--lang", language, "--translated") == 0
    docx = example_copy / "build" / language / f"{SLUG}-for-review.docx"
    assert record_of(docx)["text"] == "translation"
    assert run_cli("import", docx, example_copy, "--lang", language, "--into", SLUG, "--force") == 0
    after = {p.name: p.read_text("utf-8") for p in folder.glob("*.md")}
    assert after.keys() == before.keys()
    for name, text in before.items():
        assert split(after[name]) == split(text), name


def test_export_is_byte_identical_each_time(example_copy: Path) -> None:
    docx = example_copy / "build" / "ar" / f"{SLUG}-for-translation.docx"
    assert run_cli("export", SLUG, example_copy, "--lang", "ar") == 0
    first = docx.read_bytes()
    assert run_cli("export", SLUG, example_copy, "--lang", "ar") == 0
    assert docx.read_bytes() == first


def test_export_names_every_file_and_its_source_version(example_copy: Path) -> None:
    assert run_cli("export", SLUG, example_copy, "--lang", "ru") == 0
    record = record_of(example_copy / "build" / "ru" / f"{SLUG}-for-translation.docx")
    files = record["files"]
    assert isinstance(files, list)
    stems = [entry["stem"] for entry in files]
    assert stems == ["index", *[p.stem for p in source_files(EXAMPLE)[:5]], "handout"]
    for entry in files:
        source = EXAMPLE / f"{entry['stem']}.md"
        assert entry["from"] == git_blob_id(source.read_bytes())
    callouts = {entry["stem"]: entry["callouts"] for entry in files}
    assert callouts["index"] == [["key", "Key messages"]]


def test_a_stale_translation_exports_only_what_changed(example_copy: Path) -> None:
    """--changed: the sections whose source changed since their translation; imported back,
    they are marked as made from the version exported."""
    source = example_copy / "content" / SLUG / "02-the-meeting.md"
    source.write_text(source.read_text("utf-8") + "\nA paragraph added later.\n", "utf-8")
    assert run_cli("export", SLUG, example_copy, "--lang", "fr", "--changed") == 0
    docx = example_copy / "build" / "fr" / f"{SLUG}-for-translation.docx"
    record = record_of(docx)
    assert [entry["stem"] for entry in record["files"]] == ["02-the-meeting"]  # type: ignore[index, union-attr]
    exported = git_blob_id(source.read_bytes())
    # The source changes again before the translation comes back.
    source.write_text(source.read_text("utf-8") + "\nAnd another.\n", "utf-8")
    assert run_cli("import", docx, example_copy, "--lang", "fr", "--into", SLUG, "--force") == 0
    translation = (example_copy / "content" / SLUG / "02-the-meeting.fr.md").read_text("utf-8")
    front, body = split(translation)
    assert front["translated_from"] == exported
    assert "A paragraph added later." in body and "And another." not in body


def test_nothing_to_export_when_every_translation_is_current(
    example_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli("export", SLUG, example_copy, "--lang", "es", "--changed") == 2
    assert "up to date" in capsys.readouterr().err


# --- A Word document drafted in Word --------------------------------------------------------


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    """The rich Word fixture imported into a new project: its folder, and what was printed."""
    root = write_files(tmp_path / "project", base_files())
    docx = rich_docx(tmp_path / "Water for every village.docx")
    capsys.readouterr()
    code = run_cli("import", docx, root)
    printed = capsys.readouterr()
    assert code == 0, printed.err
    return root / "content" / "water-for-every-village", printed.out + printed.err


def test_a_word_document_becomes_a_publication(imported: tuple[Path, str]) -> None:
    folder, _ = imported
    names = [p.name for p in source_files(folder)]
    assert names == [
        "01-the-river-today.md",
        "02-what-the-law-says.md",
        "03-what-you-can-do.md",
        "index.md",
    ]
    front, opening = split((folder / "index.md").read_text("utf-8"))
    assert front["title"] == TITLE
    assert front["subtitle"] == "Why the river belongs to all of us"
    assert front["authors"] == ["Rivers Coalition"]
    assert front["keywords"] == ["water", "rights", "rivers"]
    assert str(front["date"]) == "2026-03-01"
    assert "**no safe water**" in opening and "*why*" in opening
    assert "[full survey](https://example.org/water)" in opening
    first = (folder / "01-the-river-today.md").read_text("utf-8")
    assert first.startswith(f"# {SECTIONS[0]}\n")
    assert re.search(r"^## \S", first, re.M) and re.search(r"^### \S", first, re.M)
    assert re.search(r"^- \S", first, re.M)
    assert "| Village | Households | Wells |" in first
    second = (folder / "02-what-the-law-says.md").read_text("utf-8")
    assert re.search(r"^> \S", second, re.M)
    third = (folder / "03-what-you-can-do.md").read_text("utf-8")
    assert re.search(r"^1\. \S", third, re.M)


def test_footnotes_become_markdown_notes(imported: tuple[Path, str]) -> None:
    folder, _ = imported
    text = "".join(p.read_text("utf-8") for p in source_files(folder))
    for note in FOOTNOTES:
        assert re.search(rf"^\[\^\d+\]: {re.escape(note)}$", text, re.M), note
    assert len(re.findall(r"\[\^\d+\](?!:)", text)) == len(FOOTNOTES)


def test_images_are_extracted_with_their_alt_text(imported: tuple[Path, str]) -> None:
    folder, _ = imported
    text = "".join(p.read_text("utf-8") for p in source_files(folder))
    found = re.findall(r"!\[([^\]]*)\]\((images/[^) ]+)", text)
    assert [alt for alt, _ in found] == list(IMAGE_ALTS)
    assert [src for _, src in found] == [
        "images/01-map-of-the-river-basin.png",
        "images/02-chart-of-wells-per-village.png",
    ]
    for _, src in found:
        assert (folder / src).read_bytes().startswith(b"\x89PNG")


def test_tracked_changes_are_taken_as_accepted_with_a_warning(imported: tuple[Path, str]) -> None:
    folder, printed = imported
    text = "".join(p.read_text("utf-8") for p in folder.rglob("*.md"))
    assert INSERTED in text and DELETED not in text
    assert re.search(r"warning: has tracked changes \(1 insertion, 1 deletion", printed)


def test_a_comment_is_left_out_with_a_warning_saying_where(imported: tuple[Path, str]) -> None:
    folder, printed = imported
    text = "".join(p.read_text("utf-8") for p in folder.rglob("*.md"))
    assert COMMENT not in text
    assert re.search(
        rf'warning: a comment \("{COMMENT}[^"]*"\) on "[^"]+" under "{SECTIONS[0]}"', printed
    )


def test_a_text_box_keeps_its_words_and_the_paragraph_around_it(
    imported: tuple[Path, str],
) -> None:
    folder, printed = imported
    third = (folder / "03-what-you-can-do.md").read_text("utf-8")
    assert TEXTBOX_ANCHOR in third and TEXTBOX in third
    assert third.index(TEXTBOX_ANCHOR) < third.index(TEXTBOX)
    assert f'a text box ("{TEXTBOX}' in printed and f'under "{SECTIONS[2]}"' in printed


def test_an_equation_and_a_merged_table_are_reported(imported: tuple[Path, str]) -> None:
    folder, printed = imported
    assert "warning: an equation" in printed
    assert re.search(r'the table starting "Village Walk to water[^"]*" has merged cells', printed)
    second = (folder / "02-what-the-law-says.md").read_text("utf-8")
    assert 'colspan="2"' in second and "data-custom-style" not in second


def test_the_imported_publication_checks_clean(imported: tuple[Path, str]) -> None:
    folder, _ = imported
    assert run_cli("check", folder.parent.parent) == 0


def test_a_clean_word_document_imports_without_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_files(tmp_path / "project", base_files())
    docx = rich_docx(
        tmp_path / "clean.docx", tracked=False, comment=False, textbox=False, equation=False
    )
    assert run_cli("import", docx, root, "--slug", "clean") == 0
    printed = capsys.readouterr()
    warnings = [line for line in printed.err.splitlines() if "clean.docx: warning" in line]
    # Only the merged table, which Markdown cannot hold, is left to say.
    assert len(warnings) == 1 and "merged cells" in warnings[0]


def test_a_document_without_headings_is_one_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_files(tmp_path / "project", base_files())
    assert run_cli("import", headingless_docx(tmp_path / "notes.docx"), root) == 0
    folder = root / "content" / "notes"
    sections = [p for p in source_files(folder) if p.name != "index.md"]
    assert len(sections) == 1
    body = sections[0].read_text("utf-8")
    assert body.startswith("# ") and body.count("\n\n") >= 5
    assert "has no headings" in capsys.readouterr().err


def test_an_existing_publication_is_not_replaced_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_files(tmp_path / "project", base_files())
    docx = outline_docx(tmp_path / "test.docx", ["Only section"], title="A title")
    before = (root / "content" / "test" / "index.md").read_text("utf-8")
    assert run_cli("import", docx, root, "--slug", "test") == 2
    assert "--force" in capsys.readouterr().err
    assert (root / "content" / "test" / "index.md").read_text("utf-8") == before
    assert [p.name for p in (root / "content").iterdir()] == ["test"]


# --- A translator's Word file ---------------------------------------------------------------


def bilingual(tmp_path: Path) -> Path:
    """A small project published in English and French."""
    config = CONFIG.replace('language = "en"', 'language = "en"\nlanguages = ["en", "fr"]')
    return write_files(tmp_path / "project", base_files(**{"briefing.toml": config}))


def test_a_translators_word_file_becomes_the_translation(tmp_path: Path) -> None:
    root = bilingual(tmp_path)
    docx = outline_docx(tmp_path / "fr.docx", ["Première section"], title="Un titre")
    assert run_cli("import", docx, root, "--lang", "fr", "--into", "test") == 0
    folder = root / "content" / "test"
    front, body = split((folder / "01-first.fr.md").read_text("utf-8"))
    assert front == {"translated_from": git_blob_id((folder / "01-first.md").read_bytes())}
    assert body.startswith("# Première section\n")
    index, _ = split((folder / "index.fr.md").read_text("utf-8"))
    assert index["title"] == "Un titre"
    assert run_cli("status", root, "--json") == 0


def test_a_translation_into_a_language_not_published_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_files(tmp_path / "project", base_files())
    docx = outline_docx(tmp_path / "fr.docx", ["Première section"], title="Un titre")
    assert run_cli("import", docx, root, "--lang", "fr", "--into", "test") == 2
    assert "add it to `languages` in briefing.toml" in capsys.readouterr().err
    assert not list((root / "content" / "test").glob("*.fr.md"))


def test_a_word_file_with_other_sections_is_refused_side_by_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = bilingual(tmp_path)
    headings = ["Première section", "Seconde section", "Troisième section"]
    docx = outline_docx(tmp_path / "fr.docx", headings)
    assert run_cli("import", docx, root, "--lang", "fr", "--into", "test") == 2
    err = capsys.readouterr().err
    assert "has 3 section(s) (Heading 1 paragraphs) but test has 1" in err
    rows = err.splitlines()
    assert any("01-first.md: First section" in row and "Première section" in row for row in rows)
    assert any(row.strip().startswith("-") and "Seconde section" in row for row in rows)
    assert not list((root / "content" / "test").glob("*.fr.md"))


def test_translation_needs_both_lang_and_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_files(tmp_path / "project", base_files())
    docx = outline_docx(tmp_path / "fr.docx", ["Première section"])
    assert run_cli("import", docx, root, "--lang", "fr") == 2
    assert "--into" in capsys.readouterr().err


# --- The imported example, printed ----------------------------------------------------------


def test_the_imported_example_prints_the_word_files_notes_tables_and_images(
    example_copy: Path,
) -> None:
    assert run_cli("export", SLUG, example_copy, "--lang", "fr") == 0
    docx = example_copy / "build" / "fr" / f"{SLUG}-for-translation.docx"
    with zipfile.ZipFile(docx) as archive:
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
        body = etree.fromstring(archive.read("word/document.xml"))
    note_texts = [
        " ".join("".join(note.itertext()).split())
        for note in notes.iter(f"{W}footnote")
        if note.get(f"{W}type") is None
    ]
    tables = [t for t in body.iter(f"{W}tbl") if len(list(t.iter(f"{W}tc"))) > 1]
    alts = [
        e.get("descr")
        for e in body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert run_cli("import", docx, example_copy, "--slug", "copy") == 0
    out = example_copy / "out"
    code = run_cli(
        "build", example_copy, "--only", "copy", "--lang", "en-GB", "--kind", "pack", "--out", out
    )
    assert code == 0
    pdf = PdfReader(out / "en-GB" / "copy.pdf")
    text = plain(" ".join(page.extract_text() or "" for page in pdf.pages))
    for note in note_texts:
        assert plain(note)[:40] in text, note
    assert len(note_texts) >= 10
    assert len(structure_elements(pdf, "/Table")) == len(tables) > 0
    figures = [str(e.get("/Alt", "")) for e in structure_elements(pdf, "/Figure")]
    for alt in alts:
        assert alt in figures


def test_force_replaces_a_publication_and_names_the_files_left_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_files(tmp_path / "project", base_files())
    docx = outline_docx(tmp_path / "test.docx", ["Only section"], title="A title")
    assert run_cli("import", docx, root, "--slug", "test", "--force") == 0
    folder = root / "content" / "test"
    assert split((folder / "index.md").read_text("utf-8"))[0]["title"] == "A title"
    assert (folder / "01-only-section.md").is_file()
    assert re.search(r"01-first\.md: warning: is not in the Word file", capsys.readouterr().err)


def test_a_file_exported_for_another_language_is_imported_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = CONFIG.replace('language = "en"', 'language = "en"\nlanguages = ["en", "fr", "de"]')
    root = write_files(tmp_path / "project", base_files(**{"briefing.toml": config}))
    assert run_cli("export", "test", root, "--lang", "fr") == 0
    docx = root / "build" / "fr" / "test-for-translation.docx"
    assert run_cli("import", docx, root, "--lang", "de", "--into", "test") == 0
    assert "was exported for fr, and is imported as de" in capsys.readouterr().err
    assert (root / "content" / "test" / "01-first.de.md").is_file()


def with_body_xml(docx: Path, extra: str) -> Path:
    """``docx`` with ``extra`` (OOXML paragraphs) added before the end of its body."""
    with zipfile.ZipFile(docx) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    document = members["word/document.xml"].decode("utf-8")
    members["word/document.xml"] = document.replace("<w:sectPr", extra + "<w:sectPr", 1).encode()
    with zipfile.ZipFile(docx, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return docx


SMARTART = (
    '<w:p><w:r><w:drawing><wp:inline><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
    'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
    '{kind}"/></a:graphic></wp:inline></w:drawing></w:r></w:p>'
)
OBJECT = '<w:p><w:r><w:object><o:OLEObject ProgID="Excel.Sheet.12"/></w:object></w:r></w:p>'


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (SMARTART.format(kind="diagram"), "a SmartArt graphic"),
        (SMARTART.format(kind="chart"), "a chart"),
        (OBJECT, "an embedded object"),
    ],
)
def test_what_markdown_cannot_hold_is_named_with_its_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str, said: str
) -> None:
    root = write_files(tmp_path / "project", base_files())
    docx = with_body_xml(outline_docx(tmp_path / "x.docx", ["One", "Two"], title="T"), extra)
    assert run_cli("import", docx, root, "--slug", "x") == 0
    assert re.search(rf'x\.docx: warning: {said} under "Two" was left out', capsys.readouterr().err)
