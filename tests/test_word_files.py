"""The Word files of tests/word_files.py hold what they claim, so that tests of the import and
export commands cannot pass against a file that lacks the feature under test."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pypandoc
import pytest
import word_files as wf
from docx.text.paragraph import Paragraph
from lxml import etree
from PIL import Image
from pypdf import PdfReader

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
W = f"{{{NS['w']}}}"
#: Headings for the outline file: Markdown punctuation, other scripts, quotes and dashes.
OUTLINE = ["Rights *and* duties [2026]", "Права и обязанности", "حقوق المياه", "A -- b... 'c' #1"]
#: What each flag of rich_docx adds: text that is in the file's XML parts only with it.
MARKERS = {
    "tracked": ("<w:ins ", "<w:del ", "w:delText", wf.INSERTED, wf.DELETED),
    "comment": ("commentRangeStart", "commentRangeEnd", "commentReference", wf.COMMENT),
    "textbox": ("mc:AlternateContent", "wps:txbx", "txbxContent", "v:textbox", wf.TEXTBOX),
    "equation": ("m:oMath",),
}
FLAGS_OFF = dict.fromkeys(MARKERS, False)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The good files, made once for the module."""
    folder = tmp_path_factory.mktemp("word")
    return {
        "rich": wf.rich_docx(folder / "rich.docx"),
        "clean": wf.rich_docx(folder / "clean.docx", **FLAGS_OFF),
        "headingless": wf.headingless_docx(folder / "headingless.docx"),
        "outline": wf.outline_docx(
            folder / "outline.docx",
            OUTLINE,
            title="A *title*",
            paragraphs_per_section=2,
            footnote=True,
        ),
    }


def part(path: Path, name: str) -> Any:
    """The parsed XML part ``name`` of the Word file at ``path``."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def all_xml(path: Path) -> str:
    """Every XML part of the Word file at ``path``, one after the other."""
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.endswith(".xml")]
        return "\n".join(archive.read(name).decode("utf-8") for name in names)


def text(element: Any) -> str:
    """The text of ``element``: its runs' text, deleted text included."""
    return "".join(element.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS))


def section_of(element: Any) -> int:
    """Which Heading 1 section ``element`` of document.xml is in (0: before the first)."""
    while element.getparent().tag != W + "body":
        element = element.getparent()
    headings = element.xpath(
        "preceding-sibling::w:p[w:pPr/w:pStyle/@w:val='Heading1']", namespaces=NS
    )
    return len(headings)


def style(paragraph: Paragraph) -> str | None:
    """The name of the style of ``paragraph``."""
    return paragraph.style.name if paragraph.style else None


def styled(path: Path, name: str) -> list[str]:
    """The text of the paragraphs of ``path`` in the style ``name``, in order."""
    return [p.text for p in docx.Document(str(path)).paragraphs if style(p) == name]


def pandoc_blocks(path: Path) -> Counter[str]:
    """How many of each kind of Pandoc element ``pandoc -f docx`` reads from ``path``."""
    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "--from=docx", "--to=json", str(path)],
        capture_output=True,
        check=True,
        text=True,
    )
    kinds: Counter[str] = Counter()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "t" in node:
                level = node["c"][0] if node["t"] == "Header" else ""
                kinds[f"{node['t']}{level}"] += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(result.stdout)["blocks"])
    return kinds


def test_rich_front_matter_and_properties(made: dict[str, Path]) -> None:
    document = docx.Document(str(made["rich"]))
    front = [(style(p), p.text) for p in document.paragraphs[:4]]
    assert front == [
        ("Title", wf.TITLE),
        ("Subtitle", wf.SUBTITLE),
        ("Author", wf.AUTHOR),
        ("Date", wf.DATE),
    ]
    assert document.core_properties.title == wf.TITLE
    assert document.core_properties.keywords == wf.KEYWORDS


def test_rich_opening_text_comes_before_the_first_heading(made: dict[str, Path]) -> None:
    paragraphs = docx.Document(str(made["rich"])).paragraphs
    first_heading = next(n for n, p in enumerate(paragraphs) if style(p) == "Heading 1")
    opening = paragraphs[4:first_heading]
    assert all(p.text.startswith(start) for p, start in zip(opening, wf.OPENING, strict=True))
    runs = opening[0].runs
    assert any(run.bold for run in runs) and any(run.italic for run in runs)
    assert [link.address for link in opening[0].hyperlinks] == [wf.LINK]


def test_rich_headings(made: dict[str, Path]) -> None:
    assert styled(made["rich"], "Heading 1") == list(wf.SECTIONS)
    assert styled(made["rich"], "Heading 2") == [wf.SUBHEADING]
    assert styled(made["rich"], "Heading 3") == [wf.SUBSUBHEADING]
    body = part(made["rich"], "word/document.xml")
    for style in ("Heading2", "Heading3"):
        [heading] = body.xpath(f"//w:p[w:pPr/w:pStyle/@w:val='{style}']", namespaces=NS)
        assert section_of(heading) == 1


def test_rich_lists_one_bulleted_one_numbered(made: dict[str, Path]) -> None:
    body = part(made["rich"], "word/document.xml")
    numbering = part(made["rich"], "word/numbering.xml")
    kinds = {}
    for paragraph in body.xpath("//w:p[w:pPr/w:numPr]", namespaces=NS):
        [number] = paragraph.xpath("w:pPr/w:numPr/w:numId/@w:val", namespaces=NS)
        [abstract] = numbering.xpath(
            f"w:num[@w:numId='{number}']/w:abstractNumId/@w:val", namespaces=NS
        )
        [kind] = numbering.xpath(
            f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val",
            namespaces=NS,
        )
        kinds[text(paragraph)] = kind
    bullets = [item for item, kind in kinds.items() if kind == "bullet"]
    steps = [item for item, kind in kinds.items() if kind == "decimal"]
    assert all(item.startswith(start) for item, start in zip(bullets, wf.BULLETS, strict=True))
    assert all(item.startswith(start) for item, start in zip(steps, wf.STEPS, strict=True))


def test_rich_block_quote(made: dict[str, Path]) -> None:
    assert styled(made["rich"], "Block Text") == [wf.QUOTE + "."]


def test_rich_three_footnotes_one_per_section(made: dict[str, Path]) -> None:
    notes = part(made["rich"], "word/footnotes.xml").xpath(
        "w:footnote[not(@w:type)]", namespaces=NS
    )
    assert [text(note).strip() for note in notes] == list(wf.FOOTNOTES)
    calls = part(made["rich"], "word/document.xml").xpath("//w:footnoteReference", namespaces=NS)
    assert [call.get(W + "id") for call in calls] == [note.get(W + "id") for note in notes]
    assert [section_of(call) for call in calls] == [1, 2, 3]


def test_rich_tables_one_with_a_merged_header_cell(made: dict[str, Path]) -> None:
    first, second = docx.Document(str(made["rich"])).tables
    rows = [tuple(cell.text for cell in row.cells) for row in first.rows]
    assert rows == [wf.TABLE_HEADER, *wf.TABLE_ROWS]
    [merged] = part(made["rich"], "word/document.xml").xpath(
        "//w:tbl[2]/w:tr[1]/w:tc[w:tcPr/w:gridSpan/@w:val='2']", namespaces=NS
    )
    assert text(merged) == wf.SPANNING_HEADER
    assert len(second.columns) == 3


def test_rich_two_pictures_with_alt_text(made: dict[str, Path]) -> None:
    body = part(made["rich"], "word/document.xml")
    descriptions = body.xpath("//wp:docPr/@descr[. != '']", namespaces=NS)
    assert descriptions == list(wf.IMAGE_ALTS)
    targets = part(made["rich"], "word/_rels/document.xml.rels").xpath(
        "rel:Relationship[contains(@Type, '/image')]", namespaces=NS
    )
    embedded = set(body.xpath("//a:blip/@r:embed", namespaces=NS))
    assert {target.get("Id") for target in targets} == embedded
    with zipfile.ZipFile(made["rich"]) as archive:
        pictures = [
            Image.open(io.BytesIO(archive.read("word/" + target.get("Target"))))
            for target in targets
        ]
    assert {picture.format for picture in pictures} == {"PNG"}
    assert len({picture.size for picture in pictures}) == 2
    assert len({picture.convert("RGB").getpixel((0, 0)) for picture in pictures}) == 2


def test_rich_tracked_changes_in_the_second_section(made: dict[str, Path]) -> None:
    body = part(made["rich"], "word/document.xml")
    [inserted] = body.xpath("//w:ins", namespaces=NS)
    [deleted] = body.xpath("//w:del", namespaces=NS)
    assert inserted.xpath("string(w:r/w:t)", namespaces=NS) == wf.INSERTED
    assert deleted.xpath("string(w:r/w:delText)", namespaces=NS) == wf.DELETED
    assert not deleted.xpath(".//w:t", namespaces=NS)
    assert inserted.get(W + "author") == deleted.get(W + "author") == wf.EDITOR
    assert inserted.get(W + "id") != deleted.get(W + "id")
    assert section_of(inserted) == section_of(deleted) == 2


def test_rich_comment_in_the_first_section(made: dict[str, Path]) -> None:
    [comment] = part(made["rich"], "word/comments.xml").xpath("w:comment", namespaces=NS)
    assert wf.COMMENT in text(comment)
    number = comment.get(W + "id")
    body = part(made["rich"], "word/document.xml")
    [start] = body.xpath(f"//w:commentRangeStart[@w:id='{number}']", namespaces=NS)
    [end] = body.xpath(f"//w:commentRangeEnd[@w:id='{number}']", namespaces=NS)
    [call] = body.xpath(f"//w:commentReference[@w:id='{number}']", namespaces=NS)
    between = start.xpath("following-sibling::*", namespaces=NS)
    assert "".join(text(run) for run in between[: between.index(end)]) == wf.COMMENTED
    assert section_of(start) == section_of(call) == 1
    relations = part(made["rich"], "word/_rels/document.xml.rels")
    assert relations.xpath("rel:Relationship[@Target='comments.xml']", namespaces=NS)


def test_rich_text_box_in_the_third_section(made: dict[str, Path]) -> None:
    body = part(made["rich"], "word/document.xml")
    [shape] = body.xpath("//mc:AlternateContent", namespaces=NS)
    [drawn] = shape.xpath("mc:Choice[@Requires='wps']//wps:txbx/w:txbxContent", namespaces=NS)
    [legacy] = shape.xpath("mc:Fallback//v:textbox/w:txbxContent", namespaces=NS)
    assert wf.TEXTBOX in text(drawn) and wf.TEXTBOX in text(legacy)
    assert section_of(shape) == 3
    anchor = shape.xpath("ancestor::w:p[last()]", namespaces=NS)[0]
    assert text(anchor).endswith(wf.TEXTBOX_ANCHOR)


def test_rich_equation_in_the_third_section(made: dict[str, Path]) -> None:
    body = part(made["rich"], "word/document.xml")
    [equation] = body.xpath("//m:oMath", namespaces=NS)
    assert section_of(equation) == 3


@pytest.mark.parametrize("flag", sorted(MARKERS))
def test_each_flag_leaves_out_its_feature_only(tmp_path: Path, flag: str) -> None:
    xml = all_xml(wf.rich_docx(tmp_path / "rich.docx", **{flag: False}))
    assert [marker for marker in MARKERS[flag] if marker in xml] == []
    for other, markers in MARKERS.items():
        if other != flag:
            assert all(marker in xml for marker in markers)


def test_clean_variant_has_none_of_the_optional_features(made: dict[str, Path]) -> None:
    xml = all_xml(made["clean"])
    assert [marker for markers in MARKERS.values() for marker in markers if marker in xml] == []
    # Pandoc always writes a comments part; here it is empty.
    assert not part(made["clean"], "word/comments.xml").xpath("w:comment", namespaces=NS)
    assert styled(made["clean"], "Heading 1") == list(wf.SECTIONS)
    assert xml.count("<w:footnoteReference ") == 3
    assert len(docx.Document(str(made["clean"])).tables) == 2
    assert xml.count("<wp:docPr ") == 2
    assert wf.COMMENTED in xml


def test_headingless(made: dict[str, Path]) -> None:
    document = docx.Document(str(made["headingless"]))
    styles = [style(p) for p in document.paragraphs]
    assert styles == ["Title"] + ["Normal"] * 5
    body = part(made["headingless"], "word/document.xml")
    assert not body.xpath("//w:pStyle[starts-with(@w:val, 'Heading')]", namespaces=NS)


def test_outline_headings_paragraphs_and_notes(made: dict[str, Path]) -> None:
    assert styled(made["outline"], "Title") == ["A *title*"]
    assert styled(made["outline"], "Heading 1") == OUTLINE
    body = part(made["outline"], "word/document.xml")
    paragraphs = body.xpath("w:body/w:p[not(w:pPr/w:pStyle/@w:val='Heading1')]", namespaces=NS)
    sections = Counter(section_of(p) for p in paragraphs if text(p).startswith("Paragraph"))
    assert sections == dict.fromkeys(range(1, len(OUTLINE) + 1), 2)
    calls = body.xpath("//w:footnoteReference", namespaces=NS)
    assert [section_of(call) for call in calls] == list(range(1, len(OUTLINE) + 1))


def test_outline_without_title_or_notes(tmp_path: Path) -> None:
    path = wf.outline_docx(tmp_path / "plain.docx", ["One", "Two"])
    assert styled(path, "Title") == []
    assert styled(path, "Heading 1") == ["One", "Two"]
    assert "footnoteReference" not in all_xml(path)


@pytest.mark.parametrize("name", ["rich", "clean", "headingless", "outline"])
def test_pandoc_reads_the_good_files(made: dict[str, Path], name: str) -> None:
    kinds = pandoc_blocks(made[name])
    expected = {
        "rich": {
            "Header1": 3,
            "Header2": 1,
            "Header3": 1,
            "Note": 3,
            "Image": 2,
            "Table": 2,
            "BlockQuote": 1,
        },
        "clean": {"Header1": 3, "Note": 3, "Image": 2, "Table": 2, "BlockQuote": 1},
        "headingless": {"Header1": 0, "Para": 5},
        "outline": {"Header1": len(OUTLINE), "Note": len(OUTLINE)},
    }[name]
    assert {kind: kinds[kind] for kind in expected} == expected


def test_not_docx_is_a_pdf(tmp_path: Path) -> None:
    path = wf.not_docx(tmp_path / "paper.docx")
    assert path.read_bytes().startswith(b"%PDF-") and not zipfile.is_zipfile(path)
    [page] = PdfReader(path, strict=True).pages
    assert page.extract_text() == wf.TITLE


def compound_streams(data: bytes) -> dict[str, bytes]:
    """The streams in the root storage of a compound file, found by following its tables (the
    directory's tree of names included), as a reader of the format would."""
    assert data[:8] == wf.COMPOUND_MAGIC
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    size, mini = 1 << shift, 1 << mini_shift
    fat_sectors, directory_start = struct.unpack_from("<II", data, 44)
    cutoff, mini_fat_start = struct.unpack_from("<II", data, 56)

    def sector(number: int) -> bytes:
        return data[size * (number + 1) : size * (number + 2)]

    def chain(start: int, table: list[int], read: Any) -> bytes:
        out, seen = bytearray(), set()
        while start != 0xFFFFFFFE:
            assert start not in seen
            seen.add(start)
            out += read(start)
            start = table[start]
        return bytes(out)

    fat = [
        entry
        for n in struct.unpack_from(f"<{fat_sectors}I", data, 76)
        for entry in struct.unpack(f"<{size // 4}I", sector(n))
    ]
    directory = chain(directory_start, fat, sector)
    entries = [
        struct.unpack_from("<64sHBBIII16sIQQIQ", directory, at)
        for at in range(0, len(directory), 128)
    ]
    root = entries[0]
    assert root[2] == 5
    mini_stream = chain(root[11], fat, sector)[: root[12]]
    mini_fat_bytes = chain(mini_fat_start, fat, sector)
    mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))

    def mini_sector(number: int) -> bytes:
        return mini_stream[mini * number : mini * (number + 1)]

    def reachable(number: int) -> Iterator[int]:
        if number != 0xFFFFFFFF:
            yield number
            yield from reachable(entries[number][4])
            yield from reachable(entries[number][5])

    streams = {}
    for number in reachable(root[6]):
        name, length, kind, *_, start, stream_size = entries[number]
        assert kind == 2
        found = (
            chain(start, fat, sector)
            if stream_size >= cutoff
            else (chain(start, mini_fat, mini_sector))
        )
        streams[name[: length - 2].decode("utf-16-le")] = found[:stream_size]
    assert len(streams) == sum(entry[2] == 2 for entry in entries)
    return streams


def test_password_protected_docx_is_an_encrypted_package(tmp_path: Path) -> None:
    data = wf.password_protected_docx(tmp_path / "locked.docx").read_bytes()
    assert not zipfile.is_zipfile(io.BytesIO(data))
    streams = compound_streams(data)
    assert sorted(streams) == ["EncryptedPackage", "EncryptionInfo"]
    assert streams["EncryptionInfo"][:4] == struct.pack("<HH", 4, 4)
    assert b"<encryption " in streams["EncryptionInfo"]
    package_size = struct.unpack_from("<Q", streams["EncryptedPackage"])[0]
    assert package_size <= len(streams["EncryptedPackage"]) - 8 < package_size + 16


def test_old_doc_is_a_word_97_file(tmp_path: Path) -> None:
    data = wf.old_doc(tmp_path / "old.docx").read_bytes()
    assert not zipfile.is_zipfile(io.BytesIO(data))
    streams = compound_streams(data)
    assert sorted(streams) == ["1Table", "WordDocument"]
    assert streams["WordDocument"][:2] == struct.pack("<H", 0xA5EC)


def test_corrupt_docx_is_the_start_of_a_word_file(tmp_path: Path) -> None:
    path = wf.corrupt_docx(tmp_path / "cut.docx")
    data = path.read_bytes()
    assert data.startswith(b"PK\x03\x04") and b"[Content_Types].xml" in data[:100]
    assert not zipfile.is_zipfile(path)
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(path)
    whole = wf.outline_docx(
        tmp_path / "whole.docx", list(wf.SECTIONS), title=wf.TITLE, paragraphs_per_section=3
    )
    assert len(data) == len(whole.read_bytes()) // 2


def test_zip_not_word_has_no_document(tmp_path: Path) -> None:
    path = wf.zip_not_word(tmp_path / "folder.docx")
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert names and "word/document.xml" not in names and "[Content_Types].xml" not in names
