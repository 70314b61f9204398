"""Reading what a reader sees: pages, outline and laid-out boxes of a built PDF."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from briefing.content import load_project
from briefing.editions import edition_html, plan_editions
from briefing.pdf import layout_document

TOC_LINE = re.compile(r"^(?:\d+\s+)?(?P<title>.+?)[\s.]*\s(?P<page>\d+)$")


def toc_entries(contents_page_text: str) -> dict[str, int]:
    """Section title -> page number, as printed on the contents page."""
    entries = {}
    for line in contents_page_text.splitlines():
        line = line.strip()
        if ". ." in line and (match := TOC_LINE.match(line)):
            entries[match["title"].rstrip(" .")] = int(match["page"])
    return entries


def outline_pages(reader: PdfReader) -> dict[str, int]:
    """Top-level outline titles -> 1-based page numbers."""
    return {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }


def laid_out_pages(root: Path, kind: str = "pack", language: str | None = None):
    """The WeasyPrint pages of the first edition of ``kind`` in the project at ``root``."""
    project = load_project(root)
    languages = (language,) if language else None
    edition = next(e for e in plan_editions(project, languages=languages) if e.kind == kind)
    document, _ = layout_document(
        edition_html(project, edition), edition.publication.folder, project.root
    )
    return document.pages


def flow_lines(page) -> list:
    """Line boxes of the main flow of a page, in order (no margin boxes, no footnotes)."""
    flow = page._page_box.children[0]
    return [box for box in flow.descendants() if type(box).__name__ == "LineBox"]
