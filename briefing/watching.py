"""`briefing watch`: rebuild the editions a change affects, in a warm process.

The renderer stays loaded between builds, and the cache decides what a change touches, so a
correction to one section re-renders only the editions that print it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .build import EditionResult
from .errors import BriefingError, Problem
from .model import KINDS


@dataclass(frozen=True, slots=True)
class Round:
    """One build made by the watcher."""

    changed: tuple[Path, ...]
    results: tuple[EditionResult, ...]
    problems: tuple[Problem, ...]
    seconds: float

    @property
    def rebuilt(self) -> list[EditionResult]:
        return [r for r in self.results if r.ok and not r.cached]


def _is_input(root: Path) -> Callable[[object, str], bool]:
    """Changes worth a rebuild: anything in the project but its output and hidden files."""
    build = root / "build"

    def accept(_change: object, path: str) -> bool:
        candidate = Path(path)
        if candidate.is_relative_to(build):
            return False
        name = candidate.name
        return not (name.startswith(".") or name.endswith(("~", ".swp", ".tmp")))

    return accept


def build_round(
    root: Path,
    changed: tuple[Path, ...] = (),
    only: str | None = None,
    kinds: tuple[str, ...] = KINDS,
    languages: tuple[str, ...] | None = None,
) -> Round:
    """Load the project afresh and build what changed (the cache skips the rest)."""
    from .content import load_project
    from .editions import plan_editions
    from .runner import build_editions

    start = time.perf_counter()
    try:
        project = load_project(root, markup_cache=root / "build" / ".cache" / "markup")
        editions = plan_editions(project, only, kinds, languages)
        results = tuple(build_editions(project, editions, root / "build", jobs=1))
        problems = tuple(project.problems)
    except BriefingError as error:
        results, problems = (), error.problems
    return Round(changed, results, problems, time.perf_counter() - start)


def watch_project(
    root: Path,
    stop: threading.Event | None = None,
    only: str | None = None,
    kinds: tuple[str, ...] = KINDS,
    languages: tuple[str, ...] | None = None,
) -> Iterator[Round]:
    """Build once, then again after every change, until ``stop`` is set."""
    from watchfiles import watch

    root = root.resolve()
    yield build_round(root, (), only, kinds, languages)
    for changes in watch(root, watch_filter=_is_input(root), stop_event=stop, debounce=300):
        changed = tuple(sorted({Path(path) for _, path in changes}))
        yield build_round(root, changed, only, kinds, languages)
