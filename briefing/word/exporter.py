"""`briefing export`: a publication's text as a Word file, for a translator (or a reviewer).

Every file of the publication becomes a part of one document: the opening's title, subtitle
and authors are the document's title block, its summary, series and keywords paragraphs of
their own styles ("Summary", "Series", "Keywords"), its text follows; each section starts at
its Heading 1; the handout is the last Heading 1. Call-out boxes are one-cell tables with
their title in bold. The files' names and versions, and what the reader cannot see (dates,
addresses, which kind each box is, where each image came from), go into a custom document
property, ``briefing``, which Word keeps when the file is edited and saved, so that
`briefing import` puts each part back where it belongs.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem, UsageError, errors_in
from ..files import outside_problem, write_atomic
from ..languages.tags import parse_language
from ..project.frontmatter import INLINE, PROSE, TRANSLATED_FROM, split_front_matter
from ..project.model import Document, Project, Publication
from ..project.naming import HANDOUT, OPENING, split_name
from ..project.settings import BUILD_FOLDER
from .pandoc import write_tree
from .tree import (
    CALLOUT_CLASS,
    Callout,
    Node,
    attributes,
    collapse,
    document,
    markdown_tree,
    node,
    rewrite,
    words,
)

#: The record's version: an import refuses a record it does not know.
RECORD_VERSION = 1
#: The paragraph styles of the opening's front matter, by key; title, subtitle and authors
#: are Word's own Title, Subtitle and Author paragraphs.
FRONT_STYLES = {"summary": "Summary", "series": "Series", "keywords": "Keywords", "lead": "Lead"}
#: The largest image put into the Word file.
MAX_IMAGE_BYTES = 30 * 1024 * 1024
_MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}


@dataclass
class ExportReport:
    path: Path
    files: list[str]
    problems: list[Problem] = field(default_factory=list)


def export_publication(
    project: Project,
    slug: str,
    language: str,
    *,
    translated: bool = False,
    changed_only: bool = False,
    statuses: dict[str, str] | None = None,
) -> ExportReport:
    """Write ``build/<language>/<slug>-for-translation.docx`` (``-for-review`` with
    ``translated``: the language's own text, for a reviewer).

    ``statuses`` (file stem -> translation state) chooses, with ``changed_only``, the files
    whose translation is stale or missing.
    """
    publication = _publication(project, slug)
    tag = parse_language(language).tag
    source_language = project.config.language
    if translated and tag == parse_language(source_language).tag:
        raise UsageError(
            f"--translated: {tag} is the language {slug} is written in; leave out --translated "
            "to export its text"
        )
    problems: list[Problem] = []
    documents = _documents(publication, tag if translated else None, problems)
    if changed_only:
        wanted = {"stale", "missing", "not marked"}
        documents = [d for d in documents if (statuses or {}).get(d[0], "missing") in wanted]
        if not documents:
            raise UsageError(
                f"--changed: every file of {slug} in {tag} is up to date; there is nothing to "
                "translate"
            )
    parts = [_export_file(stem, doc, path, publication, problems) for stem, doc, path in documents]
    meta, blocks = _assemble(parts, publication, tag if translated else source_language)
    record = {
        "version": RECORD_VERSION,
        "publication": slug,
        "language": tag,
        "source_language": source_language,
        "text": "translation" if translated else "source",
        "files": [part.record for part in parts],
    }
    meta["briefing"] = node("MetaString", json.dumps(record, ensure_ascii=False, sort_keys=True))
    data = write_tree(document(blocks, meta), "docx")
    kind = "review" if translated else "translation"
    out = project.config.root / BUILD_FOLDER / tag / f"{slug}-for-{kind}.docx"
    write_atomic(out, data)
    return ExportReport(out, [part.stem for part in parts], problems)


def _publication(project: Project, slug: str) -> Publication:
    for publication in project.publications:
        if publication.slug == slug:
            return publication
    errors = errors_in(project.problems)
    if errors and (project.config.content_dir / slug).is_dir():
        # It was left out for its errors: say which, not that it does not exist.
        raise ContentError(
            [*errors, Problem(None, f"{slug} cannot be exported until these errors are fixed")]
        )
    known = ", ".join(p.slug for p in project.publications) or "none"
    raise UsageError(f"{slug}: no such publication; the publications are: {known}")


def _documents(
    publication: Publication, language: str | None, problems: list[Problem]
) -> list[tuple[str, Document[Any], Path]]:
    """The files to export, in reading order: the sources, or the translations into
    ``language`` (a file not translated yet is left out, with a warning)."""
    chosen = []
    for stem, source in publication.sources.items():
        if language is None:
            chosen.append((stem, source, source.path))
            continue
        translation = publication.translations.get(language, {}).get(stem)
        if translation is None:
            problems.append(
                Problem(
                    source.path.relative_to(publication.folder.parent.parent),
                    f"has no {language} translation yet; it is not in the file for review",
                    warning=True,
                )
            )
            continue
        chosen.append((stem, translation, translation.path))
    return chosen


@dataclass
class _Part:
    stem: str
    #: The front matter values shown, as inlines, by key.
    shown: dict[str, list[Node]]
    blocks: list[Node]
    record: dict[str, Any]
    authors: list[str]


def _export_file(
    stem: str, doc: Document[Any], path: Path, publication: Publication, problems: list[Problem]
) -> _Part:
    found: list[Problem] = []
    text = path.read_text("utf-8-sig")
    front = split_front_matter(text, path, found)
    data = dict(front.data or {})
    shown_keys = [k for k in ("title", "subtitle", "summary", "series", "lead") if data.get(k)]
    # The values shown go through Pandoc with the body, each as a heading of its own (so that
    # nothing in one starts a list), before the body.
    lines = [f"# {collapse(str(data[k]))}\n" for k in shown_keys]
    blocks, callouts = markdown_tree("\n".join(lines) + "\n" + front.body)
    shown = {key: blocks[i]["c"][2] for i, key in enumerate(shown_keys)}
    blocks = blocks[len(shown_keys) :]
    authors = [str(a) for a in data.get("authors") or []]
    keywords = [str(k) for k in data.get("keywords") or []]
    if keywords:
        shown["keywords"] = words(", ".join(keywords))
    images: list[list[str]] = []
    blocks = rewrite(blocks, lambda n: _embed(n, path.parent, publication, images, problems))
    blocks = rewrite(blocks, lambda n: _callout_table(n, callouts))
    heading = "body"
    if stem != OPENING and not (blocks and blocks[0]["t"] == "Header" and blocks[0]["c"][0] == 1):
        # A file without a title of its own: its heading in Word is a label, not text.
        label = shown.pop("title", None) or words(doc.title or _label(stem))
        heading = "front" if "title" in shown_keys else "label"
        blocks.insert(0, node("Header", [1, attributes(), label]))
    hidden = {
        key: value if isinstance(value, (str, int, float, bool)) else str(value)
        for key, value in data.items()
        if key not in PROSE and key not in ("keywords", TRANSLATED_FROM)
    }
    record = {
        "stem": stem,
        "from": data.get(TRANSLATED_FROM) if split_name(path)[1] else doc.blob_id,
        "heading": heading,
        "front": hidden,
        "inline": sorted(k for k in shown_keys if k in INLINE),
        "images": images,
        "callouts": [[c.kind, c.title] for c in callouts],
    }
    return _Part(stem, shown, blocks, record, authors)


def _label(stem: str) -> str:
    return "Handout" if stem == HANDOUT else stem


def _embed(
    item: Node,
    folder: Path,
    publication: Publication,
    images: list[list[str]],
    problems: list[Problem],
) -> list[Node] | None:
    """An image with its bytes inside (Pandoc reads no file); a lone image with a title
    becomes a figure with that caption, as it prints."""
    if item["t"] == "Para" and len(item["c"]) == 1 and item["c"][0]["t"] == "Image":
        image = item["c"][0]
        title = image["c"][2][1]
        embedded = _embedded(image, folder, publication, images, problems)
        if title and embedded["t"] == "Image":
            embedded["c"][2][1] = ""
            caption = [None, [node("Plain", words(title))]]
            return [node("Figure", [attributes(), caption, [node("Plain", [embedded])]])]
        return [node("Para", [embedded])]
    if item["t"] == "Image":
        return [_embedded(item, folder, publication, images, problems)]
    return None


def _embedded(
    image: Node,
    folder: Path,
    publication: Publication,
    images: list[list[str]],
    problems: list[Problem],
) -> Node:
    _, alt, (src, title) = image["c"]
    root = publication.folder.parent.parent
    path = (folder / src).absolute()
    media_type = _MEDIA_TYPES.get(path.suffix.lower())
    refused = outside_problem(path, root) if "://" not in src and ":" not in src[:3] else None
    if media_type is None or refused is not None or not path.is_file():
        problems.append(
            Problem(
                path.relative_to(root) if path.is_relative_to(root) else src,
                "this image cannot go into the Word file (not a PNG, JPEG, GIF or SVG file in "
                "the project); its alt text stands in for it",
                warning=True,
            )
        )
        return node("Emph", [node("Str", "["), *alt, node("Str", "]")])
    data = path.read_bytes()[: MAX_IMAGE_BYTES + 1]
    images.append([src, hashlib.sha256(data).hexdigest()])
    url = f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
    return node("Image", [attributes(), alt, [url, title]])


def _callout_table(item: Node, callouts: Sequence[Callout]) -> list[Node] | None:
    """A call-out as a one-cell table: its title in bold, then its text."""
    if item["t"] != "Div" or CALLOUT_CLASS not in item["c"][0][1]:
        return None
    number = int(dict(item["c"][0][2]).get("n", "0"))
    callout = callouts[number] if number < len(callouts) else Callout("note", None)
    title = callout.title if callout.title is not None else callout.kind.title()
    inside = rewrite(item["c"][1], lambda n: _callout_table(n, callouts))
    blocks = [node("Para", [node("Strong", words(title))]), *inside]
    return [one_cell_table(blocks)]


def one_cell_table(blocks: list[Node]) -> Node:
    cell = [attributes(), node("AlignDefault"), 1, 1, blocks]
    body = [attributes(), 0, [], [[attributes(), [cell]]]]
    return node(
        "Table",
        [
            attributes(),
            [None, []],
            [[node("AlignDefault"), node("ColWidthDefault")]],
            [attributes(), []],
            [body],
            [attributes(), []],
        ],
    )


def _assemble(
    parts: list[_Part], publication: Publication, language: str
) -> tuple[dict[str, Any], list[Node]]:
    """The Word document's metadata and blocks."""
    meta: dict[str, Any] = {"lang": node("MetaString", language)}
    if parse_language(language).direction == "rtl":
        meta["dir"] = node("MetaString", "rtl")
    blocks: list[Node] = []
    for part in parts:
        if part.stem == OPENING:
            for key in ("title", "subtitle"):
                if key in part.shown:
                    meta[key] = node("MetaInlines", part.shown[key])
            if part.authors:
                names = [node("MetaInlines", words(name)) for name in part.authors]
                meta["author"] = node("MetaList", names)
            for key in ("series", "summary", "keywords"):
                if key in part.shown:
                    blocks.append(_styled(FRONT_STYLES[key], part.shown[key]))
            blocks += part.blocks
        else:
            blocks.append(part.blocks[0])
            if "lead" in part.shown:
                blocks.append(_styled(FRONT_STYLES["lead"], part.shown["lead"]))
            blocks += part.blocks[1:]
    if "title" not in meta:
        meta["title"] = node("MetaInlines", words(publication.meta.title or publication.slug))
    return meta, blocks


def _styled(style: str, inlines: list[Node]) -> Node:
    return node("Div", [attributes(**{"custom-style": style}), [node("Para", inlines)]])
