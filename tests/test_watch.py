"""`briefing watch`: a change rebuilds the editions it affects, in the same process."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from briefing import watch_project


def test_watch_rebuilds_only_what_a_change_affects(project) -> None:
    root: Path = project()
    stop, listening = threading.Event(), threading.Event()
    rounds: queue.Queue = queue.Queue()

    def run() -> None:
        for round_ in watch_project(root, stop, ready=listening):
            rounds.put(round_)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    first = rounds.get(timeout=60)
    assert {r.path.name for r in first.rebuilt} == {"test.pdf", "test-handout.pdf"}

    assert listening.wait(timeout=30)
    section = root / "content/test/01-first.md"
    section.write_text(section.read_text() + "\nAnother paragraph.\n")
    second = rounds.get(timeout=60)
    assert second.changed == (section,)
    assert [r.path.name for r in second.rebuilt] == ["test.pdf"]  # not the handout

    (root / "build" / "en" / "unrelated.txt").write_text("output changes are ignored")
    for _ in range(5):  # the watcher has looked at the change and gone back to listening
        listening.clear()
        assert listening.wait(timeout=30)
    assert rounds.empty()
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
