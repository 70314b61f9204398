"""Problems found in a project, and the exceptions that carry them.

Every problem names a file (relative to the project), a line when there is one, what is
wrong and what to do. Errors are collected, not raised one at a time, so that a single run
reports everything it found. Every error the tool reports to a person is a
:class:`BriefingError`; anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, written like a compiler message."""

    path: Path | str | None
    message: str
    line: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{Path(self.path).as_posix()}:"
            if self.line is not None:
                where += f"{self.line}:"
            where += " "
        kind = "warning: " if self.warning else ""
        return f"{where}{kind}{self.message}"


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that are errors, not warnings."""
    return [problem for problem in problems if not problem.warning]


class BriefingError(Exception):
    """Base of every error the tool reports to a person. Carries one or more problems."""

    exit_code = 1

    def __init__(self, problems: Problem | Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[object, ...]:
        # Sent whole between processes: its problems keep their files and lines.
        return (_restore, (type(self), self.problems, self.__dict__))


def _restore(
    kind: type[BriefingError], problems: tuple[Problem, ...], state: dict[str, object]
) -> BriefingError:
    error = Exception.__new__(kind)
    BriefingError.__init__(error, problems)
    error.__dict__.update(state)
    return error


class UsageError(BriefingError):
    """The command line or the project folder itself is wrong (exit code 2)."""

    exit_code = 2


class ConfigError(BriefingError):
    """briefing.toml is wrong (exit code 2)."""

    exit_code = 2


class ContentError(BriefingError):
    """A Markdown file, image or link is wrong (exit code 1)."""


class TemplateError(BriefingError):
    """A template is missing or broken (exit code 1)."""


class SetupError(BriefingError):
    """The machine lacks something the renderer needs (exit code 2)."""

    exit_code = 2


class RenderError(BriefingError):
    """The renderer could not make the edition as asked (exit code 1)."""


def relative_to(path: Path, root: Path) -> Path:
    """The path as a person reading the project sees it: relative to its root if inside."""
    try:
        return path.relative_to(root)
    except ValueError:
        return path
