"""Markdown to HTML, the way a briefing needs it.

Python-Markdown does the parsing; one tree processor then shapes the result for print:
footnotes become inline elements the renderer floats to the page foot, an image alone in its
paragraph becomes a figure with its title as caption, call-outs get their default titles, and
links to other section files become links inside the PDF.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import html
import json
import os
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor

from .i18n import CALLOUT_TITLES

WORD_JOINER = "\u2060"
#: Link texts that tell a screen-reader user nothing when read out of context.
VAGUE_LINK_TEXT = frozenset(
    {"here", "click here", "this", "this link", "link", "more", "read more", "click"}
)
EXTENSIONS = ["extra", "admonition", "smarty", "sane_lists"]
_SECTION_LINK = re.compile(r"^(?P<stem>[^/]+)\.md(?:#(?P<fragment>.*))?$")
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
_H1 = re.compile(r"<h1(?:\s[^>]*)?>(?P<inner>.*?)</h1>\s*", re.S)
_TAG = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"<h[1-6][\s>]")
#: URLs in CSS: url(...) and @import "...".
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


@dataclass(frozen=True, slots=True)
class Reference:
    """A URL that the HTML refers to: a resource to fetch (``src``) or a link (``href``)."""

    tag: str
    attribute: str
    url: str
    #: The alt text of an image (None when the attribute is missing).
    alt: str | None = None

    @property
    def is_link(self) -> bool:
        return self.tag == "a" and self.attribute == "href"


@dataclass(frozen=True, slots=True)
class Markup:
    """The HTML made from one Markdown text."""

    html: str
    title_html: str | None
    references: tuple[Reference, ...]
    footnotes: int
    #: Links whose text says nothing of where they lead ("here", "click here").
    vague_links: tuple[str, ...] = ()

    @property
    def title(self) -> str | None:
        return None if self.title_html is None else plain_text(self.title_html)

    @property
    def structure(self) -> dict[str, int]:
        """What a faithful translation keeps: counts of footnotes, images, tables, links and
        headings (the title included)."""
        return {
            "footnotes": self.footnotes,
            "images": sum(1 for r in self.references if r.tag == "img"),
            "tables": self.html.count("<table"),
            "links": sum(1 for r in self.references if r.is_link),
            "headings": len(_HEADING.findall(self.html)) + (self.title_html is not None),
        }


def cached_markdown_to_html(
    cache_dir: Path | None,
    text: str,
    id_prefix: str,
    quotes: tuple[str, str],
    callout_titles: Mapping[str, str],
) -> Markup:
    """:func:`markdown_to_html`, remembered on disk by a digest of everything it depends on,
    so that rebuilding a large project does not convert every Markdown file again.
    Without a ``cache_dir``, it converts and remembers nothing."""
    if cache_dir is None:
        return markdown_to_html(text, id_prefix, quotes, callout_titles)
    depends_on = [_code_version(), text, id_prefix, quotes, sorted(callout_titles.items())]
    key = hashlib.sha256(json.dumps(depends_on).encode()).hexdigest()
    path = cache_dir / key[:2] / f"{key}.json"
    try:
        data = json.loads(path.read_text("utf-8"))
        data["references"] = tuple(Reference(**r) for r in data["references"])
        data["vague_links"] = tuple(data["vague_links"])
        return Markup(**data)
    except (OSError, ValueError, TypeError, KeyError):
        pass  # not remembered yet (or unreadable): convert it below
    markup = markdown_to_html(text, id_prefix, quotes, callout_titles)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(dataclasses.asdict(markup)), "utf-8")
        os.replace(temporary, path)
    return markup


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """This module's code and Markdown's version: a change to either makes new HTML."""
    return hashlib.sha256(Path(__file__).read_bytes() + markdown.__version__.encode()).hexdigest()


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, tags removed and entities decoded."""
    return html.unescape(_TAG.sub("", fragment)).strip()


def slugify(text: str) -> str:
    text = _PLACEHOLDER.sub("", text).lower()
    return re.sub(r"[^\w]+", "-", text).strip("-") or "section"


def markdown_to_html(
    text: str,
    id_prefix: str,
    quotes: tuple[str, str] = ("&ldquo;", "&rdquo;"),
    callout_titles: Mapping[str, str] = CALLOUT_TITLES,
) -> Markup:
    """Convert Markdown to HTML; ids of headings start with ``id_prefix``.

    Straight double quotes become ``quotes``; call-outs without a title get theirs from
    ``callout_titles``. The first level-1 heading is taken out and returned as the title.
    """
    smarty = {"substitutions": {"left-double-quote": quotes[0], "right-double-quote": quotes[1]}}
    shaper = _BriefingExtension(id_prefix, callout_titles)
    md = markdown.Markdown(extensions=[*EXTENSIONS, shaper], extension_configs={"smarty": smarty})
    body = md.convert(text)
    title_html = None
    if match := _H1.search(body):
        title_html = match["inner"].strip()
        body = body[: match.start()] + body[match.end() :]
    return Markup(
        html=body,
        title_html=title_html,
        references=collect_references(body),
        footnotes=body.count('class="footnote"'),
        vague_links=tuple(shaper.vague_links),
    )


class _BriefingExtension(markdown.Extension):
    def __init__(self, id_prefix: str, callout_titles: Mapping[str, str]) -> None:
        super().__init__()
        self.id_prefix = id_prefix
        self.callout_titles = callout_titles
        #: Links whose text says nothing of where they lead, found by the tree processor.
        self.vague_links: list[str] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the footnotes (50, 15) and inline (20) processors, before prettify (10).
        shaper = _PrintShaper(md, self.id_prefix, self.callout_titles, self.vague_links)
        md.treeprocessors.register(shaper, "briefing", 12)


class _PrintShaper(Treeprocessor):
    def __init__(
        self,
        md: markdown.Markdown,
        id_prefix: str,
        callout_titles: Mapping[str, str],
        vague_links: list[str],
    ) -> None:
        super().__init__(md)
        self.id_prefix = id_prefix
        self.callout_titles = callout_titles
        self.vague_links = vague_links

    def run(self, root: etree.Element) -> None:
        self._float_footnotes(root)
        seen_h1 = False
        used_ids: set[str] = set()
        for element in list(root.iter()):
            tag = element.tag
            if tag == "h1":
                if seen_h1:
                    element.tag = "h2"  # one title per section; later ones become subheadings
                seen_h1 = True
            if element.tag in ("h2", "h3", "h4") and "id" not in element.attrib:
                element.set("id", self._unique_id("".join(element.itertext()), used_ids))
            elif tag == "p":
                self._make_figure(element)
            elif tag == "div" and "admonition" in element.get("class", "").split():
                self._title_callout(element)
        for link in root.iter("a"):
            self._resolve_link(link, used_ids)
            text = _PLACEHOLDER.sub("", "".join(link.itertext())).strip().lower().rstrip(".")
            if text in VAGUE_LINK_TEXT:
                self.vague_links.append(link.get("href", ""))

    def _unique_id(self, text: str, used: set[str]) -> str:
        base = f"{self.id_prefix}-{slugify(text)}"
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        return candidate

    def _float_footnotes(self, root: etree.Element) -> None:
        notes_div = next((d for d in root.iter("div") if d.get("class") == "footnote"), None)
        if notes_div is None:
            return
        notes = {li.get("id"): li for li in notes_div.iter("li")}
        root.remove(notes_div)
        for parent in list(root.iter()):
            for index, sup in enumerate(list(parent)):
                if sup.tag != "sup" or not sup.get("id", "").startswith("fnref"):
                    continue
                link = sup.find("a")
                target = (link.get("href", "") if link is not None else "").lstrip("#")
                note = notes.get(target)
                if note is None:
                    continue
                span = _note_element(note)
                span.tail = sup.tail
                # A word joiner keeps the call on the line of the word it follows.
                if index:
                    parent[index - 1].tail = (parent[index - 1].tail or "") + WORD_JOINER
                else:
                    parent.text = (parent.text or "") + WORD_JOINER
                parent.remove(sup)
                parent.insert(index, span)

    def _make_figure(self, paragraph: etree.Element) -> None:
        children = list(paragraph)
        if (
            len(children) != 1
            or children[0].tag != "img"
            or (paragraph.text or "").strip()
            or (children[0].tail or "").strip()
        ):
            return
        image = children[0]
        image.tail = None
        paragraph.tag = "figure"
        caption = image.attrib.pop("title", None)
        if caption:
            figcaption = etree.SubElement(paragraph, "figcaption")
            figcaption.text = caption

    def _title_callout(self, div: etree.Element) -> None:
        kind = div.get("class", "").split()[-1]
        title = next((p for p in div if p.get("class") == "admonition-title"), None)
        if kind in self.callout_titles and title is not None and title.text == kind.title():
            title.text = self.callout_titles[kind]

    def _resolve_link(self, link: etree.Element, heading_ids: set[str]) -> None:
        """Point links to sections and headings at their ids inside the PDF.

        ``02-name.md`` leads to that section, ``02-name.md#heading`` to a heading in it, and
        ``#heading`` to a heading of this file (ids are unique across the whole pack).
        """
        href = link.get("href", "")
        if match := _SECTION_LINK.match(href):
            if re.match(r"^\d", match["stem"]):
                section = f"sec-{match['stem']}"
                fragment = match["fragment"]
                link.set("href", f"#{section}-{fragment}" if fragment else f"#{section}")
        elif href.startswith("#") and f"{self.id_prefix}-{href[1:]}" in heading_ids:
            link.set("href", f"#{self.id_prefix}-{href[1:]}")


def _note_element(item: etree.Element) -> etree.Element:
    """A footnote's list item turned into an inline element floated to the page foot."""
    span = etree.Element("span", {"class": "footnote"})
    for holder in list(item.iter()):
        for index, child in enumerate(list(holder)):
            if child.tag == "a" and child.get("class") == "footnote-backref":
                if index:
                    before = holder[index - 1]
                    before.tail = _without_nbsp(before.tail)
                else:
                    holder.text = _without_nbsp(holder.text)
                holder.remove(child)
    blocks = list(item)
    if len(blocks) == 1 and blocks[0].tag == "p":
        span.text = blocks[0].text
        span.extend(list(blocks[0]))
        return span
    for block in blocks:
        if block.tag == "p":
            block.tag = "span"
            block.set("class", "footnote-para")
        span.append(block)
    return span


def _without_nbsp(text: str | None) -> str | None:
    """Text without the non-breaking space Markdown puts before a footnote's back link."""
    return (text or "").removesuffix(NBSP_PLACEHOLDER).rstrip() or None


class _ReferenceCollector(HTMLParser):
    ATTRIBUTES = frozenset({"src", "href", "data", "poster", "xlink:href", "background"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []
        self.in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            for match in _CSS_URL.finditer(data):
                self.found.append(Reference("style", "css", _css_url(match)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag == "style"
        alt = dict(attrs).get("alt") if tag == "img" else None
        for name, value in attrs:
            if value is None:
                continue
            if name in self.ATTRIBUTES:
                self.found.append(Reference(tag, name, value.strip(), alt))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.found.append(Reference(tag, name, candidate.split()[0]))
            elif name == "style":
                for match in _CSS_URL.finditer(value):
                    self.found.append(Reference(tag, "style", _css_url(match)))


class _TextCollector(HTMLParser):
    """The text an HTML document prints: its text nodes, and strings in its stylesheets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag in ("style", "script")
        self.parts.extend(value for name, value in attrs if name == "alt" and value)

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.parts.extend(re.findall(r"content:\s*([^;]*)", data))
        else:
            self.parts.append(data)


def visible_text(document: str) -> str:
    """Every character an HTML document can print."""
    collector = _TextCollector()
    collector.feed(document)
    collector.close()
    return "\n".join(collector.parts)


def _css_url(match: re.Match) -> str:
    return (match[1] or match[2]).strip()


def collect_references(fragment: str) -> tuple[Reference, ...]:
    """Every URL an HTML fragment refers to, in document order."""
    collector = _ReferenceCollector()
    collector.feed(fragment)
    collector.close()
    return tuple(collector.found)
