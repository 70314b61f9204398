"""Which font families print which language: one table, read by the code and the stylesheet.

The edition's language picks the families of its body text and headings; the stylesheet
repeats the same table as ``:lang()`` rules, so a passage in another script inside an edition
(a Chinese name in an English pack) gets the fonts of its own language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fonts:
    """Font families for body text and headings, first choice first, and their package."""

    text: tuple[str, ...]
    head: tuple[str, ...]
    package: str

    @property
    def text_css(self) -> str:
        return _css_stack(self.text, "serif")

    @property
    def head_css(self) -> str:
        return _css_stack(self.head, "sans-serif")


def _css_stack(families: tuple[str, ...], generic: str) -> str:
    return ", ".join([*(f'"{family}"' for family in families), generic])


LATIN = Fonts(("Noto Serif", "DejaVu Serif"), ("Noto Sans", "DejaVu Sans"), "fonts-noto-core")
ARABIC = Fonts(
    ("Noto Naskh Arabic", "Noto Serif"), ("Noto Sans Arabic", "Noto Sans"), "fonts-noto-core"
)


def _cjk(region: str) -> Fonts:
    """Noto CJK in the regional variant whose glyph shapes the language expects."""
    return Fonts(
        (f"Noto Serif CJK {region}", "Noto Serif"),
        (f"Noto Sans CJK {region}", "Noto Sans"),
        "fonts-noto-cjk",
    )


#: Language ranges (as CSS ``:lang()`` matches them: the tag or a longer tag starting with
#: it) and their fonts. Later entries are more specific and win; other languages use LATIN.
FONT_TABLE: tuple[tuple[str, Fonts], ...] = (
    ("zh", _cjk("SC")),
    ("zh-Hant", _cjk("TC")),
    ("zh-TW", _cjk("TC")),
    ("zh-MO", _cjk("TC")),
    ("zh-HK", _cjk("HK")),
    ("zh-Hant-HK", _cjk("HK")),
    ("ja", _cjk("JP")),
    ("ko", _cjk("KR")),
    ("ar", ARABIC),
    ("fa", ARABIC),
    ("ur", ARABIC),
    ("ps", ARABIC),
)


def matches(tag: str, language_range: str) -> bool:
    """Whether ``tag`` falls in ``language_range``, as CSS ``:lang()`` decides it."""
    tag, language_range = tag.lower(), language_range.lower()
    return tag == language_range or tag.startswith(language_range + "-")


def fonts_for(tag: str) -> Fonts:
    """The fonts that print the language of ``tag``."""
    chosen = LATIN
    for language_range, fonts in FONT_TABLE:
        if matches(tag, language_range):
            chosen = fonts
    return chosen
