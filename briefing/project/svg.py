"""Reading an SVG as untrusted input: with no document type, so no entity can read a file or
grow without end; with a bounded number of elements; collecting every URL it refers to (in
``href``, ``src``, ``url()`` and ``@import``), which the caller checks against the project.

Only expat is used, with handlers that stop at a ``<!DOCTYPE>``: the same protection as
defusedxml's ``forbid_dtd``, without a dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

from ..files import describe_size

#: The largest SVG file, and the most elements one may have: the renderer draws every one.
MAX_SVG_BYTES = 5 * 1024 * 1024
MAX_SVG_ELEMENTS = 50_000
_SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
_STYLESHEET_HREF = re.compile(r"""href\s*=\s*['"]([^'"]*)""")


@dataclass(frozen=True, slots=True)
class SvgReference:
    """A URL an SVG refers to, and where: the line in the SVG and the element."""

    url: str
    line: int
    element: str


class SvgRefused(Exception):
    """An SVG that may not be printed, and why (said so that it follows the file's name)."""


def read_svg(data: bytes) -> list[SvgReference]:
    """The URLs an SVG refers to (its own elements, ``#id``, left out).

    Raises :class:`SvgRefused` for an SVG that is too large, not well-formed, declares a
    document type, has too many elements or is not an ``<svg>`` drawing.
    """
    if len(data) > MAX_SVG_BYTES:
        raise SvgRefused(
            f"is {describe_size(len(data))}, more than the {MAX_SVG_BYTES // 1048576} MB an "
            "SVG may be; simplify the drawing, or export it as a PNG (2480 pixels across "
            "fill an A4 page at 300 dpi)"
        )
    reader = _SvgReader()
    try:
        reader.read(data)
    except expat.ExpatError as error:
        where = f"line {error.lineno}, column {error.offset + 1}"
        raise SvgRefused(
            f"is not a well-formed SVG file ({expat.ErrorString(error.code)}, {where}); save "
            "it again as plain SVG"
        ) from None
    return reader.references


class _SvgReader:
    """Reads an SVG with expat: no document type (so no entities, no external files), a
    bounded number of elements, and every URL it refers to."""

    def __init__(self) -> None:
        self.references: list[SvgReference] = []
        self.elements = 0
        self._style: list[str] | None = None
        self._style_line = 0

    def read(self, data: bytes) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self._parser = parser
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.ExternalEntityRefHandler = self._external
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.ProcessingInstructionHandler = self._instruction
        parser.Parse(data, True)
        if self.elements == 0:
            raise SvgRefused("has no elements; export it again as SVG")

    def _doctype(self, name: str, *_: object) -> None:
        raise SvgRefused(
            "declares a document type (<!DOCTYPE>), whose entities could read files "
            f"outside the project or grow without end (line {self._line}); remove the "
            "<!DOCTYPE ...> declaration: an SVG needs none"
        )

    def _entity(self, name: str, *_: object) -> None:
        raise SvgRefused(f"declares an entity ({name}, line {self._line}); remove it")

    def _external(self, *_: object) -> int:
        raise SvgRefused(f"refers to an external entity (line {self._line}); remove it")

    @property
    def _line(self) -> int:
        return int(self._parser.CurrentLineNumber)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_SVG_ELEMENTS:
            raise SvgRefused(
                f"has more than {MAX_SVG_ELEMENTS:,} elements; simplify the drawing (fewer "
                "shapes and points), or export it as a PNG (2480 pixels across fill an A4 "
                "page at 300 dpi)"
            )
        namespace, _, element = name.rpartition(" ")
        if self.elements == 1 and (element != "svg" or namespace not in ("", _SVG_NAMESPACE)):
            raise SvgRefused(
                f"is not an SVG drawing (its first element is <{element}>, not <svg>); "
                "export it again as SVG"
            )
        line = self._line
        for attribute, value in attributes.items():
            local = attribute.rpartition(" ")[2]
            if local in ("href", "src") and element != "a" and not value.strip().startswith("#"):
                self.references.append(SvgReference(value.strip(), line, element))
            elif "url(" in value or local == "style":
                self._add_css(value, line, element)
        if element == "style":
            self._style, self._style_line = [], line

    def _end(self, name: str) -> None:
        if self._style is not None and name.rpartition(" ")[2] == "style":
            self._add_css("".join(self._style), self._style_line, "style")
            self._style = None

    def _text(self, text: str) -> None:
        if self._style is not None:
            self._style.append(text)

    def _instruction(self, target: str, data: str) -> None:
        if target == "xml-stylesheet":
            for url in _STYLESHEET_HREF.findall(data):
                self.references.append(SvgReference(url, self._line, "?xml-stylesheet"))

    def _add_css(self, css: str, line: int, element: str) -> None:
        for match in _CSS_URL.finditer(css):
            url = (match[1] or match[2]).strip()
            if url and not url.startswith("#"):
                self.references.append(SvgReference(url, line, element))
