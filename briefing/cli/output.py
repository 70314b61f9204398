"""What the commands print: problems (each once), edition lines, progress, summaries."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import Problem

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class Printer:
    """Prints to the terminal for one command: problems to stderr, each only once."""

    def __init__(self) -> None:
        self.printed: set[str] = set()
        self._progress: Any = None
        self._task: Any = None

    def problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            text = str(problem)
            if text not in self.printed:
                self.printed.add(text)
                self.error(text if problem.path is not None else f"briefing: {text}")

    def error(self, line: str) -> None:
        print(line, file=sys.stderr)

    def say(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            print(line)

    def start_progress(self, total: int) -> None:
        """A progress bar, on a terminal, for builds of more than a few editions."""
        if total <= 3 or not sys.stdout.isatty():
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self._progress = Progress(
            "{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
        )
        self._task = self._progress.add_task("building", total=total)
        self._progress.start()

    def advance(self, description: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=description)

    def stop_progress(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


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
