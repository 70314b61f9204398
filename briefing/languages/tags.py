"""Language tags: which language a BCP 47 tag names, its direction, quotation marks and name."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..errors import UsageError
from .fonts import Fonts, fonts_for
from .quotes import as_html, quotation_marks

if TYPE_CHECKING:
    from babel import Locale

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True, slots=True)
class Language:
    """A language an edition is printed in."""

    tag: str
    locale: Locale

    @property
    def catalog_id(self) -> str:
        """The folder name of its catalog (``zh_Hans``), as gettext and Babel spell it."""
        return str(self.locale)

    @property
    def direction(self) -> Direction:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def fonts(self) -> Fonts:
        return fonts_for(self.tag)

    @property
    def quotes(self) -> tuple[str, str]:
        """Opening and closing double quotation marks, as HTML: this tool's choice where
        QUOTES makes one, else the language's in the Unicode CLDR."""
        opening, closing = quotation_marks(self.locale, QUOTES)
        return as_html(opening), as_html(closing)

    def name(self, in_language: Language | None = None) -> str:
        """The language's name, written in ``in_language`` (default: itself)."""
        locale = in_language.locale if in_language else self.locale
        return str(self.locale.get_display_name(locale))


#: Double quotation marks where this tool departs from CLDR (languages/quotes.py), by
#: language (or ``language-REGION``): French sets them off with narrow no-break spaces, and
#: Arabic prints guillemets.
QUOTES = {
    "fr": ("&laquo;&#8239;", "&#8239;&raquo;"),
    "es": ("&laquo;", "&raquo;"),
    "ru": ("&laquo;", "&raquo;"),
    "ar": ("&laquo;", "&raquo;"),
    "de": ("&bdquo;", "&ldquo;"),
}


class UnknownLanguage(UsageError):
    """A language tag that Babel does not know."""

    def __init__(self, tag: str) -> None:
        super().__init__(f"{tag!r} is not a language tag this tool knows")
        self.tag = tag


@functools.lru_cache(maxsize=64)
def parse_language(tag: str) -> Language:
    """The language a BCP 47 tag names (``fr``, ``zh-Hans``, ``pt-BR``), or UnknownLanguage."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag.strip(), sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        raise UnknownLanguage(tag) from None
    return Language(tag=_canonical_case(tag.strip()), locale=locale)


def _canonical_case(tag: str) -> str:
    """``zh-hans-cn`` as BCP 47 writes it: ``zh-Hans-CN``."""
    parts = tag.replace("_", "-").split("-")
    return "-".join(
        [parts[0].lower()]
        + [p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p for p in parts[1:]]
    )


def canonical_tags(tags: Sequence[str] | None) -> tuple[str, ...] | None:
    """Language tags as BCP 47 writes them (``zh-hans`` is ``zh-Hans``); UnknownLanguage for
    one this tool does not know. None stays None (all languages)."""
    return None if tags is None else tuple(parse_language(tag).tag for tag in tags)
