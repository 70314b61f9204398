"""Small facts about files: writing them whole, finding a line, naming a size, git's blob id."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def line_of(text: str, needle: str | re.Pattern[str], first: int = 1) -> int | None:
    """The number of the first line of ``text`` that contains ``needle`` (a string, or a
    pattern searched in each line); ``first`` is the number of the text's first line."""
    for offset, line in enumerate(text.split("\n")):
        found = needle in line if isinstance(needle, str) else needle.search(line)
        if found:
            return first + offset
    return None


def describe_size(size: int) -> str:
    """A file size as people read it: ``68 KB``, ``2.4 MB``."""
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"


def git_blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes (``git hash-object``), without needing git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None if it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


#: The longest name of one file or folder, and of a whole path, in bytes (Linux, macOS).
NAME_MAX, PATH_MAX = 255, 4096


def unusable_name(name: str) -> str | None:
    """Why ``name``, a path as a person wrote it, cannot name a file, or None if it can."""
    if "\0" in name:
        return "a file name cannot hold the NUL character (\\x00)"
    try:
        encoded = os.fsencode(name)
    except UnicodeEncodeError:
        return "a file name cannot hold half of a character (a lone surrogate)"
    if len(encoded) > PATH_MAX or any(len(part) > NAME_MAX for part in encoded.split(b"/")):
        return (
            f"the name is too long ({len(name)} characters); file systems allow {NAME_MAX} "
            f"bytes for a file or folder name and {PATH_MAX} for a path"
        )
    return None


def shortened(text: str, limit: int = 60) -> str:
    """``text`` quoted, cut to about ``limit`` characters (a long name fills no screen)."""
    return repr(text) if len(text) <= limit else f"{text[: limit - 1]!r}…"
