"""Which installed fonts cover which characters: no tofu (empty boxes) in any edition.

Fontconfig knows every installed font's character set and ``fc-list`` prints them all. Parsing
that list takes longer than the rest of a small build's checks, so what all the fonts cover
together is kept in the user's cache folder, under a fingerprint of the font folders: it is
read again only after fonts are installed, removed or replaced.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import json
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import SetupError
from ..files import write_atomic

#: Characters that need no glyph: controls, format characters (joiners, bidi marks, soft
#: hyphens) and line or paragraph separators.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})

#: Unicode blocks of Chinese, Japanese and Korean: radicals, punctuation, kana, ideographs,
#: Hangul, compatibility and full-width forms.
_CJK_BLOCKS = (
    (0x1100, 0x11FF),
    (0x2E80, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)

#: Where fonts are installed on Debian (system, local, per user), and fontconfig's settings.
_FONT_ROOTS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/etc/fonts",
)


@dataclass(frozen=True, slots=True)
class Coverage:
    """A set of code points, as sorted, non-overlapping ranges."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __contains__(self, char: object) -> bool:
        if not isinstance(char, str):
            return False
        point = ord(char)
        index = bisect.bisect_right(self.starts, point) - 1
        return index >= 0 and point <= self.ends[index]

    @property
    def ranges(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)

    @classmethod
    def from_ranges(cls, ranges: Iterable[tuple[int, int]]) -> Coverage:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple(r[0] for r in merged), tuple(r[1] for r in merged))


@functools.lru_cache(maxsize=1)
def _fc_list() -> tuple[str, ...]:
    """fontconfig's list of installed fonts: file, family and character set of each face."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise SetupError(
            "fc-list is missing, so the fonts cannot be checked; install fontconfig "
            "(`apt-get install fontconfig`, or run setup.sh)"
        )
    lines = subprocess.run(
        [fc_list, "--format", "%{file}|%{family[0]}|%{charset}\n"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return tuple(sorted(lines))


def _charset_ranges(charset: str) -> Iterator[tuple[int, int]]:
    for item in charset.split():
        start, _, end = item.partition("-")
        yield int(start, 16), int(end or start, 16)


@functools.lru_cache(maxsize=1)
def installed_fonts() -> dict[str, Coverage]:
    """Every installed font family and the characters it covers (all its faces together)."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    for line in _fc_list():
        _, family, charset = line.split("|", 2)
        ranges.setdefault(family, []).extend(_charset_ranges(charset))
    return {family: Coverage.from_ranges(spans) for family, spans in ranges.items()}


def _font_folders(extra: Iterable[str] = ()) -> list[Path]:
    """The font folders and everything below them, in a stable order."""
    found: set[Path] = set()
    for name in [*_FONT_ROOTS, *extra]:
        top = Path(name).expanduser()
        if top.is_dir():
            found.add(top)
            found.update(Path(folder) for folder, _, _ in os.walk(top))
    return sorted(found)


def _folders_fingerprint(folders: Iterable[Path]) -> str:
    """Changes when a font is added to, removed from or renamed in any of the folders."""
    digest = hashlib.sha256(os.environ.get("FONTCONFIG_FILE", "").encode())
    for folder in folders:
        with contextlib.suppress(OSError):
            digest.update(f"{folder}|{folder.stat().st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "briefing" / "font-coverage.json"


@dataclass(frozen=True, slots=True)
class _Remembered:
    fingerprint: str
    coverage: Coverage
    families: frozenset[str]


@functools.lru_cache(maxsize=1)
def _remembered() -> _Remembered:
    """The fonts' fingerprint, what they cover together and the names of their families:
    from the cache folder when the font folders have not changed since it was written, else
    from fontconfig."""
    path = _cache_file()
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        data = json.loads(path.read_text("utf-8"))
        fingerprint = _folders_fingerprint(_font_folders(data["folders"]))
        if data["fingerprint"] == fingerprint:
            coverage = Coverage(tuple(data["starts"]), tuple(data["ends"]))
            return _Remembered(fingerprint, coverage, frozenset(data["families"]))
    folders = sorted({line.split("|", 1)[0].rsplit("/", 1)[0] for line in _fc_list()})
    fingerprint = _folders_fingerprint(_font_folders(folders))
    coverage = Coverage.from_ranges(
        span for line in _fc_list() for span in _charset_ranges(line.rsplit("|", 1)[1])
    )
    families = sorted({line.split("|", 2)[1] for line in _fc_list()})
    record = {
        "fingerprint": fingerprint,
        "folders": folders,
        "starts": coverage.starts,
        "ends": coverage.ends,
        "families": families,
    }
    with contextlib.suppress(OSError):  # no cache folder: it is only slower next time
        write_atomic(path, json.dumps(record).encode())
    return _Remembered(fingerprint, coverage, frozenset(families))


def fonts_fingerprint() -> str:
    """Changes whenever a font is installed, removed or replaced."""
    return _remembered().fingerprint


def any_font() -> Coverage:
    """The characters some installed font covers (what fallback can print at all)."""
    return _remembered().coverage


def installed_families() -> frozenset[str]:
    """The names of the installed font families (cheap: kept with the coverage)."""
    return _remembered().families


def needs_glyph(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) not in _INVISIBLE


def uncovered(text: str, coverage: Coverage | None = None) -> list[str]:
    """The characters of ``text`` that no font (or none in ``coverage``) can print, in order."""
    coverage = coverage or any_font()
    missing = {c for c in set(text) if needs_glyph(c) and c not in coverage}
    return [c for c in dict.fromkeys(text) if c in missing]


def describe(char: str) -> str:
    """``🧿 (U+1F9FF NAZAR AMULET)``"""
    name = unicodedata.name(char, "unnamed character")
    return f"{char} (U+{ord(char):04X} {name})"


def package_for(chars: Iterable[str]) -> str:
    """The Debian package of Noto fonts that covers these characters."""
    packages = []
    for char in chars:
        point = ord(char)
        if any(start <= point <= end for start, end in _CJK_BLOCKS):
            packages.append("fonts-noto-cjk")
        elif 0x1F000 <= point <= 0x1FAFF or 0x2600 <= point <= 0x27BF:
            packages.append("fonts-noto-color-emoji")
        else:
            packages.append("fonts-noto-core")
    return " ".join(dict.fromkeys(packages))


def printing_families(
    chars: Iterable[str], stack: Sequence[str], generic: str, lang: str
) -> list[str]:
    """The families that print ``chars`` in the CSS font stack ``stack`` (ending in the
    generic family ``generic``), as the renderer picks them, the one printing most first.

    The renderer gives each character the first family of the stack that has it; a
    character none of them has goes to the first font fontconfig offers for the generic
    family and the language that has it.
    """
    fonts = installed_fonts()
    counts: dict[str, int] = {}
    for char in chars:
        family = next((f for f in stack if f in fonts and char in fonts[f]), None)
        if family is None:
            fallback = (f for f in _fallback_families(generic, lang) if f in fonts)
            family = next((f for f in fallback if char in fonts[f]), None)
        if family is not None:
            counts[family] = counts.get(family, 0) + 1
    return sorted(counts, key=lambda family: -counts[family])


@functools.lru_cache(maxsize=64)
def _fallback_families(generic: str, lang: str) -> tuple[str, ...]:
    """The families fontconfig offers for a generic family and a language, best first."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return ()
    lines = subprocess.run(
        [fc_match, "--sort", "--format", "%{family[0]}\n", f"{generic}:lang={lang}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    return tuple(dict.fromkeys(lines))
