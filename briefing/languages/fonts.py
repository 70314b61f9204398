"""Which font families print which language: chosen by the script it is written in.

A language's script comes from its tag: the script subtag if it has one (``sr-Latn``), else
the script CLDR's likely subtags give it (``hi`` is written in Devanagari, ``zh-TW`` in
traditional Chinese characters). Every script has its Noto families, a serif for body text
where Noto has one and a sans for headings, labels and tables; a script with only one of the
two uses it for both.

Noto's faces for Arabic, Hebrew, the Indic scripts, Thai, Ethiopic and the other non-Latin,
non-CJK scripts have no Latin letters (and several lack digits, ``/`` or ``@``), so their
stacks start with the Latin face: Latin words, digits, web addresses and punctuation in those
editions print in one Latin face, and the script's own letters fall through to its face (the
renderer takes, for each character, the first family that has it). Chinese, Japanese and
Korean faces carry Latin letters of their own and come first.

The stylesheet repeats the table as ``:lang()`` rules (:func:`font_rules`), so a passage in
another language inside an edition (an English section left untranslated in an Arabic pack, a
Hindi name in an English one) gets the fonts of its own language.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from .coverage import installed_families

#: The Latin faces: also Greek and Cyrillic. They lead the stacks of the other scripts.
LATIN_SERIF = ("Noto Serif", "DejaVu Serif")
LATIN_SANS = ("Noto Sans", "DejaVu Sans")
CORE = "fonts-noto-core"
CJK = "fonts-noto-cjk"

#: Nastaliq's letters climb and descend far more than Naskh's: its lines need more room.
NASTALIQ = "Noto Nastaliq Urdu"
NASTALIQ_LINE_HEIGHT = 2.2


@dataclass(frozen=True, slots=True)
class Fonts:
    """Font families for body text and headings, first choice first, and their package.

    ``latin_first`` says the stacks start with a Latin face that the script's own letters
    skip; ``line_height`` is the leading its body text needs, where the default is too tight.
    """

    text: tuple[str, ...]
    head: tuple[str, ...]
    package: str
    script: str = "Latn"
    latin_first: bool = False
    line_height: float | None = None

    @property
    def text_css(self) -> str:
        return _css_stack(self.text, "serif")

    @property
    def head_css(self) -> str:
        return _css_stack(self.head, "sans-serif")

    @property
    def spaced_labels(self) -> bool:
        """Whether labels (set in capitals) are spaced out: only in scripts with capitals."""
        return self.script in CASED_SCRIPTS

    @property
    def text_face(self) -> str:
        """The face meant for the script's letters in body text."""
        return self.text[self.latin_first]

    @property
    def head_face(self) -> str:
        """The face meant for the script's letters in headings."""
        return self.head[self.latin_first]


def _css_stack(families: tuple[str, ...], generic: str) -> str:
    return ", ".join([*(f'"{family}"' for family in families), generic])


LATIN = Fonts(LATIN_SERIF, LATIN_SANS, CORE)


@dataclass(frozen=True, slots=True)
class ScriptFaces:
    """The Noto families of a script: serif and sans (either may be empty), and the Debian
    package that has them."""

    serif: tuple[str, ...]
    sans: tuple[str, ...]
    package: str = CORE


def _faces(name: str, serif: bool = True, sans: bool = True) -> ScriptFaces:
    return ScriptFaces(
        (f"Noto Serif {name}",) if serif else (), (f"Noto Sans {name}",) if sans else ()
    )


#: Scripts (ISO 15924 codes) and their Noto families, as Debian packages them. Latin, Greek
#: and Cyrillic are in Noto Serif and Noto Sans themselves; Chinese, Japanese and Korean in
#: the regional Noto CJK families (see :func:`_cjk`).
SCRIPT_FACES: dict[str, ScriptFaces] = {
    "Arab": ScriptFaces(("Noto Naskh Arabic",), ("Noto Sans Arabic",)),
    "Armn": _faces("Armenian"),
    "Beng": _faces("Bengali"),
    "Cans": _faces("Canadian Aboriginal", serif=False),
    "Cher": _faces("Cherokee", serif=False),
    "Deva": _faces("Devanagari"),
    "Ethi": _faces("Ethiopic"),
    "Geor": _faces("Georgian"),
    "Gujr": _faces("Gujarati"),
    "Guru": _faces("Gurmukhi"),
    "Hebr": _faces("Hebrew"),
    "Khmr": _faces("Khmer"),
    "Knda": _faces("Kannada"),
    "Laoo": _faces("Lao"),
    "Mlym": _faces("Malayalam"),
    "Mong": _faces("Mongolian", serif=False),
    "Mymr": _faces("Myanmar"),
    "Nkoo": _faces("NKo", serif=False),
    "Olck": _faces("Ol Chiki", serif=False),
    "Orya": _faces("Oriya", serif=False),
    "Sinh": _faces("Sinhala"),
    "Syrc": _faces("Syriac", serif=False),
    "Taml": _faces("Tamil"),
    "Telu": _faces("Telugu"),
    "Tfng": _faces("Tifinagh", serif=False),
    "Thaa": _faces("Thaana", serif=False),
    "Thai": _faces("Thai"),
    "Tibt": _faces("Tibetan", sans=False),
    "Vaii": _faces("Vai", serif=False),
    "Yiii": _faces("Yi", serif=False),
}

#: Body text faces a language prefers to its script's: Urdu is written in Nastaliq.
LANGUAGE_TEXT_FACES: dict[str, tuple[str, ...]] = {"ur": (NASTALIQ,)}

#: Scripts printed in the Latin faces.
LATIN_SCRIPTS = frozenset({"Latn", "Grek", "Cyrl"})
#: Scripts with capital letters.
CASED_SCRIPTS = LATIN_SCRIPTS | {"Armn", "Geor"}
#: Chinese, Japanese and Korean, and the region of Noto CJK whose glyph shapes each expects.
CJK_SCRIPTS = {"Hans": "SC", "Hant": "TC", "Jpan": "JP", "Kore": "KR", "Hang": "KR"}

#: Languages whose ``:lang()`` rules every stylesheet has, besides the project's own: the
#: main languages of each script (more specific tags after the ranges they narrow).
BUILTIN_LANGUAGES = (
    # Latin, Greek and Cyrillic
    "en", "fr", "es", "pt", "de", "it", "nl", "pl", "tr", "sw", "id", "vi", "fil", "ru",
    "uk", "el",
    # Chinese, Japanese, Korean
    "zh", "zh-Hans", "zh-Hant", "zh-TW", "zh-MO", "zh-HK", "zh-Hant-HK", "ja", "ko",
    # Arabic script
    "ar", "fa", "ur", "ps", "sd", "ckb", "ug",
    # the others
    "he", "yi", "hi", "mr", "ne", "bn", "as", "pa", "gu", "or", "ta", "te", "kn", "ml", "si",
    "th", "lo", "my", "km", "bo", "dz", "ka", "hy", "am", "ti", "dv",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Tag:
    language: str
    script: str | None
    region: str | None


def _split(tag: str) -> _Tag:
    """A BCP 47 tag's language, script and region subtags (``zh-Hant-HK``)."""
    parts = tag.replace("_", "-").split("-")
    script = region = None
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha() and script is None and region is None:
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            region = region or part.upper()
        else:
            break  # variants and extensions say nothing of the script
    return _Tag(parts[0].lower(), script, region)


def script_of(tag: str) -> str:
    """The script (ISO 15924) a language tag is written in: its script subtag, or the one
    CLDR's likely subtags give it; Latin if neither says."""
    return _maximize(tag).script or "Latn"


def _maximize(tag: str) -> _Tag:
    """The tag's subtags, its script and region filled in from CLDR's likely subtags where it
    leaves them out (``zh-HK`` is ``zh-Hant-HK``, ``yue`` is ``yue-Hant-HK``)."""
    parts = _split(tag)
    if parts.script and parts.region:
        return parts
    likely = _likely_subtags()
    candidates = [
        f"{parts.language}_{parts.script}" if parts.script else "",
        f"{parts.language}_{parts.region}" if parts.region else "",
        parts.language,
    ]
    for key in candidates:
        if key in likely:
            found = _split(likely[key])
            return _Tag(parts.language, parts.script or found.script, parts.region or found.region)
    return parts


@functools.cache
def _likely_subtags() -> dict[str, str]:
    from babel.core import get_global

    return dict(get_global("likely_subtags"))


@functools.lru_cache(maxsize=256)
def fonts_for(tag: str) -> Fonts:
    """The fonts that print the language of ``tag``."""
    script = script_of(tag)
    if script in LATIN_SCRIPTS:
        return LATIN
    if script in CJK_SCRIPTS or script == "Hani":
        return _cjk(_cjk_region(tag, script))
    faces = SCRIPT_FACES.get(script)
    if faces is None:  # a script without Noto faces here: fontconfig finds what it can
        return LATIN
    language_faces = LANGUAGE_TEXT_FACES.get(_split(tag).language, ())
    own_text = (*language_faces, *faces.serif, *faces.sans)
    own_head = (*faces.sans, *faces.serif)
    taller = NASTALIQ in language_faces and NASTALIQ in installed_families()
    return Fonts(
        (LATIN_SERIF[0], *own_text, *LATIN_SERIF[1:]),
        (LATIN_SANS[0], *own_head, *LATIN_SANS[1:]),
        faces.package,
        script,
        latin_first=True,
        line_height=NASTALIQ_LINE_HEIGHT if taller else None,
    )


def _cjk_region(tag: str, script: str) -> str:
    if script == "Hani":  # Han characters alone: the language says which shapes
        script = {"ja": "Jpan", "ko": "Kore"}.get(_split(tag).language, "Hans")
    if script == "Hant" and _maximize(tag).region == "HK":
        return "HK"
    return CJK_SCRIPTS[script]


def _cjk(region: str) -> Fonts:
    """Noto CJK in the regional variant whose glyph shapes the language expects."""
    return Fonts(
        (f"Noto Serif CJK {region}", LATIN_SERIF[0]),
        (f"Noto Sans CJK {region}", LATIN_SANS[0]),
        CJK,
        {"SC": "Hans", "TC": "Hant", "HK": "Hant", "JP": "Jpan", "KR": "Kore"}[region],
    )


def font_rules(tags: Iterable[str] = ()) -> list[tuple[str, Fonts]]:
    """The ``:lang()`` rules of a stylesheet: the built-in languages and ``tags``, each with
    its fonts, broader ranges before the narrower ones that override them (``zh`` before
    ``zh-Hant``)."""
    ranges = dict.fromkeys([*BUILTIN_LANGUAGES, *tags])
    ordered = sorted(ranges, key=lambda tag: tag.count("-"))  # stable: table order kept
    return [(tag, fonts_for(tag)) for tag in ordered]
