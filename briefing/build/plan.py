"""Which editions a build makes, each as one recipe (:class:`~briefing.project.model.Edition`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..project.model import (
    IMPOSED_KIND,
    KINDS,
    Attachment,
    Edition,
    Imposition,
    Kind,
    Profile,
    Project,
    Publication,
    edition_parts,
)
from ..project.settings import PaperName


@dataclass(frozen=True, slots=True)
class Selection:
    """What a person asked to build: all of it by default."""

    #: One publication (the name of its folder in content/), or all.
    only: str | None = None
    #: Some of the languages the project publishes, or all.
    languages: tuple[str, ...] | None = None
    kinds: tuple[Kind, ...] = KINDS
    profile: Profile = "screen"
    #: Lay every edition out on this paper, whatever the settings say.
    paper: PaperName | None = None
    impose: Imposition | None = None


def plan_editions(project: Project, selection: Selection = Selection()) -> list[Edition]:
    """The editions a build makes, in a stable order: publication, language, kind."""
    publications = project.publications
    if selection.only is not None:
        publications = tuple(p for p in publications if p.slug == selection.only)
        if not publications:
            known = ", ".join(p.slug for p in project.publications) or "none"
            raise UsageError(
                f"--only {selection.only}: no such publication; the publications are: {known}"
            )
    return [
        _recipe(project, publication, kind, language, selection)
        for publication in publications
        for language in selected_languages(project, selection.languages)
        for kind in publication.kinds
        if kind in selection.kinds
    ]


def selected_languages(project: Project, languages: Sequence[str] | None) -> tuple[str, ...]:
    """The languages of the project that a build publishes, in the project's order."""
    configured = project.config.editions_languages
    if languages is None:
        return configured
    unknown = [tag for tag in languages if tag not in configured]
    if unknown:
        raise UsageError(
            f"--lang {','.join(unknown)}: not a language this project publishes; the "
            f"languages in briefing.toml are: {', '.join(configured)}"
        )
    return tuple(tag for tag in configured if tag in languages)


def _recipe(
    project: Project, publication: Publication, kind: Kind, language: str, selection: Selection
) -> Edition:
    config = project.config
    profile, impose = selection.profile, selection.impose
    return Edition(
        publication=publication,
        kind=kind,
        language=language,
        profile=profile,
        paper=selection.paper or config.paper_name(kind),
        impose=impose if impose is not None and IMPOSED_KIND[impose] == kind else None,
        min_scale=_min_scale(project, publication, kind, language),
        budget_mb=config.email_budget_mb if profile == "email" else None,
        attachments=_sources(project, publication, kind, language) if profile == "archive" else (),
    )


def _min_scale(project: Project, publication: Publication, kind: Kind, language: str) -> float:
    """How far a handout may shrink: its front matter's min_scale (the translation's, then
    the source's), or the project's setting; packs do not shrink."""
    if kind != "handout":
        return 1.0
    parts = edition_parts(publication, kind, language, project.config.language)
    assert parts.handout is not None
    for document in (parts.handout.printed, parts.handout.source):
        if document.meta.min_scale is not None:
            return document.meta.min_scale
    return project.config.handout_min_scale


def _sources(
    project: Project, publication: Publication, kind: Kind, language: str
) -> tuple[Attachment, ...]:
    """The Markdown files an edition prints, to embed in its archive PDF."""
    parts = edition_parts(publication, kind, language, project.config.language)
    meta = parts.meta
    moment = datetime.datetime.combine(meta.date or datetime.date(1980, 1, 1), datetime.time())
    return tuple(
        Attachment(
            name=part.printed.path.name,
            data=part.printed.path.read_bytes(),
            description=f"Markdown source of {meta.title}",
            date=moment,
        )
        for part in parts.all
    )
