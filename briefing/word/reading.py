"""A Word file read into the parts of a publication: the opening (title block, summary,
series, keywords and the text before the first Heading 1), then one part per Heading 1.

Pandoc reads the .docx (tracked changes taken as accepted, paragraph styles kept) into its
tree; here the tree is cleaned of what a briefing does not write (Word's own styles, heading
ids, image sizes, links to Word bookmarks), figures become images with captions, and one-cell
tables become call-out boxes. Nothing is written to disk.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError
from .docx import MAX_DOCX_BYTES, DocxFacts, NotWord, open_docx, text_boxes_moved
from .exporter import FRONT_STYLES, RECORD_VERSION
from .pandoc import PandocFailed, read_tree
from .tree import CALLOUT_CLASS, Callout, Node, attributes, each_node, node, plain_text, rewrite

#: Paragraph styles whose text is part of the opening's front matter, by style name.
_FRONT_KEYS = {style: key for key, style in FRONT_STYLES.items()} | {"Abstract": "summary"}
_DROPPED_STYLES = {"Abstract Title"}
_CALLOUT_KIND = re.compile(r"[\w\-]+(?: [\w\-]+)*")


@dataclass
class Part:
    """One file's worth of a Word document."""

    #: The Heading 1 (None for the opening).
    heading: list[Node] | None
    #: Front matter values as inlines (title, subtitle, series, summary, lead, date) and as
    #: lists of plain text (authors, keywords).
    values: dict[str, list[Node]] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[Node] = field(default_factory=list)
    callouts: list[Callout] = field(default_factory=list)

    @property
    def title(self) -> str:
        return plain_text(self.heading) if self.heading is not None else ""


@dataclass
class WordDocument:
    path: Path
    facts: DocxFacts
    opening: Part
    sections: list[Part]
    #: What `briefing export` recorded in the file (None: a file it did not write).
    record: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)
    #: The heading level that starts a part (1 unless the document has no Heading 1).
    level: int = 1


def read_word(path: Path) -> WordDocument:
    """Read a .docx; a file that is not one raises a :class:`UsageError` naming it."""
    if path.is_dir():
        raise UsageError(f"{path}: is a folder, not a Word file; give the path of a .docx file")
    try:
        with path.open("rb") as stream:
            # A byte more than a Word file may have: enough to tell it is too big.
            data = stream.read(MAX_DOCX_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(
            f"{path}: no such file; check the Word file's name and folder (give its path)"
        ) from None
    except OSError as error:
        raise UsageError(
            f"{path}: cannot be read ({error.strerror}); check that it is a Word file you may read"
        ) from None
    if not data:
        raise UsageError(
            f"{path}: is empty (0 bytes); save the document again from Word as a Word "
            "Document (.docx) and import that"
        )
    try:
        facts = open_docx(data)
        tree = read_tree(text_boxes_moved(data, facts), "docx+styles", "--track-changes=accept")
    except NotWord as error:
        raise UsageError(f"{path}: {error}") from None
    except PandocFailed as error:
        raise UsageError(
            f"{path}: Pandoc could not read it ({error}); open it in Word, save it again as a "
            "Word Document (.docx) and import that"
        ) from None
    problems: list[Problem] = []
    record = _record(facts.custom.get("briefing"), path, problems)
    blocks = rewrite(tree["blocks"], _clean)
    level, opening_blocks, sections = _split(blocks)
    opening = _opening(tree.get("meta", {}), opening_blocks, facts)
    parts = [_section(heading, body) for heading, body in sections]
    document = WordDocument(path, facts, opening, parts, record, problems, level)
    _report_losses(document)
    return document


def _record(value: str | None, path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    """The record `briefing export` left in the file, if it is one this version reads."""
    if not value:
        return None
    try:
        record = json.loads(value)
    except (ValueError, RecursionError):
        record = None
    files = record.get("files") if isinstance(record, dict) else None
    stems = [f.get("stem") for f in files if isinstance(f, dict)] if isinstance(files, list) else []
    if (
        not isinstance(record, dict)
        or record.get("version") != RECORD_VERSION
        or not isinstance(files, list)
        or len(stems) != len(files)
        or not all(_file_stem(stem) for stem in stems)
        or len(set(stems)) != len(stems)
        or not _file_stem(record.get("publication", "-"))
    ):
        problems.append(
            Problem(
                path,
                "its 'briefing' property is not one this version of briefing wrote; the "
                "sections are matched by their order",
                warning=True,
            )
        )
        return None
    return record


def _file_stem(name: object) -> bool:
    """Whether a name from the record can be a file's name in a publication folder, and no
    more (it comes from the Word file, which anyone may have edited)."""
    return (
        isinstance(name, str)
        and re.search(r"[\x00-\x1f\x7f/\\\ud800-\udfff]|^\.|^\s|\s$", name) is None
        and 0 < len(name.encode("utf-8")) <= 200
    )


# --- Cleaning Pandoc's tree -----------------------------------------------------------------


def _clean(item: Node) -> list[Node] | None:
    kind = item["t"]
    contents: Any = item.get("c")
    if kind == "Div":
        style = _style(contents[0])
        if style in _FRONT_KEYS:
            return [
                node("Div", [attributes(front=_FRONT_KEYS[style]), rewrite(contents[1], _clean)])
            ]
        if style in _DROPPED_STYLES:
            return []
        return _cleaned(contents[1])
    if kind == "Span":
        return _cleaned(contents[1])
    if kind in ("Underline", "SmallCaps"):
        return _cleaned(contents)
    if kind == "Header":
        inlines = rewrite(contents[2], _clean)
        return [node("Header", [contents[0], attributes(), inlines])] if inlines else []
    if kind == "Image":
        return [node("Image", [attributes(), rewrite(contents[1], _clean), contents[2]])]
    if kind == "Figure":
        return _figure(contents)
    if kind == "Link" and contents[2][0].startswith("#"):
        return _cleaned(contents[1])
    if kind == "Table":
        return [node("Table", [attributes(), *rewrite(contents[1:], _clean)])]
    if kind == "Math":
        return [node("Code", [attributes(), contents[1]])]
    if kind in ("RawInline", "RawBlock"):
        return []
    if kind in ("Para", "Plain") and not [i for i in contents if i["t"] not in _BLANK]:
        return []
    return None


def _cleaned(items: Any) -> list[Node]:
    cleaned: list[Node] = rewrite(items, _clean)
    return cleaned


_BLANK = {"Space", "SoftBreak", "LineBreak"}


def _style(attr: list[Any]) -> str | None:
    return dict(attr[2]).get("custom-style")


def _figure(contents: list[Any]) -> list[Node]:
    """A figure as the Markdown of one writes it: a paragraph holding only the image, whose
    title is the caption."""
    _, (_, caption_blocks), blocks = contents
    caption = plain_text(rewrite(caption_blocks, _clean))
    images = [n for n in each_node(rewrite(blocks, _clean)) if n["t"] == "Image"]
    out = []
    for index, image in enumerate(images):
        alt, (src, title) = image["c"][1], image["c"][2]
        text = caption if index == 0 and caption and caption != plain_text(alt) else title
        out.append(node("Para", [node("Image", [attributes(), alt, [src, text]])]))
    return out


# --- Splitting into parts -------------------------------------------------------------------


def _split(blocks: list[Node]) -> tuple[int, list[Node], list[tuple[list[Node], list[Node]]]]:
    levels = [b["c"][0] for b in blocks if b["t"] == "Header"]
    level = min(levels) if levels else 0
    opening: list[Node] = []
    sections: list[tuple[list[Node], list[Node]]] = []
    for block in blocks:
        if block["t"] == "Header":
            depth = block["c"][0]
            if depth == level:
                sections.append((block["c"][2], []))
                continue
            # A document whose top headings are not Heading 1 is read one level up.
            block = node("Header", [max(2, depth - level + 1), attributes(), block["c"][2]])
        (sections[-1][1] if sections else opening).append(block)
    return level, opening, sections


def _opening(meta: dict[str, Any], blocks: list[Node], facts: DocxFacts) -> Part:
    part = Part(None)
    for key in ("title", "subtitle", "date"):
        value = meta.get(key)
        if value and value.get("t") == "MetaInlines" and value["c"]:
            part.values[key] = rewrite(value["c"], _clean)
    authors = meta.get("author")
    if authors:
        items = authors["c"] if authors.get("t") == "MetaList" else [authors]
        names = [
            plain_text(rewrite(item.get("c", []), _clean))
            for item in items
            if isinstance(item, dict)
        ]
        part.lists["authors"] = [name for name in names if name]
    if "title" not in part.values and facts.core.get("title"):
        part.values["title"] = [node("Str", facts.core["title"])]
    body = _take_front(blocks, part)
    if "keywords" not in part.lists and facts.core.get("keywords"):
        part.lists["keywords"] = _keywords(facts.core["keywords"])
    part.blocks = body
    return part


def _take_front(blocks: list[Node], part: Part) -> list[Node]:
    """The blocks without the paragraphs of front matter styles, which go into ``part``."""
    body = []
    for block in blocks:
        key = dict(block["c"][0][2]).get("front") if block["t"] == "Div" else None
        if key is None:
            body.append(block)
            continue
        inlines = [i for b in block["c"][1] if b["t"] in ("Para", "Plain") for i in b["c"]]
        if key == "keywords":
            part.lists["keywords"] = _keywords(plain_text(inlines))
        elif key not in part.values:
            part.values[key] = inlines
    return body


def _keywords(text: str) -> list[str]:
    for mark in ";，、؛":
        text = text.replace(mark, ",")
    return [word.strip() for word in text.split(",") if word.strip()]


def _section(heading: list[Node], blocks: list[Node]) -> Part:
    part = Part(heading)
    part.blocks = _take_front(blocks, part)
    return part


def callouts_of(part: Part, kinds: list[list[Any]] | None) -> None:
    """Make the part's one-cell tables call-outs: a first paragraph all in bold is the
    title; the kind is the one recorded at export (``kinds``, in order), else ``note``."""
    recorded = kinds or []

    def change(item: Node) -> list[Node] | None:
        if item["t"] != "Table" or not _one_cell(item):
            return None
        blocks = rewrite(_cell_blocks(item), change)
        title: str | None = None
        first = blocks[0] if blocks else None
        if first and first["t"] in ("Para", "Plain") and _all_strong(first["c"]):
            title = plain_text(first["c"])
            blocks = blocks[1:]
        number = len(part.callouts)
        kind = "note"
        entry = recorded[number] if number < len(recorded) else None
        # A kind is one or more words, as a call-out's first line has it.
        if (
            entry
            and isinstance(entry, list)
            and isinstance(entry[0], str)
            and _CALLOUT_KIND.fullmatch(entry[0])
        ):
            kind = entry[0]
            default = entry[1] if len(entry) > 1 else None
            if default is None and title == kind.title():
                title = None
        part.callouts.append(Callout(kind, title))
        return [node("Div", [attributes("", [CALLOUT_CLASS], n=str(number)), blocks])]

    part.blocks = rewrite(part.blocks, change)


def _one_cell(table: Node) -> bool:
    _, _, colspecs, head, bodies, foot = table["c"]
    rows = head[1] + [r for body in bodies for r in body[2] + body[3]] + foot[1]
    return len(colspecs) == 1 and len(rows) == 1 and len(rows[0][1]) == 1


def _cell_blocks(table: Node) -> list[Node]:
    _, _, _, head, bodies, _ = table["c"]
    rows = head[1] + [r for body in bodies for r in body[2] + body[3]]
    blocks: list[Node] = rows[0][1][0][4]
    return blocks


def _all_strong(inlines: list[Node]) -> bool:
    kinds = {i["t"] for i in inlines} - _BLANK
    return kinds == {"Strong"}


def complex_tables(blocks: list[Node]) -> list[str]:
    """The first words of each table Markdown's pipe tables cannot hold (merged cells, more
    than one paragraph in a cell, no header row)."""
    found = []
    for table in (n for n in each_node(blocks) if n["t"] == "Table"):
        _, _, _, head, bodies, _ = table["c"]
        rows = head[1] + [r for body in bodies for r in body[2] + body[3]]
        cells = [cell for row in rows for cell in row[1]]
        merged = any(cell[2] != 1 or cell[3] != 1 for cell in cells)
        long = any(
            len(cell[4]) > 1 or any(b["t"] not in ("Plain", "Para") for b in cell[4])
            for cell in cells
        )
        if merged or long or not head[1]:
            first_row = " ".join(plain_text(cell[4]) for cell in rows[0][1]) if rows else ""
            found.append(shortened(first_row))
    return found


def _report_losses(document: WordDocument) -> None:
    """Warnings for what the Markdown will not have: tracked changes taken as accepted,
    comments, text boxes, SmartArt, charts, equations, embedded objects."""
    facts, path, problems = document.facts, document.path, document.problems
    if facts.changes:
        counts = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in facts.changes.items())
        problems.append(
            Problem(
                path,
                f"has tracked changes ({counts}; the first {_where(facts.changes_at)}); they "
                "were imported as if accepted, and deleted text was left out; to reject some, "
                "do so in Word (Review > Reject) and import again",
                warning=True,
            )
        )
    for comment in facts.comments:
        said = f' ("{shortened(comment.remark, 40)}")' if comment.remark else ""
        problems.append(
            Problem(
                path,
                f'a comment{said} on "{shortened(comment.text, 40)}" {_where(comment.heading)} '
                "was left out; comments are not printed",
                warning=True,
            )
        )
    for item in facts.unconverted:
        words = f' ("{shortened(item.text, 40)}")' if item.text else ""
        problems.append(
            Problem(
                path,
                f"{_LOSSES.get(item.what, item.what)}{words} {_where(item.heading)} "
                f"{_ADVICE.get(item.what, 'was left out')}",
                warning=True,
            )
        )


def _where(heading: str | None) -> str:
    return f'under "{shortened(heading, 40)}"' if heading else "before the first heading"


_LOSSES = {
    "text box": "a text box",
    "embedded object": "an embedded object",
    "equation": "an equation",
    "chart": "a chart",
    "SmartArt graphic": "a SmartArt graphic",
    "linked picture": "a picture linked to a file outside the Word file",
}
_ADVICE = {
    "text box": "was imported as paragraphs after the one it is anchored in; check that "
    "they belong there",
    "equation": "was imported as its code; write it out as text, or paste it as an image",
    "chart": "was left out; paste it into Word as a picture (or save it as PNG) and import again",
    "SmartArt graphic": "was left out; save it as a picture in Word and import again",
    "embedded object": "was left out; paste its content as text or as a picture",
    "linked picture": "was left out (it is not read); insert the picture itself in Word "
    "(Insert > Pictures, without Link to File) and import again",
}


def shortened(text: str, limit: int = 40) -> str:
    """``text`` cut to about ``limit`` characters, for a message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
