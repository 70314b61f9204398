"""The loaded project as typed, frozen data: publications, their documents, and editions."""

from __future__ import annotations

import datetime
import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .errors import Problem
from .markup import Markup

KINDS = ("pack", "handout")
PROFILES = ("screen", "print", "email", "archive")
#: Bleed around every page of the print profile, in millimetres.
PRINT_BLEED_MM = 3


@dataclass(frozen=True, slots=True)
class Document:
    """One Markdown file: its front matter and the HTML made from its body."""

    path: Path
    meta: Mapping[str, Any]
    markup: Markup
    anchor: str
    language: str
    #: The git blob id of the file's bytes: what translations record as their source version.
    blob_id: str

    @property
    def title(self) -> str | None:
        return self.meta.get("title") or self.markup.title

    @property
    def title_html(self) -> str:
        """The title as HTML: the front matter's (escaped) or the first heading's."""
        if self.meta.get("title"):
            return html.escape(self.meta["title"])
        return self.markup.title_html or ""

    @property
    def stem(self) -> str:
        """``02-name`` for 02-name.md and its translations 02-name.fr.md."""
        return self.path.name.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class PublicationMeta:
    """A publication's front matter (index.md)."""

    title: str
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


@dataclass(frozen=True, slots=True)
class Publication:
    slug: str
    folder: Path
    meta: PublicationMeta
    opening: Document
    sections: tuple[Document, ...]
    handout: Document | None
    #: Translated documents: language tag -> stem of the source file -> document.
    translations: Mapping[str, Mapping[str, Document]] = field(default_factory=dict)
    #: Languages with a translation file that could not be read.
    broken_languages: frozenset[str] = frozenset()

    @property
    def sources(self) -> dict[str, Document]:
        """The source documents by stem: index, the sections, handout."""
        documents = [self.opening, *self.sections, self.handout]
        return {doc.stem: doc for doc in documents if doc is not None}

    @property
    def kinds(self) -> tuple[str, ...]:
        return KINDS if self.handout is not None else ("pack",)


@dataclass(frozen=True, slots=True)
class Project:
    config: Config
    publications: tuple[Publication, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.warning)


@dataclass(frozen=True, slots=True)
class Edition:
    """One PDF a build produces: a publication in one kind and language."""

    publication: Publication
    kind: str
    language: str
    #: "screen" (the default: tagged, accessible), "print" (3 mm bleed and crop marks, for
    #: print shops), "email" (small) or "archive" (PDF/A-3u with its sources attached).
    profile: str = "screen"

    @property
    def filename(self) -> str:
        suffix = "-handout" if self.kind == "handout" else ""
        if self.profile != "screen":
            suffix += f"-{self.profile}"
        return f"{self.publication.slug}{suffix}.pdf"

    def output_path(self, out_dir: Path) -> Path:
        return out_dir / self.language / self.filename

    @property
    def label(self) -> str:
        return f"{self.language}/{self.filename}"
