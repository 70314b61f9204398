"""Small facts about files: writing them whole, finding a line, naming a size, git's blob id."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem

#: The temporary files :func:`write_atomic` writes: ``.<name>.<pid of the writer>.<8
#: random letters>.tmp``; and those of earlier versions, which did not name the writer.
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.tmp")
_UNNAMED_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
#: A temporary file this old is left over, whoever wrote it (writing one takes seconds).
STALE_SECONDS = 3600


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never a part.

    The data goes to a temporary file beside ``path``, named after this process (see
    :func:`remove_stale_temporaries`), then renamed into place. Raises OSError, with no
    temporary file left, when it cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
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


def remove_stale_temporaries(folders: Iterable[Path]) -> list[Path]:
    """Remove the temporary files :func:`write_atomic` left in ``folders`` when its process
    was killed: those whose writer is no longer running, and any older than an hour. Other
    files, and those of a process still writing, are left alone. Returns the files removed."""
    removed = []
    now = time.time()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if not (name.startswith(".") and name.endswith(".tmp")):
                continue
            named = _TEMPORARY.fullmatch(name)
            if named is None and _UNNAMED_TEMPORARY.fullmatch(name) is None:
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
                if old or (named is not None and not _running(int(named["pid"]))):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:  # gone already, or not ours to remove
                continue
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id is running (this one included)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's
        return True
    return True


@dataclass(frozen=True, slots=True)
class WriteFailure:
    """Why a file could not be written, as a person can act on it."""

    #: The folder that could not be written to, or the file or folder in the way.
    where: Path
    #: "no space left on device", "read-only file system", "it is a file, not a folder"...
    cause: str
    #: What to do there: "free some space", "make it writable", "move it away".
    remedy: str


_REMEDIES = {
    errno.ENOSPC: "free some space",
    errno.EDQUOT: "free some space",
    errno.EFBIG: "free some space",
    errno.EROFS: "make it writable",
    errno.EACCES: "make it writable",
    errno.EPERM: "make it writable",
}


def write_failure(path: Path, error: OSError) -> WriteFailure:
    """What went wrong when :func:`write_atomic` could not write ``path``."""
    folder = path.parent
    if error.errno in (errno.EISDIR, errno.ENOTEMPTY) or path.is_dir():
        return WriteFailure(path, "it is a folder, where the file must be", "move it away")
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        blocker = next((p for p in (folder, *folder.parents) if p.exists()), folder)
        if not blocker.is_dir():
            return WriteFailure(blocker, "it is a file, where a folder must be", "move it away")
    cause = os.strerror(error.errno) if error.errno else str(error)
    cause = cause[:1].lower() + cause[1:]
    return WriteFailure(folder, cause, _REMEDIES.get(error.errno or 0, "check that folder"))


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
