"""`briefing import`: a Word file made into a publication's Markdown files, or into the
translations of one.

Everything is converted in memory first; only when the whole file converted are the images
and Markdown files written, each whole (a failure leaves no half-written file, and a new
publication appears only when complete).
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, UsageError
from ..files import outside_problem, write_atomic
from ..languages.tags import UnknownLanguage, parse_language
from ..project.frontmatter import INLINE, PARSERS, TRANSLATED_FROM
from ..project.load import load_project
from ..project.model import HandoutMeta, Publication, PublicationMeta, SectionMeta
from ..project.naming import HANDOUT, OPENING, is_document, translation_file
from ..project.settings import load_config
from .pictures import WordImages, safe_relative, slug_of
from .reading import Part, WordDocument, callouts_of, complex_tables, read_word
from .tree import Node, collapse, node, plain_text, rewrite, write_many

#: The order of keys in the front matter written: that in which the project reads them.
_KEY_ORDER = tuple(PARSERS)
#: A new publication's folder name.
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")


@dataclass
class ImportReport:
    """What an import wrote and what it found."""

    folder: Path
    #: The language of the files written.
    language: str
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _File:
    """A Markdown file about to be written: its name, its part, its front matter."""

    stem: str
    part: Part
    front: dict[str, Any] = field(default_factory=dict)
    title_in_front: bool = False
    heading: str = "body"


def import_publication(
    word_file: Path, root: Path, slug: str | None = None, force: bool = False
) -> ImportReport:
    """Make ``content/<slug>/`` of the project in ``root`` from ``word_file``."""
    config = load_config(root.resolve())
    document = read_word(word_file)
    recorded = str((document.record or {}).get("publication", ""))
    slug = slug or (recorded if _SLUG.fullmatch(recorded) else None)
    slug = slug or slug_of(word_file.stem)[:60].rstrip("-")
    if not _SLUG.fullmatch(slug):
        raise UsageError(
            f"--slug {slug}: a publication's name is lower-case letters, digits and dashes, "
            "at most 100 (for example water-2026)"
        )
    folder = config.content_dir / slug
    if (refused := outside_problem(folder, config.root)) is not None:
        raise UsageError(refused.message)
    if folder.exists() and not force:
        raise UsageError(
            f"{folder.relative_to(config.root)}: a publication of that name exists; choose "
            "another with --slug NAME, or add --force to replace its files"
        )
    files = _source_files(document)
    report = ImportReport(folder, config.language, problems=list(document.problems))
    cover = files[0].front.get("cover_image")
    if cover is not None and not (folder / cover).is_file():
        # The cover is not in the Word file: a reference to it would be an error.
        del files[0].front["cover_image"]
        report.problems.append(
            Problem(
                word_file,
                f"the cover image {cover} is not in the Word file, so index.md has no "
                f"cover_image; copy the image to {folder.relative_to(config.root)}/{cover} "
                "and set cover_image again",
                warning=True,
            )
        )
    images = WordImages(document, folder, report.problems, language=None)
    texts = {f"{stem}.md": text for stem, text in _convert(files, document, images).items()}
    _refuse_links_out(folder, [*images.files, *texts], config.root)
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=config.content_dir))
    try:
        for relative, data in images.files.items():
            write_atomic(staging / relative, data)
        for name, text in texts.items():
            write_atomic(staging / name, text.encode("utf-8"))
        if folder.exists():
            _merge(staging, folder)
            report.problems += _left_over(folder, set(texts), config.root)
        else:
            os.rename(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.written = [folder / name for name in [*images.files, *texts]]
    return report


def import_translation(
    word_file: Path, root: Path, slug: str, language: str, force: bool = False
) -> ImportReport:
    """Write the translations into ``language`` of publication ``slug`` from ``word_file``,
    each marked as made from the version of its source that was exported (or, for a Word
    file `briefing export` did not write, the source as it is now)."""
    try:
        tag = parse_language(language).tag
    except UnknownLanguage as error:
        raise UsageError(f"--lang {language}: {error}") from None
    project = load_project(root.resolve(), only=slug)
    publication = next((p for p in project.publications if p.slug == slug), None)
    if publication is None:
        raise UsageError(
            f"--into {slug}: no such publication could be read; run `briefing check` to see why"
        )
    published = [parse_language(t).tag for t in project.config.editions_languages]
    if tag not in published:
        raise UsageError(
            f"--lang {tag}: not a language this project publishes (briefing.toml has "
            f"{', '.join(published)}); add it to `languages` in briefing.toml first"
        )
    if tag == parse_language(project.config.language).tag:
        raise UsageError(
            f"--lang {tag}: {slug} is written in {tag}; to replace its source files, import "
            "the Word file as a new publication (--slug) and compare"
        )
    document = read_word(word_file)
    report = ImportReport(publication.folder, tag, problems=list(document.problems))
    exported_for = (document.record or {}).get("language")
    if isinstance(exported_for, str) and exported_for != tag:
        report.problems.append(
            Problem(
                word_file,
                f"was exported for {exported_for}, and is imported as {tag}; if that is "
                f"wrong, import it again with --lang {exported_for} --force",
                warning=True,
            )
        )
    files, versions = _translation_files(document, publication, report.problems)
    images = WordImages(document, publication.folder, report.problems, language=tag)
    converted = _convert(files, document, images)
    sources = publication.sources
    texts = {}
    for file in files:
        recorded = versions.get(file.stem) or sources[file.stem].blob_id
        name = translation_file(file.stem, tag)
        texts[name] = _with_key(converted[file.stem], recorded)
        if recorded != sources[file.stem].blob_id:
            report.problems.append(
                Problem(
                    sources[file.stem].path.relative_to(project.root),
                    f"changed since it was exported for translation; {name} is marked as "
                    "made from the version exported, so `briefing status` shows it stale "
                    "(`briefing status --diff` shows what changed)",
                    warning=True,
                )
            )
    replaced = [
        name
        for name, text in texts.items()
        if (publication.folder / name).is_file()
        and (publication.folder / name).read_text("utf-8-sig", errors="replace") != text
    ]
    if replaced and not force:
        names = ", ".join(replaced)
        raise UsageError(
            f"{word_file}: would replace {len(replaced)} translation file(s) that differ: "
            f"{names}; add --force to replace them (the old text stays in git, if the project "
            "is in git)"
        )
    _refuse_links_out(publication.folder, [*images.files, *texts], project.root)
    for relative, data in images.files.items():
        write_atomic(publication.folder / relative, data)
    for name, text in texts.items():
        write_atomic(publication.folder / name, text.encode("utf-8"))
    report.written = [publication.folder / name for name in [*images.files, *texts]]
    return report


# --- Which part is which file ---------------------------------------------------------------


def _source_files(document: WordDocument) -> list[_File]:
    """The files of a new publication: the opening, then a section per Heading 1 (named as
    recorded by `briefing export`, if the file came from it, else from its heading)."""
    record_files = _recorded_files(document)
    parts = [document.opening, *document.sections]
    if (
        record_files
        and [f["stem"] for f in record_files if f["stem"] != OPENING]
        and len([f for f in record_files if f["stem"] != OPENING]) == len(document.sections)
    ):
        stems = [f["stem"] for f in record_files if f["stem"] != OPENING]
        files = [_File(OPENING, document.opening)]
        for stem, part in zip(stems, document.sections, strict=True):
            files.append(_File(stem, part))
        _apply_record(files, record_files)
        return files
    if not document.sections:
        title = plain_text(document.opening.values.get("title", [])) or document.path.stem
        document.problems.append(
            Problem(
                document.path,
                "has no headings, so all its text is one section; give each section's title "
                "the Heading 1 style in Word to make one section of each",
                warning=True,
            )
        )
        section = Part([node("Str", title)], blocks=document.opening.blocks)
        document.opening.blocks = []
        parts = [document.opening, section]
    elif document.level != 1:
        document.problems.append(
            Problem(
                document.path,
                f"has no Heading 1; its Heading {document.level} paragraphs start the sections",
                warning=True,
            )
        )
    files = [_File(OPENING, parts[0])]
    used: set[str] = set()
    for number, part in enumerate(parts[1:], start=1):
        stem = f"{number:02d}-{slug_of(part.title) or 'section'}"[:60].rstrip("-")
        while stem in used:
            stem += "-x"
        used.add(stem)
        files.append(_File(stem, part))
    _apply_record(files, [])
    if "title" not in document.opening.values:
        document.opening.values["title"] = [node("Str", document.path.stem)]
        document.problems.append(
            Problem(
                document.path,
                f'has no title (no paragraph in the Title style); "{document.path.stem}" is '
                "the title; change it in index.md",
                warning=True,
            )
        )
    return files


def _recorded_files(document: WordDocument) -> list[dict[str, Any]]:
    record = document.record or {}
    return [f for f in record.get("files", []) if is_document(str(f.get("stem", "")))]


def _apply_record(files: list[_File], record_files: list[dict[str, Any]]) -> None:
    """What the record says of each file: values the reader never saw, where its title goes."""
    by_stem = {str(f["stem"]): f for f in record_files}
    for file in files:
        entry = by_stem.get(file.stem, {})
        front = entry.get("front")
        if isinstance(front, dict):
            for key, value in front.items():
                if isinstance(value, (str, int, float, bool)) and _takes(file.stem, key, value):
                    file.front[key] = _typed(key, value)
        file.heading = str(entry.get("heading", "body"))
        callouts_of(
            file.part, entry.get("callouts") if isinstance(entry.get("callouts"), list) else None
        )
    for file in files:
        if file.stem not in by_stem:
            callouts_of(file.part, None)


def _takes(stem: str, key: str, value: Any) -> bool:
    """Whether the front matter of the file ``stem`` takes ``value`` for ``key``: the record
    comes from a Word file, which anyone may have edited."""
    kind = PublicationMeta if stem == OPENING else HandoutMeta if stem == HANDOUT else SectionMeta
    if key == TRANSLATED_FROM or key not in {f.name for f in fields(kind)}:
        return False
    if key == "cover_image":
        return isinstance(value, str) and safe_relative(value) is not None
    try:
        PARSERS[key](value)
    except ValueError:
        return False
    return True


def _typed(key: str, value: Any) -> Any:
    if key in ("date", "updated") and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _translation_files(
    document: WordDocument, publication: Publication, problems: list[Problem]
) -> tuple[list[_File], dict[str, str]]:
    """The translated files, matched with their sources in order; and the source version
    each was exported from."""
    record_files = _recorded_files(document)
    record = document.record or {}
    if record_files and record.get("publication") not in (None, publication.slug):
        raise UsageError(
            f"{document.path}: was exported from the publication {record.get('publication')}, "
            f"not {publication.slug}; import it with --into {record.get('publication')}"
        )
    sources = publication.sources
    if record_files:
        stems = [str(f["stem"]) for f in record_files if str(f["stem"]) in sources]
    else:
        stems = [s for s in sources if s != OPENING]
        # A file `briefing export` wrote has the handout as its last section.
        if HANDOUT in stems and len(stems) != len(document.sections):
            stems.remove(HANDOUT)
        if document.opening.values or document.opening.blocks:
            stems.insert(0, OPENING)
    expected = [s for s in stems if s != OPENING]
    if len(expected) != len(document.sections):
        raise UsageError(_outline_mismatch(document, publication, expected))
    files = []
    if OPENING in stems:
        files.append(_File(OPENING, document.opening))
    files += [_File(s, p) for s, p in zip(expected, document.sections, strict=True)]
    _apply_record(files, record_files)
    for file in files:
        # A translation's front matter holds only the words a reader reads.
        file.front = {}
    versions = {
        str(f["stem"]): str(f["from"])
        for f in record_files
        if isinstance(f.get("from"), str) and re.fullmatch(r"[0-9a-f]{40}", f["from"])
    }
    return files, versions


def _outline_mismatch(document: WordDocument, publication: Publication, expected: list[str]) -> str:
    sources = publication.sources
    left = [f"{stem}.md: {sources[stem].title or ''}" for stem in expected]
    right = [f"{part.title}" for part in document.sections]
    width = max((len(line) for line in left), default=0)
    width = min(max(width, 20), 60)
    rows = [f"  {'the publication':<{width}}  the Word file (Heading 1)"]
    for index in range(max(len(left), len(right))):
        a = left[index][:width] if index < len(left) else "-"
        b = right[index] if index < len(right) else "-"
        rows.append(f"  {a:<{width}}  {b}")
    return (
        f"{document.path}: has {len(right)} section(s) (Heading 1 paragraphs) but "
        f"{publication.slug} has {len(left)} to translate; they are matched in order, so "
        "give each section's title the Heading 1 style and no other paragraph, then import "
        "again:\n" + "\n".join(rows)
    )


# --- Writing Markdown -----------------------------------------------------------------------


def _convert(files: list[_File], document: WordDocument, images: WordImages) -> dict[str, str]:
    """Each file's text, by its stem."""
    record = {str(f["stem"]): f for f in _recorded_files(document)}
    jobs = []
    for file in files:
        part = file.part
        recorded = record.get(file.stem, {}).get("images")
        recorded = recorded if isinstance(recorded, list) else []
        part.blocks = rewrite(part.blocks, _placer(images, file.stem, recorded))
        for words in complex_tables(part.blocks):
            images.problems.append(
                Problem(
                    document.path,
                    f'the table starting "{words}" has merged cells or more than one paragraph '
                    "in a cell, which a Markdown table cannot hold; it was written as HTML in "
                    f"{file.stem}.md: it prints, but edit it with care",
                    warning=True,
                )
            )
        keys = [
            k
            for k in ("title", "subtitle", "series", "summary", "lead", "date")
            if k in part.values
        ]
        chunks = [[node("Plain", part.values[k])] for k in keys]
        heading = [node("Plain", part.heading)] if part.heading is not None else []
        jobs.append(([*chunks, heading, part.blocks], part.callouts))
    written = write_many(jobs)
    texts: dict[str, str] = {}
    for file, pieces in zip(files, written, strict=True):
        part = file.part
        keys = [
            k
            for k in ("title", "subtitle", "series", "summary", "lead", "date")
            if k in part.values
        ]
        values: dict[str, Any] = dict(file.front)
        for key, piece in zip(keys, pieces, strict=False):
            text = collapse(piece)
            values[key] = text if key in INLINE else plain_text(part.values[key])
            if key == "date":
                values[key] = _typed("date", values[key])
                if not isinstance(values[key], datetime.date):
                    del values[key]
        for name, items in part.lists.items():
            values[name] = items
        heading_text = collapse(pieces[len(keys)])
        body = pieces[len(keys) + 1]
        if part.heading is not None:
            if file.heading == "front":
                values["title"] = heading_text
            elif file.heading != "label":
                body = f"# {heading_text}\n\n{body}" if body else f"# {heading_text}\n"
        texts[file.stem] = _front_matter(values) + body
    return texts


def _placer(
    images: WordImages, stem: str, recorded: list[Any]
) -> Callable[[Node], list[Node] | None]:
    """What places a file's images, in order (the n-th image is matched with the n-th the
    export recorded)."""
    counter = iter(range(1_000_000))

    def place(item: Node) -> list[Node] | None:
        return images.place(item, stem, next(counter), recorded) if item["t"] == "Image" else None

    return place


def _front_matter(values: dict[str, Any]) -> str:
    if not values:
        return ""
    ordered = {k: values[k] for k in _KEY_ORDER if k in values}
    ordered |= {k: v for k, v in values.items() if k not in ordered}
    lines = []
    for key, value in ordered.items():
        flow = isinstance(value, list)
        dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow, width=1_000_000)
        lines.append(f"{key}: {dumped.removesuffix(chr(10)).removesuffix(chr(10) + '...')}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def _with_key(text: str, blob: str) -> str:
    """A translation's text with ``translated_from`` last in its front matter."""
    entry = f"{TRANSLATED_FROM}: {blob}\n"
    if text.startswith("---\n"):
        end = text.index("\n---\n", 3)
        return text[: end + 1] + entry + text[end + 1 :]
    return f"---\n{entry}---\n{text}"


def _left_over(folder: Path, written: set[str], root: Path) -> list[Problem]:
    """A warning for each source file of the publication the Word file did not have."""
    return [
        Problem(
            path.relative_to(root),
            "is not in the Word file and was left as it was; delete it if the section is gone",
            warning=True,
        )
        for path in sorted(folder.glob("*.md"))
        if path.name.count(".") == 1 and is_document(path.stem) and path.name not in written
    ]


def _refuse_links_out(folder: Path, names: list[str], root: Path) -> None:
    """Refuse to write ``names`` in ``folder`` if one would go through a symbolic link that
    leads out of the project (a project folder may come from someone else)."""
    for name in names:
        if (refused := outside_problem(folder / name, root)) is not None:
            raise UsageError(refused)


def _merge(staging: Path, folder: Path) -> None:
    """Move the files made in ``staging`` into an existing publication folder (--force)."""
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            target = folder / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
