"""Markdown to HTML, the way a briefing needs it, learning everything about the result in the
same pass.

Python-Markdown does the parsing. Three tree processors of ours then work on its element
tree: the first shapes it for print (footnotes become inline elements the renderer floats to
the page foot, an image alone in its paragraph becomes a figure with its title as caption,
call-outs get their default titles, links to other section files become links inside the
PDF); the typesetter (``markdown_typeset``) applies the language's rules; the last, the
collector (``markdown_collect``), takes the title out and records what the checks need.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping

import markdown
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from ..languages.catalogs import CALLOUT_TITLES
from ..languages.tags import parse_language
from .markdown_collect import HEADINGS, Collector, Found
from .markdown_typeset import HebrewMarks, Typesetter
from .model import Markup
from .naming import anchor_for

WORD_JOINER = "\u2060"
EXTENSIONS = ["extra", "admonition", "smarty", "sane_lists"]
_SECTION_LINK = re.compile(r"^(?P<stem>\d[^/]*)\.md(?:#(?P<fragment>.*))?$")


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


def markdown_line(text: str, language: str = "en") -> tuple[str, str]:
    """One line of inline Markdown (a title in front matter) as HTML and as plain text, set
    as the body text of ``language`` is: ``_Contributor Covenant_`` gives
    ``<em>Contributor Covenant</em>`` and ``Contributor Covenant``.

    It is converted as a heading, so that nothing in it starts a block (``1. Context`` is not
    a list); a ``#`` at its end is kept (``C#``), which a heading would drop.
    """
    line = " ".join(text.split())
    if line.endswith("#"):
        line = line[:-1] + "\\#"
    markup = markdown_to_html(f"# {line}", "title", language)
    return markup.title_html or "", markup.title or ""


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


class _BriefingExtension(markdown.Extension):
    def __init__(self, language: str, callout_titles: Mapping[str, str]) -> None:
        super().__init__()
        self.language = language
        self.callout_titles = callout_titles
        #: The text being converted: the prefix of its ids, and what is learnt of it.
        self.id_prefix = ""
        self.found = Found()

    def start(self, id_prefix: str) -> Found:
        """Get ready for the next text."""
        self.id_prefix, self.found = id_prefix, Found()
        return self.found

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # The shaper runs after the footnotes (50, 15) and inline (20) processors, the Hebrew
        # marks before smart quotes (6); the typesetter and the collector after attribute
        # lists (8) and smart quotes, before unescaping (0).
        md.treeprocessors.register(_PrintShaper(md, self), "briefing-shape", 12)
        md.treeprocessors.register(HebrewMarks(md), "briefing-hebrew", 7)
        md.treeprocessors.register(Typesetter(md, self), "briefing-typeset", 5.5)
        md.treeprocessors.register(Collector(md, self), "briefing-collect", 5)


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
        """Each note floated to the page foot at its first call; a later call of the same note
        links to it and prints its number (a note cited three times prints once)."""
        notes_div = next((d for d in root.iter("div") if d.get("class") == "footnote"), None)
        if notes_div is None:
            return
        notes = {li.get("id"): li for li in notes_div.iter("li")}
        root.remove(notes_div)
        #: Each note placed so far (by its id in Markdown's list), with its parent.
        placed: dict[str, tuple[etree.Element, etree.Element]] = {}
        for parent in list(root.iter()):
            for sup in list(parent):
                if sup.tag != "sup" or not sup.get("id", "").startswith("fnref"):
                    continue
                link = sup.find("a")
                target = (link.get("href", "") if link is not None else "").lstrip("#")
                note = notes.get(target)
                if note is None:
                    continue
                if target in placed:
                    call = self._later_call(*placed[target], number=list(placed).index(target))
                else:
                    call = _note_element(note)
                    placed[target] = (call, parent)
                index = list(parent).index(sup)
                call.tail = sup.tail
                # A word joiner keeps the call on the line of the word it follows.
                if index:
                    parent[index - 1].tail = (parent[index - 1].tail or "") + WORD_JOINER
                else:
                    parent.text = (parent.text or "") + WORD_JOINER
                parent.remove(sup)
                parent.insert(index, call)

    def _later_call(
        self, note: etree.Element, note_parent: etree.Element, number: int
    ) -> etree.Element:
        """A later call of a note already placed: a link to the note that shows its number.

        The renderer counts a note once its element is laid out, so the number is read from
        an empty element right after the first call (added when a second call needs it).
        Ids with two dashes are never a heading's (``slugify`` makes single ones).
        """
        note_id = f"{self.id_prefix}--note-{number + 1}"
        after_id = f"{note_id}-call"
        if note.get("id") != note_id:
            note.set("id", note_id)
            after = etree.Element("span", {"class": "footnote-after", "id": after_id})
            after.tail, note.tail = note.tail, None
            note_parent.insert(list(note_parent).index(note) + 1, after)
        return etree.Element(
            "a", {"class": "footnote-again", "href": f"#{note_id}", "data-call": f"#{after_id}"}
        )

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


def slugify(text: str) -> str:
    text = HTML_PLACEHOLDER_RE.sub("", text).lower()
    return re.sub(r"[^\w]+", "-", text).strip("-") or "section"


def _note_element(item: etree.Element) -> etree.Element:
    """A footnote's list item turned into an inline element floated to the page foot."""
    span = etree.Element("span", {"class": "footnote"})
    for holder in list(item.iter()):
        # A note cited several times has a back link for each call.
        for child in [c for c in holder if c.tag == "a" and c.get("class") == "footnote-backref"]:
            index = list(holder).index(child)
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
