"""Typography per language: the marks and spaces a typesetter would set.

Applied to every string an edition prints: Markdown text (after Markdown's own smart quotes),
front matter, settings and the interface words alike.
"""

from __future__ import annotations

import html
import re

from .tags import parse_language

NBSP = "\u00a0"
ZERO_WIDTH_SPACE, WORD_JOINER = "\u200b", "\u2060"
#: Languages that keep a one-letter word (a preposition or conjunction such as "в", "a",
#: "z") on the line of the word after it.
_ONE_LETTER_WORDS_BIND = frozenset({"ru", "uk", "be", "bg", "cs", "sk", "pl", "sl", "hr", "sr"})
_ONE_LETTER_WORD = re.compile(r"(?<![\w\u00ad])(\w) (?=\w)")
#: Korean breaks lines between words, at spaces: the line breaking rules of Unicode would
#: break between any two syllables, leaving a syllable alone at the end of a paragraph.
#: Places where a Hangul syllable meets another character of the same word.
_WITHIN_KOREAN_WORD = re.compile(
    "(?<=[\uac00-\ud7a3])(?=[^\\s\u2060])|(?<=[^\\s\u2060])(?=[\uac00-\ud7a3])"
)
#: A dash set off by spaces begins no line: the space before it does not break.
_SPACE_BEFORE_DASH = re.compile(r" (?=[\u2014\u2013] )")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=\w)'(?=s\b)")
_OPENING_DOUBLE = re.compile(r'(^|(?<=[\s(\[{\u2014\u2013/]))"')
_OPENING_SINGLE = re.compile(r"(^|(?<=[\s(\[{\u2014\u2013/]))'")


def quotes_of(tag: str) -> tuple[str, str]:
    """The language's double quotation marks, as characters."""
    opening, closing = parse_language(tag).quotes
    return html.unescape(opening), html.unescape(closing)


def typeset(text: str, tag: str) -> str:
    """A plain string (front matter, settings) with typographic quotes, apostrophes, dashes
    and ellipses, and the spacing rules of the language of ``tag``."""
    opening, closing = quotes_of(tag)
    text = hebrew_marks(text)
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    text = _APOSTROPHE.sub("\u2019", text)
    text = _OPENING_DOUBLE.sub(lambda m: m[1] + opening, text).replace('"', closing)
    text = _OPENING_SINGLE.sub(lambda m: m[1] + "\u2018", text).replace("'", "\u2019")
    return keep_together(text, tag)


#: Hebrew letters (alef to tav, final forms included).
_HEBREW = "\u05d0-\u05ea"
GERESH, GERSHAYIM = "\u05f3", "\u05f4"
_GERSHAYIM = re.compile(f'(?<=[{_HEBREW}])"(?=[{_HEBREW}])')
#: A geresh between two letters (צ'יפס), or after a one-letter word (ה', ר').
_GERESH = re.compile(f"(?<=[{_HEBREW}])'(?=[{_HEBREW}])|(?<=(?<![\\w'])[{_HEBREW}])'(?![\\w'])")
#: The geresh that ends a word with one inside it already (ג'ורג').
_LAST_GERESH = re.compile(f"({GERESH}[{_HEBREW}]+)'(?![\\w'])")
_HEBREW_MARK = re.compile(f"[{_HEBREW}]['\"]")


def hebrew_marks(text: str) -> str:
    """Text with the Hebrew marks typed as straight quotes set as they are printed: ``"``
    between Hebrew letters is gershayim (U+05F4), ``'`` after a Hebrew letter a geresh
    (U+05F3). Done before quotation marks are made, which would turn them into quotes."""
    if not _HEBREW_MARK.search(text):
        return text
    text = _GERSHAYIM.sub(GERSHAYIM, text)
    text = _GERESH.sub(GERESH, text)
    return _LAST_GERESH.sub(lambda m: m[1] + GERESH, text)


def keep_together(text: str, tag: str) -> str:
    """Non-breaking spaces where the language keeps words together: before a dash that is
    set off by spaces, and in some languages after a one-letter word; in Korean, word
    joiners within words, so that lines break only between them."""
    text = _SPACE_BEFORE_DASH.sub(NBSP, text)
    language = parse_language(tag).locale.language
    if language in _ONE_LETTER_WORDS_BIND:
        text = _ONE_LETTER_WORD.sub(lambda m: m[1] + NBSP, text)
    elif language == "ko":
        text = _WITHIN_KOREAN_WORD.sub(WORD_JOINER, text)
    return text


def bind_last_words(text: str) -> str:
    """A label or a title whose last two words stay on one line (a no-break space between
    them), so that it never ends with a word alone; unchanged when it is too short to need
    it. A space, not an element: text in another direction must stay one run."""
    words = text.rstrip().split(" ")
    if len(words) < 3 or len(words[-1]) + len(words[-2]) > 30:
        return text
    return " ".join(words[:-1]) + NBSP + words[-1] + text[len(text.rstrip()) :]


#: Where a web or email address may break: after these, never at a hyphen of its own.
_ADDRESS_BREAKS = re.compile(r"(?<=[/.@?&=])(?=.)")
_ADDRESS = re.compile(r"^(?:[a-z][\w+.-]*://|mailto:|www\.)\S+$|^[^\s@]+@[^\s@]+\.\w+$", re.I)


def is_address(text: str) -> bool:
    """Whether ``text`` is a web or email address, as printed (``example.org/x`` included)."""
    text = text.strip()
    return bool(_ADDRESS.match(text)) or bool(re.match(r"^[\w-]+(\.[\w-]+)+/\S*$", text))


def breakable_address(address: str) -> str:
    """An address as printed: it may break after ``/``, ``.``, ``@``, ``?``, ``&`` and ``=``
    (a zero-width space), never after a hyphen of its own (a word joiner), and nothing is
    added where it breaks. Both marks are invisible, and copy out of the PDF as nothing."""
    joined = address.replace("-", "-" + WORD_JOINER)
    return _ADDRESS_BREAKS.sub(ZERO_WIDTH_SPACE, joined)
