"""Knowing what is stale: every translation against the version of its source it was made from.

A translated file records, in its front matter, the git blob id of the source file it was
translated from (``translated_from``). When the source changes, its id changes, and the
translation is stale until someone updates it and marks it again (`briefing mark`).
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, UsageError, relative_to
from .files import write_atomic
from .frontmatter import TRANSLATED_FROM
from .i18n import git_blob_id, parse_language
from .model import Project

UP_TO_DATE, STALE, MISSING, ORPHANED = "up to date", "stale", "missing", "orphaned"
STATES = (UP_TO_DATE, STALE, MISSING, ORPHANED)


@dataclass(frozen=True, slots=True)
class FileStatus:
    """One translation file (or the place where one should be)."""

    publication: str
    language: str
    translation: Path
    source: Path | None
    state: str
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


def translation_status(project: Project) -> list[FileStatus]:
    """Every publication x language x file, in a stable order."""
    statuses = []
    source_language = project.config.language
    for publication in project.publications:
        languages = dict.fromkeys([*project.config.editions_languages, *publication.translations])
        sources = publication.sources
        for language in languages:
            if language == source_language:
                continue
            translated = publication.translations.get(language, {})
            for stem, source in sources.items():
                document = translated.get(stem)
                path = publication.folder / f"{stem}.{language}.md"
                if document is None:
                    state, recorded = MISSING, None
                else:
                    recorded = document.meta.get(TRANSLATED_FROM)
                    fresh = recorded is not None and source.blob_id.startswith(recorded)
                    state = UP_TO_DATE if fresh else STALE
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
                        FileStatus(publication.slug, language, document.path, None, ORPHANED)
                    )
    return statuses


def stale_problems(project: Project, languages: tuple[str, ...] | None = None) -> list[Problem]:
    """A warning for each stale translation (in ``languages``, if given)."""
    problems = []
    for status in translation_status(project):
        if status.state != STALE or (languages and status.language not in languages):
            continue
        where = relative_to(status.translation, project.root)
        source = status.source.name if status.source else "its source"
        reason = (
            f"{source} changed since it was translated"
            if status.recorded
            else f"it does not record which version of {source} it was translated from"
        )
        problems.append(
            Problem(
                where,
                f"stale translation: {reason}; update it, then run `briefing mark {where}`",
                warning=True,
            )
        )
    return problems


def structure_problems(project: Project) -> list[Problem]:
    """Differences in structure between each translation and its source (a warning each)."""
    problems = []
    for publication in project.publications:
        sources = publication.sources
        for documents in publication.translations.values():
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
    """
    path = path.resolve()
    match = re.fullmatch(r"(?P<stem>[^.]+)\.(?P<tag>[^.]+)\.md", path.name)
    if match is None or not path.is_file():
        raise UsageError(
            f"{path}: not a translation file; give files such as content/<name>/02-name.fr.md"
        )
    parse_language(match["tag"])
    source = path.with_name(f"{match['stem']}.md")
    if not source.is_file():
        raise UsageError(f"{path}: its source {source.name} does not exist (an orphan)")
    blob = git_blob_id(source.read_bytes())
    text = _with_key(path.read_text("utf-8-sig"), TRANSLATED_FROM, blob)
    write_atomic(path, text.encode("utf-8"))
    return source, blob


def _with_key(text: str, key: str, value: str) -> str:
    """``text`` with ``key: value`` set in its front matter (added if there is none)."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            for index in range(1, end):
                if re.match(rf"^{re.escape(key)}\s*:", lines[index]):
                    lines[index] = f"{key}: {value}"
                    return "\n".join(lines)
            lines.insert(end, f"{key}: {value}")
            return "\n".join(lines)
    return f"---\n{key}: {value}\n---\n{text}"
