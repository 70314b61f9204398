"""The renderer's only way to read a file: inside the project, or nothing.

WeasyPrint asks its URL fetcher for every image, stylesheet and font. This one serves files
inside the project and ``data:`` URIs, and refuses everything else before any network code
sees it, recording what it refused and what it read.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path
from typing import Any

from ..project.confine import OutsideProject, resolve_url


def make_fetcher_class() -> type[Any]:
    """The fetcher class; made in a function because its base class is WeasyPrint's, which
    is imported only when something is rendered."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFetcher(URLFetcher):  # type: ignore[misc]
        """Serves files inside the project and data: URIs; refuses everything else."""

        def __init__(self, root: Path) -> None:
            super().__init__(allowed_protocols=("data", "file"))
            self.root = root
            self.refused: list[tuple[str, str]] = []
            #: Every project file served, with the SHA-256 of the bytes the renderer got.
            self.served: dict[Path, str] = {}

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            try:
                path = resolve_url(url, self.root)
            except OutsideProject as error:
                self.refused.append((url, str(error)))
                raise
            if not path.is_file():
                self.refused.append((url, "no such file"))
                raise FileNotFoundError(url)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            data = path.read_bytes()
            self.served[path] = hashlib.sha256(data).hexdigest()
            return URLFetcherResponse(path.as_uri(), data, headers={"Content-Type": kind})

    return ProjectFetcher
