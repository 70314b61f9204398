"""Running Pandoc: the copy bundled with the ``pypandoc-binary`` wheel, sandboxed.

Pandoc reads from standard input and writes to standard output, with ``--sandbox`` so that
neither it nor a document can open a file or a URL: images go in and come out inside the
document tree (``data:`` URLs in, the .docx's own media out). The time it may take is
bounded, and ``SOURCE_DATE_EPOCH`` is fixed, so that the same text makes the same .docx.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..errors import SetupError

#: Pandoc reads and writes the Markdown that Python-Markdown's "extra" extensions read (PHP
#: Markdown Extra), with fenced divs for call-outs on the way in.
MARKDOWN_IN = "markdown_phpextra+fenced_divs"
MARKDOWN_OUT = "markdown_phpextra"
#: Seconds one conversion may take: a long briefing takes under one.
TIMEOUT = 120
#: The date written into every .docx made (1 January 2000), so that builds are reproducible.
FIXED_EPOCH = "946684800"

_INSTALL = (
    "install it with `.venv/bin/pip install pypandoc-binary` (setup.sh does), or install "
    "Debian's pandoc package"
)


def pandoc_path() -> Path:
    """The Pandoc program: the wheel's, else one on the PATH."""
    with contextlib.suppress(ImportError):
        import pypandoc

        bundled = Path(pypandoc.__file__).parent / "files" / "pandoc"
        if bundled.is_file():
            return bundled
    found = shutil.which("pandoc")
    if found is None:
        raise SetupError(f"Word files need Pandoc, which is not installed; {_INSTALL}")
    return Path(found)


def run_pandoc(data: bytes, reader: str, writer: str, *options: str) -> bytes:
    """Convert ``data`` from ``reader``'s format to ``writer``'s; returns what Pandoc wrote.

    Raises :class:`PandocFailed` with Pandoc's own message when it cannot convert.
    """
    command = [
        str(pandoc_path()),
        "--sandbox",
        f"--from={reader}",
        f"--to={writer}",
        "--wrap=none",
        *options,
    ]
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "SOURCE_DATE_EPOCH": FIXED_EPOCH,
    }
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=TIMEOUT, env=environment
        )
    except subprocess.TimeoutExpired:
        raise PandocFailed(f"Pandoc took more than {TIMEOUT} seconds and was stopped") from None
    except OSError as error:
        raise SetupError(f"Pandoc could not be started ({error.strerror}); {_INSTALL}") from None
    if done.returncode != 0:
        # Pandoc's message, without the list of Haskell functions that may follow it.
        said = done.stderr.decode("utf-8", "replace").split("HasCallStack backtrace:")[0]
        message = said.strip().splitlines()
        if not message:
            raise PandocFailed(f"Pandoc stopped ({done.returncode})")
        raise PandocFailed(message[-1].removeprefix("pandoc: "))
    return done.stdout


def read_tree(data: bytes, reader: str, *options: str) -> dict[str, Any]:
    """Pandoc's document tree of ``data`` (its JSON form)."""
    tree: dict[str, Any] = json.loads(run_pandoc(data, reader, "json", *options))
    return tree


def write_tree(tree: dict[str, Any], writer: str, *options: str) -> bytes:
    """A document tree written in ``writer``'s format."""
    return run_pandoc(json.dumps(tree).encode("utf-8"), "json", writer, *options)


def pandoc_version() -> str:
    done = subprocess.run(
        [str(pandoc_path()), "--version"], capture_output=True, timeout=30, check=False
    )
    first = done.stdout.decode("utf-8", "replace").splitlines()
    return first[0].split()[-1] if first else "unknown"


class PandocFailed(Exception):
    """Pandoc could not convert a document; the message is Pandoc's."""
