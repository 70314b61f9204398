"""Language tags: which language a BCP 47 tag names, its direction, quotation marks and name."""

from __future__ import annotations

import difflib
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
    """A language tag that Babel does not know; says which known tags it may stand for."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.suggestions = suggest_tags(tag)
        hint = ""
        if self.suggestions:
            hint = f" (did you mean {quoted_tags(self.suggestions, 'or')}?)"
        super().__init__(f"{tag!r} is not a language tag this tool knows{hint}")


def quoted_tags(tags: Sequence[str], conjunction: str = "and") -> str:
    """Tags in double quotes, as a list in a sentence: ``"pt-BR" or "pt"``."""
    quoted = [f'"{tag}"' for tag in tags]
    return (
        ", ".join(quoted[:-1]) + f" {conjunction} " + quoted[-1] if len(quoted) > 1 else quoted[0]
    )


@functools.lru_cache(maxsize=64)
def parse_language(tag: str) -> Language:
    """The language a BCP 47 tag names (``fr``, ``zh-Hans``, ``pt-BR``), or UnknownLanguage.

    A tag written the way gettext and Babel write locales (``pt_BR``) names the same language
    as its BCP 47 form; :func:`is_underscored` tells callers to say how it should be written.
    """
    locale = _locale(tag)
    if locale is None:
        raise UnknownLanguage(tag)
    return Language(tag=_canonical_case(tag.strip()), locale=locale)


def _locale(tag: str) -> Locale | None:
    """Babel's locale for a tag (hyphens or underscores), or None if it knows none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag.strip().replace("_", "-"), sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def is_underscored(tag: str) -> bool:
    """Whether a tag was written with underscores (``pt_BR``), which BCP 47 writes ``pt-BR``."""
    return "_" in tag


def _canonical_case(tag: str) -> str:
    """``zh-hans-cn`` as BCP 47 writes it: ``zh-Hans-CN``."""
    parts = tag.replace("_", "-").split("-")
    return "-".join(
        [parts[0].lower()]
        + [p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p for p in parts[1:]]
    )


def canonical_tags(tags: Sequence[str] | None) -> tuple[str, ...] | None:
    """Language tags as BCP 47 writes them (``zh-hans`` and ``zh_hans`` are ``zh-Hans``);
    UnknownLanguage for one this tool does not know. None stays None (all languages)."""
    return None if tags is None else tuple(parse_language(tag).tag for tag in tags)


def fallback_tags(tag: str) -> tuple[str, ...]:
    """The tags whose words serve a language, most specific first: ``pt-BR``, then ``pt``;
    ``zh-CN``, then ``zh-Hans`` (the script Chinese is written in in China), then ``zh``."""
    language = parse_language(tag)
    parts = language.tag.split("-")
    chain = ["-".join(parts[:end]) for end in range(len(parts), 1, -1)]
    base, script = language.locale.language, language.locale.script
    if script:
        chain.append(f"{base}-{script}")
    chain += [parts[0], base]
    return tuple(dict.fromkeys(chain))


def suggest_tags(typed: str, limit: int = 3) -> tuple[str, ...]:
    """Known tags that someone who wrote ``typed`` may have meant, best first: the part of it
    that is a known tag (``pt`` for ``pt-XX``), the tag of a language named in English
    (``fr`` for ``French``), the language of a country written as a language (``ja`` for
    ``jp``), or tags spelt nearly the same (``pt-BR`` for ``ptbr``)."""
    from babel import Locale, languages, localedata

    text = typed.strip().replace("_", "-")
    if not text:
        return ()
    found: list[str] = []
    parts = text.split("-")
    for end in range(len(parts) - 1, 0, -1):
        if _locale("-".join(parts[:end])) is not None:
            found.append(_canonical_case("-".join(parts[:end])))
            break
    english = Locale("en")
    names = {str(name).lower(): code for code, name in english.languages.items()}
    if text.lower() in names:
        found.append(_canonical_case(names[text.lower()]))
    if len(text) == 2 and text.upper() in english.territories:
        found += languages.get_official_languages(text.upper())[:2]
    if not found:
        known = {code.replace("_", "-").lower(): code for code in localedata.locale_identifiers()}
        close = difflib.get_close_matches(text.lower(), list(known), n=limit, cutoff=0.7)
        found += [_canonical_case(known[match]) for match in close]
    return tuple(dict.fromkeys(found))[:limit]
