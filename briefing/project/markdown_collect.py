"""Learning from Markdown's element tree, once every other processor has run: the title
(taken out of the tree), ids, references, counts, vague links and the key messages. Raw HTML
that an author wrote is not in the tree (Markdown keeps it aside until the end); it is read
where it stands, so its references are checked too."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol

import markdown
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from .markdown_typeset import decode_references
from .model import KeyMessages, Reference

#: Link texts that tell a screen-reader user nothing when read out of context.
VAGUE_LINK_TEXT = frozenset(
    {"here", "click here", "this", "this link", "link", "more", "read more", "click"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Attributes whose value is a URL to fetch or follow.
URL_ATTRIBUTES = frozenset({"src", "href", "data", "poster", "xlink:href", "background"})
#: URLs in CSS: url(...) and @import "...".
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


@dataclass
class Found:
    """What the collector learnt of a document."""

    title_html: str | None = None
    title: str | None = None
    ids: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    tags: Counter[str] = field(default_factory=Counter)
    vague_links: list[str] = field(default_factory=list)
    key_messages: KeyMessages | None = None


class _Converting(Protocol):
    #: What is learnt of the text being converted.
    found: Found


class Collector(Treeprocessor):
    """Takes the title out of the tree and records what the checks and the email need."""

    def __init__(self, md: markdown.Markdown, extension: _Converting) -> None:
        super().__init__(md)
        self.extension = extension
        self.found = extension.found
        self.raw: dict[int, _RawHtml] = {}

    def run(self, root: etree.Element) -> None:
        self.found = found = self.extension.found
        self.raw = {}
        title = next(root.iter("h1"), None)
        if title is not None:
            found.title_html = self._inner_html(title).strip()
            found.title = self._text(title)
            _remove(root, title)
        for element, raw in self._walk(root):
            if raw is not None:
                found.references += raw.references
                found.ids += raw.ids
                found.tags.update(raw.tags)
                continue
            self._record(element)

    def _walk(self, element: etree.Element) -> Iterator[tuple[etree.Element, _RawHtml | None]]:
        """Every element below ``element`` and every piece of raw HTML, in document order."""
        yield from self._raw_in(element, element.text)
        for child in element:
            yield child, None
            yield from self._walk(child)
            yield from self._raw_in(child, child.tail)

    def _raw_in(
        self, element: etree.Element, text: str | None
    ) -> Iterator[tuple[etree.Element, _RawHtml | None]]:
        for match in HTML_PLACEHOLDER_RE.finditer(text or ""):
            yield element, self._parsed(int(match[1]))

    def _parsed(self, index: int) -> _RawHtml:
        if index not in self.raw:
            parser = _RawHtml()
            parser.feed(str(self.md.htmlStash.rawHtmlBlocks[index]))
            parser.close()
            self.raw[index] = parser
        return self.raw[index]

    def _record(self, element: etree.Element) -> None:
        found = self.found
        tag = element.tag
        classes = element.get("class", "").split()
        found.tags[tag] += 1
        if tag == "span" and "footnote" in classes:
            found.tags["footnote"] += 1
        if element_id := element.get("id"):
            found.ids.append(element_id)
        if tag == "a" and "footnote-again" in classes:
            return  # a later call of a footnote: made here, it always leads to its note
        alt = self._unescape(element.get("alt", "")) if tag == "img" else None
        for name, value in element.items():
            value = decode_references(self._unescape(value)).strip()
            if name in URL_ATTRIBUTES:
                found.references.append(Reference(tag, name, value, alt))
            elif name == "style":
                found.references += [Reference(tag, "style", url) for url in css_urls(value)]
        if tag == "a" and self._text(element).lower().rstrip(".") in VAGUE_LINK_TEXT:
            found.vague_links.append(element.get("href", ""))
        if tag == "div" and {"admonition", "key"} <= set(classes) and not found.key_messages:
            self._key_messages(element)

    def _key_messages(self, div: etree.Element) -> None:
        title = next((p for p in div if p.get("class") == "admonition-title"), None)
        # For an email: without the spans that only steer line breaking on paper.
        body = [_without_typesetting(child) for child in div if child is not title]
        self.found.key_messages = KeyMessages(
            title=self._text(title) if title is not None else "",
            points=tuple(self._text(item) for item in div.iter("li")),
            html=self._finish("".join(to_html_string(child) for child in body)).strip(),
        )

    def _inner_html(self, element: etree.Element) -> str:
        tail, element.tail = element.tail, None
        try:
            whole = to_html_string(element)
        finally:
            element.tail = tail
        return self._finish(whole[whole.index(">") + 1 : -len(f"</{element.tag}>")])

    def _finish(self, serialized: str) -> str:
        """Serialized HTML as Markdown finally writes it: escaped characters and raw HTML
        put back."""
        text = self._unescape(serialized)
        return self.md.postprocessors["raw_html"].run(text).replace(AMP_SUBSTITUTE, "&")

    def _unescape(self, text: str) -> str:
        unescape = self.md.treeprocessors["unescape"]
        assert isinstance(unescape, markdown.treeprocessors.UnescapeTreeprocessor)
        return unescape.unescape(text).replace(AMP_SUBSTITUTE, "&")

    def _text(self, element: etree.Element) -> str:
        """The text of an element as a reader sees it (raw HTML in it reduced to its text)."""
        text = self._unescape("".join(element.itertext()))
        return HTML_PLACEHOLDER_RE.sub(lambda m: self._parsed(int(m[1])).text, text).strip()


def _remove(root: etree.Element, element: etree.Element) -> None:
    """Take ``element`` out of the tree, keeping any text that followed it."""
    parent = next(p for p in root.iter() if element in list(p))
    index = list(parent).index(element)
    tail = (element.tail or "").strip()
    parent.remove(element)
    if tail:
        if index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


class _RawHtml(HTMLParser):
    """Raw HTML an author wrote in Markdown: its references, ids, tags and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[Reference] = []
        self.ids: list[str] = []
        self.tags: Counter[str] = Counter()
        self.parts: list[str] = []
        self.in_style = False

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag == "style"
        self.tags[tag] += 1
        values = {name: value for name, value in attrs if value is not None}
        alt = values.get("alt") if tag == "img" else None
        if "id" in values:
            self.ids.append(values["id"])
        for name, value in values.items():
            if name in URL_ATTRIBUTES:
                self.references.append(Reference(tag, name, value.strip(), alt))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.references.append(Reference(tag, name, candidate.split()[0]))
            elif name == "style":
                self.references += [Reference(tag, "style", url) for url in css_urls(value)]

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.references += [Reference("style", "css", url) for url in css_urls(data)]
        else:
            self.parts.append(data)


def _without_typesetting(element: etree.Element) -> etree.Element:
    """A copy of an element without the spans the typesetter added (their text kept)."""
    copy = deepcopy(element)
    for parent in list(copy.iter()):
        for index in reversed(range(len(parent))):
            child = parent[index]
            if child.tag == "span" and child.get("class") in _TYPESETTING:
                _unwrap(parent, index)
    return copy


_TYPESETTING = frozenset({"last-word"})


def _unwrap(parent: etree.Element, index: int) -> None:
    """Replace ``parent[index]`` by its text and children."""
    child = parent[index]
    text = child.text or ""
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    grandchildren = list(child)
    for offset, grandchild in enumerate(grandchildren):
        parent.insert(index + 1 + offset, grandchild)
    last = grandchildren[-1] if grandchildren else None
    if last is not None:
        last.tail = (last.tail or "") + (child.tail or "")
    elif index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + (child.tail or "")
    else:
        parent.text = (parent.text or "") + (child.tail or "")
    parent.remove(child)


def css_urls(css: str) -> list[str]:
    """The URLs a piece of CSS refers to, by ``url()`` or ``@import``."""
    return [(match[1] or match[2]).strip() for match in _CSS_URL.finditer(css)]
