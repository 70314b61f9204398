"""Double quotation marks per language, as the Unicode CLDR gives them.

Babel carries no CLDR delimiters, so the table is written out here: the quotation marks of
CLDR's locale data, per language and, where a region or a script sets them otherwise, per
language and region or script (``pt-PT``, ``de-CH``, ``zh-Hant``); a region CLDR gives a
parent locale follows it (``es-AR`` as ``es-419``). A language missing here prints English
quotation marks.
"""

from __future__ import annotations

from collections.abc import Mapping
from html.entities import codepoint2name
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

_ENGLISH = ("“", "”")
_GERMAN = ("„", "“")
_POLISH = ("„", "”")
_GUILLEMETS = ("«", "»")
_RIGHT_LEFT = ("”", "“")  # Arabic and Urdu: the marks of right-to-left typesetting
_SAME = ("”", "”")  # one mark opens and closes
_CORNER = ("「", "」")

#: CLDR quotation marks (quotationStart, quotationEnd) by language, ``language-Script`` or
#: ``language-REGION``; the most specific entry wins.
CLDR_QUOTES: Mapping[str, tuple[str, str]] = {
    "af": _ENGLISH,
    "am": _GUILLEMETS,
    "ar": _RIGHT_LEFT,
    "az": _ENGLISH,
    "be": _GUILLEMETS,
    "bg": _GERMAN,
    "bn": _ENGLISH,
    "bs": ("„", "”"),
    "ca": _GUILLEMETS,
    "ckb": _ENGLISH,
    "cs": _GERMAN,
    "cy": _ENGLISH,
    "da": _ENGLISH,
    "de": _GERMAN,
    "de-CH": _GUILLEMETS,
    "el": _GUILLEMETS,
    "en": _ENGLISH,
    "es": _GUILLEMETS,
    "es-419": _ENGLISH,
    "es-US": _GUILLEMETS,
    "et": _GERMAN,
    "eu": _GUILLEMETS,
    "fa": _GUILLEMETS,
    "fi": _SAME,
    "fil": _ENGLISH,
    "fr": _GUILLEMETS,
    "ga": _ENGLISH,
    "gl": _ENGLISH,
    "gu": _ENGLISH,
    "ha": _ENGLISH,
    "he": _SAME,
    "hi": _ENGLISH,
    "hr": _GERMAN,
    "hu": _POLISH,
    "hy": _GUILLEMETS,
    "id": _ENGLISH,
    "ig": _ENGLISH,
    "is": _GERMAN,
    "it": _GUILLEMETS,
    "ja": _CORNER,
    "ka": _GERMAN,
    "kk": _GUILLEMETS,
    "km": _ENGLISH,
    "kn": _ENGLISH,
    "ko": _ENGLISH,
    "ku": _ENGLISH,
    "ky": _GUILLEMETS,
    "ln": _ENGLISH,
    "lo": _ENGLISH,
    "lt": _GERMAN,
    "lv": _ENGLISH,
    "mg": _GUILLEMETS,
    "mk": _GERMAN,
    "ml": _ENGLISH,
    "mn": _ENGLISH,
    "mr": _ENGLISH,
    "ms": _ENGLISH,
    "my": _ENGLISH,
    "nb": _GUILLEMETS,
    "ne": _ENGLISH,
    "nl": ("‘", "’"),
    "nn": _GUILLEMETS,
    "no": _GUILLEMETS,
    "ny": _ENGLISH,
    "om": _ENGLISH,
    "pa": _ENGLISH,
    "pl": _POLISH,
    "ps": _ENGLISH,
    "pt": _ENGLISH,
    "pt-PT": _GUILLEMETS,
    "ro": _POLISH,
    "ru": _GUILLEMETS,
    "rw": _GUILLEMETS,
    "sd": _ENGLISH,
    "si": _ENGLISH,
    "sk": _GERMAN,
    "sl": _GERMAN,
    "so": _ENGLISH,
    "sq": _GUILLEMETS,
    "sr": _GERMAN,
    "sv": _SAME,
    "sw": _ENGLISH,
    "ta": _ENGLISH,
    "te": _ENGLISH,
    "th": _ENGLISH,
    "ti": _GUILLEMETS,
    "tk": _ENGLISH,
    "tr": _ENGLISH,
    "ug": ("»", "«"),
    "uk": _GUILLEMETS,
    "ur": _RIGHT_LEFT,
    "uz": _ENGLISH,
    "vi": _ENGLISH,
    "xh": _ENGLISH,
    "yi": _SAME,
    "yo": _ENGLISH,
    "zh": _ENGLISH,
    "zh-Hant": _CORNER,
    "zu": _ENGLISH,
}


def quotation_marks(
    locale: Locale, overrides: Mapping[str, tuple[str, str]] = {}
) -> tuple[str, str]:
    """The opening and closing double quotation marks of ``locale``: the most specific entry
    of ``overrides`` or of CLDR's table, an override first where both have one; English
    quotation marks for a language neither knows."""
    for key in _keys(locale):
        for table in (overrides, CLDR_QUOTES):
            if key in table:
                return table[key]
    return _ENGLISH


def _keys(locale: Locale) -> list[str]:
    """``pt-Latn-AO``, ``pt-AO``, ``pt-Latn``, then CLDR's parent locale (``pt-PT``), then
    ``pt``: the keys a locale may be found by, most specific first."""
    from babel.core import get_global

    language, script, region = locale.language, locale.script, locale.territory
    keys = []
    if script and region:
        keys.append(f"{language}-{script}-{region}")
    if region:
        keys.append(f"{language}-{region}")
    if script:
        keys.append(f"{language}-{script}")
    parent = get_global("parent_exceptions").get(str(locale))
    if parent:
        keys.append(parent.replace("_", "-"))
    keys.append(language)
    return keys


def as_html(marks: str) -> str:
    """Marks as HTML, written as character references (``&laquo;``): HTML as ASCII, whatever
    the marks (references already in ``marks`` stay as they are)."""
    return "".join(
        char if ord(char) < 128 else f"&{codepoint2name.get(ord(char), f'#{ord(char)}')};"
        for char in marks
    )
