"""Shared helpers: throwaway projects made from a dict of files, and PDF readers."""

from __future__ import annotations

import subprocess
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.cli import main

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
