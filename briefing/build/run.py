"""Rendering many editions: skipping those whose inputs have not changed, the others on all
cores, longest first.

WeasyPrint is imported only when something has to be rendered: in this process for one job,
or once per worker process for several (each worker renders many editions). Results come
back in the order the editions were asked for.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BriefingError, Problem, SetupError, relative_to
from ..files import file_digest
from ..project.model import Edition, Project, edition_parts
from . import cache
from .edition import EditionResult, build_edition
from .warmup import available_cores, start_worker_server

if TYPE_CHECKING:
    from concurrent.futures import Future


@dataclass(frozen=True, slots=True)
class Prepared:
    """An edition ready to render: its recipe and its HTML."""

    edition: Edition
    html: str


@dataclass(frozen=True, slots=True)
class _Job:
    prepared: Prepared
    key: str
    #: How long it is expected to take, to start the longest first.
    cost: float


#: In a worker process: what every job of the build shares.
_shared: tuple[Project, Path, bool] | None = None


def default_jobs() -> int:
    return available_cores()


def render_editions(
    project: Project,
    prepared: Sequence[Prepared],
    out_dir: Path,
    strict: bool = False,
    jobs: int = 1,
) -> Iterator[EditionResult]:
    """Build each edition, yielding its result as soon as it is known.

    Editions whose inputs have not changed since the last build are not rendered again. A
    failed edition leaves any earlier PDF untouched and does not stop the others (with
    ``strict``, the first failure, warnings included, stops the build).
    """
    pending: list[_Job] = []
    for item in prepared:
        key = cache.cache_key(item.edition, item.html)
        entry = cache.lookup(out_dir, item.edition, key, project.root)
        if entry is None:
            cost = _expected_cost(out_dir, item, project.config.language)
            pending.append(_Job(item, key, cost))
        else:
            yield _from_cache(item.edition, entry, out_dir)
    for job, (result, seconds) in zip(
        pending, _render_all(project, pending, out_dir, strict, jobs), strict=False
    ):
        if result.ok and not result.problems:
            _remember(project, out_dir, job.key, result, seconds)
        yield result
        if strict and not result.ok:
            return


def _expected_cost(out_dir: Path, item: Prepared, source_language: str) -> float:
    """How long an edition is expected to take to render, to start the longest first: as
    long as last time, if it was built before; else in proportion to the bytes of its HTML
    and of the images it shows (scripts with many bytes to a letter take longer to lay out,
    and SVG figures take long to draw)."""
    entry = cache.read_entry(out_dir, item.edition)
    if entry is not None and entry.seconds:
        return entry.seconds
    images = 0
    edition = item.edition
    parts = edition_parts(edition.publication, edition.kind, edition.language, source_language)
    for part in parts.all:
        for reference in part.printed.markup.references:
            if reference.tag == "img":
                with contextlib.suppress(OSError):
                    images += (part.printed.path.parent / reference.url).stat().st_size
    return (len(item.html.encode()) + images / 10) / 50_000


def _render_all(
    project: Project, pending: list[_Job], out_dir: Path, strict: bool, jobs: int
) -> Iterator[tuple[EditionResult, float]]:
    if not pending:
        return
    if jobs == 1:
        from ..pdf.render import import_renderer

        import_renderer()  # a machine without Pango fails here, once, not once per edition
        for job in pending:
            yield _timed(project, job.prepared, out_dir, strict)
        return
    # Workers come from a fork server that has imported the renderer once: they start with
    # WeasyPrint loaded, and with none of this process's state (fonts, threads) to inherit.
    # A machine without Pango fails in the first edition each renders; that stops the build.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    start_worker_server()
    executor = ProcessPoolExecutor(
        max_workers=min(jobs, len(pending)),
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=_init_worker,
        initargs=((project, out_dir, strict),),
    )
    try:
        order = sorted(range(len(pending)), key=lambda index: -pending[index].cost)
        futures = {index: executor.submit(_work, pending[index].prepared) for index in order}
        for index, job in enumerate(pending):
            yield _collect(futures[index], job.prepared.edition)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()


def _timed(
    project: Project, prepared: Prepared, out_dir: Path, strict: bool
) -> tuple[EditionResult, float]:
    start = time.perf_counter()
    result = build_edition(project, prepared.edition, prepared.html, out_dir, strict)
    return result, time.perf_counter() - start


def _collect(
    future: Future[tuple[EditionResult, float]], edition: Edition
) -> tuple[EditionResult, float]:
    """A worker's result; an exception in the worker becomes a problem, never lost.

    A machine that cannot render at all (SetupError) stops the build.
    """
    try:
        return future.result()
    except SetupError:
        raise
    except BriefingError as error:
        return EditionResult(edition, problems=error.problems), 0.0
    except Exception as error:
        problem = Problem(
            edition.label,
            f"internal error while rendering: {error!r}; run again with --jobs 1 "
            "--debug and report the traceback",
        )
        return EditionResult(edition, problems=(problem,)), 0.0


def _init_worker(shared: tuple[Project, Path, bool]) -> None:
    global _shared
    _shared = shared


def _work(prepared: Prepared) -> tuple[EditionResult, float]:
    assert _shared is not None
    project, out_dir, strict = _shared
    return _timed(project, prepared, out_dir, strict)


def _remember(
    project: Project, out_dir: Path, key: str, result: EditionResult, seconds: float
) -> None:
    assert result.path is not None
    outputs = [result.path] + ([result.imposed] if result.imposed else [])
    cache.store(
        out_dir,
        result.edition,
        cache.Entry(
            inputs=key,
            resources={
                relative_to(path, project.root).as_posix(): digest
                for path, digest in result.resources.items()
            },
            outputs={
                path.relative_to(out_dir).as_posix(): file_digest(path) or "" for path in outputs
            },
            pages=result.pages,
            scale=result.scale,
            renders=result.renders,
            seconds=round(seconds, 3),
        ),
    )


def _from_cache(edition: Edition, entry: cache.Entry, out_dir: Path) -> EditionResult:
    path = edition.output_path(out_dir)
    return EditionResult(
        edition,
        path=path,
        pages=entry.pages,
        size=path.stat().st_size,
        scale=entry.scale,
        renders=0,
        imposed=edition.imposed_path(out_dir),
        cached=True,
    )
