"""`briefing watch`: a change rebuilds the editions it affects, in the same process."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from briefing.watching import watch_project


def test_watch_rebuilds_only_what_a_change_affects(project) -> None:
    root: Path = project()
    stop = threading.Event()
    rounds = []

    def run() -> None:
        for round_ in watch_project(root, stop):
            rounds.append(round_)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    _wait_for(lambda: len(rounds) == 1)
    assert {r.path.name for r in rounds[0].rebuilt} == {"test.pdf", "test-handout.pdf"}

    time.sleep(0.5)  # the watcher is listening
    section = root / "content/test/01-first.md"
    section.write_text(section.read_text() + "\nAnother paragraph.\n")
    _wait_for(lambda: len(rounds) == 2)
    assert rounds[1].changed == (section,)
    assert [r.path.name for r in rounds[1].rebuilt] == ["test.pdf"]  # not the handout

    (root / "build" / "en" / "unrelated.txt").write_text("output changes are ignored")
    time.sleep(1.0)
    assert len(rounds) == 2
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
