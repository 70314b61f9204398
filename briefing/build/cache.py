"""The build cache: an edition is rendered again only when something it depends on changed.

An edition depends on its recipe (every field of :class:`Edition`), its HTML (which holds its
Markdown, templates, stylesheets, catalogs and settings), the files the renderer read for it
(images, SVG), the installed fonts, and the versions of briefing and WeasyPrint. The key is
derived from the recipe's fields one by one, so a field added to the recipe is part of the key
without anyone listing it here. The cache keeps, per edition, that key and a digest of the
files it wrote; it serves nothing itself: a PDF is kept only if the file on disk is still the
one the cache recorded. Deleting the cache (``build/.cache``) is always safe.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import file_digest, write_atomic
from ..languages.coverage import fonts_fingerprint
from ..project.model import Attachment, Edition, Publication

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
    #: How long the edition took to render, to schedule the longest first next time.
    seconds: float = 0.0


def renderer_version() -> str:
    from ..pdf.render import renderer_version as version

    return version()


def _plain(value: Any) -> Any:
    """A recipe field's value as JSON: what in it makes a different PDF."""
    if isinstance(value, Publication):
        return value.slug  # what it prints is in the HTML
    if isinstance(value, Attachment):
        digest = hashlib.sha256(value.data).hexdigest()
        return [value.name, digest, value.description, value.date.isoformat()]
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date | Path):
        return str(value)
    return value


def cache_key(edition: Edition, html: str) -> str:
    """A digest of everything an edition's PDF is made from, except the files it reads."""
    recipe = {f.name: _plain(getattr(edition, f.name)) for f in dataclasses.fields(edition)}
    context = {
        "recipe": recipe,
        "briefing": __version__,
        "code": _renderer_code(),
        "weasyprint": renderer_version(),
        "fonts": fonts_fingerprint(),
    }
    digest = hashlib.sha256(json.dumps(context, sort_keys=True).encode())
    digest.update(html.encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _renderer_code() -> str:
    """A digest of the code that turns an edition's HTML into its files (what the version
    number does not tell while briefing is being worked on)."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("pdf/*.py"), package / "build" / "edition.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def entry_path(out_dir: Path, edition: Edition) -> Path:
    name = edition.filename.removesuffix(".pdf")
    return out_dir / CACHE_FOLDER / edition.language / f"{name}.json"


def read_entry(out_dir: Path, edition: Edition) -> Entry | None:
    """The cache's entry for an edition, or None when there is none or it is not one this
    version wrote (a file of another shape, a folder, a cache folder that is a file)."""
    try:
        data = json.loads(entry_path(out_dir, edition).read_text("utf-8"))
        entry = Entry(**data)
    except (OSError, ValueError, TypeError, UnicodeError, RecursionError):
        return None
    return entry if _well_formed(entry) else None


def _well_formed(entry: Entry) -> bool:
    """Whether every field of an entry read from disk has the type this version writes."""
    digests = (entry.resources, entry.outputs)
    return (
        isinstance(entry.inputs, str)
        and all(
            isinstance(names, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in names.items())
            for names in digests
        )
        and isinstance(entry.pages, int)
        and not isinstance(entry.pages, bool)
        and entry.pages >= 0
        and isinstance(entry.renders, int)
        and isinstance(entry.warnings, list)
        and all(
            isinstance(number, int | float) and not isinstance(number, bool)
            for number in (entry.scale, entry.seconds)
        )
        and 0 <= entry.seconds < float("inf")
    )


def lookup(out_dir: Path, edition: Edition, inputs: str, root: Path) -> Entry | None:
    """The cache's entry for an edition whose inputs and outputs have not changed, or None."""
    entry = read_entry(out_dir, edition)
    if entry is None or entry.inputs != inputs:
        return None
    wrote = [edition.output_path(out_dir), edition.imposed_path(out_dir)]
    expected_outputs = {path.relative_to(out_dir).as_posix() for path in wrote if path is not None}
    if set(entry.outputs) != expected_outputs:
        return None
    for name, expected in entry.resources.items():
        if file_digest(root / name) != expected:
            return None
    for name, expected in entry.outputs.items():
        if file_digest(out_dir / name) != expected:
            return None
    return entry


def store(out_dir: Path, edition: Edition, entry: Entry) -> None:
    """Record an edition's entry; raises OSError when the cache cannot be written (a build
    goes on without it)."""
    write_atomic(
        entry_path(out_dir, edition),
        json.dumps(asdict(entry), sort_keys=True, indent=1).encode(),
    )


def forget(out_dir: Path, edition: Edition) -> None:
    """Remove an edition's entry (its files were removed), if the cache can be written."""
    with contextlib.suppress(OSError):
        entry_path(out_dir, edition).unlink(missing_ok=True)
