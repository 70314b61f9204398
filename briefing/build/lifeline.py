"""Rendering processes that end with the build that started them.

With ``--jobs``, editions are rendered by worker processes that a fork server starts. When the
build's own process is killed outright (SIGKILL, the kernel's out-of-memory killer), nothing
tells them: each would finish its edition, then wait for more work forever, keeping the fork
server and multiprocessing's resource tracker alive with it (each stops once no process uses
it any more), and all of them holding the caller's output open. So each worker watches the
build's process and exits as soon as it has gone; the fork server and the resource tracker
then stop by themselves.
"""

from __future__ import annotations

import os
import select
import threading
import time

#: The exit status of a worker whose build has gone.
ORPHANED = 1


def exit_with(pid: int) -> None:
    """End this process as soon as process ``pid`` has ended: at once, if it has already.

    On Linux a pidfd tells at once; elsewhere the process is looked for once a second.
    """
    try:
        watched: int | None = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(ORPHANED)
    except (AttributeError, OSError):  # no pidfd here (not Linux, or Linux before 5.3)
        if not _running(pid):
            os._exit(ORPHANED)
        watched = None
    threading.Thread(
        target=_exit_when_gone, args=(pid, watched), name="lifeline", daemon=True
    ).start()


def _exit_when_gone(pid: int, watched: int | None) -> None:
    if watched is not None:
        select.select([watched], [], [])  # readable once the process has ended
    else:
        while _running(pid):
            time.sleep(1.0)
    os._exit(ORPHANED)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
