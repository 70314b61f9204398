"""Knowing what is stale: every translation against the version of its source it was made from.

A translated file records, in its front matter, the git blob id of the source file it was
translated from (``translated_from``). When the source changes, its id changes, and the
translation is stale until someone updates it and marks it again (`briefing mark`).
"""

from __future__ import annotations

import difflib
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from ..errors import Problem, UsageError, relative_to
from ..files import git_blob_id, outside_problem, write_atomic, write_failure
from ..languages.tags import UnknownLanguage, parse_language
from .frontmatter import TRANSLATED_FROM, set_key
from .model import Project
from .naming import split_name, translation_file
from .settings import CONTENT_FOLDER

#: "not marked": the translation records no source version (it was never marked), so whether
#: it is stale cannot be known.
FileState = Literal["up to date", "stale", "not marked", "missing", "orphaned"]
STATES: tuple[FileState, ...] = get_args(FileState)


@dataclass(frozen=True, slots=True)
class FileStatus:
    """One translation file (or the place where one should be)."""

    publication: str
    language: str
    translation: Path
    source: Path | None
    state: FileState
    #: The source version the translation records, and the source's version now.
    recorded: str | None = None
    current: str | None = None

    def as_dict(self, root: Path) -> dict[str, str | None]:
        return {
            "publication": self.publication,
            "language": self.language,
            "file": relative_to(self.translation, root).as_posix(),
            "source": relative_to(self.source, root).as_posix() if self.source else None,
            "state": self.state,
            "translated_from": self.recorded,
            "source_version": self.current,
        }


def translation_status(
    project: Project, languages: Sequence[str] | None = None
) -> list[FileStatus]:
    """Every publication x language x file (in ``languages``, if given), in a stable order."""
    statuses = []
    source_language = project.config.language
    for publication in project.publications:
        tags = dict.fromkeys([*project.config.editions_languages, *publication.translations])
        sources = publication.sources
        for language in tags:
            if language == source_language or (languages and language not in languages):
                continue
            translated = publication.translations.get(language, {})
            for stem, source in sources.items():
                document = translated.get(stem)
                path = publication.folder / translation_file(stem, language)
                state: FileState
                if document is None:
                    state, recorded = "missing", None
                else:
                    path = document.path  # as named, even if not quite as it should be
                    recorded = document.meta.translated_from
                    fresh = recorded is not None and source.blob_id.startswith(recorded)
                    state = "up to date" if fresh else "stale" if recorded else "not marked"
                statuses.append(
                    FileStatus(
                        publication.slug,
                        language,
                        path,
                        source.path,
                        state,
                        recorded,
                        source.blob_id,
                    )
                )
            for stem, document in translated.items():
                if stem not in sources:
                    statuses.append(
                        FileStatus(publication.slug, language, document.path, None, "orphaned")
                    )
    return statuses


def stale_problems(project: Project, languages: Sequence[str] | None = None) -> list[Problem]:
    """A warning for each stale translation (in ``languages``, if given), and one for each
    publication and language whose translations were never marked (a new project, or
    translations made elsewhere), with the command that marks them all."""
    problems = []
    unmarked: dict[tuple[str, str], list[FileStatus]] = {}
    for status in translation_status(project, languages):
        if status.state == "not marked":
            unmarked.setdefault((status.publication, status.language), []).append(status)
        if status.state != "stale":
            continue
        where = relative_to(status.translation, project.root)
        source = status.source.name if status.source else "its source"
        problems.append(
            Problem(
                where,
                f"stale translation: {source} changed since it was translated; update it, "
                f"then run `briefing mark {where}`",
                warning=True,
            )
        )
    folders = {publication.slug: publication.folder for publication in project.publications}
    for (slug, language), statuses in unmarked.items():
        folder = relative_to(folders[slug], project.root)
        count = len(statuses)
        which, verb, was, match = (
            ("its translation", "is", "it was", "it matches")
            if count == 1
            else (f"{count} translations", "are", "they were", "they match")
        )
        problems.append(
            Problem(
                folder,
                f"{which} into {language} {verb} not marked yet (no record of which version of "
                f"the source {was} translated from, so changes to the source cannot be "
                f"found); check {match} the source, then run "
                f"`briefing mark {folder.as_posix()} --lang {language}`",
                warning=True,
            )
        )
    return problems


def untranslated_problems(
    project: Project, languages: Sequence[str] | None = None
) -> list[Problem]:
    """A warning for each publication and language it is published in (of ``languages``, if
    given) that has no translation file at all: nothing may have been translated yet, or the
    files may be named for another tag."""
    config = project.config
    problems = []
    for publication in project.publications:
        for tag in config.editions_languages:
            if tag == config.language or (languages is not None and tag not in languages):
                continue
            if publication.translations.get(tag) or tag in publication.broken_languages:
                continue
            names = [translation_file(stem, tag) for stem in publication.sources]
            shown = ", ".join(names[:2]) + (", ..." if len(names) > 2 else "")
            outcome = (
                f"its {tag} editions print the source text"
                if config.untranslated == "source"
                else f"its {tag} editions are not built"
            )
            problems.append(
                Problem(
                    relative_to(publication.folder, project.root),
                    f"nothing is translated into {_language_name(tag)} yet, so {outcome}; "
                    f'add its translations ({shown}), or remove "{tag}" from `languages` in '
                    "briefing.toml",
                    warning=True,
                )
            )
    return problems


def _language_name(tag: str) -> str:
    """``Urdu (ur)``: a language's English name and its tag."""
    return f"{parse_language(tag).name(parse_language('en'))} ({tag})"


def structure_problems(project: Project, languages: Sequence[str] | None = None) -> list[Problem]:
    """Differences in structure between each translation and its source (a warning each)."""
    problems = []
    for publication in project.publications:
        sources = publication.sources
        for language, documents in publication.translations.items():
            if languages and language not in languages:
                continue
            for stem, document in documents.items():
                source = sources.get(stem)
                if source is None:
                    continue
                mine, theirs = document.markup.structure, source.markup.structure
                for kind, count in mine.items():
                    if count != theirs[kind]:
                        problems.append(
                            Problem(
                                relative_to(document.path, project.root),
                                f"has {count} {_plural(kind, count)} but its source "
                                f"{source.path.name} has {theirs[kind]}; check nothing was "
                                "dropped or added in translation",
                                warning=True,
                            )
                        )
    return problems


def _plural(kind: str, count: int) -> str:
    return kind if count != 1 else kind.removesuffix("s")


def source_changes(project: Project, status: FileStatus) -> list[str] | None:
    """What changed in the source since the translation was made, as a unified diff.

    None when that version of the source cannot be found in the project's git history.
    """
    if status.recorded is None or status.source is None:
        return None
    try:
        old = subprocess.run(
            ["git", "cat-file", "blob", status.recorded],
            cwd=project.root,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    new = status.source.read_bytes()
    name = relative_to(status.source, project.root).as_posix()
    return list(
        difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines(),
            new.decode("utf-8", "replace").splitlines(),
            f"{name} (translated from {status.recorded[:12]})",
            f"{name} (now)",
            lineterm="",
        )
    )


def mark_up_to_date(path: Path) -> tuple[Path, str]:
    """Record in a translation's front matter that it matches its source as it is now.

    Returns the source file and its version id. The rest of the file is left as it was.
    Neither file may lead out of its project through a symbolic link.
    """
    root = _project_of(path)
    _check_inside(path.absolute(), root)
    path = path.resolve()
    stem, tag = split_name(path)
    if tag is None or "." in tag or not path.name.endswith(".md") or not path.is_file():
        raise UsageError(
            f"{path}: not a translation file; give files such as content/<name>/02-name.fr.md"
        )
    try:
        parse_language(tag)
    except UnknownLanguage as error:
        raise UsageError(
            f"{path}: {error}; translation files end in a BCP 47 language tag, such as "
            f"{stem}.fr.md or {stem}.zh-Hans.md"
        ) from None
    source = path.with_name(f"{stem}.md")
    if not source.is_file():
        raise UsageError(f"{path}: its source {source.name} does not exist (an orphan)")
    _check_inside(source, root.resolve())
    blob = git_blob_id(source.read_bytes())
    text = set_key(path.read_text("utf-8-sig"), TRANSLATED_FROM, blob)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        failure = write_failure(path, error)
        raise UsageError(
            f"{failure.where}: cannot mark {path.name}: {failure.cause}; {failure.remedy}, then "
            "mark it again (the file is as it was)"
        ) from None
    return source, blob


def _project_of(path: Path) -> Path:
    """The project a translation file belongs to: the folder that holds its content/ folder
    (or, for a file elsewhere, the file's own folder)."""
    absolute = path.absolute()
    for folder in absolute.parents:
        if folder.name == CONTENT_FOLDER:
            return folder.parent
    return absolute.parent


def _check_inside(path: Path, root: Path) -> None:
    """UsageError if ``path`` leads out of the project in ``root``, naming the link."""
    refused = outside_problem(path, root)
    if refused is not None and refused.path is not None:
        raise UsageError(f"{root / refused.path}: {refused.message}")
