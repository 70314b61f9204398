"""Faults while building: what a killed build left behind, full and read-only disks, files in
the way, a build cache that cannot be written. Each edition is rendered by a stand-in (these
tests are about the files around it, not the PDF)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli
from test_translations import six_language_project_files, translated_files

from briefing.build.edition import Rendering

EDITIONS = ["en/test.pdf", "en/test-handout.pdf", "fr/test.pdf", "fr/test-handout.pdf"]


def fake_rendering(project, edition, html, two_up=False) -> Rendering:
    """A stand-in for the renderer: bytes that name the edition."""
    return Rendering(f"%PDF-1.7 {edition.label}\n".encode(), 1, ())


@pytest.fixture
def fake_renderer(monkeypatch) -> None:
    """Editions "rendered" at once, without loading WeasyPrint."""
    from briefing.build import edition
    from briefing.pdf import render

    monkeypatch.setattr(edition, "render_edition", fake_rendering)
    monkeypatch.setattr(render, "import_renderer", lambda: None)
    monkeypatch.setattr(render, "start_renderer", lambda: None)


@pytest.fixture
def two_languages(project, fake_renderer, monkeypatch) -> Path:
    """A project in English and French (both kinds), its translations up to date."""
    root = project({**six_language_project_files(["en", "fr"]), **translated_files(["fr"])})
    monkeypatch.chdir(root)
    assert run_cli("mark", "content/test") == 0
    return root


def temporary_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.name.endswith(".tmp"))


def _fail_under(
    monkeypatch, name: str, folder: str, code: int, real: Callable[..., object]
) -> None:
    """Make ``os.<name>`` fail with ``code`` for files under ``folder`` (``os.open``: paths
    created there; ``os.fsync``: descriptors of files there)."""

    def failing(*args: object, **kwargs: object) -> object:
        target = args[0]
        if isinstance(target, int):
            target = os.readlink(f"/proc/self/fd/{target}")
        if f"{os.sep}{folder}{os.sep}" in str(target):
            raise OSError(code, os.strerror(code), str(target))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


# -- What a build killed while writing leaves --------------------------------------------------


def _killed_while_writing(path: Path) -> None:
    """Run a process that is killed (SIGKILL) while it writes ``path``."""
    code = (
        "import os, signal, sys; from pathlib import Path; from briefing.files import "
        "write_atomic; os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL); "
        "write_atomic(Path(sys.argv[1]), b'%PDF- half of it')"
    )
    process = subprocess.run([sys.executable, "-c", code, str(path)], check=False)
    assert process.returncode == -9


def test_temporary_files_of_a_killed_build_are_removed_by_the_next(two_languages) -> None:
    build = two_languages / "build"
    _killed_while_writing(build / "en/test.pdf")
    _killed_while_writing(build / ".cache/en/test.json")
    _killed_while_writing(build / ".cache/markup/ab/abcdef.json")
    left = temporary_files(build)
    prefixes = (".test.pdf.", ".test.json.", ".abcdef.json.")
    assert sorted(name for path in left for name in prefixes if path.name.startswith(name)) == (
        sorted(prefixes)
    )
    assert run_cli("build", "--jobs", "1") == 0
    assert temporary_files(two_languages) == []
    assert sorted(p.relative_to(build).as_posix() for p in build.glob("*/*.pdf")) == sorted(
        EDITIONS
    )


def test_only_the_tools_own_stale_temporary_files_are_removed(two_languages) -> None:
    build = two_languages / "build"
    (build / "en").mkdir(parents=True)
    dead = subprocess.Popen(["true"])  # a process that has ended: its id
    dead.wait()
    hour_ago = time.time() - 3700
    kept = {
        # Being written by a process still running (this one).
        f".test.pdf.{os.getpid()}.abcd_123.tmp": None,
        # Written by an earlier version, which did not name the writer: kept for an hour.
        ".test.pdf.k3j4h5g6.tmp": None,
        # Not the pattern of the tool's temporary files.
        f"test.pdf.{dead.pid}.abcdefgh.tmp": None,
        f".notes.{dead.pid}.tmp": None,
        "draft.tmp": hour_ago,
    }
    removed = {
        f".test.pdf.{dead.pid}.abcdefgh.tmp": None,
        ".test-handout.pdf.x1y2z3w4.tmp": hour_ago,
        f".test.pdf.{os.getpid()}.qwertyui.tmp": hour_ago,  # an hour old: nobody's
    }
    for name, mtime in {**kept, **removed}.items():
        path = build / "en" / name
        path.write_bytes(b"")
        if mtime is not None:
            os.utime(path, (mtime, mtime))
    assert run_cli("build", "--jobs", "1", "--lang", "en") == 0
    left = {path.name for path in (build / "en").iterdir() if path.name.endswith(".tmp")}
    assert left == set(kept)


# -- Disks that cannot be written --------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "code", "expected"),
    [
        (
            "fsync",
            errno.ENOSPC,
            "build/fr: cannot write: no space left on device; free some space, or build into "
            "another folder with --out DIR",
        ),
        (
            "open",
            errno.EROFS,
            "build/fr: cannot write: read-only file system; make it writable, or build into "
            "another folder with --out DIR",
        ),
        (
            "open",
            errno.EACCES,
            "build/fr: cannot write: permission denied; make it writable, or build into "
            "another folder with --out DIR",
        ),
    ],
    ids=["disk-full", "read-only", "no-permission"],
)
def test_a_folder_that_cannot_be_written_fails_its_editions_only(
    two_languages, capsys, monkeypatch, call, code, expected
) -> None:
    _fail_under(monkeypatch, call, "fr", code, getattr(os, call))
    assert run_cli("build", "--jobs", "1") == 1
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert errors.count(expected) == 1  # once for the folder, not once per edition
    assert "failed fr/test.pdf" in errors
    assert "failed fr/test-handout.pdf" in errors
    assert "internal error" not in captured.err
    assert captured.out.splitlines()[-1] == "2 editions written, 2 failed; 1 error"
    build = two_languages / "build"
    assert sorted(p.relative_to(build).as_posix() for p in build.glob("*/*.pdf")) == sorted(
        EDITIONS[:2]
    )
    assert temporary_files(two_languages) == []
    monkeypatch.undo()  # the folder can be written again: the next build makes what is missing
    monkeypatch.chdir(two_languages)
    assert run_cli("build", "--jobs", "1") == 0
    assert "2 editions written, 2 unchanged" in capsys.readouterr().out


def test_a_file_where_an_output_folder_must_be(two_languages, capsys) -> None:
    (two_languages / "build").mkdir()
    (two_languages / "build/fr").write_text("not a folder")
    assert run_cli("build", "--jobs", "1") == 1
    err = capsys.readouterr().err.splitlines()
    assert (
        err.count(
            "build/fr: cannot write: it is a file, where a folder must be; move it away, or build "
            "into another folder with --out DIR"
        )
        == 1
    )
    assert (two_languages / "build/en/test.pdf").is_file()
    assert temporary_files(two_languages) == []


def test_a_file_where_the_build_folder_must_be(two_languages, capsys) -> None:
    (two_languages / "build").write_text("not a folder")
    assert run_cli("build", "--jobs", "1") == 1
    captured = capsys.readouterr()
    assert (
        "build: cannot write: it is a file, where a folder must be; move it away, or build "
        "into another folder with --out DIR"
    ) in captured.err.splitlines()
    assert "internal error" not in captured.err
    assert captured.out.splitlines()[-1].startswith("0 editions written, 4 failed;")


# -- A build cache that cannot be written ------------------------------------------------------


def test_a_cache_folder_that_is_a_file_is_skipped_with_one_warning(two_languages, capsys):
    (two_languages / "build").mkdir()
    (two_languages / "build/.cache").write_text("not a folder")
    assert run_cli("build", "--jobs", "1") == 0
    captured = capsys.readouterr()
    warning = (
        "build/.cache: warning: cannot write the build cache: it is a file, where a folder "
        "must be; move it away: until then builds go on without it, rendering every edition "
        "again"
    )
    assert captured.err.splitlines().count(warning) == 1
    assert captured.err.count("cannot write the build cache") == 1
    assert captured.out.splitlines()[-1] == "4 editions written, 0 failed; 0 errors, 1 warning"
    assert run_cli("build", "--jobs", "1") == 0  # and again: everything rendered again
    assert "4 editions written" in capsys.readouterr().out


def test_a_full_disk_under_the_cache_is_skipped_with_one_warning(
    two_languages, capsys, monkeypatch
):
    _fail_under(monkeypatch, "fsync", ".cache", errno.ENOSPC, os.fsync)
    assert run_cli("build", "--jobs", "1") == 0
    captured = capsys.readouterr()
    assert captured.err.count("cannot write the build cache: no space left on device") == 1
    assert "build/.cache/en: warning: cannot write the build cache" in captured.err
    assert captured.out.splitlines()[-1] == "4 editions written, 0 failed; 0 errors, 1 warning"
    assert temporary_files(two_languages) == []
