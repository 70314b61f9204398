"""Which installed fonts cover which characters: no tofu (empty boxes) in any edition.

Fontconfig knows every installed font's character set; ``fc-list`` prints them all in a few
milliseconds, so the check runs before rendering without importing the renderer.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import SetupError

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


@dataclass(frozen=True, slots=True)
class Coverage:
    """A set of code points, as sorted, non-overlapping ranges."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __contains__(self, char: str) -> bool:
        point = ord(char)
        index = bisect.bisect_right(self.starts, point) - 1
        return index >= 0 and point <= self.ends[index]

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
def _fc_list() -> str:
    """fontconfig's list of installed fonts: file, family and character set of each face."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise SetupError(
            "fc-list is missing, so the fonts cannot be checked; install fontconfig "
            "(`apt-get install fontconfig`, or run setup.sh)"
        )
    lines = subprocess.run(
        [fc_list, "--format", "%{file}|%{index}|%{family[0]}|%{charset}\n"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return "\n".join(sorted(lines))


@functools.lru_cache(maxsize=1)
def fonts_fingerprint() -> str:
    """Changes whenever a font is installed, removed or replaced."""
    digest = hashlib.sha256(_fc_list().encode())
    for path in sorted({line.split("|", 1)[0] for line in _fc_list().splitlines()}):
        with contextlib.suppress(OSError):
            status = os.stat(path)
            digest.update(f"{path}|{status.st_size}|{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def installed_fonts() -> dict[str, Coverage]:
    """Every installed font family and the characters it covers (all its faces together)."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    for line in _fc_list().splitlines():
        line = line.split("|", 2)[2]
        family, _, charset = line.rpartition("|")
        spans = ranges.setdefault(family, [])
        for item in charset.split():
            start, _, end = item.partition("-")
            spans.append((int(start, 16), int(end or start, 16)))
    return {family: Coverage.from_ranges(spans) for family, spans in ranges.items()}


@functools.lru_cache(maxsize=1)
def any_font() -> Coverage:
    """The characters some installed font covers (what fallback can print at all)."""
    spans = set()
    for line in _fc_list().splitlines():
        for item in line.rsplit("|", 1)[1].split():
            start, _, end = item.partition("-")
            spans.add((int(start, 16), int(end or start, 16)))
    return Coverage.from_ranges(spans)


def needs_glyph(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) not in _INVISIBLE


def uncovered(text: str, coverage: Coverage | None = None) -> list[str]:
    """The characters of ``text`` that no font (or none in ``coverage``) can print, in order."""
    coverage = coverage or any_font()
    missing = {c for c in set(text) if needs_glyph(c) and c not in coverage}
    return [c for c in dict.fromkeys(text) if c in missing]


def families_coverage(families: Iterable[str]) -> Coverage | None:
    """What the given families cover together, or None if none of them is installed."""
    fonts = installed_fonts()
    found = [fonts[f] for f in families if f in fonts]
    if not found:
        return None
    return Coverage.from_ranges(
        (s, e) for c in found for s, e in zip(c.starts, c.ends, strict=True)
    )


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
