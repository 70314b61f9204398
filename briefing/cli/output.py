"""What the commands print: problems (each once), edition lines, progress, summaries."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem

if TYPE_CHECKING:
    from ..build.run import Progress
    from .progress import Board

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class Printer:
    """Prints to the terminal for one command: problems to stderr, each only once."""

    def __init__(self) -> None:
        self.printed: set[str] = set()
        self._board: Board | None = None

    def problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            text = str(problem)
            if text not in self.printed:
                self.printed.add(text)
                self.error(text if problem.path is not None else f"briefing: {text}")

    def error(self, line: str) -> None:
        print(line, file=sys.stderr)

    def say(self, line: str) -> None:
        if self._board is not None:
            self._board.say(line)
        else:
            print(line)

    @property
    def on_terminal(self) -> bool:
        """Whether progress is shown: only on a terminal."""
        return sys.stdout.isatty()

    def start_progress(self, total: int) -> None:
        """On a terminal: a progress bar for builds of more than a few editions, and a line
        for each edition that takes more than a moment (see :mod:`.progress`)."""
        if total and self.on_terminal:
            from .progress import Board

            self._board = Board(total)

    def rendering(self, progress: Progress) -> None:
        """How far an edition being rendered has got."""
        if self._board is not None:
            self._board.rendering(progress)

    def advance(self, description: str) -> None:
        """An edition is done (``description``: its label)."""
        if self._board is not None:
            self._board.done(description)

    def stop_progress(self) -> None:
        if self._board is not None:
            self._board.stop()
            self._board = None


def count(problems: Sequence[Problem]) -> tuple[int, int]:
    """Errors and warnings among ``problems``, each counted once."""
    unique = {str(p): p for p in problems}.values()
    warnings = sum(1 for p in unique if p.warning)
    return len(unique) - warnings, warnings


def summary(problems: Sequence[Problem]) -> str:
    """``2 errors, 1 warning``."""
    errors, warnings = count(problems)
    parts = [plural(errors, "error")]
    if warnings:
        parts.append(plural(warnings, "warning"))
    return ", ".join(parts)


def plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def shown(path: Path | None) -> str:
    """A path as the person typed it: relative to the current folder if inside it."""
    if path is None:
        return ""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
