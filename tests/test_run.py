"""Running a build: editions reported as they are done, progress within a long one, and
rendering processes that never outlive the build."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import base_files, write_files
from test_translations import six_language_project_files, translated_files

import briefing

if TYPE_CHECKING:
    from briefing.build.run import Progress

#: Enough text for a pack of about 10 pages: it renders several times slower than the handout.
LONG_SECTION = "# A long section\n\n" + "\n\n".join(
    f"Paragraph {n}. " + "A sentence that goes on for a while to fill the line. " * 8
    for n in range(60)
)


@pytest.fixture(scope="module")
def slow_first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose first edition (the pack) takes much longer than its second."""
    return write_files(
        tmp_path_factory.mktemp("slow-first"),
        base_files(**{"content/test/01-first.md": LONG_SECTION}),
    )


@pytest.fixture(scope="module")
def two_jobs(slow_first: Path, tmp_path_factory: pytest.TempPathFactory):
    """The project built on two processes, with the order results came in and the progress
    reported."""
    finished: list[str] = []
    progress: list[Progress] = []
    report = briefing.build_project(
        slow_first,
        jobs=2,
        out=tmp_path_factory.mktemp("out"),
        on_edition=lambda result: finished.append(result.edition.label),
        on_progress=progress.append,
    )
    assert report.ok, report.all_problems
    return report, finished, progress


def test_editions_are_reported_as_they_are_done(two_jobs) -> None:
    report, finished, _ = two_jobs
    assert finished == ["en/test-handout.pdf", "en/test.pdf"]  # the handout is done first
    # The report lists them in the order of the editions, however they were done.
    assert [result.edition.label for result in report.results] == [
        "en/test.pdf",
        "en/test-handout.pdf",
    ]


def test_workers_say_how_far_their_edition_has_got(two_jobs) -> None:
    report, _, progress = two_jobs
    pack = [event for event in progress if event.edition.label == "en/test.pdf"]
    assert pack[0].stage == "started"
    assert "writing" in [event.stage for event in pack]
    for layout in {event.layouts for event in pack}:  # pages counted up in each layout
        pages = [event.pages for event in pack if event.layouts == layout]
        assert pages == sorted(pages)
    assert max(event.pages for event in pack) == report.results[0].pages > 5
    assert {event.edition.label for event in progress} == {"en/test.pdf", "en/test-handout.pdf"}


def test_progress_in_this_process(project) -> None:
    root = project()
    progress: list[Progress] = []
    report = briefing.build_project(root, jobs=1, kinds=["handout"], on_progress=progress.append)
    assert report.ok
    stages = [event.stage for event in progress]
    assert stages[0] == "started"
    assert stages[-1] == "writing"
    assert "layout" in stages
    assert progress[-1].pages == 1
    assert progress[-1].layouts >= 1


def test_a_long_edition_has_a_line_of_its_own_on_a_terminal(project, monkeypatch) -> None:
    from briefing.build.run import Progress
    from briefing.cli import progress as board
    from briefing.cli.output import Printer

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setattr(board, "SHOW_AFTER", 0.0)
    edition = briefing.check_project(project(), kinds=["pack"]).editions[0]
    out = Printer()
    out.start_progress(1)
    out.rendering(Progress(edition, "layout", pages=123, layouts=2))
    time.sleep(0.3)  # the screen is drawn a few times a second
    out.say("a line printed meanwhile")
    out.advance(edition.label)
    out.stop_progress()
    shown = screen.getvalue()
    assert "en/test.pdf" in shown
    assert "laid out 123 pages, layout 2" in shown
    assert "a line printed meanwhile" in shown


# -- A build killed outright -------------------------------------------------------------------


def _processes_of_group(group: int) -> dict[int, tuple[int, str]]:
    """The live processes of a process group: pid -> (parent pid, command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, UnicodeDecodeError):
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # state, ppid, pgrp, ...
        if int(fields[2]) == group and fields[0] not in ("Z", "X"):
            found[int(entry.name)] = (int(fields[1]), command)
    return found


def _workers(build: int) -> tuple[list[int], list[int]]:
    """The fork server a build started, and the rendering processes it forked."""
    group = _processes_of_group(build)
    servers = [
        pid
        for pid, (parent, command) in group.items()
        if parent == build and "multiprocessing.forkserver" in command
    ]
    workers = [
        pid
        for pid, (parent, command) in group.items()
        if parent in servers and command == group[parent][1]
    ]
    return servers, workers


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_rendering_processes_end_with_a_killed_build(tmp_path: Path) -> None:
    files = {**six_language_project_files(["en", "fr"]), **translated_files(["fr"])}
    files["content/test/01-first.md"] = LONG_SECTION
    root = write_files(tmp_path / "project", files)
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing.cli", "build", "--jobs", "2"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its process group: every process it starts
    )
    try:
        deadline = time.monotonic() + 60
        servers, workers = [], []
        while len(workers) < 2 and time.monotonic() < deadline:  # rendering on both
            time.sleep(0.05)
            servers, workers = _workers(process.pid)
        assert len(servers) == 1 and len(workers) == 2, "the build did not start its workers"
        assert len(_processes_of_group(process.pid)) >= 4  # with multiprocessing's tracker
        os.kill(process.pid, signal.SIGKILL)
        # Its output is closed within seconds: no process of it is left holding it.
        process.communicate(timeout=10)
        deadline = time.monotonic() + 5
        while _processes_of_group(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _processes_of_group(process.pid) == {}
    finally:
        if _processes_of_group(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        process.kill()
        process.communicate()


# -- Memory of a long pack ---------------------------------------------------------------------


@pytest.mark.parametrize("tightening_helps", [True, False])
def test_a_long_pack_laid_out_again_does_not_hold_its_earlier_layouts(
    monkeypatch, tightening_helps: bool
) -> None:
    """A pack is laid out again to keep footnotes with their calls and sections from ending
    with a few lines; a long one is never held while the next layout is made."""
    import weakref
    from xml.etree import ElementTree

    from briefing.pdf import pagination

    class Layout:
        """Stands for a document of 150 laid-out pages."""

        def __init__(self, css: str) -> None:
            self.css = css
            self.pages = [None] * 150

    alive: weakref.WeakSet[Layout] = weakref.WeakSet()
    held: list[int] = []

    def attempt(css: str) -> tuple[Layout, None, ElementTree.Element]:
        held.append(len(alive))  # layouts still held while this one is made
        layout = Layout(css)
        alive.add(layout)
        return layout, None, ElementTree.Element("html")

    def misplaced(layout: Layout) -> list[str]:  # a note apart from its call until 2 breaks
        return ["note"] if layout.css.count("break-before") < 2 else []

    def short_ends(layout: Layout) -> list[str]:
        return [] if tightening_helps and "margin-bottom" in layout.css else ["s1"]

    monkeypatch.setattr(pagination, "_misplaced_notes", misplaced)
    monkeypatch.setattr(pagination, "_page_break_for", lambda d, t, m, done: f"#b{len(done)}")
    monkeypatch.setattr(pagination, "_short_section_ends", short_ends)
    monkeypatch.setattr(pagination, "_section_lines", lambda layout: {"s1": {149: 2}})
    result = pagination.lay_out(attempt)
    assert held == [0] * len(held)
    assert result.document.css.count("break-before") == 2
    assert ("margin-bottom" in result.document.css) == tightening_helps
    # Three layouts to bring the note back, three more with tighter spacing (and, when that
    # does not help, three with tighter lines, and the best laid out again).
    assert len(held) == (6 if tightening_helps else 10)
