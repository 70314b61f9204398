"""`briefing init`: a new project with a small sample publication that builds at once."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import UsageError

SCAFFOLD = Path(__file__).parent / "scaffold"


def create_project(target: Path) -> list[Path]:
    """Copy the sample project into ``target``, which must be new or empty."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target}: already exists and is not empty; choose a new folder")
    created = []
    for source in sorted(SCAFFOLD.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            destination = target / source.relative_to(SCAFFOLD)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
            created.append(destination)
    return created
