"""Loading the renderer while the project is read.

WeasyPrint takes most of a second to load, about as long as briefing takes to read and check
a project and make its HTML. A build into an output folder that has no cache yet will render
every edition, so there both are done at once, on two cores:

- with several rendering processes (``--jobs``), their fork server is started first and loads
  WeasyPrint while this process reads the project;
- with one, a copy of this process, forked before anything else is loaded, reads the project
  while this one loads WeasyPrint, then hands over what it found.

Later builds render only what changed, and load WeasyPrint only if something did.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..errors import SetupError
from .cache import CACHE_FOLDER
from .plan import Selection

if TYPE_CHECKING:
    from .gather import Gathered

#: What the fork server of the rendering processes loads before it starts any of them.
WORKER_PRELOAD = ["briefing.pdf.preload", "briefing.build.run"]


def gather_warming_up(
    root: Path, selection: Selection, markup_cache: Path | None, out_dir: Path, jobs: int
) -> Gathered:
    """Read and check the project (see :func:`gather.gather`), loading the renderer at the
    same time when the build is certain to render."""
    from .gather import gather

    if (out_dir / CACHE_FOLDER).exists() or available_cores() < 2:
        return gather(root, selection, markup_cache)
    if jobs > 1:
        start_worker_server()
        return gather(root, selection, markup_cache)
    if threading.active_count() > 1 or not hasattr(os, "fork"):
        return gather(root, selection, markup_cache)  # forking is safe only with one thread
    from ..pdf.render import start_renderer

    sys.stdout.flush()
    sys.stderr.flush()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the copy: read the project, send what it found (or the error), stop
        try:  # and never goes on as the build, whatever happens (its build killed meanwhile)
            os.close(reading)
            with os.fdopen(writing, "wb") as stream:
                try:
                    found: object = gather(root, selection, markup_cache)
                except BaseException as error:  # the other process raises it
                    found = error
                pickle.dump(found, stream)
        finally:
            os._exit(0)
    os.close(writing)
    with contextlib.suppress(SetupError):  # said when the first edition renders
        start_renderer()
    with contextlib.suppress(ImportError, OSError):  # what finishes each PDF, likewise
        from ..pdf import preload  # noqa: F401
    with os.fdopen(reading, "rb") as stream:
        try:
            found = pickle.load(stream)
        finally:
            os.waitpid(child, 0)
    if isinstance(found, BaseException):
        raise found
    return cast("Gathered", found)


def start_worker_server() -> None:
    """Start the fork server of the rendering processes (it loads WeasyPrint), if it is not
    running yet; it does not wait for it."""
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(WORKER_PRELOAD)
    forkserver.ensure_running()


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
