"""Languages: tags, writing direction, fonts, quotation marks, and the interface catalogs.

Every fixed word the templates print comes from a gettext catalog: the built-in ones in
``briefing/locale/``, overridden entry by entry by the project's ``locale/``.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

BUILTIN_LOCALE = Path(__file__).parent / "locale"
DOMAIN = "briefing"


def N_(message: str) -> str:
    """Marks a message for the catalogs without translating it here."""
    return message


#: Messages used outside the templates (call-out titles, notices), for the catalogs.
CALLOUT_TITLES = {
    "key": N_("Key messages"),
    "recommendations": N_("Recommendations"),
    "action": N_("What you can do"),
    "note": N_("Note"),
}
FALLBACK_NOTICE = N_(
    "This part has not been translated into %(language)s yet; it is printed in %(source)s."
)
FIXED_MESSAGES = (*CALLOUT_TITLES.values(), FALLBACK_NOTICE)


@dataclass(frozen=True, slots=True)
class Fonts:
    """Font families for body text and headings, first choice first."""

    text: tuple[str, ...]
    head: tuple[str, ...]
    package: str

    def css(self, families: tuple[str, ...], generic: str) -> str:
        return ", ".join([*(f'"{f}"' for f in families), generic])


LATIN_FONTS = Fonts(("Noto Serif", "DejaVu Serif"), ("Noto Sans", "DejaVu Sans"), "fonts-noto-core")
ARABIC_FONTS = Fonts(
    ("Noto Naskh Arabic", "Noto Serif"), ("Noto Sans Arabic", "Noto Sans"), "fonts-noto-core"
)


def _cjk_fonts(region: str) -> Fonts:
    """Noto CJK in the regional variant whose glyph shapes the language expects."""
    return Fonts(
        (f"Noto Serif CJK {region}", "Noto Serif"),
        (f"Noto Sans CJK {region}", "Noto Sans"),
        "fonts-noto-cjk",
    )


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
    def direction(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def fonts(self) -> Fonts:
        locale = self.locale
        language, script, territory = locale.language, locale.script, locale.territory
        if language == "zh":
            if territory == "HK":
                return _cjk_fonts("HK")
            if script == "Hant" or territory in ("TW", "MO"):
                return _cjk_fonts("TC")
            return _cjk_fonts("SC")
        if language == "ja":
            return _cjk_fonts("JP")
        if language == "ko":
            return _cjk_fonts("KR")
        if language in ("ar", "fa", "ur", "ps"):
            return ARABIC_FONTS
        return LATIN_FONTS

    @property
    def quotes(self) -> tuple[str, str]:
        """Opening and closing double quotation marks, as HTML."""
        return QUOTES.get(self.locale.language, ("&ldquo;", "&rdquo;"))

    def name(self, in_language: Language | None = None) -> str:
        """The language's name, written in ``in_language`` (default: itself)."""
        return self.locale.get_display_name(in_language.locale if in_language else self.locale)


#: Double quotation marks per language; French sets them off with narrow no-break spaces.
QUOTES = {
    "fr": ("&laquo;&#8239;", "&#8239;&raquo;"),
    "es": ("&laquo;", "&raquo;"),
    "ru": ("&laquo;", "&raquo;"),
    "ar": ("&laquo;", "&raquo;"),
    "de": ("&bdquo;", "&ldquo;"),
}


class UnknownLanguage(ValueError):
    """A language tag that Babel does not know."""


@functools.lru_cache(maxsize=64)
def parse_language(tag: str) -> Language:
    """The language a BCP 47 tag names (``fr``, ``zh-Hans``, ``pt-BR``), or UnknownLanguage."""
    try:
        locale = Locale.parse(tag.strip(), sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        raise UnknownLanguage(f"{tag!r} is not a language tag this tool knows") from None
    return Language(tag=_canonical_case(tag.strip()), locale=locale)


def _canonical_case(tag: str) -> str:
    """``zh-hans-cn`` as BCP 47 writes it: ``zh-Hans-CN``."""
    parts = tag.replace("_", "-").split("-")
    return "-".join(
        [parts[0].lower()]
        + [p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p for p in parts[1:]]
    )


def git_blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes (``git hash-object``), without needing git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def catalog_path(locale_dir: Path, language: Language) -> Path:
    return locale_dir / language.catalog_id / "LC_MESSAGES" / f"{DOMAIN}.po"


def _catalog_candidates(locale_dir: Path, language: Language) -> list[Path]:
    """The catalogs for a language, most specific first: zh_Hans_CN, zh_Hans, zh."""
    locale = language.locale
    names = [str(locale)]
    if locale.territory and locale.script:
        names.append(f"{locale.language}_{locale.script}")
    names.append(locale.language)
    return [locale_dir / name / "LC_MESSAGES" / f"{DOMAIN}.po" for name in dict.fromkeys(names)]


def ui_translations(project_root: Path, language: Language) -> gettext.NullTranslations:
    """The interface text for ``language``: the project's catalog first, then the built-in."""
    found = [
        path
        for folder in (project_root / "locale", BUILTIN_LOCALE)
        for path in _catalog_candidates(folder, language)
        if path.is_file()
    ]
    return _translation_chain(tuple((path, path.stat().st_mtime_ns) for path in found))


@functools.lru_cache(maxsize=32)
def _translation_chain(catalogs: tuple[tuple[Path, int], ...]) -> gettext.NullTranslations:
    chain = gettext.NullTranslations()
    for path, _ in reversed(catalogs):
        with path.open("rb") as stream:
            catalog = read_po(stream)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        layer = gettext.GNUTranslations(buffer)
        layer.add_fallback(chain)
        chain = layer
    return chain
