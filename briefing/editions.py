"""Editions: which PDFs a build makes, what each prints, and the HTML for it."""

from __future__ import annotations

import dataclasses
import functools
import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date
from markupsafe import Markup

from . import __version__
from .errors import Problem, UsageError, relative_to
from .i18n import FALLBACK_NOTICE, parse_language, ui_translations
from .model import (
    KINDS,
    PRINT_BLEED_MM,
    Document,
    Edition,
    Project,
    Publication,
    PublicationMeta,
)
from .templating import render_template

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True, slots=True)
class Part:
    """One document of an edition: the source, and what is printed for it."""

    source: Document
    printed: Document
    #: Printed in the source language because the translation is missing.
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class EditionParts:
    meta: PublicationMeta
    opening: Part
    sections: tuple[Part, ...]
    handout: Part | None
    #: Translation files the edition needs that do not exist.
    missing: tuple[Path, ...]


def assemble(edition: Edition, source_language: str) -> EditionParts:
    """What an edition prints: translated documents where they exist, sources elsewhere."""
    publication = edition.publication
    translated = (
        {}
        if edition.language == source_language
        else (publication.translations.get(edition.language, {}))
    )
    missing: list[Path] = []

    def part(source: Document) -> Part:
        printed = translated.get(source.stem)
        if printed is None and edition.language != source_language:
            missing.append(publication.folder / f"{source.stem}.{edition.language}.md")
            return Part(source, source, fallback=True)
        return Part(source, printed or source)

    opening = part(publication.opening)
    if edition.kind == "pack":
        sections, handout = tuple(part(s) for s in publication.sections), None
    else:
        assert publication.handout is not None
        sections, handout = (), part(publication.handout)
    return EditionParts(
        meta=_translated_meta(publication, opening.printed),
        opening=opening,
        sections=sections,
        handout=handout,
        missing=tuple(missing),
    )


def _translated_meta(publication: Publication, index: Document) -> PublicationMeta:
    if index is publication.opening:
        return publication.meta
    fields = {f.name for f in dataclasses.fields(PublicationMeta)}
    return dataclasses.replace(
        publication.meta, **{k: v for k, v in index.meta.items() if k in fields}
    )


def plan_editions(
    project: Project,
    only: str | None = None,
    kinds: tuple[str, ...] = KINDS,
    languages: tuple[str, ...] | None = None,
    profile: str = "screen",
) -> list[Edition]:
    """The editions a build makes, in a stable order: publication, language, kind."""
    publications = project.publications
    if only is not None:
        publications = tuple(p for p in publications if p.slug == only)
        if not publications:
            known = ", ".join(p.slug for p in project.publications) or "none"
            raise UsageError(f"--only {only}: no such publication; the publications are: {known}")
    configured = project.config.editions_languages
    if languages is not None:
        unknown = [tag for tag in languages if tag not in configured]
        if unknown:
            raise UsageError(
                f"--lang {','.join(unknown)}: not a language this project publishes; the "
                f"languages in briefing.toml are: {', '.join(configured)}"
            )
        configured = tuple(tag for tag in configured if tag in languages)
    return [
        Edition(publication, kind, language, profile)
        for publication in publications
        for language in configured
        for kind in publication.kinds
        if kind in kinds
    ]


def incomplete(project: Project, edition: Edition) -> Problem | None:
    """Why an edition cannot be published as it stands, or None.

    A missing translation stops the edition unless the project allows printing the source
    text instead (``untranslated = "source"``); a broken translation file always does.
    """
    config = project.config
    publication = edition.publication
    if edition.language in publication.broken_languages:
        return Problem(
            edition.label,
            f"not built: a {edition.language} translation file has errors (see above)",
        )
    missing = assemble(edition, config.language).missing
    if missing and config.untranslated == "skip":
        names = ", ".join(relative_to(path, config.root).as_posix() for path in missing)
        return Problem(
            edition.label,
            f"skipped, the translation is incomplete: missing {names}; translate them, or set "
            'untranslated = "source" in briefing.toml to print the source text there',
            warning=True,
        )
    return None


def template_context(project: Project, edition: Edition, scale: float = 1.0) -> dict[str, Any]:
    """Everything a template may use; documented in the README."""
    config = project.config
    organisation = config.organisation
    language = parse_language(edition.language)
    source = parse_language(config.language)
    parts = assemble(edition, config.language)
    translations = ui_translations(project.root, language)
    meta = parts.meta
    start, end = ("right", "left") if language.direction == "rtl" else ("left", "right")
    context: dict[str, Any] = {
        "lang": language.tag,
        "dir": language.direction,
        "side": {"start": start, "end": end},
        "fonts": {
            "text": Markup(language.fonts.css(language.fonts.text, "serif")),
            "head": Markup(language.fonts.css(language.fonts.head, "sans-serif")),
        },
        "meta": meta,
        "organisation": organisation,
        "logo_url": organisation.logo.as_uri() if organisation.logo else None,
        "date_text": format_date(meta.date, "long", locale=language.locale) if meta.date else "",
        "paper": config.paper_for(edition.kind),
        "scale": scale,
        "bleed": PRINT_BLEED_MM if edition.profile == "print" else 0,
        "qr": qr_data_uri(meta.url) if meta.url else None,
        "version": __version__,
        "_": _gettext(translations),
        "gettext": _gettext(translations),
        "ngettext": _ngettext(translations),
        "css_text": _css_text(translations),
    }
    notice = translations.gettext(FALLBACK_NOTICE) % {
        "language": language.name(),
        "source": source.name(language),
    }

    def view(part: Part) -> dict[str, Any]:
        document = part.printed
        return {
            "anchor": document.anchor,
            "title": document.title,
            "title_html": Markup(document.title_html),
            "html": Markup(document.markup.html),
            "lang": document.language,
            "dir": parse_language(document.language).direction,
            "fallback_notice": notice if part.fallback else "",
        }

    context["opening"] = view(parts.opening)
    context["sections"] = [view(part) for part in parts.sections]
    if parts.handout is not None:
        handout = parts.handout.printed
        context["handout"] = {
            **view(parts.handout),
            "title": handout.meta.get("title") or meta.title,
            "lead": handout.meta.get("lead") or meta.summary,
        }
    return context


@functools.lru_cache(maxsize=64)
def qr_data_uri(url: str) -> str:
    """A QR code for ``url``, as an SVG data URI: vector, made offline, the same every time."""
    import segno

    code = segno.make(url, error="m", micro=False)
    return code.svg_data_uri(border=2, dark="#0a3440", scale=1, unit="mm", nl=False)


def edition_html(project: Project, edition: Edition, scale: float = 1.0) -> str:
    context = template_context(project, edition, scale)
    return render_template(project.root, f"{edition.kind}.html", context)


def _gettext(translations: gettext.NullTranslations) -> Callable[..., str]:
    def translate(message: str, **variables: Any) -> str:
        text = translations.gettext(message)
        return text % variables if variables else text

    return translate


def _ngettext(translations: gettext.NullTranslations) -> Callable[..., str]:
    def translate(singular: str, plural: str, num: int, **variables: Any) -> str:
        return translations.ngettext(singular, plural, num) % {"num": num, **variables}

    return translate


def _css_text(translations: gettext.NullTranslations) -> Callable[..., Markup]:
    """Translated text as a CSS ``content`` value; placeholders become CSS functions.

    ``css_text("Page %(page)s of %(pages)s", page="counter(page)", pages="counter(pages)")``
    gives ``"Page " counter(page) " of " counter(pages)``, in the edition's language.
    """

    def translate(message: str, **functions: str) -> Markup:
        pieces = _PLACEHOLDER.split(translations.gettext(message))
        tokens = []
        for index, piece in enumerate(pieces):
            if index % 2:
                tokens.append(functions[piece])
            elif piece:
                escaped = piece.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
                tokens.append(f'"{escaped}"')
        return Markup(" ".join(tokens) or '""')

    return translate
