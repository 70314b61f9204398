"""What the commands print: problems (each once), edition lines, progress, summaries."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

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


#: What Python makes of the bytes of a file name that are not UTF-8 (U+DC80 to U+DCFF).
_UNDECODED = re.compile("[\udc80-\udcff]")


def printable(text: str, stream: TextIO) -> str:
    """``text`` as ``stream`` can write it. A file name whose bytes are not UTF-8, or a
    character the terminal's encoding lacks, would stop the command with an encoding error:
    such characters are written as escapes instead (``t\\xffst``, ``caf\\xe9``)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding, getattr(stream, "errors", None) or "strict")
    except (UnicodeError, LookupError):
        text = _UNDECODED.sub(lambda match: f"\\x{ord(match[0]) - 0xDC00:02x}", text)
        try:
            return text.encode(encoding, "backslashreplace").decode(encoding)
        except LookupError:
            return text.encode("ascii", "backslashreplace").decode("ascii")
    return text


class _Escaping:
    """A text stream that writes what its stream cannot encode as escapes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text, self.stream))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def escaping_output() -> Iterator[None]:
    """While a command runs, everything it prints goes through :func:`printable`."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Escaping(stdout), _Escaping(stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


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
