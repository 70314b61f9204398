"""The build cache: an edition is rendered again only when something it depends on changed.

An edition depends on its HTML (which already holds its Markdown, templates, stylesheets,
catalogs and settings), the files the renderer read for it (images, SVG), the installed
fonts, the rendering options, and the versions of briefing and WeasyPrint. The cache keeps,
per edition, a digest of all that and of the PDF it wrote; it serves nothing itself: a PDF
is kept only if the file on disk is still the one the cache recorded. Deleting the cache
(``build/.cache``) is always safe: the next build renders everything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__
from .files import write_atomic
from .fonts import fonts_fingerprint
from .model import Edition

CACHE_FOLDER = ".cache"


@dataclass(frozen=True, slots=True)
class Entry:
    """What the cache knows of an edition it built."""

    inputs: str
    resources: dict[str, str]
    outputs: dict[str, str]
    pages: int
    scale: float = 1.0
    renders: int = 1
    warnings: list[str] = field(default_factory=list)


def renderer_version() -> str:
    try:
        return version("weasyprint")
    except PackageNotFoundError:  # pragma: no cover (WeasyPrint is a dependency)
        return "unknown"


def inputs_digest(html: str, settings: Mapping[str, object]) -> str:
    """A digest of everything an edition's PDF is made from, except the files it reads."""
    digest = hashlib.sha256()
    context = {
        "briefing": __version__,
        "weasyprint": renderer_version(),
        "fonts": fonts_fingerprint(),
        **settings,
    }
    digest.update(json.dumps(context, sort_keys=True, default=str).encode())
    digest.update(html.encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _entry_path(out_dir: Path, edition: Edition) -> Path:
    name = edition.filename.removesuffix(".pdf")
    return out_dir / CACHE_FOLDER / edition.language / f"{name}.json"


def lookup(out_dir: Path, edition: Edition, inputs: str, root: Path) -> Entry | None:
    """The cache's entry for an edition whose inputs and outputs have not changed, or None."""
    try:
        entry = Entry(**json.loads(_entry_path(out_dir, edition).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if entry.inputs != inputs:
        return None
    for name, expected in entry.resources.items():
        if file_digest(root / name) != expected:
            return None
    for name, expected in entry.outputs.items():
        if file_digest(out_dir / name) != expected:
            return None
    return entry


def store(out_dir: Path, edition: Edition, entry: Entry) -> None:
    write_atomic(
        _entry_path(out_dir, edition),
        json.dumps(asdict(entry), sort_keys=True, indent=1).encode(),
    )
