"""Reading a project: Markdown files, their front matter, and the files they refer to.

Everything is read and checked here, before anything is rendered. Problems are collected per
publication, so one broken publication does not hide the others.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import (
    BriefingError,
    ConfigError,
    ContentError,
    Problem,
    UsageError,
    errors_in,
    relative_to,
)
from ..files import git_blob_id, outside_problem
from ..languages.catalogs import CALLOUT_TITLES, ui_translations
from ..languages.tags import Language, UnknownLanguage, is_underscored, parse_language
from .frontmatter import check_front_matter, key_line, split_front_matter, typeset_prose
from .images import ImageChecker, image_cache, logo_problems
from .markdown_cache import convert_markdown
from .model import Document, HandoutMeta, Meta, Project, Publication, PublicationMeta, SectionMeta
from .naming import (
    HANDOUT,
    OPENING,
    anchor_for,
    is_document,
    is_section,
    language_of,
    split_name,
    translation_file,
)
from .references import check_anchors, check_references, check_resource
from .settings import CONFIG_NAME, CONTENT_FOLDER, Config, load_config

#: A publication's Markdown files by (stem, language tag, or None for the source).
Files = dict[tuple[str, str | None], Path]


def load_project(
    root: Path,
    only: str | None = None,
    languages: Sequence[str] | None = None,
    markup_cache: Path | None = None,
) -> Project:
    """Load and check the project in ``root``.

    Configuration problems and a missing project raise; content problems are collected in
    ``Project.problems`` and the publications they affect are left out. ``only`` and
    ``languages`` limit what is read to one publication and some languages' translations
    (a build of a few editions need not read the rest). With ``markup_cache``, the HTML made
    from each Markdown file is remembered there between runs.
    """
    if not root.exists():
        raise UsageError(
            f"{root}: no such folder; give the folder of a briefing project "
            "(or run `briefing init` to make one)"
        )
    if not root.is_dir():
        raise UsageError(f"{root}: not a folder; give the folder of a briefing project")
    config = load_config(root)
    if (refused := outside_problem(config.content_dir, config.root)) is not None:
        raise ContentError(refused)
    if not config.content_dir.is_dir():
        if not (config.root / CONFIG_NAME).is_file():
            raise UsageError(
                f"{root}: not a briefing project (no {CONFIG_NAME} and no "
                "content/ folder); run `briefing init` to make one"
            )
        raise ContentError(
            Problem(
                CONFIG_NAME,
                "the project has no content/ folder; "
                "put each publication in content/<name>/index.md",
            )
        )
    folders = sorted(
        p for p in config.content_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    if only is not None and only not in {f.name for f in folders}:
        known = ", ".join(f.name for f in folders) or "none"
        raise UsageError(f"--only {only}: no such publication; the publications are: {known}")
    reader = _Reader(config, markup_cache)
    if logo := logo_problems(config, reader.images):
        raise ConfigError(logo)
    problems: list[Problem] = list(config.problems)
    publications = []
    for folder in folders:
        if only is not None and folder.name != only:
            continue
        if (refused := outside_problem(folder, config.root)) is not None:
            problems.append(refused)
            continue
        found: list[Problem] = []
        in_translations: list[Problem] = []
        publication = reader.publication(folder, found, in_translations, languages)
        problems += found + in_translations
        if publication is not None and not errors_in(found):
            publications.append(publication)
    if not folders:
        problems.append(
            Problem(
                CONTENT_FOLDER,
                "no publications yet; make a folder content/<name>/ with an index.md",
            )
        )
    return Project(config=config, publications=tuple(publications), problems=tuple(problems))


class _Reader:
    """Reads the publications of one project."""

    def __init__(self, config: Config, markup_cache: Path | None) -> None:
        self.config = config
        self.root = config.root
        self.markup_cache = markup_cache
        self.source_language = parse_language(config.language)
        self.images = ImageChecker(self.root, image_cache(markup_cache))

    def publication(
        self,
        folder: Path,
        problems: list[Problem],
        translation_problems: list[Problem],
        languages: Sequence[str] | None,
    ) -> Publication | None:
        """Load one publication and its translations.

        Problems in the source files go to ``problems`` (they stop the publication); problems
        in translations go to ``translation_problems`` (they stop only that language's
        editions).
        """
        files = self._files(folder, problems, translation_problems)
        if (OPENING, None) not in files:
            refused = relative_to(folder / f"{OPENING}.md", self.root)
            if not any(problem.path == refused for problem in problems):
                problems.append(
                    Problem(
                        relative_to(folder, self.root),
                        "no index.md; every publication needs one, with a title in its front "
                        "matter",
                    )
                )
            return None
        language = self.source_language
        opening = self.document(files[OPENING, None], PublicationMeta, language, problems)
        sections = []
        for (stem, tag), path in files.items():
            if tag is None and is_section(stem):
                section = self.document(path, SectionMeta, language, problems)
                if section is not None:
                    sections.append(section)
                    if not section.title:
                        where = relative_to(path, self.root)
                        message = "section has no title; start it with a '# Title' line"
                        problems.append(Problem(where, message, 1))
        handout = None
        if (HANDOUT, None) in files:
            handout = self.document(files[HANDOUT, None], HandoutMeta, language, problems)
        if opening is None:
            return None
        self._check_opening(opening, sections, problems)
        documents: list[Document[Any]] = [opening, *sections]
        check_anchors(documents, self.root, problems)
        source_ids = frozenset(doc.anchor for doc in documents)
        wanted = {key: path for key, path in files.items() if key[1] is not None}
        if languages is not None:
            wanted = {key: path for key, path in wanted.items() if key[1] in languages}
        translations = self._translations(wanted, opening, translation_problems, source_ids)
        broken = {language_of(p.path) for p in errors_in(translation_problems) if p.path}
        return Publication(
            slug=folder.name,
            folder=folder,
            opening=opening,
            sections=tuple(sorted(sections, key=lambda s: s.path.name)),
            handout=handout,
            translations=translations,
            broken_languages=frozenset(tag for tag in broken if tag is not None),
        )

    def _files(
        self, folder: Path, problems: list[Problem], translation_problems: list[Problem]
    ) -> Files:
        """The publication's Markdown files; a file that leads out of the project is refused
        (a source file stops the publication, a translation only its language)."""
        files: Files = {}
        source = self.source_language
        for path in sorted(folder.glob("*.md")):
            where = relative_to(path, self.root)
            stem, tag = split_name(path)
            if not is_document(stem):
                problems.append(
                    Problem(
                        where,
                        "not part of the publication; name section files like 01-name.md and "
                        "translations like 01-name.fr.md",
                        warning=True,
                    )
                )
                continue
            if tag is None:
                if not self._refused(path, problems):
                    files[stem, None] = path
                continue
            try:
                language = parse_language(tag)
            except UnknownLanguage as error:
                problems.append(
                    Problem(
                        where,
                        f"{error}; name translations with a BCP 47 language tag, such as "
                        f"{stem}.fr.md or {stem}.zh-Hans.md",
                    )
                )
                continue
            if language.tag == source.tag:
                problems.append(
                    Problem(
                        where,
                        f"is a translation into the source language ({source.tag}); rename it "
                        f"{stem}.md or change `language` in briefing.toml",
                    )
                )
                continue
            if (stem, language.tag) in files:
                other = files[stem, language.tag].name
                problems.append(
                    Problem(
                        where,
                        f"{other} is the same translation ({language.tag}); keep one of them",
                    )
                )
                continue
            if is_underscored(tag):
                problems.append(
                    Problem(
                        where,
                        f"language tags are written with a hyphen; rename it "
                        f"{translation_file(stem, language.tag)}",
                        warning=True,
                    )
                )
            if not self._refused(path, translation_problems):
                files[stem, language.tag] = path
        return files

    def _refused(self, path: Path, problems: list[Problem]) -> bool:
        """Whether ``path`` leads out of the project (then a problem says how)."""
        refused = outside_problem(path, self.root)
        if refused is not None:
            problems.append(refused)
        return refused is not None

    def _check_opening(
        self,
        opening: Document[PublicationMeta],
        sections: list[Document[SectionMeta]],
        problems: list[Problem],
    ) -> None:
        where = relative_to(opening.path, self.root)
        if not opening.meta.title:
            problems.append(
                Problem(
                    where,
                    "front matter: no title; add a line 'title: ...' between the --- lines",
                    1,
                )
            )
        if opening.meta.cover_image:
            line = key_line(opening.path.read_text("utf-8-sig"), "cover_image")
            cover = opening.meta.cover_image
            check_resource(
                cover, opening.path, self.root, problems, "cover_image", line, self.images, True
            )
        if not opening.markup.html.strip() and not sections:
            problems.append(
                Problem(
                    where,
                    "the publication is empty: write its opening text in index.md or add "
                    "sections (01-name.md)",
                )
            )

    def _translations(
        self,
        files: Files,
        source: Document[PublicationMeta],
        problems: list[Problem],
        source_ids: frozenset[str],
    ) -> dict[str, dict[str, Document[Any]]]:
        """Every translated file, by language tag, then by the stem of its source file."""
        translations: dict[str, dict[str, Document[Any]]] = {}
        for (stem, tag), path in files.items():
            assert tag is not None
            language = parse_language(tag)
            document: Document[Any] | None
            if stem == OPENING:
                document = self.document(
                    path, PublicationMeta, language, problems, translation=True, base=source
                )
            elif stem == HANDOUT:
                document = self.document(path, HandoutMeta, language, problems, translation=True)
            else:
                document = self.document(path, SectionMeta, language, problems, translation=True)
            if document is not None:
                translations.setdefault(tag, {})[stem] = document
        for tag, documents in translations.items():
            ordered = [documents[s] for s in sorted(documents) if s != HANDOUT]
            check_anchors(ordered, self.root, problems, source_ids)
            translations[tag] = dict(sorted(documents.items()))
        return dict(sorted(translations.items()))

    def document(
        self,
        path: Path,
        kind: type[Meta],
        language: Language,
        problems: list[Problem],
        translation: bool = False,
        base: Document[Meta] | None = None,
    ) -> Document[Meta] | None:
        """Read one Markdown file, check its front matter and references, convert it. The
        front matter of a translation's ``base`` (its source) fills in what it leaves out."""
        where = relative_to(path, self.root)
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(Problem(where, f"cannot be read: {error.strerror}; check the file"))
            return None
        text = _decode(data, where, problems)
        if text is None:
            return None
        split = split_front_matter(text, where, problems)
        if split.data is None:
            return None
        base_meta = base.meta if base is not None else None
        checked = check_front_matter(
            split.data, text, kind, where, problems, translation, base_meta
        )
        inherited = None
        if base is not None:
            inherited = {k: v for k, v in base.meta_html.items() if split.data.get(k) is None}
        meta, meta_html = typeset_prose(checked, language.tag, inherited)
        anchor = anchor_for(split_name(path)[0])
        try:
            catalog = ui_translations(self.root, language)
        except BriefingError:  # a catalog that cannot be used: each edition in the language says so
            catalog = gettext.NullTranslations()
        titles = {name: catalog.gettext(title) for name, title in CALLOUT_TITLES.items()}
        markup = convert_markdown(self.markup_cache, split.body, anchor, language.tag, titles)
        document = Document(
            path=path,
            meta=meta,
            markup=markup,
            anchor=anchor,
            language=language.tag,
            blob_id=git_blob_id(data),
            body_line=split.body_line,
            meta_html=meta_html,
        )
        check_references(document, split.body, self.root, problems, self.images)
        return document


def _decode(data: bytes, where: Path, problems: list[Problem]) -> str | None:
    """The text of a file's bytes as UTF-8 (a problem if it is not)."""
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                where,
                f"is not UTF-8 text (byte 0x{data[error.start]:02x}); "
                "save the file as UTF-8 in your editor",
                line,
            )
        )
        return None
