"""Word files made at test time, for the tests of ``briefing import`` and ``briefing export``.

Nothing here is committed as a binary: every function writes its file to the path it is given
and returns that path. ``rich_docx`` is a briefing drafted in Word with everything a drafter
uses (Pandoc writes most of it; the text box and the namespaces Word declares for it are added
to the OOXML afterwards). ``headingless_docx`` is made with python-docx from Word's own blank
template, so that not every good file comes from Pandoc. The rest are files a person may pick
by mistake: a PDF, a password-protected document, an old binary .doc, a truncated download and
a zip that is not a Word document, each named ``.docx``.

The words the tests look for are module constants (INSERTED, COMMENT, TEXTBOX, ...).
"""

from __future__ import annotations

import base64
import io
import os
import random
import re
import struct
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import docx
import pypandoc
from PIL import Image, ImageDraw

TITLE = "Water for every village"
SUBTITLE = "Why the river belongs to all of us"
AUTHOR = "Rivers Coalition"
DATE = "2026-03-01"
KEYWORDS = "water, rights, rivers"
LINK = "https://example.org/water"
#: The text of the two paragraphs before the first heading.
OPENING = (
    "Every village along the Sela depends on the river, yet nine of them",
    "The coalition gathered these facts with the people who live there",
)
SECTIONS = ("The river today", "What the law says", "What you can do")
SUBHEADING = "Who draws the water"  # Heading 2, first section
SUBSUBHEADING = "In the dry season"  # Heading 3, first section
BULLETS = ("Families carry water", "Schools buy water", "Farmers share three pumps")
STEPS = ("Ask the district council", "Join the village water committee", "Count the wells")
QUOTE = "Water is a public good and every person has a right to it"
FOOTNOTES = (
    "Note one about the dam.",
    "Note two about the court ruling.",
    "Note three about the village meetings.",
)
TABLE_HEADER = ("Village", "Households", "Wells")
TABLE_ROWS = (("Kamuli", "420", "3"), ("Butebo", "310", "1"), ("Nawanyago", "185", "0"))
#: The header cell of the second table that spans two columns.
SPANNING_HEADER = "Walk to water (minutes)"
IMAGE_ALTS = ("Map of the river basin", "Chart of wells per village")
CAPTION = "Figure 2. Wells per village, 2025."
INSERTED = "INSERTEDWORDS"
DELETED = "DELETEDWORDS"
COMMENT = "COMMENTWORDS"
COMMENTED = "falls by half in summer"  # the text the comment is attached to
TEXTBOX = "TEXTBOXWORDS"
#: The paragraph the text box is anchored in (Pandoc 3.9 reads the box's text in its place).
TEXTBOX_ANCHOR = "Everyone can help the villages get their water back."
EDITOR = "Amina Okello"
#: What Pandoc writes into the files' core properties as their time of creation (2026-03-01).
SOURCE_DATE_EPOCH = "1772323200"

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def rich_docx(
    path: Path,
    *,
    tracked: bool = True,
    comment: bool = True,
    textbox: bool = True,
    equation: bool = True,
) -> Path:
    """A briefing drafted in Word; the flags leave out its tracked changes, comment, text box
    or equation (leaving no trace of them)."""
    with tempfile.TemporaryDirectory(prefix="word-files-") as scratch:
        folder = Path(scratch)
        (folder / "map.png").write_bytes(_png((480, 320), (40, 110, 170)))
        (folder / "chart.png").write_bytes(_png((360, 240), (210, 130, 40)))
        _pandoc(_rich_markdown(tracked, comment, textbox, equation), path, folder)
    _edit_part(path, "word/document.xml", _as_word_writes_it)
    return path


def headingless_docx(path: Path) -> Path:
    """A Title and five plain paragraphs in Word's own blank template, with no headings."""
    document = docx.Document()
    document.core_properties.title = "Notes from the river meeting"
    document.add_paragraph("Notes from the river meeting", style="Title")
    for number in range(1, 6):
        document.add_paragraph(f"Plain paragraph {number} of the meeting notes, with no heading.")
    document.save(str(path))
    return path


def outline_docx(
    path: Path,
    headings: list[str],
    title: str | None = None,
    paragraphs_per_section: int = 1,
    footnote: bool = False,
) -> Path:
    """An optional Title, then one Heading 1 per heading, each with ``paragraphs_per_section``
    paragraphs (the first with a footnote if ``footnote``)."""
    lines = []
    for section, heading in enumerate(headings, 1):
        lines.append(f"# {_escape(heading)}\n")
        for number in range(1, paragraphs_per_section + 1):
            note = f"[^{section}]" if footnote and number == 1 else ""
            lines.append(f"Paragraph {number} of section {section}.{note}\n")
        if footnote:
            lines.append(f"[^{section}]: Footnote of section {section}.\n")
    with tempfile.TemporaryDirectory(prefix="word-files-") as scratch:
        # A title given as metadata on the command line is taken as it is, not as Markdown.
        options = [f"--metadata=title:{title}"] if title is not None else []
        _pandoc("\n".join(lines), path, Path(scratch), *options)
    return path


def not_docx(path: Path) -> Path:
    """A one-page PDF named .docx."""
    path.write_bytes(_pdf(TITLE))
    return path


def password_protected_docx(path: Path) -> Path:
    """What Word saves for a document with a password: a compound file holding the encryption
    details and the encrypted package, not a zip."""
    noise = random.Random(7)

    def encoded(size: int) -> str:
        return base64.b64encode(noise.randbytes(size)).decode()

    cipher = 'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
    cipher += 'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltSize="16"'
    description = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
        'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        f'<keyData {cipher} saltValue="{encoded(16)}"/>'
        f'<dataIntegrity encryptedHmacKey="{encoded(64)}" encryptedHmacValue="{encoded(64)}"/>'
        '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/'
        f'keyEncryptor/password"><p:encryptedKey spinCount="100000" {cipher} '
        f'saltValue="{encoded(16)}" encryptedVerifierHashInput="{encoded(16)}" '
        f'encryptedVerifierHashValue="{encoded(64)}" encryptedKeyValue="{encoded(32)}"/>'
        "</keyEncryptor></keyEncryptors></encryption>"
    )
    # Agile encryption (version 4.4), then its XML description.
    info = struct.pack("<HHI", 4, 4, 0x40) + description.encode()
    # The size of the package before encryption, then whole 16-byte blocks of cipher text.
    package = struct.pack("<Q", 9000) + noise.randbytes(9008)
    path.write_bytes(_compound_file({"EncryptionInfo": info, "EncryptedPackage": package}))
    return path


def old_doc(path: Path) -> Path:
    """A Word 97-2003 .doc (a compound file with a WordDocument stream) renamed .docx."""
    # The start of the File Information Block: its magic number, the Word 97 format number,
    # the language (English) and the flag saying the tables are in the 1Table stream.
    start = struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0409, 0, 0x0200)
    word_document = start.ljust(4608, b"\0")
    table = bytes(512)
    path.write_bytes(_compound_file({"WordDocument": word_document, "1Table": table}))
    return path


def corrupt_docx(path: Path) -> Path:
    """A real Word file cut off at half its length, like an interrupted download."""
    whole = outline_docx(path, list(SECTIONS), title=TITLE, paragraphs_per_section=3).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def zip_not_word(path: Path) -> Path:
    """A valid zip of a folder's files (a text and a picture), without word/document.xml."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("briefing/notes.txt", "Notes for the water briefing.\n")
        archive.writestr("briefing/map.png", _png((60, 40), (40, 110, 170)))
    return path


def _rich_markdown(tracked: bool, comment: bool, textbox: bool, equation: bool) -> str:
    """The rich briefing in Pandoc's Markdown, with the features asked for."""
    change = f'author="{EDITOR}" date="2026-02-20T09:30:00Z"'
    commented = (
        f'[{COMMENT} please check this figure with the district office]{{.comment-start id="0" '
        f'{change}}}{COMMENTED}[]{{.comment-end id="0"}}'
        if comment
        else COMMENTED
    )
    right = (
        f"[{INSERTED}]{{.insertion {change}}} a right [{DELETED}]{{.deletion {change}}} to"
        if tracked
        else "a right to"
    )
    box = f"`{_textbox_run(TEXTBOX + ': call the water office on 0800 123 456.')}`{{=openxml}}"
    rows = "\n".join(f"| {' | '.join(row)} |" for row in TABLE_ROWS)
    formula = r"The water each person gets a day is $$L = \frac{W}{P \times 365}$$"
    return f"""---
title: {TITLE}
subtitle: {SUBTITLE}
author: {AUTHOR}
date: {DATE}
keywords: [{KEYWORDS}]
---

{OPENING[0]} have **no safe water** for half of the year. This paper explains *why*, and the
[full survey]({LINK}) gives the figures village by village.

{OPENING[1]}, over two dry seasons.

# {SECTIONS[0]}

Since the dam opened upstream, the river {commented}.[^dam]

## {SUBHEADING}

- {BULLETS[0]} from the river.
- {BULLETS[1]} from trucks.
- {BULLETS[2]}.

### {SUBSUBHEADING}

| {" | ".join(TABLE_HEADER)} |
|:---|---:|---:|
{rows}

![{IMAGE_ALTS[0]}](map.png){{width=12cm}}

# {SECTIONS[1]}

The water code of 2019 gives every household {right} fifty litres of safe water a day.[^court]

> {QUOTE}.

+-----------+-------------------------------+
| Village   | {SPANNING_HEADER:<29} |
|           +---------------+---------------+
|           | Dry season    | Rainy season  |
+===========+===============+===============+
| Kamuli    | 95            | 20            |
+-----------+---------------+---------------+
| Butebo    | 60            | 15            |
+-----------+---------------+---------------+
| Nawanyago | 120           | 35            |
+-----------+---------------+---------------+

![{IMAGE_ALTS[1]}](chart.png){{width=9cm}}

::: {{custom-style="Caption"}}
{CAPTION}
:::

# {SECTIONS[2]}

{box if textbox else ""}{TEXTBOX_ANCHOR}

1. {STEPS[0]} for a public hearing.
2. {STEPS[1]}.[^meeting]
3. {STEPS[2]} in your village.

{formula if equation else ""}

[^dam]: {FOOTNOTES[0]}
[^court]: {FOOTNOTES[1]}
[^meeting]: {FOOTNOTES[2]}
"""


def _textbox_run(text: str) -> str:
    """A run holding a floating text box the way Word writes one: a DrawingML shape, with a
    VML shape for older readers."""
    paragraph = f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    frame = "http://schemas.openxmlformats.org/drawingml/2006/main"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:align>right</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2160000" cy="720000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1001" name="Text Box 1"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{frame}"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{frame}"><a:graphicData uri="{_WPS}"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"><a:spLocks noChangeArrowheads="1"/></wps:cNvSpPr>'
        '<wps:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="2160000" cy="720000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        '</a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525">'
        '<a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{paragraph}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" '
        'bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict>"
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        '<v:shape id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202" '
        'style="position:absolute;margin-left:0;margin-top:0;width:170.1pt;height:56.7pt;'
        "z-index:251659264;mso-position-horizontal:right;mso-position-horizontal-relative:text;"
        'mso-position-vertical-relative:text;v-text-anchor:top">'
        f"<v:textbox><w:txbxContent>{paragraph}</w:txbxContent></v:textbox>"
        '<w10:wrap type="square"/></v:shape></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r>"
    )


def _as_word_writes_it(xml: str) -> str:
    """Pandoc's document.xml with the namespaces Word declares for shapes (the text box uses
    them) and a distinct id for every tracked change (Pandoc numbers each change 1)."""
    declarations = f'<w:document xmlns:mc="{_MC}" xmlns:wps="{_WPS}" '
    xml = xml.replace("<w:document ", declarations, 1)
    ids = iter(range(901, 10_000))
    return re.sub(
        r'<w:(ins|del) w:id="\d+"', lambda match: f'<w:{match[1]} w:id="{next(ids)}"', xml
    )


def _pandoc(markdown: str, path: Path, folder: Path, *options: str) -> None:
    """Write ``markdown`` as a Word file at ``path`` with Pandoc (and its ``options``);
    pictures are found in ``folder``."""
    source = folder / "source.md"
    source.write_text(markdown, encoding="utf-8")
    # Without implicit figures a picture alone in a paragraph stays a picture with alt text,
    # as Word has it, rather than getting a caption made from the alt text.
    command = [pypandoc.get_pandoc_path(), "--from=markdown-implicit_figures", "--to=docx"]
    subprocess.run(
        [*command, *options, f"--output={path.resolve()}", source.name],
        cwd=folder,
        check=True,
        capture_output=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
    )


def _edit_part(path: Path, part: str, edit: Callable[[str], str]) -> None:
    """Rewrite one XML part of the zip at ``path``, keeping every other entry and the order."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if info.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)


def _escape(text: str) -> str:
    """``text`` with Markdown's punctuation escaped, so that Pandoc keeps it as it is."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def _png(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    """A PNG of ``size`` pixels in ``colour`` with a pale diagonal band (a river or a bar)."""
    image = Image.new("RGB", size, colour)
    width, height = size
    ImageDraw.Draw(image).line((0, height, width, 0), fill=(235, 240, 245), width=height // 8)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` (ASCII) in Helvetica."""
    content = f"BT /F1 24 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        start,
    )
    return bytes(out)


# Compound files (the OLE container of old Office files and of encrypted new ones), version 3:
# 512-byte sectors; streams under 4096 bytes live in 64-byte sectors of the mini stream.
_SECTOR, _MINI_SECTOR, _CUTOFF = 512, 64, 4096
_FREE, _END_OF_CHAIN, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
COMPOUND_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _compound_file(streams: Mapping[str, bytes]) -> bytes:
    """A compound file holding ``streams`` (name -> data) in its root storage; small files
    only (one FAT sector)."""
    mini_stream, mini_fat, starts = bytearray(), list[int](), dict[str, int]()
    for name, data in streams.items():
        if len(data) < _CUTOFF:
            starts[name] = _chain(mini_fat, _sectors(data, _MINI_SECTOR))
            mini_stream += b"".join(_sectors(data, _MINI_SECTOR))
    sectors: list[bytes] = [b""]  # sector 0 is the FAT, filled in last
    fat = [_FAT_SECTOR]
    for name, data in streams.items():
        if len(data) >= _CUTOFF:
            starts[name] = _chain(fat, _sectors(data, _SECTOR), sectors)
    root_start = _chain(fat, _sectors(bytes(mini_stream), _SECTOR), sectors)
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    mini_fat_start = _chain(fat, _sectors(mini_fat_bytes, _SECTOR, _FREE), sectors)
    names = list(streams)
    child, links = _tree(names)
    entries = [_entry("Root Entry", 5, root_start, len(mini_stream), child=child)]
    for number, name in enumerate(names, 1):
        entries.append(_entry(name, 2, starts[name], len(streams[name]), *links[number]))
    while len(entries) % (_SECTOR // 128):
        entries.append(_entry("", 0, 0, 0))
    directory_start = _chain(fat, _sectors(b"".join(entries), _SECTOR), sectors)
    if len(fat) > _SECTOR // 4:
        raise ValueError("too much data for a compound file with one FAT sector")
    sectors[0] = struct.pack("<128I", *fat, *[_FREE] * (_SECTOR // 4 - len(fat)))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        COMPOUND_MAGIC,
        bytes(16),
        0x3E,  # minor version
        3,  # major version: 512-byte sectors
        0xFFFE,  # little-endian
        9,  # sector size 2**9
        6,  # mini sector size 2**6
        bytes(6),
        0,  # directory sectors (always 0 in version 3)
        1,  # FAT sectors
        directory_start,
        0,  # transaction signature
        _CUTOFF,
        mini_fat_start if mini_fat else _END_OF_CHAIN,
        len(_sectors(mini_fat_bytes, _SECTOR)),
        _END_OF_CHAIN,  # no DIFAT sectors
        0,
        0,  # the FAT is sector 0
        *[_FREE] * 108,
    )
    return header + b"".join(sectors)


def _sectors(data: bytes, size: int, fill: int = 0) -> list[bytes]:
    """``data`` cut into sectors of ``size`` bytes, the last one padded."""
    pad = struct.pack("<I", fill) if fill else b"\0"
    chunks = [data[start : start + size] for start in range(0, len(data), size)]
    return [chunk + pad * ((size - len(chunk)) // len(pad)) for chunk in chunks]


def _chain(table: list[int], chunks: list[bytes], into: list[bytes] | None = None) -> int:
    """Allocate ``chunks`` one after another in ``table`` (a FAT or mini FAT), appending them
    to ``into`` if given; returns the first sector (end of chain if there are none)."""
    if not chunks:
        return _END_OF_CHAIN
    first = len(table)
    table.extend(range(first + 1, first + len(chunks)))
    table.append(_END_OF_CHAIN)
    if into is not None:
        into.extend(chunks)
    return first


def _entry(
    name: str,
    kind: int,
    start: int,
    size: int,
    left: int = _NO_STREAM,
    right: int = _NO_STREAM,
    child: int = _NO_STREAM,
) -> bytes:
    """One 128-byte directory entry (kind 5: root storage, 2: stream, 0: unused), black."""
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, left, right, child, bytes(16),
        0, 0, 0, start, size,
    )  # fmt: skip


def _tree(names: list[str]) -> tuple[int, dict[int, tuple[int, int]]]:
    """The root's child and each entry's left and right siblings: a balanced tree of the
    entries (numbered from 1) in compound file order, shorter names first, then upper case."""
    links: dict[int, tuple[int, int]] = {}

    def top(part: list[int]) -> int:
        if not part:
            return _NO_STREAM
        middle = len(part) // 2
        links[part[middle]] = (top(part[:middle]), top(part[middle + 1 :]))
        return part[middle]

    numbers = range(1, len(names) + 1)
    child = top(sorted(numbers, key=lambda n: (len(names[n - 1]), names[n - 1].upper())))
    return child, links
