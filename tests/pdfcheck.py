"""Reading what a reader sees: pages, outline and laid-out boxes of a built PDF."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

import briefing
from briefing.pdf.render import layout_document

TOC_LINE = re.compile(r"^(?:\d+\s+)?(?P<title>.+?)[\s.]*\s(?P<page>\d+)$")


def toc_entries(contents_page_text: str) -> dict[str, int]:
    """Section title -> page number, as printed on the contents page."""
    entries = {}
    for line in contents_page_text.splitlines():
        line = line.strip()
        if ". ." in line and (match := TOC_LINE.match(line)):
            entries[" ".join(match["title"].rstrip(" .").split())] = int(match["page"])
    return entries


def outline_pages(reader: PdfReader) -> dict[str, int]:
    """Top-level outline titles -> 1-based page numbers."""
    return {
        " ".join(item.title.split()): reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }


def first_edition(root: Path, kind: str = "pack", language: str | None = None, **options):
    """The first edition of ``kind`` a build of the project at ``root`` would render, and its
    HTML."""
    languages = (language,) if language else None
    report = briefing.check_project(root, kinds=(kind,), languages=languages, **options)
    prepared = report.prepared[0]
    return report.project, prepared.edition, prepared.html


def laid_out_pages(root: Path, kind: str = "pack", language: str | None = None, **options):
    """The WeasyPrint pages of the first edition of ``kind`` in the project at ``root``."""
    project, edition, html = first_edition(root, kind, language, **options)
    document, _ = layout_document(html, edition.publication.folder, project.root)
    return document.pages


def flow_lines(page) -> list:
    """Line boxes of the main flow of a page, in order (no margin boxes, no footnotes)."""
    flow = page._page_box.children[0]
    return [box for box in flow.descendants() if type(box).__name__ == "LineBox"]


def structure_elements(reader: PdfReader, tag: str | None = None) -> list:
    """The elements of the PDF's structure tree, the way assistive technology reads it, in
    order (only those of type ``tag``, such as ``/Figure``, if given)."""
    found = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
            return
        if not isinstance(node, dict):
            return
        if "/S" in node and (tag is None or node["/S"] == tag):
            found.append(node)
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def untold_content(path) -> dict[str, list[str]]:
    """What each page of a tagged PDF shows that is neither in its structure tree nor an
    artifact: marked sequences whose id no element takes, and marks (text, painted paths,
    pictures) outside any marked sequence. Empty when every mark is accounted for."""
    import pikepdf

    from briefing.pdf.accessible import PAINTING, referenced_content

    found: dict[str, list[str]] = {}
    with pikepdf.open(path) as pdf:
        referenced = referenced_content(pdf.Root.StructTreeRoot)
        for number, page in enumerate(pdf.pages, start=1):
            problems, depth = [], 0
            for instruction in pikepdf.parse_content_stream(page):
                operator = str(instruction.operator)
                if operator in ("BDC", "BMC"):
                    depth += 1
                    operands = instruction.operands
                    properties = operands[1] if len(operands) > 1 else None
                    if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                        mcid = int(properties.MCID)
                        if (page.obj.objgen, mcid) not in referenced:
                            problems.append(f"{operands[0]} MCID {mcid} in no element")
                elif operator == "EMC":
                    depth -= 1
                elif operator in PAINTING and depth == 0:
                    problems.append(f"{operator} outside marked content")
            if problems:
                found[f"page {number}"] = problems
    return found


def read_aloud(path) -> list[tuple[str, str]]:
    """What a screen reader reads, in order: (element type, its text) for each element of
    the structure tree that holds text, walking the tree as assistive technology does."""
    import pdfplumber

    read: list[tuple[str, str]] = []
    with pdfplumber.open(path) as pdf:
        texts: dict[tuple[int, int], str] = {}
        for page in pdf.pages:
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (page.page_number, char["mcid"])
                    texts[key] = texts.get(key, "") + char["text"]

        def walk(element: dict) -> None:
            page = element.get("page_number")
            words = "".join(texts.get((page, mcid), "") for mcid in element.get("mcids", []))
            if words.strip():
                read.append((element["type"], words))
            for child in element.get("children", []):
                walk(child)

        for element in pdf.structure_tree:
            walk(element)
    return read
