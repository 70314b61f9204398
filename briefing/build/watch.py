"""`briefing watch`: rebuild the editions a change affects, in a warm process.

The renderer stays loaded between builds, and the cache decides what a change touches, so a
correction to one section re-renders only the editions that print it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import BriefingError, Problem
from ..project.model import KINDS
from ..project.settings import BUILD_FOLDER
from .api import build_project
from .edition import EditionResult


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
    build = root / BUILD_FOLDER

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
    kinds: Sequence[str] = KINDS,
    languages: Sequence[str] | None = None,
) -> Round:
    """Build what changed (the cache skips the rest), reading the project afresh."""
    start = time.perf_counter()
    try:
        report = build_project(
            root, only=only, kinds=kinds, languages=languages, jobs=1, live_overview=True
        )
        results, problems = report.results, report.problems
    except BriefingError as error:
        results, problems = (), error.problems
    return Round(changed, results, problems, time.perf_counter() - start)


def watch_project(
    root: Path,
    stop: threading.Event | None = None,
    only: str | None = None,
    kinds: Sequence[str] = KINDS,
    languages: Sequence[str] | None = None,
    ready: threading.Event | None = None,
) -> Iterator[Round]:
    """Build once, then again after every change, until ``stop`` is set.

    ``ready`` is set once the watcher listens for changes (after the first build).
    """
    from watchfiles import watch

    root = root.resolve()
    yield build_round(root, (), only, kinds, languages)
    changes_seen = watch(
        root,
        watch_filter=_is_input(root),
        stop_event=stop,
        debounce=300,
        yield_on_timeout=True,
        rust_timeout=100,
    )
    for changes in changes_seen:
        if ready is not None:
            ready.set()
        if not changes:
            continue  # a time-out: the watcher is listening
        changed = tuple(sorted({Path(path) for _, path in changes}))
        yield build_round(root, changed, only, kinds, languages)
