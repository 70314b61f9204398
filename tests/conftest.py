"""Shared helpers: throwaway projects made from a dict of files, and PDF readers."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from pypdf import PdfReader

from briefing.cli import main

REPO = Path(__file__).resolve().parent.parent

#: Property tests (tests/test_fuzz.py): `ci` is bounded and the same on every run; `long`
#: (``--hypothesis-profile=long``) runs thousands of random examples.
_PROFILE = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
# Hypothesis keeps files of its own (constants it finds in the code, Unicode tables) in the
# current folder, from the moment tests are collected: elsewhere, or the repository changes.
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="hypothesis-")
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, ignore_errors=True)
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
settings.register_profile("ci", max_examples=100, derandomize=True, **_PROFILE)
settings.register_profile("long", max_examples=3000, **_PROFILE)
settings.load_profile("ci")
#: Not part of the repository's content: tools' folders, caches.
_NOT_CONTENT = {".git", ".venv", ".pytest_cache", ".ruff_cache", ".mypy_cache", "__pycache__"}


def _repository_files() -> dict[str, tuple[int, int]]:
    """Every file of the repository (its build/ folder included), with size and mtime."""
    files = {}
    for folder, subfolders, names in os.walk(REPO):
        subfolders[:] = [name for name in subfolders if name not in _NOT_CONTENT]
        for name in names:
            status = os.stat(os.path.join(folder, name))
            files[os.path.join(folder, name)] = (status.st_size, status.st_mtime_ns)
    return files


@pytest.fixture(scope="session", autouse=True)
def nothing_written_into_the_repository(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests build throwaway projects; the repository (its build/ too) stays as it was. The
    font coverage cache goes to a temporary folder too."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    before = _repository_files()
    yield
    after = _repository_files()
    changed = sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )
    assert changed == [], "tests wrote into the repository"


#: A valid one-pixel PNG.
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63e0f789f90f0002dc01b7e9d63d0a"
    "0000000049454e44ae426082"
)

CONFIG = """\
language = "en"
paper = "A4"

[organisation]
name = "Test Rights Group"
website = "https://example.org"
email = "team@example.org"
licence = "Licence line for tests."
"""

INDEX = """\
---
title: Test briefing
subtitle: A subtitle for tests
date: 2016-10-05
summary: What the test briefing is about.
series: Policy briefing
authors: [Policy team]
keywords: [alpha, beta]
url: https://example.org/briefings/test
---
Opening text of the test briefing.
"""

HANDOUT = """\
!!! key "Key points"
    - First point.

!!! recommendations
    1. Do this.

!!! action "What you can do"
    Act now.
"""


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> text or bytes) under ``root``; returns ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def base_files(**overrides: str | bytes | None) -> dict[str, str | bytes]:
    """A small valid project; a value of None removes that file."""
    files: dict[str, str | bytes | None] = {
        "briefing.toml": CONFIG,
        "content/test/index.md": INDEX,
        "content/test/01-first.md": "# First section\n\nBody of the first section.\n",
        "content/test/handout.md": HANDOUT,
    }
    files.update(overrides)
    return {name: content for name, content in files.items() if content is not None}


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory):
    """The example publication built in all its languages, once per paper for the whole test
    run: ``example(paper)`` -> the output folder (on A4 packs and handouts, built with
    ``--strict``; else packs)."""
    folders: dict[str, Path] = {}

    def build(paper: str = "A4") -> Path:
        if paper not in folders:
            out = tmp_path_factory.mktemp(f"example-{paper}")
            # On A4 (the example's paper) every edition is built, and with no warning at all.
            options = ("--strict",) if paper == "A4" else ("--kind", "pack")
            assert main(["build", str(REPO), "--out", str(out), "--paper", paper, *options]) == 0
            folders[paper] = out
        return folders[paper]

    return build


@pytest.fixture
def project(tmp_path: Path):
    """Make a project in a temporary folder: ``project(files)`` -> its root."""

    def make(files: Mapping[str, str | bytes] | None = None, **overrides: str | None) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        return write_files(root, files if files is not None else base_files(**overrides))

    return make


def run_cli(*argv: str | Path) -> int:
    return main([str(a) for a in argv])


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def logical_texts(path: Path) -> list[str]:
    """Text per page in reading order, right-to-left scripts included (poppler's pdftotext)."""
    output = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    bidi_controls = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
    return output.translate(bidi_controls).split("\f")[:-1]


def normalise(text: str) -> str:
    """Text extracted from a PDF, with runs of white space made single spaces."""
    return " ".join(text.split())
