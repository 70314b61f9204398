"""What a build shows on a terminal while it runs: a bar of the editions done (for builds of
more than a few), and a line for each edition that has been rendering for more than a moment,
with the pages laid out so far. Nothing is left on the screen when it is done."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .output import plural

if TYPE_CHECKING:
    from ..build.run import Progress

#: An edition gets a line of its own once it has been rendering this long (seconds).
SHOW_AFTER = 2.0
#: Builds of more editions than this show a bar of the editions done.
BAR_AFTER = 3


class Board:
    """The lines shown while a build runs, on a terminal (rich's live display)."""

    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, Progress, ProgressColumn, Task
        from rich.text import Text

        class Elapsed(ProgressColumn):
            """Time since the build, or the edition, started."""

            def render(self, task: Task) -> Text:
                since = task.fields.get("since")
                seconds = int(time.monotonic() - since if since is not None else task.elapsed or 0)
                return Text(f"{seconds // 60}:{seconds % 60:02d}", style="progress.elapsed")

        class Lines(Progress):
            """Only the editions that have rendered for a while have a line."""

            def get_renderables(self) -> Iterable[Any]:
                now = time.monotonic()
                shown = [
                    task
                    for task in self.tasks
                    if task.fields.get("since") is None or now - task.fields["since"] >= SHOW_AFTER
                ]
                yield self.make_tasks_table(shown)

        self._live = Lines(
            "{task.description}",
            BarColumn(),
            "{task.fields[detail]}",
            Elapsed(),
            transient=True,
            # Problems printed meanwhile go above the lines if they are for this terminal too.
            redirect_stderr=sys.stderr.isatty(),
        )
        self._total = total
        self._done = 0
        self._bar = (
            self._live.add_task("building", total=total, detail=f"0/{total}")
            if total > BAR_AFTER
            else None
        )
        #: The line of each edition being rendered, by its label.
        self._editions: dict[str, Any] = {}
        self._live.start()

    def say(self, line: str) -> None:
        self._live.console.print(line, markup=False, highlight=False)

    def rendering(self, progress: Progress) -> None:
        """Show how far an edition has got."""
        label = progress.edition.label
        if progress.stage == "writing":
            detail = f"writing the PDF of {plural(progress.pages, 'page')}"
        elif progress.stage == "layout" and progress.pages:
            detail = f"laid out {plural(progress.pages, 'page')}"
            if progress.layouts > 1:  # laid out again: footnotes, section ends, shrinking
                detail += f", layout {progress.layouts}"
        else:
            detail = "reading the text"
        task = self._editions.get(label)
        if task is None:
            self._editions[label] = self._live.add_task(
                label, total=None, detail=detail, since=time.monotonic()
            )
        else:
            self._live.update(task, detail=detail)

    def done(self, label: str) -> None:
        """An edition is done: its line goes, the bar moves on."""
        task = self._editions.pop(label, None)
        if task is not None:
            self._live.remove_task(task)
        self._done += 1
        if self._bar is not None:
            self._live.update(
                self._bar, advance=1, description=label, detail=f"{self._done}/{self._total}"
            )

    def stop(self) -> None:
        self._live.stop()
