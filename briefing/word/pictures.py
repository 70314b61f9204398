"""The pictures of a Word file on their way into a publication: each written once, named
after its order and description (a new publication) or after the source picture it replaces
(a translation), judged as any picture of a project is, and never placed where a record
edited by hand would put it outside the publication."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import Problem
from ..project.images import judge_image
from .reading import WordDocument
from .tree import Node, node, plain_text

_IMAGE_SUFFIXES = {"png", "jpeg", "jpg", "gif", "svg", "webp", "bmp", "tif", "tiff"}
_PRINTABLE = {"png", "jpeg", "jpg", "gif", "svg", "webp"}


class WordImages:
    """The images of the Word file, each written once, named after its order (a new
    publication) or after the source image it replaces (a translation)."""

    def __init__(
        self, document: WordDocument, folder: Path, problems: list[Problem], language: str | None
    ) -> None:
        self.document = document
        self.folder = folder
        self.problems = problems
        self.language = language
        #: Path in the publication folder -> bytes to write there.
        self.files: dict[str, bytes] = {}
        self.by_digest: dict[str, str] = {}
        self.count = 0

    def place(self, image: Node, stem: str, number: int, recorded: list[Any]) -> list[Node]:
        attr, alt, (src, title) = image["c"]
        data = self._bytes(src)
        alt_text = plain_text(alt)
        if data is None:
            self._warn(
                f'an image ("{alt_text or src}") could not be found in the Word file; '
                "it was left out"
            )
            return []
        digest = hashlib.sha256(data).hexdigest()
        entry = recorded[number] if number < len(recorded) else None
        if isinstance(entry, list) and len(entry) == 2 and entry[1] == digest:
            path = safe_relative(str(entry[0]))
            # A translation points to the source's image, which must be there.
            if path is not None and (self.language is None or (self.folder / path).is_file()):
                if self.language is None and not (self.folder / path).exists():
                    self.files.setdefault(path, data)
                return [node("Image", [attr, alt, [path, title]])]
        suffix = _suffix(data, src)
        if digest in self.by_digest:
            return [node("Image", [attr, alt, [self.by_digest[digest], title]])]
        self.count += 1
        if self.language is None:
            name = f"images/{self.count:02d}-{slug_of(alt_text)[:40] or 'image'}".rstrip("-")
        else:
            name = f"images/{stem}-{number + 1}.{self.language}"
        path = f"{name}.{suffix}"
        self.files[path] = data
        self.by_digest[digest] = path
        if suffix not in _PRINTABLE:
            self._warn(
                f'the image "{alt_text or path}" is a {suffix.upper()} file, which cannot be '
                f"printed; it was saved as {path} but not placed; save it as PNG in Word (right "
                "click > Save as Picture) and add it with ![description](images/NAME.png)"
            )
            return []
        verdict = judge_image(data, suffix == "svg")
        if verdict.error is not None:
            del self.files[path]
            self._warn(f'the image "{alt_text or path}" {verdict.error}; it was left out')
            return []
        if not alt_text:
            self._warn(
                f"the image saved as {path} has no description (alt text); add one in Word "
                "(right click > View Alt Text) or in the Markdown, for readers who cannot see it"
            )
        return [node("Image", [attr, alt, [path, title]])]

    def _bytes(self, src: str) -> bytes | None:
        facts = self.document.facts
        for name in (f"word/{src}", src, f"word/media/{PurePosixPath(src).name}"):
            data = facts.member(name)
            if data is not None:
                return data
        return None

    def _warn(self, message: str) -> None:
        self.problems.append(Problem(self.document.path, message, warning=True))


def safe_relative(path: str) -> str | None:
    """A recorded image path, if it names an image file inside the publication folder."""
    pure = PurePosixPath(path)
    if (
        pure.is_absolute()
        or ".." in pure.parts
        or not pure.parts
        or re.search(r"[\x00-\x1f\x7f:\\\ud800-\udfff]", path)
        or pure.suffix.lower().lstrip(".") not in _IMAGE_SUFFIXES
        or any(len(part.encode("utf-8")) > 200 for part in pure.parts)
        # A folder named like a file could be in the way of one (index.md/x.png).
        or any("." in part for part in pure.parts[:-1])
        or len(path.encode("utf-8")) > 1000
    ):
        return None
    return pure.as_posix()


def _suffix(data: bytes, src: str) -> str:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8"):
        return "jpg"
    if data.startswith(b"GIF8"):
        return "gif"
    if data[:5].lstrip().startswith(b"<"):
        return "svg"
    suffix = PurePosixPath(src).suffix.lower().lstrip(".")
    return suffix if suffix and suffix.isalnum() and len(suffix) <= 5 else "bin"


def slug_of(text: str) -> str:
    """Lower-case ASCII letters, digits and dashes from any text (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
