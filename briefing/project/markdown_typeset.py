"""Typesetting Markdown's element tree: the language's spacing rules on all text but code,
the last two words of titles and labels kept on one line, the last word of a paragraph never
hyphenated, and addresses in link texts set to read left to right and break only where an
address may."""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from typing import Protocol

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE, AtomicString

from ..languages.tags import parse_language
from ..languages.typography import (
    NBSP,
    bind_last_words,
    breakable_address,
    hebrew_marks,
    is_address,
    keep_together,
)


class _Converting(Protocol):
    #: The language of the text being converted.
    language: str


class Typesetter(Treeprocessor):
    """The language's spacing rules on all text but code; the last two words of titles and
    labels kept on one line; addresses in link texts set so that they break only after ``/``,
    ``.`` or ``@``, and are never hyphenated."""

    def __init__(self, md: markdown.Markdown, extension: _Converting) -> None:
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
        return decode_references(text.replace(AMP_SUBSTITUTE, "&"))


class HebrewMarks(Treeprocessor):
    """Gershayim and geresh where Hebrew is typed with straight quotes (הנ"ל, ג'), in all
    text but code: run before smart quotes, which would make them quotation marks."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in _CODE:
                continue
            if element.text and not isinstance(element.text, AtomicString):
                element.text = hebrew_marks(element.text)
            for child in element:
                if child.tail and not isinstance(child.tail, AtomicString):
                    child.tail = hebrew_marks(child.tail)


_CODE = frozenset({"code", "pre", "kbd", "samp"})
_TITLES = frozenset({"h1", "h2", "h3", "h4", "th", "figcaption"})
_DASH_ENTITIES = frozenset({"&mdash;", "&ndash;", "\u2014", "\u2013"})
#: Numeric character references: how Markdown writes the email address of an autolink.
_CHARACTER_REFERENCE = re.compile(r"&#\d+;")
_SPACE_BEFORE_STASHED = re.compile(" (?=" + HTML_PLACEHOLDER_RE.pattern + " )")


def decode_references(text: str) -> str:
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
        span = _last_word(text)
        if span is None:
            continue
        if _has_right_to_left(text):
            return  # set apart, a right-to-left word would be put on the wrong side
        if element.tag in ("code", "kbd", "samp", "a") and slot == "text":
            return  # code and link texts are left as they are
        word = etree.Element("span", {"class": "last-word"})
        start, end = span
        word.text, word.tail = text[start:end], text[end:] or None
        setattr(element, slot, text[:start])
        if slot == "text":
            element.insert(0, word)
        else:
            parent = next(p for p in block.iter() if element in list(p))
            parent.insert(list(parent).index(element) + 1, word)
        return


def _has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _last_word(text: str) -> tuple[int, int] | None:
    """Where the text's last word is (its last run of characters other than spaces, if it
    has a letter), or None. Found from the end in one pass: a regular expression searching
    for it took time growing with the cube of a long run's length."""
    end = len(text.rstrip())  # str.isspace is what \s matches; it includes no-break spaces
    start = end
    while start and not text[start - 1].isspace():
        start -= 1
    if any(char.isalnum() and not char.isdecimal() for char in text[start:end]):
        return start, end
    return None


def _set_address(link: etree.Element, address: str) -> None:
    """A link's text, an address, set to read left to right in any edition and to break
    only where an address may."""
    link.text = None
    span = etree.SubElement(link, "span", {"class": "address", "dir": "ltr"})
    span.text = breakable_address(address)
