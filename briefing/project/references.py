"""References in content: images and links must resolve inside the project, or leave the PDF
as web links."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..errors import Problem, relative_to
from ..files import line_of, shortened, unusable_name
from .confine import LINK_SCHEMES, OutsideProject, resolve_reference
from .images import ImageChecker, is_image_reference
from .model import Document


def check_references(
    document: Document[Any],
    body: str,
    root: Path,
    problems: list[Problem],
    images: ImageChecker | None = None,
) -> None:
    """Every reference of a document: links that work in a PDF, files inside the project,
    alt text on images, images the renderer can print (with ``images``); ``body`` is its
    Markdown, to find the line of each."""
    where = relative_to(document.path, root)

    def line(needle: str) -> int | None:
        return line_of(body, needle, document.body_line)

    for href in document.markup.vague_links:
        problems.append(
            Problem(
                where,
                f"the link to {href!r} says only where to click; write what it leads to, as "
                f"in [the NSWP petition]({href})",
                line(href),
                warning=True,
            )
        )
    for ref in document.markup.references:
        if ref.tag == "base":
            problems.append(
                Problem(
                    where,
                    "a <base> element changes where every link points; remove it",
                    line(ref.url),
                )
            )
        elif ref.is_link:
            _check_link(ref.url, document, root, problems, line(ref.url))
        else:
            what = "stylesheet URL" if ref.attribute in ("style", "css") else "image"
            image = is_image_reference(ref.url, ref.tag)
            check_resource(
                ref.url, document.path, root, problems, what, line(ref.url), images, image
            )
            if ref.tag == "img" and ref.attribute == "src" and not (ref.alt or "").strip():
                problems.append(
                    Problem(
                        where,
                        f"image {ref.url!r} has no alt text; say what it shows between the "
                        f"brackets, as in ![a timeline of the events]({ref.url})",
                        line(ref.url),
                        warning=True,
                    )
                )


def _check_link(
    url: str, document: Document[Any], root: Path, problems: list[Problem], line: int | None
) -> None:
    scheme = url.split(":", 1)[0].lower() if re.match(r"^[A-Za-z][\w+.-]*:", url) else ""
    if url.startswith("#") or scheme in LINK_SCHEMES:
        return
    where = relative_to(document.path, root)
    if reason := _unusable(url):
        problems.append(Problem(where, f"link {shortened(url)}: {reason}; correct the link", line))
        return
    if scheme:
        problems.append(
            Problem(
                where,
                f"link {url!r}: {scheme}: links do not work in a PDF; "
                "use an https:// or mailto: address",
                line,
            )
        )
        return
    try:
        target = resolve_reference(url, document.path.parent, root)
        found = target is not None and target.exists()
    except OutsideProject as error:
        problems.append(
            Problem(where, f"link {url!r}: {error}; link to its web address instead", line)
        )
        return
    except (OSError, RuntimeError) as error:  # a loop of links, a name the system refuses
        cause = getattr(error, "strerror", None) or error
        problems.append(Problem(where, f"link {shortened(url)}: cannot be read ({cause})", line))
        return
    if not found:
        problems.append(Problem(where, f"link {url!r}: no such file; check the name", line))
    else:
        problems.append(
            Problem(
                where,
                f"link {url!r}: links to files do not work in a PDF; "
                "link to a section file (01-name.md) or a web address",
                line,
            )
        )


def check_resource(
    url: str,
    source: Path,
    root: Path,
    problems: list[Problem],
    what: str,
    line: int | None = None,
    images: ImageChecker | None = None,
    image: bool = False,
) -> None:
    """A file the renderer will read: it must exist inside the project; an ``image`` must
    be one the renderer can print (checked by ``images``, if given)."""
    where = relative_to(source, root)
    if url.startswith("data:"):
        if images is not None and image:
            shown = url if len(url) < 40 else f"{url[:30]}..."
            for fault in images.check_data(url):
                problems.append(Problem(where, f"{what} {shown!r} {fault}", line))
        return
    if unusable := _unusable(url):
        problems.append(
            Problem(
                where, f"{what} {shortened(url)}: {unusable}; refer to the file by its path", line
            )
        )
        return
    try:
        target = resolve_reference(url, source.parent, root)
        found = target is not None and target.is_file()
    except OutsideProject as error:
        problems.append(
            Problem(
                where,
                f"{what} {url!r}: {error}; copy the file into the "
                "project and refer to it by a relative path",
                line,
            )
        )
        return
    except (OSError, RuntimeError) as error:  # a loop of links, a name the system refuses
        cause = getattr(error, "strerror", None) or error
        problems.append(Problem(where, f"{what} {shortened(url)}: cannot be read ({cause})", line))
        return
    if not found:
        problems.append(
            Problem(
                where,
                f"{what} {url!r}: no such file; check the name and "
                "that the path is relative to this file",
                line,
            )
        )
    elif images is not None and image and target is not None:
        for reason in images.check_file(target):
            problems.append(Problem(where, f"{what} {url!r} {reason}", line))


def _unusable(url: str) -> str | None:
    """Why a reference cannot name a file at all (a NUL character, a name too long, an
    address that does not parse), or None."""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError as error:  # such as "http://[" (an unclosed IPv6 address)
        return f"not a valid address ({error})"
    return unusable_name(path)


def check_anchors(
    documents: Iterable[Document[Any]],
    root: Path,
    problems: list[Problem],
    known_ids: frozenset[str] = frozenset(),
) -> None:
    """Links inside the pack (#name, 02-name.md) must lead to a heading or a section."""
    documents = list(documents)
    ids = {doc.anchor for doc in documents} | known_ids
    for doc in documents:
        ids.update(doc.markup.ids)
    for doc in documents:
        for ref in doc.markup.references:
            if ref.is_link and ref.url.startswith("#") and ref.url[1:] not in ids:
                problems.append(
                    Problem(
                        relative_to(doc.path, root),
                        f"link {ref.url!r} leads nowhere in this "
                        "publication; check the section file name or heading",
                    )
                )
