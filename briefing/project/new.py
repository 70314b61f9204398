"""`briefing init`: a new project with a small sample publication that builds at once."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import UsageError
from .settings import BUILD_FOLDER

SCAFFOLD = Path(__file__).parent / "scaffold"
GITIGNORE = ".gitignore"
#: What git need not keep in a project: what builds write, and the clutter of tools.
IGNORED = (f"{BUILD_FOLDER}/", ".venv/", "venv/", "__pycache__/", ".DS_Store")
#: What a folder may already hold and still be made a project: a git repository.
_ALLOWED = frozenset({".git", GITIGNORE})


def create_project(target: Path) -> list[Path]:
    """Copy the sample project into ``target``, which must be new, empty, or hold only a git
    repository; write (or complete) its .gitignore. Returns the files written."""
    if target.exists() and (
        not target.is_dir() or any(p.name not in _ALLOWED for p in target.iterdir())
    ):
        raise UsageError(f"{target}: already exists and is not empty; choose a new folder")
    created = []
    for source in sorted(SCAFFOLD.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            destination = target / source.relative_to(SCAFFOLD)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
            created.append(destination)
    new = not (target / GITIGNORE).exists()
    if ignore_builds(target) and new:
        created.append(target / GITIGNORE)
    return created


def ignore_builds(folder: Path) -> bool:
    """Make git ignore what builds write in ``folder``: a .gitignore in the folder itself
    (even inside a larger repository, whose own .gitignore is not ours to change), or the
    lines missing from one that is there. Returns whether it wrote anything."""
    path = folder / GITIGNORE
    text = path.read_text("utf-8") if path.is_file() else ""
    present = {line.strip().strip("/") for line in text.splitlines()}
    missing = [line for line in IGNORED if line.strip("/") not in present]
    if not missing:
        return False
    header = "" if text else "# What briefing builds, and tools' clutter: made again, not kept.\n"
    separator = "\n" if text and not text.endswith("\n") else ""
    path.write_text(text + separator + header + "\n".join(missing) + "\n", "utf-8")
    return True
