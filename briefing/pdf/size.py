"""What makes a PDF large: its images and fonts, and how many bytes each takes."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject


@dataclass(frozen=True, slots=True)
class Part:
    label: str
    size: int


def largest_parts(data: bytes, images: Mapping[str, tuple[int, int]]) -> list[Part]:
    """The images and fonts embedded in a PDF, largest first.

    ``images`` maps the names of the source images (paths) to their pixel sizes; an embedded
    image is named after the source with the same proportions.
    """
    parts: dict[int, Part] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for key, obj in _resources(page.get("/Resources")):
            if key in parts:
                continue
            if obj.get("/Subtype") == "/Image":
                size = _length(obj) + _length(obj.get("/SMask"))
                parts[key] = Part(_image_name(obj, images), size)
            elif obj.get("/Type") == "/Font":
                font = obj
                if "/DescendantFonts" in obj:
                    descendants = obj["/DescendantFonts"].get_object()
                    assert isinstance(descendants, ArrayObject)
                    font = descendants[0].get_object()
                descriptor = font.get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                stream = next(
                    (
                        descriptor[k]
                        for k in ("/FontFile", "/FontFile2", "/FontFile3")
                        if k in descriptor
                    ),
                    None,
                )
                name = str(obj.get("/BaseFont", "font")).lstrip("/").split("+")[-1]
                parts[key] = Part(f"font {name}", _length(stream))
    return sorted(parts.values(), key=lambda part: -part.size)


def _resources(resources: PdfObject | None) -> Iterator[tuple[int, DictionaryObject]]:
    """Every image, form and font object reachable from a resource dictionary, by object id."""
    if resources is None:
        return
    dictionary = resources.get_object()
    assert isinstance(dictionary, DictionaryObject)
    for group in ("/XObject", "/Font"):
        for reference in dictionary.get(group, DictionaryObject()).values():
            obj = reference.get_object()
            key = reference.idnum if isinstance(reference, IndirectObject) else id(obj)
            yield key, obj
            if obj.get("/Subtype") == "/Form":
                yield from _resources(obj.get("/Resources"))


def _length(stream: PdfObject | None) -> int:
    if stream is None:
        return 0
    dictionary = stream.get_object()
    assert isinstance(dictionary, DictionaryObject)
    return int(dictionary.get("/Length", 0))


def _image_name(image: DictionaryObject, images: Mapping[str, tuple[int, int]]) -> str:
    width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
    if not images or not height:
        return f"image {width}x{height} px"
    ratio = width / height
    name = min(images, key=lambda n: abs(images[n][0] / max(images[n][1], 1) - ratio))
    return f"image {name}"
