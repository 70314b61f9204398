"""The words of a draft email that sends an edition: plain-text and HTML bodies, made from the
templates ``email.txt`` and ``email.html`` (overridable like the page templates)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..languages.catalogs import ui_translations
from ..languages.tags import parse_language
from ..project.model import Edition, Project, edition_parts
from .context import printed_organisation
from .templating import render_template


@dataclass(frozen=True, slots=True)
class EmailBodies:
    subject: str
    plain: str
    html: str


def email_bodies(project: Project, edition: Edition) -> EmailBodies:
    """The subject and bodies of the email for ``edition``, in its language: title,
    summary, key messages, the publication's address and the organisation."""
    language = parse_language(edition.language)
    translations = ui_translations(project.root, language)
    parts = edition_parts(edition.publication, "pack", edition.language, project.config.language)
    key = parts.opening.printed.markup.key_messages
    context = {
        "lang": language.tag,
        "dir": language.direction,
        "meta": parts.meta,
        "organisation": printed_organisation(project.config.organisation, language.tag),
        "key": None
        if key is None
        else {"title": key.title, "points": key.points, "html": Markup(key.html)},
    }
    plain, html = (
        render_template(project.root, name, context, translations)
        for name in ("email.txt", "email.html")
    )
    return EmailBodies(subject=parts.meta.title, plain=plain, html=html)
