"""What the templates print for an edition: its documents, its settings and its language."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from markupsafe import Markup

from .. import __version__
from ..languages.catalogs import FALLBACK_NOTICE, ui_translations
from ..languages.fonts import Fonts, font_rules
from ..languages.tags import Language, parse_language
from ..languages.typography import typeset
from ..project.model import PRINT_BLEED_MM, PRINT_SLUG_MM, Edition, Part, Project, edition_parts
from ..project.settings import LINE_HEIGHT, PAPER_SIZES, Organisation
from .runs import isolate_runs
from .templating import render_template


def edition_html(project: Project, edition: Edition, scale: float = 1.0) -> str:
    """The whole HTML of an edition, its stylesheets included, at a fit ``scale``."""
    translations = ui_translations(project.root, parse_language(edition.language))
    context = template_context(project, edition, scale)
    return isolate_runs(
        render_template(project.root, f"{edition.kind}.html", context, translations)
    )


def template_context(project: Project, edition: Edition, scale: float = 1.0) -> dict[str, Any]:
    """Everything a page template may use; documented in the README."""
    config = project.config
    language = parse_language(edition.language)
    organisation = printed_organisation(config.organisation, language.tag)
    source = parse_language(config.language)
    parts = edition_parts(edition.publication, edition.kind, edition.language, config.language)
    translations = ui_translations(project.root, language)
    meta = parts.meta
    start, end = ("right", "left") if language.direction == "rtl" else ("left", "right")
    notice = fallback_notice(translations.gettext(FALLBACK_NOTICE), source, language)
    context: dict[str, Any] = {
        "lang": language.tag,
        "dir": language.direction,
        "side": {"start": start, "end": end},
        "fonts": font_context(language.tag, language.fonts),
        "font_rules": [
            font_context(tag, fonts)
            for tag, fonts in font_rules([*config.editions_languages, config.language])
        ],
        "meta": meta,
        "meta_html": {
            key: Markup(parts.opening.printed.html_of(key))
            for key in ("title", "subtitle", "series")
        },
        "organisation": organisation,
        "logo_url": organisation.logo.as_uri() if organisation.logo else None,
        "date_text": format_date(meta.date, language.tag) if meta.date else "",
        "paper": PAPER_SIZES[edition.paper],
        "scale": scale,
        "line_height": LINE_HEIGHT,
        "bleed": PRINT_BLEED_MM if edition.profile == "print" else 0,
        "slug": PRINT_SLUG_MM if edition.profile == "print" else 0,
        "duplex": edition.duplex,
        "qr": qr_data_uri(meta.url) if meta.url else None,
        "version": __version__,
    }

    def view(part: Part[Any]) -> dict[str, Any]:
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
            "title": handout.meta.title or meta.title,
            "title_html": Markup(handout.html_of("title") or context["meta_html"]["title"]),
            "lead": handout.meta.lead or meta.summary,
        }
    return context


def font_context(tag: str, fonts: Fonts) -> dict[str, Any]:
    """A language's fonts as the stylesheets write them: CSS font stacks, leading, and
    whether its labels are spaced out."""
    return {
        "lang": tag,
        "text": Markup(fonts.text_css),
        "head": Markup(fonts.head_css),
        "line_height": fonts.line_height or LINE_HEIGHT,
        "spaced": fonts.spaced_labels,
    }


def fallback_notice(message: str, source: Language, language: Language) -> str:
    """The notice above a part printed in the source language, all in one language.

    Where a catalog translates the notice, the source language is named in the edition's
    language; where the English notice prints, in English. The name leaves out the region
    (English, not English (United Kingdom)) but keeps the script (Chinese (Simplified)).
    """
    from babel import Locale, UnknownLocaleError

    translated = message != FALLBACK_NOTICE
    names_in = language.locale if translated else Locale("en")
    try:
        bare = Locale(source.locale.language, script=source.locale.script)
    except UnknownLocaleError:
        bare = source.locale
    try:
        return message % {"source": bare.get_display_name(names_in)}
    except (KeyError, ValueError, TypeError):  # a catalog's broken placeholder (`check` says)
        return fallback_notice(FALLBACK_NOTICE, source, language) if translated else message


def printed_organisation(organisation: Organisation, tag: str) -> Organisation:
    """The organisation block as an edition in the language of ``tag`` prints it: its words
    in that language (from ``[organisation.<tag>]``, falling back to less specific tags, then
    to ``[organisation]``), set as a typesetter would in that language."""
    local = organisation.in_language(tag)
    return dataclasses.replace(
        local,
        name=typeset(local.name, tag),
        licence=typeset(local.licence, tag),
        address=tuple(typeset(line, tag) for line in local.address),
    )


def format_date(date: Any, tag: str) -> str:
    """A date written out in the language of ``tag``: 5 October 2016, 2016年10月5日."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(date, "long", locale=parse_language(tag).locale))


@functools.lru_cache(maxsize=64)
def qr_data_uri(url: str) -> str:
    """A QR code for ``url``, as an SVG data URI: vector, made offline, the same every time."""
    import segno

    code = segno.make(url, error="m", micro=False)
    return str(code.svg_data_uri(border=2, dark="#0a3440", scale=1, unit="mm", nl=False))
