"""Images are untrusted input: every one the content uses is read and checked when the project
is loaded.

A file the renderer cannot load (empty, cut short, not an image, too large to decode) would
otherwise vanish from the PDF with a one-line notice, and an SVG can ask for files outside the
project or expand entities without end. Here each image is decoded once, within limits, and
each SVG is parsed without any document type; what is wrong becomes an error at the line that
uses the image. Verdicts are remembered by the digest of the image's bytes, so a rebuild does
not decode the same image again.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import importlib.util
import io
import json
import math
import os
import re
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

from ..errors import Problem, relative_to
from ..files import line_of
from .confine import OutsideProject, resolve_reference
from .settings import CONFIG_NAME, Config
from .svg import SvgReference, SvgRefused, read_svg

#: The most pixels an image may have: decoding one takes 4 bytes a pixel. A full A4 page at
#: 300 dpi is 2480 x 3508 pixels (8.7 megapixels).
MAX_PIXELS = 50_000_000
#: How deep SVGs may use other SVGs.
_MAX_DEPTH = 8

#: File name endings of images; a reference to such a file is checked as an image.
IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".jfif", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", ".ico"}
)
#: Elements whose URL the renderer loads as an image, whatever the file is called.
IMAGE_TAGS = frozenset({"img", "image", "object", "embed", "feimage"})
#: The raster formats (Pillow's names) an image may be in. Others, which Pillow can read but
#: few people mean to print (PostScript is run through Ghostscript), are refused.
RASTER_FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF", "ICO")
#: What each raster format starts with, to name the format of a file that is not SVG.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG", "png"),
    (b"\xff\xd8\xff", "JPEG", "jpg"),
    (b"GIF87a", "GIF", "gif"),
    (b"GIF89a", "GIF", "gif"),
    (b"BM", "BMP", "bmp"),
    (b"II*\x00", "TIFF", "tif"),
    (b"MM\x00*", "TIFF", "tif"),
    (b"%PDF", "PDF", "pdf"),
)
#: Pillow's settings are global; they are changed only while holding this.
_PILLOW = threading.Lock()


@dataclass(frozen=True, slots=True)
class Verdict:
    """What an image's bytes are worth: why it cannot be printed (None: it can), and for an
    SVG, the files it refers to (whether they may be read depends on where the SVG is)."""

    error: str | None = None
    references: tuple[SvgReference, ...] = ()


def is_image_reference(url: str, tag: str) -> bool:
    """Whether the renderer loads what ``url`` names (in a ``tag`` element) as an image."""
    return tag.lower() in IMAGE_TAGS or _suffix(url) in IMAGE_SUFFIXES


class ImageChecker:
    """Checks the images of one project, each file once; verdicts are remembered in
    ``cache_dir`` (if given) by the digest of the image's bytes."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = root
        self.cache_dir = cache_dir
        self._checked: dict[Path, list[str]] = {}

    def check_file(self, path: Path) -> list[str]:
        """Why the image file at ``path`` cannot be printed, each reason said so that it
        follows the image's name ("is empty ..."); none if it can."""
        return self._check_file(path.resolve(), ())

    def check_data(self, url: str) -> list[str]:
        """Why the image in a ``data:`` URL cannot be printed."""
        decoded = _decode_data_url(url)
        if decoded is None:
            return ["is a data: URL that cannot be decoded; write it again in base64"]
        data, media_type = decoded
        verdict = self._verdict(data, svg=media_type == "image/svg+xml")
        if verdict.error is not None:
            return [verdict.error]
        return [
            f"refers to {ref.url!r} (its line {ref.line}, <{ref.element}>): an image inside "
            'a data: URL may refer only to its own elements (href="#id")'
            for ref in verdict.references
        ]

    def _check_file(self, path: Path, chain: tuple[Path, ...]) -> list[str]:
        if path in self._checked:
            return self._checked[path]
        try:
            data = path.read_bytes()
        except OSError as error:
            return [f"cannot be read ({error.strerror}); check its permissions"]
        verdict = self._verdict(data, svg=path.suffix.lower() == ".svg")
        reasons = [verdict.error] if verdict.error is not None else []
        for ref in verdict.references:
            reasons += self._check_svg_reference(ref, path, (*chain, path))
        self._checked[path] = reasons
        return reasons

    def _check_svg_reference(
        self, ref: SvgReference, svg: Path, chain: tuple[Path, ...]
    ) -> list[str]:
        """Problems with one file an SVG refers to: it must be in the project, and if it is
        an image, a good one."""
        said = f"refers to {ref.url!r} (its line {ref.line}, <{ref.element}>)"
        try:
            target = resolve_reference(ref.url, svg.parent, self.root)
        except OutsideProject as error:
            return [
                f"{said}: {error}; an SVG may refer only to its own elements "
                '(href="#id") and to files inside the project'
            ]
        if target is None:
            return []
        if not target.is_file():
            return [f"{said}: no such file; check the name (relative to the SVG)"]
        if not is_image_reference(ref.url, ref.element):
            return []
        if target in chain:
            return [f"{said}, which leads back to itself; an SVG may not use itself"]
        if len(chain) >= _MAX_DEPTH:
            return [f"{said}: SVGs may use other SVGs at most {_MAX_DEPTH} deep"]
        return [f"{said}, which {reason}" for reason in self._check_file(target, chain)]

    def _verdict(self, data: bytes, svg: bool) -> Verdict:
        """The verdict on an image's bytes, remembered by their digest."""
        digest = hashlib.sha256(f"{_checks_version()} {svg}\n".encode())
        digest.update(data)
        key = digest.hexdigest()
        path = self.cache_dir / key[:2] / f"{key}.json" if self.cache_dir else None
        if path is not None:
            with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                return _verdict_from(json.loads(path.read_text("utf-8")))
        verdict = judge_image(data, svg)
        if path is not None:
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            try:
                with contextlib.suppress(OSError):  # not remembered: only slower next time
                    path.parent.mkdir(parents=True, exist_ok=True)
                    temporary.write_text(json.dumps(_verdict_data(verdict)), "utf-8")
                    os.replace(temporary, path)
            finally:  # interrupted: no part of a file left behind
                with contextlib.suppress(OSError):
                    temporary.unlink(missing_ok=True)
        return verdict


def logo_problems(config: Config, images: ImageChecker) -> list[Problem]:
    """Why the organisation's logo (on every edition) cannot be printed: at the line of
    briefing.toml that names it."""
    logo = config.organisation.logo
    if logo is None or not logo.is_file() or not logo.is_relative_to(config.root):
        return []  # said by the settings' checks
    try:
        text = (config.root / CONFIG_NAME).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    line = line_of(text, re.compile(r"^\s*[\"']?logo[\"']?\s*="))
    shown = relative_to(logo, config.root).as_posix()
    return [
        Problem(CONFIG_NAME, f"organisation.logo {shown!r} {reason}", line)
        for reason in images.check_file(logo)
    ]


def image_cache(markup_cache: Path | None) -> Path | None:
    """Where image verdicts are remembered: beside the remembered HTML, in the build's
    cache folder."""
    return markup_cache.parent / "images" if markup_cache is not None else None


# ---- Judging the bytes of one image ---------------------------------------------------------


def judge_image(data: bytes, svg: bool, depth: int = 0) -> Verdict:
    """The verdict on an image's bytes: an SVG if ``svg`` (its file name says so), else any
    raster format the renderer reads, or an SVG under another name."""
    if not data:
        return Verdict("is empty (0 bytes); copy or export the image again")
    if svg:
        return _judge_svg(data, depth)
    verdict = _judge_raster(data)
    if verdict is None:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return _judge_svg(data, depth)
        return Verdict(
            "is not an image the renderer can read (PNG, JPEG, GIF, WebP, BMP, TIFF or SVG); "
            "save it as PNG, JPEG or SVG"
        )
    return verdict


def _judge_raster(data: bytes) -> Verdict | None:
    """The verdict on a raster image (None if it is in no format Pillow knows).

    The size in the header is checked before any pixel is decoded; then the file is
    verified and decoded whole, so that a file cut short is found (the renderer itself
    accepts truncated images and prints them half blank).
    """
    from PIL import Image, UnidentifiedImageError

    with _strict_pillow():
        try:
            image = Image.open(io.BytesIO(data), formats=RASTER_FORMATS)
        except UnidentifiedImageError:
            return None
        except Exception as error:
            return Verdict(_damaged(error))
        width, height = image.size
        if width < 1 or height < 1:
            return Verdict(f"has no pixels ({width}×{height}); export the image again")
        if width * height > MAX_PIXELS:
            return Verdict(_too_many_pixels(width, height))
        try:
            image.verify()
            image = Image.open(io.BytesIO(data), formats=RASTER_FORMATS)
            image.load()
        except Exception as error:
            return Verdict(_damaged(error))
    return Verdict()


@contextlib.contextmanager
def _strict_pillow() -> Iterator[None]:
    """Pillow as these checks need it, whatever others set: truncated files are errors (the
    renderer lets them pass), its own size limit is off (ours is lower, and said better),
    and its warnings go nowhere (what matters is said as a problem)."""
    from PIL import Image, ImageFile

    with _PILLOW, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        truncated, limit = ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS
        ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS = False, None
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS = truncated, limit


def _damaged(error: Exception) -> str:
    reason = str(error).strip() or type(error).__name__
    return f"is damaged or incomplete ({reason}); export the image again, or copy the whole file"


def _too_many_pixels(width: int, height: int) -> str:
    scale = math.sqrt(MAX_PIXELS / (width * height))
    smaller = f"{max(1, int(width * scale))}×{max(1, int(height * scale))}"
    return (
        f"is {width}×{height} pixels ({width * height / 1e6:,.0f} megapixels), more than "
        f"the {MAX_PIXELS // 1_000_000} megapixels an image may have; scale it down to "
        f"{smaller} or less (a full A4 page at 300 dpi is 2480×3508)"
    )


def _judge_svg(data: bytes, depth: int) -> Verdict:
    """The verdict on an SVG: well-formed XML with no document type, an <svg> root, within
    the size limits; the URLs it refers to are collected, data: URLs checked here."""
    for signature, name, suffix in _SIGNATURES:
        if data.startswith(signature):
            return Verdict(f"holds {name} data, not SVG; rename it to end in .{suffix}")
    try:
        found = read_svg(data)
    except SvgRefused as refusal:
        return Verdict(str(refusal))
    references = []
    for ref in found:
        if ref.url.startswith("data:"):
            if reason := _judge_data_url(ref.url, depth):
                said = f"has an image in a data: URL (its line {ref.line}, <{ref.element}>)"
                return Verdict(f"{said} that {reason}")
        else:
            references.append(ref)
    return Verdict(None, tuple(references))


def _judge_data_url(url: str, depth: int) -> str | None:
    """Why an image in a data: URL inside an SVG cannot be printed, or None."""
    decoded = _decode_data_url(url)
    if decoded is None:
        return "cannot be decoded"
    data, media_type = decoded
    if not media_type.startswith("image/"):
        return None
    if depth >= _MAX_DEPTH:
        return "holds images nested too deep"
    verdict = judge_image(data, media_type == "image/svg+xml", depth + 1)
    if verdict.error is not None:
        return verdict.error
    if verdict.references:
        ref = verdict.references[0]
        return f"refers to {ref.url!r}; an image in a data: URL may use only its own elements"
    return None


# ---- Small helpers --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _checks_version() -> str:
    """The checks' code and Pillow's version: a change to either judges every image again."""
    files = [Path(__file__), Path(__file__).with_name("svg.py")]
    spec = importlib.util.find_spec("PIL")  # found, not imported
    if spec is not None and spec.origin is not None:
        files.append(Path(spec.origin).with_name("_version.py"))
    digest = hashlib.sha256()
    for path in files:
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _suffix(url: str) -> str:
    return Path(urlsplit(url).path).suffix.lower()


def _decode_data_url(url: str) -> tuple[bytes, str] | None:
    """The bytes and media type of a ``data:`` URL (None if it cannot be decoded)."""
    header, comma, payload = url[5:].partition(",")
    if not comma:
        return None
    parameters = header.split(";")
    media_type = parameters[0].strip().lower() or "text/plain"
    try:
        if "base64" in (p.strip().lower() for p in parameters[1:]):
            return base64.b64decode(unquote_to_bytes(payload), validate=False), media_type
        return unquote_to_bytes(payload), media_type
    except ValueError:
        return None


def _verdict_data(verdict: Verdict) -> dict[str, object]:
    return {
        "error": verdict.error,
        "references": [[r.url, r.line, r.element] for r in verdict.references],
    }


def _verdict_from(data: dict[str, object]) -> Verdict:
    error = data["error"]
    references = data["references"]
    if not (error is None or isinstance(error, str)) or not isinstance(references, list):
        raise ValueError("not a verdict")
    return Verdict(error, tuple(SvgReference(str(u), int(n), str(e)) for u, n, e in references))
