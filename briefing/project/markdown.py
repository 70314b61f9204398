"""Markdown to HTML, the way a briefing needs it, learning everything about the result in the
same pass.

Python-Markdown does the parsing. Two tree processors of ours then work on its element tree:
the first shapes it for print (footnotes become inline elements the renderer floats to the
page foot, an image alone in its paragraph becomes a figure with its title as caption,
call-outs get their default titles, links to other section files become links inside the
PDF); the last, once every other processor has run, takes the title out and records what the
checks need: ids, references, counts, vague links and the key messages. Raw HTML that an
author wrote is not in the tree (Markdown keeps it aside until the end); it is read where it
stands, so its references are checked too.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Iterator, Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from ..languages.catalogs import CALLOUT_TITLES
from ..languages.tags import parse_language
from ..languages.typography import (
    NBSP,
    bind_last_words,
    breakable_address,
    is_address,
    keep_together,
)
from .model import KeyMessages, Markup, Reference
from .naming import anchor_for

WORD_JOINER = "\u2060"
#: Link texts that tell a screen-reader user nothing when read out of context.
VAGUE_LINK_TEXT = frozenset(
    {"here", "click here", "this", "this link", "link", "more", "read more", "click"}
)
EXTENSIONS = ["extra", "admonition", "smarty", "sane_lists"]
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Attributes whose value is a URL to fetch or follow.
URL_ATTRIBUTES = frozenset({"src", "href", "data", "poster", "xlink:href", "background"})
_SECTION_LINK = re.compile(r"^(?P<stem>\d[^/]*)\.md(?:#(?P<fragment>.*))?$")
#: URLs in CSS: url(...) and @import "...".
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def markdown_to_html(
    text: str,
    id_prefix: str,
    language: str = "en",
    callout_titles: Mapping[str, str] = CALLOUT_TITLES,
) -> Markup:
    """Convert Markdown written in ``language`` to HTML; ids of headings start with
    ``id_prefix``.

    Straight quotes become the language's, and its spacing rules apply; call-outs without a
    title get theirs from ``callout_titles``. The first level-1 heading is taken out and
    returned as the title.
    """
    md, extension = _converter(language, tuple(sorted(callout_titles.items())))
    md.reset()
    found = extension.start(id_prefix)
    body = md.convert(text)
    return Markup(
        html=body,
        title_html=found.title_html,
        title=found.title,
        ids=tuple(found.ids),
        references=tuple(found.references),
        structure={
            "footnotes": found.tags["footnote"],
            "images": found.tags["img"],
            "tables": found.tags["table"],
            "links": sum(1 for ref in found.references if ref.is_link),
            "headings": sum(found.tags[h] for h in HEADINGS) + (found.title_html is not None),
        },
        vague_links=tuple(found.vague_links),
        key_messages=found.key_messages,
    )


@functools.lru_cache(maxsize=16)
def _converter(
    language: str, callout_titles: tuple[tuple[str, str], ...]
) -> tuple[markdown.Markdown, _BriefingExtension]:
    """A converter for these options, made once and reused (reset) for each text."""
    quotes = parse_language(language).quotes
    smarty = {"substitutions": {"left-double-quote": quotes[0], "right-double-quote": quotes[1]}}
    extension = _BriefingExtension(language, dict(callout_titles))
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, extension], extension_configs={"smarty": smarty}
    )
    return md, extension


@dataclass
class _Found:
    """What the collector learnt of a document."""

    title_html: str | None = None
    title: str | None = None
    ids: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    tags: Counter[str] = field(default_factory=Counter)
    vague_links: list[str] = field(default_factory=list)
    key_messages: KeyMessages | None = None


class _BriefingExtension(markdown.Extension):
    def __init__(self, language: str, callout_titles: Mapping[str, str]) -> None:
        super().__init__()
        self.language = language
        self.callout_titles = callout_titles
        #: The text being converted: the prefix of its ids, and what is learnt of it.
        self.id_prefix = ""
        self.found = _Found()

    def start(self, id_prefix: str) -> _Found:
        """Get ready for the next text."""
        self.id_prefix, self.found = id_prefix, _Found()
        return self.found

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # The shaper runs after the footnotes (50, 15) and inline (20) processors; the
        # typesetter and the collector after attribute lists (8) and smart quotes (6), before
        # unescaping (0).
        md.treeprocessors.register(_PrintShaper(md, self), "briefing-shape", 12)
        md.treeprocessors.register(_Typesetter(md, self), "briefing-typeset", 5.5)
        md.treeprocessors.register(_Collector(md, self), "briefing-collect", 5)


class _PrintShaper(Treeprocessor):
    def __init__(self, md: markdown.Markdown, extension: _BriefingExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.callout_titles = extension.callout_titles
        self.id_prefix = ""

    def run(self, root: etree.Element) -> None:
        self.id_prefix = self.extension.id_prefix
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
            section = anchor_for(match["stem"])
            fragment = match["fragment"]
            link.set("href", f"#{section}-{fragment}" if fragment else f"#{section}")
        elif href.startswith("#") and f"{self.id_prefix}-{href[1:]}" in heading_ids:
            link.set("href", f"#{self.id_prefix}-{href[1:]}")


class _Typesetter(Treeprocessor):
    """The language's spacing rules on all text but code; the last two words of titles and
    labels kept on one line; addresses in link texts set so that they break only after ``/``,
    ``.`` or ``@``, and are never hyphenated."""

    def __init__(self, md: markdown.Markdown, extension: _BriefingExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        # Right-to-left scripts are not hyphenated; nor is a word in another script within
        # them (its language is the page's, which has no hyphenation dictionary).
        hyphenated = parse_language(self.extension.language).direction == "ltr"
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in root.iter():
            if element.tag not in _CODE:
                element.text = self._keep_together(element.text)
            parent = parents.get(element)
            if parent is not None and parent.tag not in _CODE:
                element.tail = self._keep_together(element.tail)
        for element in root.iter():
            classes = element.get("class", "").split()
            if element.tag in _TITLES or "admonition-title" in classes:
                _bind_last_words(element)
            elif element.tag in ("p", "li") and "footnote-para" not in classes and hyphenated:
                _protect_last_word(element)
            elif element.tag == "a" and len(element) == 0:
                text = self._unstashed(element.text or "")
                if is_address(text):
                    _set_address(element, text)

    def _keep_together(self, text: str | None) -> str | None:
        if not text:
            return text
        stash = self.md.htmlStash.rawHtmlBlocks

        def before_dash(match: re.Match[str]) -> str:
            dash = str(stash[int(match[1])]) if int(match[1]) < len(stash) else ""
            return NBSP if dash in _DASH_ENTITIES else " "

        text = _SPACE_BEFORE_STASHED.sub(before_dash, text)  # a dash Markdown made of "--"
        return keep_together(text, self.extension.language)

    def _unstashed(self, text: str) -> str:
        """Text with what Markdown set aside put back as characters (an email address in
        angle brackets is set aside as character references)."""
        stash = self.md.htmlStash.rawHtmlBlocks
        text = HTML_PLACEHOLDER_RE.sub(lambda m: html.unescape(str(stash[int(m[1])])), text)
        return _decode_references(text.replace(AMP_SUBSTITUTE, "&"))


_CODE = frozenset({"code", "pre", "kbd", "samp"})
_TITLES = frozenset({"h1", "h2", "h3", "h4", "th", "figcaption"})
_DASH_ENTITIES = frozenset({"&mdash;", "&ndash;", "\u2014", "\u2013"})
#: Numeric character references: how Markdown writes the email address of an autolink.
_CHARACTER_REFERENCE = re.compile(r"&#\d+;")
_SPACE_BEFORE_STASHED = re.compile(" (?=" + HTML_PLACEHOLDER_RE.pattern + " )")


def _without_typesetting(element: etree.Element) -> etree.Element:
    """A copy of an element without the spans the typesetter added (their text kept)."""
    copy = deepcopy(element)
    for parent in list(copy.iter()):
        for index in reversed(range(len(parent))):
            child = parent[index]
            if child.tag == "span" and child.get("class") in _TYPESETTING:
                _unwrap(parent, index)
    return copy


_TYPESETTING = frozenset({"last-word", "together"})


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


def _decode_references(text: str) -> str:
    """Text with its numeric character references (``&#64;``) as the characters."""
    return _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m[0]), text)


def _bind_last_words(element: etree.Element) -> None:
    """The last two words of an element's text kept on one line (where they are plain
    text)."""
    children = list(element)
    if not children:
        element.text = bind_last_words(element.text or "")
    elif children[-1].tail and children[-1].tail.strip():
        children[-1].tail = bind_last_words(children[-1].tail)


def _protect_last_word(block: etree.Element) -> None:
    """The last word of a paragraph set apart, so that it is never hyphenated: a paragraph
    does not end on half a word."""
    slots: list[tuple[etree.Element, str]] = []  # (element, "text" or "tail"), in order

    def visit(element: etree.Element) -> None:
        slots.append((element, "text"))
        for child in element:
            if not (child.tag == "span" and child.get("class") == "footnote") and child.tag not in (
                "ul",
                "ol",
                "p",
            ):
                visit(child)
            slots.append((child, "tail"))

    visit(block)
    for element, slot in reversed(slots):
        text = getattr(element, slot) or ""
        match = _LAST_WORD.search(text)
        if match is None:
            continue
        if _has_right_to_left(text):
            return  # set apart, a right-to-left word would be put on the wrong side
        if element.tag in ("code", "kbd", "samp", "a") and slot == "text":
            return  # code and link texts are left as they are
        word = etree.Element("span", {"class": "last-word"})
        word.text, word.tail = match[0], text[match.end() :] or None
        setattr(element, slot, text[: match.start()])
        if slot == "text":
            element.insert(0, word)
        else:
            parent = next(p for p in block.iter() if element in list(p))
            parent.insert(list(parent).index(element) + 1, word)
        return


def _has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


_LAST_WORD = re.compile(r"[^\s\u00a0]*[^\W\d_][^\s\u00a0]*(?=[\s\u00a0]*$)")


def _set_address(link: etree.Element, address: str) -> None:
    """A link's text, an address, set to read left to right in any edition and to break
    only where an address may."""
    link.text = None
    span = etree.SubElement(link, "span", {"class": "address", "dir": "ltr"})
    span.text = breakable_address(address)


class _Collector(Treeprocessor):
    """Takes the title out of the tree and records what the checks and the email need."""

    def __init__(self, md: markdown.Markdown, extension: _BriefingExtension) -> None:
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
        alt = self._unescape(element.get("alt", "")) if tag == "img" else None
        for name, value in element.items():
            value = _decode_references(self._unescape(value)).strip()
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


def css_urls(css: str) -> list[str]:
    """The URLs a piece of CSS refers to, by ``url()`` or ``@import``."""
    return [(match[1] or match[2]).strip() for match in _CSS_URL.finditer(css)]


def slugify(text: str) -> str:
    text = HTML_PLACEHOLDER_RE.sub("", text).lower()
    return re.sub(r"[^\w]+", "-", text).strip("-") or "section"


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
