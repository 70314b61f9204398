"""The loaded project as typed, frozen data: documents, publications, and the recipe of each
edition a build makes. Nothing here reads files or converts anything."""

from __future__ import annotations

import datetime
import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, get_args

from ..errors import Problem
from .naming import translation_file
from .settings import Config, PaperName

Kind = Literal["pack", "handout"]
Profile = Literal["screen", "print", "email", "archive"]
Imposition = Literal["2up", "booklet"]
KINDS: tuple[Kind, ...] = get_args(Kind)
PROFILES: tuple[Profile, ...] = get_args(Profile)
IMPOSITIONS: tuple[Imposition, ...] = get_args(Imposition)
#: The kind of edition each imposition applies to: handouts go 2-up, packs become booklets.
IMPOSED_KIND: Mapping[Imposition, Kind] = {"2up": "handout", "booklet": "pack"}
#: Around every page of the print profile: the bleed, into which artwork that reaches the
#: edge is extended, and outside it the slug, which carries the crop marks (millimetres).
PRINT_BLEED_MM, PRINT_SLUG_MM = 3, 7


# ---- What Markdown makes of a file ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    """A URL that the HTML refers to: a resource to fetch (``src``) or a link (``href``)."""

    tag: str
    attribute: str
    url: str
    #: The alt text of an image (None when the attribute is missing).
    alt: str | None = None

    @property
    def is_link(self) -> bool:
        return self.tag == "a" and self.attribute == "href"


@dataclass(frozen=True, slots=True)
class KeyMessages:
    """The first ``!!! key`` call-out of a text: its title and points, as text and HTML."""

    title: str
    points: tuple[str, ...]
    html: str


@dataclass(frozen=True, slots=True)
class Markup:
    """The HTML made from one Markdown text, and what was learnt while making it."""

    html: str
    #: The first level-1 heading (taken out of ``html``), as HTML and as plain text.
    title_html: str | None
    title: str | None
    #: Every id an element has, so links inside the pack can be checked.
    ids: tuple[str, ...]
    references: tuple[Reference, ...]
    #: What a faithful translation keeps: counts of footnotes, images, tables, links and
    #: headings (the title included).
    structure: Mapping[str, int]
    #: Links whose text says nothing of where they lead ("here", "click here").
    vague_links: tuple[str, ...] = ()
    key_messages: KeyMessages | None = None


# ---- Front matter -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicationMeta:
    """A publication's front matter (index.md; in a translation, its values override)."""

    title: str = ""
    subtitle: str = ""
    date: datetime.date | None = None
    #: When the publication was last revised; the PDF's modification date.
    updated: datetime.date | None = None
    summary: str = ""
    series: str = ""
    authors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    url: str = ""
    cover_image: str = ""
    #: In a translation: the git blob id of the source version it was translated from.
    translated_from: str | None = None


@dataclass(frozen=True, slots=True)
class SectionMeta:
    title: str = ""
    translated_from: str | None = None


@dataclass(frozen=True, slots=True)
class HandoutMeta:
    title: str = ""
    lead: str = ""
    #: How far this handout may shrink to fit one page (None: the project's setting).
    min_scale: float | None = None
    translated_from: str | None = None


Meta = TypeVar("Meta", PublicationMeta, SectionMeta, HandoutMeta)


@dataclass(frozen=True, slots=True)
class Document(Generic[Meta]):
    """One Markdown file: its front matter and the HTML made from its body."""

    path: Path
    meta: Meta
    markup: Markup
    anchor: str
    language: str
    #: The git blob id of the file's bytes: what translations record as their source version.
    blob_id: str
    #: The line of the file where the Markdown body starts (after the front matter).
    body_line: int = 1
    #: The front matter's values that may hold inline Markdown (title, subtitle, series), as
    #: HTML; ``meta`` has them as plain text.
    meta_html: Mapping[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str | None:
        return self.meta.title or self.markup.title

    @property
    def title_html(self) -> str:
        """The title as HTML: the front matter's or the first heading's."""
        if self.meta.title:
            return self.meta_html.get("title") or html.escape(self.meta.title)
        return self.markup.title_html or ""

    def html_of(self, key: str) -> str:
        """A front matter value as HTML (``title``, ``subtitle``, ``series`` may hold inline
        Markdown; any other is escaped text)."""
        value = getattr(self.meta, key, "")
        return self.meta_html.get(key) or html.escape(value) if value else ""

    @property
    def stem(self) -> str:
        """``02-name`` for 02-name.md and its translations 02-name.fr.md."""
        return self.path.name.split(".", 1)[0]


# ---- Publications and the project ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Publication:
    slug: str
    folder: Path
    opening: Document[PublicationMeta]
    sections: tuple[Document[SectionMeta], ...]
    handout: Document[HandoutMeta] | None
    #: Translated documents: language tag -> stem of the source file -> document.
    translations: Mapping[str, Mapping[str, Document[Any]]] = field(default_factory=dict)
    #: Languages with a translation file that could not be read.
    broken_languages: frozenset[str] = frozenset()

    @property
    def meta(self) -> PublicationMeta:
        return self.opening.meta

    @property
    def sources(self) -> dict[str, Document[Any]]:
        """The source documents by stem: index, the sections, handout."""
        documents: list[Document[Any] | None] = [self.opening, *self.sections, self.handout]
        return {doc.stem: doc for doc in documents if doc is not None}

    @property
    def kinds(self) -> tuple[Kind, ...]:
        return KINDS if self.handout is not None else ("pack",)


@dataclass(frozen=True, slots=True)
class Project:
    config: Config
    publications: tuple[Publication, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def root(self) -> Path:
        return self.config.root


# ---- Editions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file embedded in the PDF (the archive profile carries its Markdown sources)."""

    name: str
    data: bytes
    description: str
    date: datetime.datetime


@dataclass(frozen=True, slots=True)
class Edition:
    """The recipe of one PDF: everything it is made from besides the project's files.

    The build makes each recipe once; the templates, the renderer and the cache all read it,
    so a field added here reaches all three.
    """

    publication: Publication
    kind: Kind
    language: str
    #: "screen" (the default: tagged, accessible), "print" (3 mm bleed and crop marks, for
    #: print shops), "email" (small) or "archive" (PDF/A-3u with its sources attached).
    profile: Profile = "screen"
    paper: PaperName = "A4"
    #: Also written imposed on sheets (only set where it applies to the kind).
    impose: Imposition | None = None
    #: How far the edition may shrink to fit one page (1: not at all; handouts only).
    min_scale: float = 1.0
    #: Largest size of the file in megabytes (email editions only).
    budget_mb: float | None = None
    attachments: tuple[Attachment, ...] = ()

    @property
    def duplex(self) -> bool:
        """Made to be printed on both sides of the paper: by a print shop, or as a booklet."""
        return self.profile == "print" or self.impose == "booklet"

    @property
    def filename(self) -> str:
        suffix = "-handout" if self.kind == "handout" else ""
        if self.profile != "screen":
            suffix += f"-{self.profile}"
        return f"{self.publication.slug}{suffix}.pdf"

    def output_path(self, out_dir: Path) -> Path:
        return out_dir / self.language / self.filename

    def imposed_path(self, out_dir: Path) -> Path | None:
        if self.impose is None:
            return None
        return self.output_path(out_dir).with_name(
            f"{self.filename.removesuffix('.pdf')}-{self.impose}.pdf"
        )

    @property
    def label(self) -> str:
        return f"{self.language}/{self.filename}"


@dataclass(frozen=True, slots=True)
class Part(Generic[Meta]):
    """One document of an edition: the source, and what is printed for it."""

    source: Document[Meta]
    printed: Document[Meta]
    #: Printed in the source language because the translation is missing.
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class EditionParts:
    """What an edition prints: translated documents where they exist, sources elsewhere."""

    opening: Part[PublicationMeta]
    sections: tuple[Part[SectionMeta], ...]
    handout: Part[HandoutMeta] | None
    #: Translation files the edition needs that do not exist.
    missing: tuple[Path, ...]

    @property
    def meta(self) -> PublicationMeta:
        return self.opening.printed.meta

    @property
    def all(self) -> tuple[Part[Any], ...]:
        parts: list[Part[Any] | None] = [self.opening, *self.sections, self.handout]
        return tuple(part for part in parts if part is not None)


def edition_parts(
    publication: Publication, kind: Kind, language: str, source_language: str
) -> EditionParts:
    """The documents an edition of ``kind`` in ``language`` prints."""
    translated = publication.translations.get(language, {}) if language != source_language else {}
    missing: list[Path] = []

    def part(source: Document[Meta]) -> Part[Meta]:
        printed = translated.get(source.stem)
        if printed is None and language != source_language:
            missing.append(publication.folder / translation_file(source.stem, language))
            return Part(source, source, fallback=True)
        return Part(source, printed or source)

    opening = part(publication.opening)
    sections: tuple[Part[SectionMeta], ...] = ()
    handout = None
    if kind == "pack":
        sections = tuple(part(s) for s in publication.sections)
    elif publication.handout is not None:
        handout = part(publication.handout)
    return EditionParts(opening, sections, handout, tuple(missing))
