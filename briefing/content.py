"""Reading a project: Markdown files, their front matter, and the files they refer to.

Everything is read and checked here, before anything is rendered. Problems are collected per
publication, so one broken publication does not hide the others.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from .config import CONFIG_NAME, Config, load_config
from .errors import ContentError, Problem, UsageError, relative_to
from .i18n import (
    CALLOUT_TITLES,
    Language,
    UnknownLanguage,
    git_blob_id,
    parse_language,
    ui_translations,
)
from .markup import markdown_to_html
from .model import Document, Project, Publication, PublicationMeta
from .paths import LINK_SCHEMES, OutsideProject, resolve_reference

SECTION_STEM = re.compile(r"^\d+[-_][^.]*$")
_ID = re.compile(r'\sid="([^"]+)"')


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value.strip()


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value)
    raise ValueError("must be a list of text, such as [one, two]")


def _date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("must be a date written YYYY-MM-DD, such as 2016-10-05")


def _web_address(value: Any) -> str:
    text = _text(value)
    if not re.match(r"^https?://[^\s/]+", text):
        raise ValueError("must be a web address starting with https://")
    return text


PUBLICATION_KEYS: Mapping[str, Callable[[Any], Any]] = {
    "title": _text,
    "subtitle": _text,
    "date": _date,
    "summary": _text,
    "series": _text,
    "authors": _text_list,
    "keywords": _text_list,
    "url": _web_address,
    "cover_image": _text,
}
SECTION_KEYS: Mapping[str, Callable[[Any], Any]] = {"title": _text}
HANDOUT_KEYS: Mapping[str, Callable[[Any], Any]] = {"title": _text, "lead": _text}


def _blob_id(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[0-9a-f]{7,40}", text):
        raise ValueError("must be the id of the source text; set it with `briefing mark`")
    return text


#: Translations also record which version of their source they were made from.
TRANSLATED_FROM = "translated_from"
TRANSLATION_KEYS: Mapping[str, Mapping[str, Callable[[Any], Any]]] = {
    "index": {**PUBLICATION_KEYS, TRANSLATED_FROM: _blob_id},
    "handout": {**HANDOUT_KEYS, TRANSLATED_FROM: _blob_id},
}
TRANSLATED_SECTION_KEYS = {**SECTION_KEYS, TRANSLATED_FROM: _blob_id}


def load_project(root: Path) -> Project:
    """Load and check the project in ``root``.

    Configuration problems and a missing project raise; content problems are collected in
    ``Project.problems`` and the publications they affect are left out.
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
    for folder in folders:
        found: list[Problem] = []
        in_translations: list[Problem] = []
        publication = load_publication(folder, config, found, in_translations)
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
    opening = load_document(files["index", None], root, PUBLICATION_KEYS, problems, source_language)
    sections = []
    for (stem, tag), path in files.items():
        if tag is None and SECTION_STEM.match(stem):
            section = load_document(path, root, SECTION_KEYS, problems, source_language)
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
            files["handout", None], root, HANDOUT_KEYS, problems, source_language
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
    _check_anchors([opening, *sections], root, problems)
    source_ids = frozenset(doc.anchor for doc in [opening, *sections])
    translations = _load_translations(files, root, translation_problems, source_ids)
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
) -> dict[str, dict[str, Document]]:
    """Every translated file, by language tag, then by the stem of its source file."""
    translations: dict[str, dict[str, Document]] = {}
    for (stem, tag), path in files.items():
        if tag is None:
            continue
        keys = TRANSLATION_KEYS.get(stem, TRANSLATED_SECTION_KEYS)
        document = load_document(path, root, keys, problems, parse_language(tag))
        if document is not None:
            translations.setdefault(tag, {})[stem] = document
    for tag, documents in translations.items():
        ordered = [documents[s] for s in sorted(documents) if s != "handout"]
        _check_anchors(ordered, root, problems, source_ids)
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
        line = _key_line(opening.path.read_text("utf-8-sig"), "cover_image")
        _check_resource(cover, opening.path, root, problems, "cover_image", line)
    return PublicationMeta(**values)


def load_document(
    path: Path,
    root: Path,
    keys: Mapping[str, Callable[[Any], Any]],
    problems: list[Problem],
    language: Language,
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
    checked = {}
    for key, value in meta.items():
        line = _key_line(text, key)
        check = keys.get(key)
        if check is None:
            problems.append(
                Problem(
                    where,
                    f"front matter: unknown key {key!r}; valid keys are: {', '.join(keys)}",
                    line,
                )
            )
            continue
        if value is None:
            continue
        try:
            checked[key] = check(value)
        except ValueError as error:
            problems.append(Problem(where, f"front matter: {key} {error}", line))
    stem = path.name.split(".", 1)[0]
    anchor = "sec-opening" if stem == "index" else "handout" if stem == "handout" else f"sec-{stem}"
    translations = ui_translations(root, language)
    titles = {kind: translations.gettext(title) for kind, title in CALLOUT_TITLES.items()}
    markup = markdown_to_html(body, anchor, quotes=language.quotes, callout_titles=titles)
    document = Document(
        path=path,
        meta=checked,
        markup=markup,
        anchor=anchor,
        language=language.tag,
        blob_id=git_blob_id(data),
    )
    _check_references(document, body, body_line, root, problems)
    return document


def decode_text(data: bytes, where: Path, problems: list[Problem]) -> str | None:
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


def split_front_matter(
    text: str, where: Path, problems: list[Problem]
) -> tuple[dict | None, str, int]:
    """Front matter (between --- lines at the top), body, and the body's first line number.

    The front matter is None when it cannot be read (the problem is recorded).
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 1
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        problems.append(
            Problem(
                where,
                "front matter: no closing '---' line; end the front "
                "matter with a line of three dashes",
                1,
            )
        )
        return None, text, 1
    body = "\n".join(lines[end + 1 :])
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        problems.append(
            Problem(
                where,
                f"front matter: not valid YAML ({reason}); check the "
                "quotes, colons and indentation on this line",
                line,
            )
        )
        return None, body, end + 2
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(where, "front matter must be 'key: value' lines", 2))
        return None, body, end + 2
    return data, body, end + 2


def _key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"^{re.escape(str(key))}\s*:", line):
            return number
    return None


def _source_line(body: str, body_line: int, needle: str) -> int | None:
    for offset, line in enumerate(body.split("\n")):
        if needle in line:
            return body_line + offset
    return None


def _check_references(
    document: Document, body: str, body_line: int, root: Path, problems: list[Problem]
) -> None:
    for ref in document.markup.references:
        line = _source_line(body, body_line, ref.url)
        if ref.tag == "base":
            problems.append(
                Problem(
                    relative_to(document.path, root),
                    "a <base> element changes where every link points; remove it",
                    line,
                )
            )
        elif ref.is_link:
            _check_link(ref.url, document, root, problems, line)
        else:
            what = "stylesheet URL" if ref.attribute in ("style", "css") else "image"
            _check_resource(ref.url, document.path, root, problems, what, line)


def _check_link(
    url: str, document: Document, root: Path, problems: list[Problem], line: int | None
) -> None:
    scheme = url.split(":", 1)[0].lower() if re.match(r"^[A-Za-z][\w+.-]*:", url) else ""
    if url.startswith("#") or scheme in LINK_SCHEMES:
        return
    where = relative_to(document.path, root)
    if scheme:
        problems.append(
            Problem(
                where,
                f"link {url!r}: {scheme}: links do not work in a PDF; "
                "use an https:// or mailto: address",
                line,
            )
        )
        return
    try:
        target = resolve_reference(url, document.path.parent, root)
    except OutsideProject as error:
        problems.append(
            Problem(where, f"link {url!r}: {error}; link to its web address instead", line)
        )
        return
    if target is None or not target.exists():
        problems.append(Problem(where, f"link {url!r}: no such file; check the name", line))
    else:
        problems.append(
            Problem(
                where,
                f"link {url!r}: links to files do not work in a PDF; "
                "link to a section file (01-name.md) or a web address",
                line,
            )
        )


def _check_resource(
    url: str, source: Path, root: Path, problems: list[Problem], what: str, line: int | None = None
) -> None:
    if url.startswith("data:"):
        return
    where = relative_to(source, root)
    try:
        target = resolve_reference(url, source.parent, root)
    except OutsideProject as error:
        problems.append(
            Problem(
                where,
                f"{what} {url!r}: {error}; copy the file into the "
                "project and refer to it by a relative path",
                line,
            )
        )
        return
    if target is None or not target.is_file():
        problems.append(
            Problem(
                where,
                f"{what} {url!r}: no such file; check the name and "
                "that the path is relative to this file",
                line,
            )
        )


def _check_anchors(
    documents: list[Document],
    root: Path,
    problems: list[Problem],
    known_ids: frozenset[str] = frozenset(),
) -> None:
    """Links inside the pack (#name, 02-name.md) must lead to a heading or a section."""
    ids = {doc.anchor for doc in documents} | known_ids
    for doc in documents:
        ids.update(_ID.findall(doc.markup.html))
    for doc in documents:
        for ref in doc.markup.references:
            if ref.is_link and ref.url.startswith("#") and ref.url[1:] not in ids:
                problems.append(
                    Problem(
                        relative_to(doc.path, root),
                        f"link {ref.url!r} leads nowhere in this "
                        "publication; check the section file name or heading",
                    )
                )
