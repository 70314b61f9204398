"""`briefing doctor`: is this machine ready to render every configured language?"""

from __future__ import annotations

import ctypes.util
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import BriefingError
from ..languages.catalogs import FIXED_MESSAGES, ui_translations
from ..languages.coverage import (
    describe,
    installed_fonts,
    package_for,
    printing_families,
    uncovered,
)
from ..languages.tags import parse_language
from ..project.settings import load_config


@dataclass(frozen=True, slots=True)
class Finding:
    subject: str
    ok: bool
    detail: str


def diagnose(project_root: Path | None) -> list[Finding]:
    """What the renderer needs, and whether each configured language can be printed."""
    findings = [_renderer(), _subsetter()]
    if shutil.which("fc-list") is None:
        findings.append(Finding("fonts", False, "fc-list is missing; install fontconfig"))
        return findings
    languages: tuple[str, ...] = ("en",)
    root = project_root or Path.cwd()
    if project_root is not None:
        try:
            languages = load_config(project_root).editions_languages
        except BriefingError as error:
            findings.append(Finding("briefing.toml", False, str(error)))
    findings += [_language(root, tag) for tag in languages]
    return findings


def _renderer() -> Finding:
    """Whether WeasyPrint loads, asked of the PDF stage (the only one that imports it)."""
    from ..errors import SetupError
    from ..pdf.render import import_renderer, renderer_version

    try:
        import_renderer()
    except SetupError as error:
        return Finding("renderer", False, str(error))
    return Finding("renderer", True, f"WeasyPrint {renderer_version()}")


def _subsetter() -> Finding:
    if ctypes.util.find_library("harfbuzz-subset"):
        return Finding("font subsetting", True, "HarfBuzz subsetter (libharfbuzz-subset0)")
    return Finding(
        "font subsetting",
        False,
        "libharfbuzz-subset0 is missing: PDFs are written with fontTools instead, 10-20% "
        "slower for Latin text and up to 30 times slower for Chinese; install "
        "libharfbuzz-subset0",
    )


def _language(root: Path, tag: str) -> Finding:
    """Whether a language can be printed, and in which faces.

    It cannot when its letters include characters no installed font has: what the build
    checks, and refuses. Else the faces named are those the PDF uses for its letters: the
    first family of the edition's font stacks that has them, as the renderer picks.
    """
    from babel.dates import get_day_names, get_month_names

    language = parse_language(tag)
    fonts = language.fonts
    subject = f"{tag} ({language.name(parse_language('en'))})"
    own_words = [
        *get_month_names("wide", locale=language.locale).values(),
        *get_day_names("wide", locale=language.locale).values(),
        language.name(),
    ]
    try:
        translations = ui_translations(root, language)
    except BriefingError as error:  # a catalog the build refuses (a link out of the project)
        return Finding(subject, False, "; ".join(str(problem) for problem in error.problems))
    sample = " ".join([*own_words, *(translations.gettext(m) for m in FIXED_MESSAGES)])
    missing = uncovered(sample)
    if missing:
        shown = ", ".join(describe(c) for c in missing[:5])
        return Finding(
            subject, False, f"no installed font has {shown}; install {package_for(missing)}"
        )
    letters = [c for c in dict.fromkeys("".join(own_words)) if unicodedata.category(c)[0] == "L"]
    text = printing_families(letters, fonts.text, "serif", language.tag)
    head = printing_families(letters, fonts.head, "sans-serif", language.tag)
    detail = (
        f"body text in {' and '.join(text) or 'fallback fonts'}, "
        f"headings in {' and '.join(head) or 'fallback fonts'}"
    )
    installed = installed_fonts()
    better = [f for f in dict.fromkeys([fonts.text_face, fonts.head_face]) if f not in installed]
    if better:
        detail += f"; install {fonts.package} for {' and '.join(better)}"
    return Finding(subject, True, detail)
