"""Reading a project: Markdown files, their front matter, and the files they refer to.

Everything is read and checked here, before anything is rendered. Problems are collected per
publication, so one broken publication does not hide the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .config import CONFIG_NAME, Config, load_config
from .errors import ContentError, Problem, UsageError, relative_to
from .frontmatter import (
    HANDOUT_KEYS,
    PUBLICATION_KEYS,
    SECTION_KEYS,
    TRANSLATED_SECTION_KEYS,
    TRANSLATION_KEYS,
    check_front_matter,
    decode_text,
    key_line,
    split_front_matter,
)
from .i18n import (
    CALLOUT_TITLES,
    Language,
    UnknownLanguage,
    git_blob_id,
    parse_language,
    ui_translations,
)
from .markup import cached_markdown_to_html
from .model import Document, Project, Publication, PublicationMeta
from .references import check_anchors, check_references, check_resource

SECTION_STEM = re.compile(r"^\d+[-_][^.]*$")


def load_project(
    root: Path,
    only: str | None = None,
    languages: tuple[str, ...] | None = None,
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
    problems: list[Problem] = []
    publications = []
    folders = sorted(
        p for p in config.content_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    if only is not None and only not in {f.name for f in folders}:
        known = ", ".join(f.name for f in folders) or "none"
        raise UsageError(f"--only {only}: no such publication; the publications are: {known}")
    for folder in folders:
        if only is not None and folder.name != only:
            continue
        found: list[Problem] = []
        in_translations: list[Problem] = []
        publication = load_publication(
            folder, config, found, in_translations, languages, markup_cache
        )
        problems.extend(found + in_translations)
        if publication is not None and not any(not p.warning for p in found):
            publications.append(publication)
    if not folders:
        problems.append(
            Problem(
                "content", "no publications yet; make a folder content/<name>/ with an index.md"
            )
        )
    return Project(config=config, publications=tuple(publications), problems=tuple(problems))


def load_publication(
    folder: Path,
    config: Config,
    problems: list[Problem],
    translation_problems: list[Problem] | None = None,
    languages: tuple[str, ...] | None = None,
    markup_cache: Path | None = None,
) -> Publication | None:
    """Load one publication and its translations.

    Problems in the source files go to ``problems`` (they stop the publication); problems in
    translations go to ``translation_problems`` (they stop only that language's editions).
    """
    root = config.root
    if translation_problems is None:
        translation_problems = problems
    source_language = parse_language(config.language)
    files = _publication_files(folder, source_language, root, problems)
    if ("index", None) not in files:
        where = relative_to(folder, root)
        message = "no index.md; every publication needs one, with a title in its front matter"
        problems.append(Problem(where, message))
        return None
    opening = load_document(
        files["index", None], root, PUBLICATION_KEYS, problems, source_language, markup_cache
    )
    sections = []
    for (stem, tag), path in files.items():
        if tag is None and SECTION_STEM.match(stem):
            section = load_document(
                path, root, SECTION_KEYS, problems, source_language, markup_cache
            )
            if section is not None:
                sections.append(section)
                if not section.title:
                    where = relative_to(path, root)
                    problems.append(
                        Problem(where, "section has no title; start it with a '# Title' line", 1)
                    )
    handout = None
    if ("handout", None) in files:
        handout = load_document(
            files["handout", None], root, HANDOUT_KEYS, problems, source_language, markup_cache
        )
    if opening is None:
        return None
    meta = _publication_meta(opening, root, problems)
    if not opening.markup.html.strip() and not sections:
        problems.append(
            Problem(
                relative_to(opening.path, root),
                "the publication is empty: write its opening text in index.md or add sections "
                "(01-name.md)",
            )
        )
    check_anchors([opening, *sections], root, problems)
    source_ids = frozenset(doc.anchor for doc in [opening, *sections])
    wanted = {key: path for key, path in files.items() if languages is None or key[1] in languages}
    translations = _load_translations(wanted, root, translation_problems, source_ids, markup_cache)
    broken = frozenset(
        language_of(p.path) for p in translation_problems if not p.warning and p.path
    )
    return Publication(
        slug=folder.name,
        folder=folder,
        meta=meta,
        opening=opening,
        sections=tuple(sorted(sections, key=lambda s: s.path.name)),
        handout=handout,
        translations=translations,
        broken_languages=broken - {None},
    )


def _publication_files(
    folder: Path, source: Language, root: Path, problems: list[Problem]
) -> dict[tuple[str, str | None], Path]:
    """The publication's Markdown files by (stem, language tag or None for the source)."""
    files: dict[tuple[str, str | None], Path] = {}
    for path in sorted(folder.glob("*.md")):
        where = relative_to(path, root)
        stem, _, tag = path.name.removesuffix(".md").partition(".")
        if stem not in ("index", "handout") and not SECTION_STEM.match(stem):
            problems.append(
                Problem(
                    where,
                    "not part of the publication; name section files like 01-name.md and "
                    "translations like 01-name.fr.md",
                    warning=True,
                )
            )
            continue
        if not tag:
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
        files[stem, language.tag] = path
    return files


def _load_translations(
    files: dict[tuple[str, str | None], Path],
    root: Path,
    problems: list[Problem],
    source_ids: frozenset[str],
    markup_cache: Path | None = None,
) -> dict[str, dict[str, Document]]:
    """Every translated file, by language tag, then by the stem of its source file."""
    translations: dict[str, dict[str, Document]] = {}
    for (stem, tag), path in files.items():
        if tag is None:
            continue
        keys = TRANSLATION_KEYS.get(stem, TRANSLATED_SECTION_KEYS)
        document = load_document(path, root, keys, problems, parse_language(tag), markup_cache)
        if document is not None:
            translations.setdefault(tag, {})[stem] = document
    for tag, documents in translations.items():
        ordered = [documents[s] for s in sorted(documents) if s != "handout"]
        check_anchors(ordered, root, problems, source_ids)
        translations[tag] = dict(sorted(documents.items()))
    return dict(sorted(translations.items()))


def language_of(path: Path | str) -> str | None:
    """The language tag in a translation's file name (``02-x.fr.md`` -> ``fr``)."""
    parts = Path(path).name.removesuffix(".md").split(".")
    if len(parts) != 2:
        return None
    try:
        return parse_language(parts[1]).tag
    except UnknownLanguage:
        return None


def _publication_meta(opening: Document, root: Path, problems: list[Problem]) -> PublicationMeta:
    where = relative_to(opening.path, root)
    values = dict(opening.meta)
    if not values.get("title"):
        problems.append(
            Problem(
                where, "front matter: no title; add a line 'title: ...' between the --- lines", 1
            )
        )
        values["title"] = ""
    cover = values.get("cover_image")
    if cover:
        line = key_line(opening.path.read_text("utf-8-sig"), "cover_image")
        check_resource(cover, opening.path, root, problems, "cover_image", line)
    return PublicationMeta(**values)


def load_document(
    path: Path,
    root: Path,
    keys: Mapping[str, Callable[[Any], Any]],
    problems: list[Problem],
    language: Language,
    markup_cache: Path | None = None,
) -> Document | None:
    """Read one Markdown file, check its front matter and references, convert it to HTML."""
    where = relative_to(path, root)
    data = path.read_bytes()
    text = decode_text(data, where, problems)
    if text is None:
        return None
    meta, body, body_line = split_front_matter(text, where, problems)
    if meta is None:
        return None
    checked = check_front_matter(meta, text, keys, where, problems)
    stem = path.name.split(".", 1)[0]
    anchor = "sec-opening" if stem == "index" else "handout" if stem == "handout" else f"sec-{stem}"
    translations = ui_translations(root, language)
    titles = {kind: translations.gettext(title) for kind, title in CALLOUT_TITLES.items()}
    markup = cached_markdown_to_html(markup_cache, body, anchor, language.quotes, titles)
    document = Document(
        path=path,
        meta=checked,
        markup=markup,
        anchor=anchor,
        language=language.tag,
        blob_id=git_blob_id(data),
    )
    check_references(document, body, body_line, root, problems)
    return document
