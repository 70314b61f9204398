"""Rendering many editions: skipping those whose inputs have not changed, the others on all
cores, longest first.

WeasyPrint is imported only when something has to be rendered: in this process for one job,
or once per worker process for several (each worker renders many editions). Results come
back as each edition is done; while one renders, what it has got to can be reported too
(the pages laid out so far).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import BriefingError, Problem, SetupError, relative_to
from ..files import file_digest, remove_stale_temporaries, write_failure
from ..project.model import Edition, Project, edition_parts
from . import cache
from .edition import EditionResult, build_edition
from .thumbnails import OVERVIEW_FOLDER
from .warmup import available_cores, start_worker_server

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.connection import Connection

Stage = Literal["started", "layout", "writing"]


@dataclass(frozen=True, slots=True)
class Progress:
    """How far the rendering of one edition has got."""

    edition: Edition
    #: "started"; "layout": laying its pages out; "writing": making the PDF of its pages.
    stage: Stage
    #: The pages laid out so far in the current layout.
    pages: int = 0
    #: The layouts begun so far: a pack is laid out again to keep footnotes on the page of
    #: their call, a handout to shrink it to fit.
    layouts: int = 0


OnProgress = Callable[[Progress], None]


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
_shared: tuple[Project, Path, bool, bool] | None = None


def default_jobs() -> int:
    return available_cores()


def render_editions(
    project: Project,
    prepared: Sequence[Prepared],
    out_dir: Path,
    strict: bool = False,
    jobs: int = 1,
    on_progress: OnProgress | None = None,
    thumbnails: bool = False,
) -> Iterator[EditionResult]:
    """Build each edition, yielding its result as soon as it is known: the unchanged ones
    first, then each rendered one as it is done (with several jobs, not in the order asked).
    With ``thumbnails``, each rendered edition's first page is drawn for the overview.

    Editions whose inputs have not changed since the last build are not rendered again. A
    failed edition leaves any earlier PDF untouched and does not stop the others (with
    ``strict``, the first failure, warnings included, stops the build). The cache is only a
    help: when it cannot be written, the first edition that could not be recorded carries a
    warning saying so, and the build goes on without it.
    """
    pending: list[_Job] = []
    for item in prepared:
        key = cache.cache_key(item.edition, item.html)
        entry = cache.lookup(out_dir, item.edition, key, project.root)
        unchanged = _from_cache(item.edition, entry, out_dir) if entry is not None else None
        if unchanged is None:
            cost = _expected_cost(out_dir, item, project.config.language)
            pending.append(_Job(item, key, cost))
        else:
            yield unchanged
    remembering = True
    rendered = _render_all(project, pending, out_dir, strict, jobs, on_progress, thumbnails)
    for job, result, seconds in rendered:
        if remembering and result.ok and not result.problems:
            trouble = _remember(project, out_dir, job.key, result, seconds)
            if trouble is not None:
                remembering = False
                result = dataclasses.replace(result, problems=(trouble,))
        yield result
        if strict and not result.ok:
            return


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Remove the temporary files that builds killed while writing left in ``out_dir``: in
    it, in its folders (one per language) and in those of its cache. Those of a build still
    running are left alone."""
    folders = [out_dir]
    parents = (
        out_dir,
        out_dir / cache.CACHE_FOLDER,
        out_dir / cache.CACHE_FOLDER / "markup",
        out_dir / OVERVIEW_FOLDER,
    )
    for parent in parents:
        with contextlib.suppress(OSError):
            folders += [entry for entry in parent.iterdir() if entry.is_dir()]
    return remove_stale_temporaries(folders)


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
    project: Project,
    pending: list[_Job],
    out_dir: Path,
    strict: bool,
    jobs: int,
    on_progress: OnProgress | None,
    thumbnails: bool,
) -> Iterator[tuple[_Job, EditionResult, float]]:
    if not pending:
        return
    if jobs == 1:
        from ..pdf.render import import_renderer

        import_renderer()  # a machine without Pango fails here, once, not once per edition
        for job in pending:
            edition = job.prepared.edition
            report = None
            if on_progress is not None:
                report = _progress_to(on_progress, edition)
            yield job, *_timed(project, job.prepared, out_dir, strict, thumbnails, report)
        return
    # Workers come from a fork server that has imported the renderer once: they start with
    # WeasyPrint loaded, and with none of this process's state (fonts, threads) to inherit.
    # A machine without Pango fails in the first edition each renders; that stops the build.
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    start_worker_server()
    context = multiprocessing.get_context("forkserver")
    # What the workers say of the edition each renders comes back on a pipe (short messages:
    # each is written whole, whichever worker writes it).
    reading, writing = context.Pipe(duplex=False) if on_progress is not None else (None, None)
    executor = ProcessPoolExecutor(
        max_workers=min(jobs, len(pending)),
        mp_context=context,
        initializer=_init_worker,
        initargs=((project, out_dir, strict, thumbnails), os.getpid(), writing),
    )
    try:
        order = sorted(range(len(pending)), key=lambda index: -pending[index].cost)
        futures = {executor.submit(_work, index, pending[index].prepared): index for index in order}
        waiting: set[Future[tuple[EditionResult, float]]] = set(futures)
        done_indexes: set[int] = set()
        while waiting:
            timeout = 0.1 if reading is not None else None
            done, waiting = wait(waiting, timeout=timeout, return_when=FIRST_COMPLETED)
            if reading is not None and on_progress is not None:
                _relay(reading, pending, done_indexes, on_progress)
            for future in sorted(done, key=futures.__getitem__):
                index = futures[future]
                done_indexes.add(index)
                job = pending[index]
                yield job, *_collect(future, job.prepared.edition)
    except BaseException:
        # Interrupted (Ctrl-C) or failed: the workers stop now, not after the editions they
        # were given, and what they were writing is removed (each file is written whole).
        _stop_workers(executor)
        executor.shutdown(wait=False, cancel_futures=True)
        remove_leftovers(out_dir)
        raise
    finally:
        for end in (reading, writing):
            if end is not None:
                end.close()
    executor.shutdown()


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=10)


def _relay(
    reading: Connection, pending: list[_Job], done: set[int], on_progress: OnProgress
) -> None:
    """Pass on what the workers said of the editions they render (not of those done)."""
    try:
        while reading.poll():
            index, stage, pages, layouts = reading.recv()
            if index not in done:
                on_progress(Progress(pending[index].prepared.edition, stage, pages, layouts))
    except (EOFError, OSError):
        return


def _timed(
    project: Project,
    prepared: Prepared,
    out_dir: Path,
    strict: bool,
    thumbnail: bool,
    report: _Report | None = None,
) -> tuple[EditionResult, float]:
    start = time.perf_counter()
    edition, html = prepared.edition, prepared.html
    if report is None:
        result = build_edition(project, edition, html, out_dir, strict, thumbnail)
    else:
        with _reporting_progress(report):
            result = build_edition(project, edition, html, out_dir, strict, thumbnail)
    return result, time.perf_counter() - start


#: Told how far an edition has got: its stage, the pages laid out and the layouts begun.
_Report = Callable[[Stage, int, int], None]


def _progress_to(on_progress: OnProgress, edition: Edition) -> _Report:
    def report(stage: Stage, pages: int, layouts: int) -> None:
        on_progress(Progress(edition, stage, pages, layouts))

    return report


class _ProgressRecords(logging.Handler):
    """Follows what WeasyPrint logs on ``weasyprint.progress`` while it renders: "Step 1 -
    Fetching and parsing HTML" as each layout begins, "Step 5 - Creating layout - Page %d"
    for each page laid out (again from page 1 when the pages are numbered again), "Step 6 -
    Creating PDF"; and tells ``report``, at most a few times a second."""

    INTERVAL = 0.25

    def __init__(self, report: _Report) -> None:
        super().__init__(logging.INFO)
        self.report = report
        self.pages = self.layouts = 0
        self.stage: Stage = "started"
        self.told = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.msg if isinstance(record.msg, str) else ""
        stage = self.stage
        if message.startswith("Step 1 "):
            stage, self.layouts, self.pages = "layout", self.layouts + 1, 0
        elif message.startswith("Step 5 - Creating layout - Page") and record.args:
            page = record.args[0] if isinstance(record.args, tuple) else 0
            self.pages = max(self.pages, page if isinstance(page, int) else 0)
        elif message.startswith("Step 6 "):
            stage = "writing"
        now = time.monotonic()
        if stage != self.stage or now - self.told >= self.INTERVAL:
            self.stage, self.told = stage, now
            self.report(stage, self.pages, self.layouts)


@contextlib.contextmanager
def _reporting_progress(report: _Report) -> Iterator[None]:
    """WeasyPrint's progress records passed on to ``report`` while the block runs."""
    logger = logging.getLogger("weasyprint.progress")
    handler = _ProgressRecords(report)
    level = logger.level
    if not logger.isEnabledFor(logging.INFO):
        logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    report("started", 0, 0)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


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


def _init_worker(
    shared: tuple[Project, Path, bool, bool], build_pid: int, progress: Connection | None
) -> None:
    from .lifeline import exit_with

    exit_with(build_pid)  # a worker must not outlive the build that started it
    global _shared, _progress
    _shared, _progress = shared, progress


#: In a worker process: where to say how far its edition has got, if anywhere.
_progress: Connection | None = None


def _work(index: int, prepared: Prepared) -> tuple[EditionResult, float]:
    assert _shared is not None
    project, out_dir, strict, thumbnails = _shared
    report = None
    if _progress is not None:
        channel = _progress

        def report(stage: Stage, pages: int, layouts: int) -> None:
            with contextlib.suppress(OSError):
                channel.send((index, stage, pages, layouts))

    return _timed(project, prepared, out_dir, strict, thumbnails, report)


def _remember(
    project: Project, out_dir: Path, key: str, result: EditionResult, seconds: float
) -> Problem | None:
    """Record a rendered edition in the cache; a warning if the cache cannot be written."""
    assert result.path is not None
    outputs = [result.path] + ([result.imposed] if result.imposed else [])
    try:
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
                    path.relative_to(out_dir).as_posix(): file_digest(path) or ""
                    for path in outputs
                },
                pages=result.pages,
                scale=result.scale,
                renders=result.renders,
                seconds=round(seconds, 3),
            ),
        )
    except OSError as error:
        failure = write_failure(cache.entry_path(out_dir, result.edition), error)
        return Problem(
            relative_to(failure.where, project.root),
            f"cannot write the build cache: {failure.cause}; {failure.remedy}: until then "
            "builds go on without it, rendering every edition again",
            warning=True,
        )
    return None


def _from_cache(edition: Edition, entry: cache.Entry, out_dir: Path) -> EditionResult | None:
    """The result of an unchanged edition; None if its file has gone meanwhile."""
    path = edition.output_path(out_dir)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return EditionResult(
        edition,
        path=path,
        pages=entry.pages,
        size=size,
        scale=entry.scale,
        renders=0,
        imposed=edition.imposed_path(out_dir),
        cached=True,
    )
