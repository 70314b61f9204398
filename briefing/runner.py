"""Building many editions: HTML for all first, then the cache, then rendering on all cores.

WeasyPrint is imported only when something has to be rendered: in this process for one job,
or once per worker process for several (each worker renders many editions). Results come
back in the order the editions were asked for.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from . import cache
from .build import PROFILE_OPTIONS, EditionResult, build_one, min_scale, source_attachments
from .editions import edition_html, incomplete
from .errors import BriefingError, Problem, SetupError, relative_to
from .model import Edition, Project

#: In a worker process: the project and the editions of the build it serves.
_shared: tuple = ()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def build_editions(
    project: Project,
    editions: list[Edition],
    out_dir: Path,
    strict: bool = False,
    impose: str | None = None,
    jobs: int = 1,
) -> Iterator[EditionResult]:
    """Build each edition, yielding its result as soon as it is known.

    Every edition's HTML is made first, so a template error is reported before any PDF is
    rendered. Editions whose inputs have not changed since the last build are not rendered
    again. A failed edition leaves any earlier PDF untouched and does not stop the others
    (with ``strict``, the first failure, warnings included, stops the build).
    """
    ready: list[tuple[Edition, str]] = []
    failed: list[EditionResult] = []
    for edition in editions:
        if (reason := incomplete(project, edition)) is not None:
            failed.append(EditionResult(edition, problems=(reason,)))
            continue
        try:
            ready.append((edition, edition_html(project, edition)))
        except BriefingError as error:
            failed.append(EditionResult(edition, problems=error.problems))
    yield from failed
    if strict and failed:
        return
    pending: list[tuple[Edition, str, str]] = []
    for edition, html in ready:
        inputs = cache.inputs_digest(html, _settings(project, edition, impose))
        entry = cache.lookup(out_dir, edition, inputs, project.root)
        if entry is None:
            pending.append((edition, html, inputs))
        else:
            yield _from_cache(edition, entry, out_dir)
    for (_, _, inputs), result in zip(
        pending, _render_all(project, pending, out_dir, strict, impose, jobs), strict=False
    ):
        if result.ok and not result.problems:
            _remember(project, out_dir, inputs, result)
        yield result
        if strict and not result.ok:
            return


def _render_all(
    project: Project,
    pending: list[tuple[Edition, str, str]],
    out_dir: Path,
    strict: bool,
    impose: str | None,
    jobs: int,
) -> Iterator[EditionResult]:
    if not pending:
        return
    from .pdf import import_renderer

    import_renderer()  # a machine without Pango fails here, once, not once per edition
    workers = max(1, min(jobs, len(pending)))
    if workers == 1:
        for edition, html, _ in pending:
            yield build_one(project, edition, html, out_dir, strict, impose)
        return
    # Workers come from a fork server that has imported the renderer once: they start with
    # WeasyPrint loaded, and with none of this process's state (fonts, threads) to inherit.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["briefing.pdf", "weasyprint"])
    shared = (project, pending, out_dir, strict, impose)
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(shared,)
    )
    try:
        futures = {index: executor.submit(_work, index) for index in _longest_first(pending)}
        for index, (edition, _, _) in enumerate(pending):
            yield _collect(futures[index], edition)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()


def _collect(future: Future[EditionResult], edition: Edition) -> EditionResult:
    """A worker's result; an exception in the worker becomes a problem, never lost.

    A machine that cannot render at all (SetupError) stops the build.
    """
    try:
        return future.result()
    except SetupError:
        raise
    except BriefingError as error:
        return EditionResult(edition, problems=error.problems)
    except Exception as error:
        return EditionResult(
            edition,
            problems=(
                Problem(
                    edition.label,
                    f"internal error while rendering: {error!r}; run again with --jobs 1 "
                    "--debug and report the traceback",
                ),
            ),
        )


def _init_worker(shared: tuple) -> None:
    global _shared
    _shared = shared


def _work(index: int) -> EditionResult:
    project, pending, out_dir, strict, impose = _shared
    edition, html, _ = pending[index]
    return build_one(project, edition, html, out_dir, strict, impose)


def _longest_first(pending: list[tuple[Edition, str, str]]) -> list[int]:
    """Indices of the editions, longest to render first, so no worker idles at the end."""
    return sorted(range(len(pending)), key=lambda i: -len(pending[i][1]))


def _settings(project: Project, edition: Edition, impose: str | None) -> dict[str, Any]:
    """What an edition's PDF depends on besides its HTML and the files the renderer reads."""
    config = project.config
    settings: dict[str, Any] = {
        "profile": edition.profile,
        "options": PROFILE_OPTIONS[edition.profile],
        "paper": config.paper_name(edition.kind),
        "impose": impose
        if (impose, edition.kind) in (("2up", "handout"), ("booklet", "pack"))
        else None,
    }
    if edition.kind == "handout":
        settings["min_scale"] = min_scale(project, edition)
    if edition.profile == "email":
        settings["budget"] = config.email_budget_mb
    if edition.profile == "archive":
        files = source_attachments(project, edition)
        settings["attachments"] = [(f.name, hashlib.sha256(f.data).hexdigest()) for f in files]
    return settings


def _remember(project: Project, out_dir: Path, inputs: str, result: EditionResult) -> None:
    assert result.path is not None
    outputs = [result.path] + ([result.imposed] if result.imposed else [])
    cache.store(
        out_dir,
        result.edition,
        cache.Entry(
            inputs=inputs,
            resources={
                relative_to(path, project.root).as_posix(): digest
                for path, digest in result.resources.items()
            },
            outputs={
                path.relative_to(out_dir).as_posix(): cache.file_digest(path) or ""
                for path in outputs
            },
            pages=result.pages,
            scale=result.scale,
            renders=result.renders,
        ),
    )


def _from_cache(edition: Edition, entry: cache.Entry, out_dir: Path) -> EditionResult:
    path = edition.output_path(out_dir)
    imposed = [out_dir / name for name in entry.outputs if out_dir / name != path]
    return EditionResult(
        edition,
        path=path,
        pages=entry.pages,
        size=path.stat().st_size,
        scale=entry.scale,
        renders=0,
        imposed=imposed[0] if imposed else None,
        cached=True,
    )
