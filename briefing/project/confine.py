"""Where a reference may point: inside the project, or nowhere.

Used both when checking content and by the renderer's URL fetcher, so the two never disagree.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import ContentError, relative_to
from ..files import link_out

#: Schemes a link (not a fetched resource) may use: they leave the PDF as clickable links.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


class OutsideProject(ContentError):
    """A reference that would read something outside the project, or from the network."""


def resolve_url(url: str, root: Path) -> Path:
    """The file inside ``root`` that an absolute ``file:`` URL names.

    Refuses every other scheme, percent-encoded escapes (``%2e%2e``), ``..`` and symlinks
    that lead out of the project. ``root`` must already be resolved.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme != "file":
        raise OutsideProject(f"{scheme or 'this'} URLs are not fetched (the renderer is offline)")
    if parts.netloc not in ("", "localhost"):
        raise OutsideProject("file URLs on another host are not read")
    # The renderer percent-encodes a file name's bytes: those that are not UTF-8 come back as
    # Python names them (a folder "t\xffst" is "t%FFst").
    return resolve_path(Path(unquote(parts.path, errors="surrogateescape")), root)


def resolve_path(path: Path, root: Path) -> Path:
    """``path`` with ``..`` and symlinks resolved, if it stays inside ``root``; else
    OutsideProject, naming the symbolic link that leads out, if one does."""
    found = link_out(path, root)
    if found is None:
        try:
            return path.resolve()
        except (OSError, RuntimeError):  # links that loop: the file cannot be read
            return path
    link, target = found
    if link.is_symlink():
        raise OutsideProject(
            f"{relative_to(link, root).as_posix()} is a link to {target}, outside the project "
            "folder"
        )
    raise OutsideProject("it points outside the project folder")


def resolve_reference(ref: str, base_dir: Path, root: Path) -> Path | None:
    """The project file a reference in content names, or None for a link that leaves the PDF.

    ``ref`` is as written in Markdown or HTML (relative, ``file:``, ``http:`` ...). Fragments
    and queries are ignored. Raises :class:`OutsideProject` for references that escape.
    """
    parts = urlsplit(ref)
    scheme = parts.scheme.lower()
    if scheme == "file":
        return resolve_url(ref, root)
    if scheme:
        raise OutsideProject(f"{scheme} URLs are not fetched (the renderer is offline)")
    if not parts.path:
        return None
    return resolve_path(base_dir / unquote(parts.path), root)
