"""Looking inside a .docx before Pandoc does: is it one at all, what does it say about itself,
and what in it will not become Markdown.

A .docx is a zip of XML files. It comes from someone else, so the zip's sizes are bounded
before anything is unpacked, and its XML is read with expat refusing any document type (no
entity can read a file or grow without end), as SVG images are.
"""

from __future__ import annotations

import copy
import io
import xml.etree.ElementTree as ElementTree
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from xml.parsers import expat

from ..files import describe_size

#: The largest .docx read, the most files it may hold, and the most one of them may unpack to.
MAX_DOCX_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_XML_BYTES = 100 * 1024 * 1024
_DOCUMENT = "word/document.xml"
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class NotWord(Exception):
    """The file is not a .docx this tool can read; the message says what it is instead."""


@dataclass(frozen=True, slots=True)
class Unconverted:
    """Something in the document that will not be in the Markdown, and where it was."""

    what: str
    #: The Heading 1 it came after (None: before the first), and its words, if it has any.
    heading: str | None
    text: str = ""
    #: What a comment says (its text is the text it is on).
    remark: str = ""


@dataclass
class DocxFacts:
    """What the tool learns from a .docx's own files."""

    #: Its core properties (title, subject, creator, keywords, description, created) and
    #: custom ones, by name.
    core: dict[str, str] = field(default_factory=dict)
    custom: dict[str, str] = field(default_factory=dict)
    #: Tracked changes by kind ("insertion", "deletion", "move"), and where the first was.
    changes: Counter[str] = field(default_factory=Counter)
    changes_at: str | None = None
    comments: list[Unconverted] = field(default_factory=list)
    #: Text boxes, SmartArt, charts, equations, embedded objects.
    unconverted: list[Unconverted] = field(default_factory=list)
    #: Every file in the zip, for images: name -> bytes are read on demand.
    archive: zipfile.ZipFile | None = None

    def member(self, name: str) -> bytes | None:
        if self.archive is None:
            return None
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_XML_BYTES:
            return None
        return self.archive.read(info)


def open_docx(data: bytes) -> DocxFacts:
    """The facts of a .docx, or :class:`NotWord` saying what the file is instead."""
    if len(data) > MAX_DOCX_BYTES:
        raise NotWord(
            f"is {describe_size(len(data))}, more than the {MAX_DOCX_BYTES // 1048576} MB a "
            "Word file may be; make the images in it smaller (Word: File > Compress Pictures)"
        )
    if data.startswith(_COMPOUND_FILE):
        if _ENCRYPTED in data:
            raise NotWord(
                "is protected with a password; open it in Word, remove the password (File > "
                "Info > Protect Document), save it and import it again"
            )
        raise NotWord(
            "is an old Word document (.doc, Word 97-2003), not a .docx; open it in Word or "
            "LibreOffice and save it as a Word Document (.docx)"
        )
    if not data.startswith(b"PK"):
        raise NotWord(
            "is not a Word document; save it from Word, LibreOffice or Google Docs as a Word "
            "Document (.docx)"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise NotWord(_DAMAGED) from None
    names = {info.filename for info in members}
    if _DOCUMENT not in names:
        if "mimetype" in names and b"opendocument" in _read(archive, "mimetype"):
            raise NotWord(
                "is an OpenDocument file (.odt); save it as a Word Document (.docx) and import that"
            )
        raise NotWord(
            "is a zip file but not a Word document (it has no word/document.xml); save it "
            "from Word as a Word Document (.docx)"
        )
    # Pandoc unpacks the files this module does not read (notes, lists, images): each is
    # bounded here, as the ones read are.
    if (
        len(members) > MAX_MEMBERS
        or sum(i.file_size for i in members) > MAX_DOCX_BYTES * 5
        or any(i.file_size > MAX_XML_BYTES for i in members)
    ):
        raise NotWord(
            "unpacks to more files or bytes than a Word document has; it may be damaged or "
            "built to harm; save it again from Word"
        )
    facts = DocxFacts(archive=archive)
    try:
        # Every file in it unpacks, whole and as stored, before any is used (Pandoc reads
        # some that this module does not, images are read later).
        if archive.testzip() is not None:
            raise NotWord(_DAMAGED)
        facts.core = _properties(_read(archive, "docProps/core.xml"))
        facts.custom = _custom_properties(_read(archive, "docProps/custom.xml"))
        scanner = _BodyScanner(facts, _heading_styles(_read(archive, "word/styles.xml")))
        scanner.external = _external_images(_read(archive, "word/_rels/document.xml.rels"))
        scanner.scan(_read(archive, _DOCUMENT))
        said = _comment_texts(_read(archive, "word/comments.xml"))
        facts.comments = [
            Unconverted("comment", item.heading, item.text, said.get(item.what.split()[-1], ""))
            for item in facts.comments
        ]
    except (zipfile.BadZipFile, zlib.error, expat.ExpatError, OSError, EOFError, ValueError):
        raise NotWord(_DAMAGED) from None
    return facts


_DAMAGED = (
    "is damaged (its zip or XML cannot be read); open it in Word, which can often repair it, "
    "save it again and import that"
)


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return b""
    if info.file_size > MAX_XML_BYTES:
        raise ValueError(f"{name} is too large")
    return archive.read(info)


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse(*_: object) -> None:
        raise ValueError("a document type in a Word file")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def _texts(data: bytes) -> list[tuple[str, str, dict[str, str]]]:
    """Each element's local name, text and attributes (by local name), in document order."""
    found: list[tuple[str, str, dict[str, str]]] = []
    if not data:
        return found
    parser = _parser()
    stack: list[list[object]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        local = {key.rpartition(" ")[2]: value for key, value in attributes.items()}
        stack.append([name.rpartition(" ")[2], "", local])

    def end(name: str) -> None:
        local, text, attributes = stack.pop()
        found.append((str(local), str(text), attributes))  # type: ignore[arg-type]

    def characters(text: str) -> None:
        if stack:
            stack[-1][1] = str(stack[-1][1]) + text

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.Parse(data, True)
    return found


def _properties(data: bytes) -> dict[str, str]:
    wanted = {"title", "subject", "creator", "keywords", "description", "created"}
    return {name: text.strip() for name, text, _ in _texts(data) if name in wanted and text}


def _custom_properties(data: bytes) -> dict[str, str]:
    properties: dict[str, str] = {}
    value = ""
    for name, text, attributes in _texts(data):
        if name == "property" and "name" in attributes:
            properties[attributes["name"]] = value
        elif name != "property":
            value = text
    return properties


def _heading_styles(data: bytes) -> set[str]:
    """The ids of the paragraph styles named "heading 1" (Word localises ids, not names)."""
    ids = {"Heading1"}
    name = ""
    # Elements come as they end: a style's name before the style itself.
    for element, _, attributes in _texts(data):
        if element == "name":
            name = attributes.get("val", "").lower()
        elif element == "style":
            if name == "heading 1" and attributes.get("styleId"):
                ids.add(attributes["styleId"])
            name = ""
    return ids


def _external_images(data: bytes) -> set[str]:
    """The ids of the document's pictures that are linked to a file or address outside it
    (Word: Insert > Pictures > Link to File), which are not read."""
    return {
        attributes.get("Id", "")
        for element, _, attributes in _texts(data)
        if element == "Relationship"
        and attributes.get("TargetMode") == "External"
        and attributes.get("Type", "").endswith("/image")
    }


def _comment_texts(data: bytes) -> dict[str, str]:
    """What each comment says, by its id."""
    comments: dict[str, str] = {}
    words: list[str] = []
    for element, text, attributes in _texts(data):
        if element == "t":
            words.append(text)
        elif element == "comment":
            comments[attributes.get("id", "")] = " ".join("".join(words).split())
            words = []
    return comments


class _BodyScanner:
    """One pass over word/document.xml, noting where each thing that will not convert is."""

    def __init__(self, facts: DocxFacts, heading_styles: set[str]) -> None:
        self.facts = facts
        self.heading_styles = heading_styles
        #: The relationship ids of pictures linked from outside the file.
        self.external: set[str] = set()
        self.heading: str | None = None
        self.paragraph_style = ""
        self.paragraph_text: list[str] = []
        #: Nesting of the places whose text is collected: text boxes, comments, changes.
        self.inside: list[tuple[str, list[str]]] = []
        self.depth = 0
        #: Inside Word's older copy of a drawing (a text box is there twice).
        self.fallback = 0

    def scan(self, data: bytes) -> None:
        parser = _parser()
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        parser.Parse(data, True)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if local == "p":
            self.depth += 1
            if self.depth == 1:
                self.paragraph_style, self.paragraph_text = "", []
        elif local == "pStyle" and self.depth == 1:
            self.paragraph_style = attributes.get(f"{_W} val", "")
        elif local in ("ins", "del", "moveFrom", "moveTo") and namespace == _W:
            kind = {"ins": "insertion", "del": "deletion"}.get(local, "move")
            self.facts.changes[kind] += 1
            if self.facts.changes_at is None:
                self.facts.changes_at = self.heading or ""
        elif local == "commentRangeStart":
            self.inside.append((f"comment {attributes.get(f'{_W} id', '')}", []))
        elif local == "commentRangeEnd":
            self._close(f"comment {attributes.get(f'{_W} id', '')}", comment=True)
        elif local == "txbxContent" and not self.fallback:
            self.inside.append(("text box", []))
        elif local == "Fallback" and namespace == _MC:
            self.fallback += 1
        elif local == "blip" and self._linked_only(attributes):
            self._unconverted("linked picture")
        elif local == "graphicData":
            uri = attributes.get("uri", "")
            if uri == _DIAGRAM:
                self._unconverted("SmartArt graphic")
            elif uri == _CHART:
                self._unconverted("chart")
        elif local == "oMathPara" or (local == "oMath" and not self._in_equation()):
            self.inside.append(("equation", []))
        elif local in ("object", "OLEObject", "altChunk") and not self._in("embedded object"):
            self.inside.append(("embedded object", []))

    def end(self, name: str) -> None:
        local = name.rpartition(" ")[2]
        if local == "p":
            if self.depth == 1 and self.paragraph_style in self.heading_styles:
                self.heading = "".join(self.paragraph_text).strip() or self.heading
            self.depth -= 1
        elif local == "txbxContent":
            self._close("text box")
        elif local == "Fallback":
            self.fallback = max(0, self.fallback - 1)
        elif local in ("oMathPara", "oMath"):
            if (
                self.inside
                and self.inside[-1][0] == "equation"
                and (local == "oMathPara" or not self._in_equation(below=1))
            ):
                self._close("equation")
        elif local in ("object", "OLEObject", "altChunk"):
            self._close("embedded object")

    def characters(self, text: str) -> None:
        if self.depth:
            self.paragraph_text.append(text)
        for _, collected in self.inside:
            collected.append(text)

    def _linked_only(self, attributes: dict[str, str]) -> bool:
        """Whether a picture is only linked (Word's "Insert and Link" keeps a copy too)."""
        embedded = attributes.get(f"{_R} embed")
        if embedded is None:
            return f"{_R} link" in attributes
        return embedded in self.external

    def _in(self, kind: str) -> bool:
        return any(k == kind for k, _ in self.inside)

    def _in_equation(self, below: int = 0) -> bool:
        return any(k == "equation" for k, _ in self.inside[: len(self.inside) - below])

    def _close(self, kind: str, comment: bool = False) -> None:
        for index in range(len(self.inside) - 1, -1, -1):
            if self.inside[index][0] == kind:
                _, collected = self.inside.pop(index)
                item = Unconverted(kind, self.heading, " ".join("".join(collected).split()))
                (self.facts.comments if comment else self.facts.unconverted).append(item)
                return

    def _unconverted(self, what: str) -> None:
        self.facts.unconverted.append(Unconverted(what, self.heading))


def text_boxes_moved(data: bytes, facts: DocxFacts) -> bytes:
    """The .docx with each text box's paragraphs moved out of the box, to follow the
    paragraph it is anchored in; the same bytes if it has no text box.

    Pandoc reads a paragraph holding a text box as the box's text alone, and loses the
    paragraph's own words. The XML was read once already with document types refused, so
    ElementTree may parse it.
    """
    if not any(item.what == "text box" for item in facts.unconverted) or facts.archive is None:
        return data
    xml = _read(facts.archive, _DOCUMENT)
    for _, (prefix, uri) in ElementTree.iterparse(io.BytesIO(xml), events=("start-ns",)):
        ElementTree.register_namespace(prefix, uri)
    root = ElementTree.fromstring(xml)
    parents = {child: parent for parent in root.iter() for child in parent}
    paragraph, box = f"{{{_W}}}p", f"{{{_W}}}txbxContent"
    for anchor in [p for p in root.iter(paragraph) if not _inside(p, box, parents)]:
        moved: list[ElementTree.Element] = []
        for holder in _box_holders(anchor, box, parents):
            content = next(holder.iter(box))
            moved += [copy.deepcopy(p) for p in content if p.tag == paragraph]
            parents[holder].remove(holder)
        if moved:
            container = parents[anchor]
            place = list(container).index(anchor) + 1
            container[place:place] = moved
    document = ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")
    members = [
        (info.filename, document if info.filename == _DOCUMENT else facts.archive.read(info))
        for info in facts.archive.infolist()
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for name, body in members:
            rewritten.writestr(name, body)
    return out.getvalue()


def _inside(
    element: ElementTree.Element, tag: str, parents: dict[ElementTree.Element, ElementTree.Element]
) -> bool:
    while element in parents:
        element = parents[element]
        if element.tag == tag:
            return True
    return False


def _box_holders(
    anchor: ElementTree.Element, box: str, parents: dict[ElementTree.Element, ElementTree.Element]
) -> list[ElementTree.Element]:
    """The outermost elements in ``anchor`` that hold a text box (a drawing with Word's older
    copy, or an old-style picture): removing them removes the box, and only the box."""
    holders: list[ElementTree.Element] = []
    wanted = {f"{{{_MC}}}AlternateContent", f"{{{_W}}}pict", f"{{{_W}}}drawing"}
    for element in anchor.iter():
        if element.tag not in wanted or not any(True for _ in element.iter(box)):
            continue
        above = set()
        walker = element
        while walker in parents:
            walker = parents[walker]
            above.add(walker)
        if not above.intersection(holders):
            holders.append(element)
    return holders
