"""Small facts about files: writing them whole, finding a line, naming a size, git's blob id."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path

from .errors import Problem


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


def link_out(path: Path, root: Path) -> tuple[Path, Path] | None:
    """Where ``path`` (a path under ``root``, as written) leads out of ``root``: the symbolic
    link it goes through, and the real place that link leads to; None if it stays inside.

    Links that lead elsewhere inside ``root`` are fine. ``root`` itself may be a link.
    """
    real_root = _real(root)
    real = _real(path)
    if real.is_relative_to(real_root):
        return None
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = ()
    step = real_root
    for part in parts:
        step = step / part
        if step.is_symlink() and not (target := _real(step)).is_relative_to(real_root):
            return root / step.relative_to(real_root), target
        step = _real(step)
        if not step.is_relative_to(real_root):  # through ".."
            break
    return path, real


def outside_problem(path: Path, root: Path) -> Problem | None:
    """The problem with reading ``path`` if it leads out of the project in ``root`` (through
    a symbolic link, or ``..``), naming the link and where it leads; else None."""
    found = link_out(path, root)
    if found is None:
        return None
    link, target = found
    where = link.relative_to(root) if link.is_relative_to(root) else link
    if not link.is_symlink():
        return Problem(where, "points outside the project folder; keep project files inside it")
    what = "folder" if target.is_dir() else "file"
    return Problem(
        where,
        f"is a link to {target}, outside the project folder; copy the {what} into the project "
        "instead of linking to it",
    )


def _real(path: Path) -> Path:
    """``path`` with symbolic links and ``..`` resolved; as it is if the links loop (reading
    it then fails, and says so)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
